"""`podium check` says what the build says: in one run, with --strict like `mkdocs build --strict`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from podium import cli
from podium.catalog import build_catalog
from podium.problems import Problems
from podium.settings import Settings

UTC = dt.UTC
CONFIG = "site_name: x\ndocs_dir: content\nplugins:\n  - podium/posts:\n      timezone: UTC\n"


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(CONFIG, "utf-8")
    return config


def _settings(root: Path, *, preview: bool = False) -> Settings:
    return Settings(
        root=root,
        content_dir=root / "content",
        data_dir=root / "data",
        now=dt.datetime(2026, 1, 1, tzinfo=UTC),
        preview=preview,
    )


def test_strict_fails_on_warnings_as_the_build_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _write(
        tmp_path, {"content/blog/p.md": "---\ntitle: x\ndate: 2024-01-01\ntgas: [a]\n---\n"}
    )
    assert cli.main(["check", "--config", str(config)]) == 0
    assert cli.main(["check", "--config", str(config), "--strict"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[-1] == (
        "content/blog/p.md:4:1: warning: tgas: unknown key (did you mean 'tags'?)"
    )
    (tmp_path / "content/blog/p.md").write_text("---\ntitle: x\ndate: 2024-01-01\n---\n")
    assert cli.main(["check", "--config", str(config), "--strict"]) == 0


def test_front_matter_and_body_problems_come_in_one_run(tmp_path: Path) -> None:
    text = "---\ntitle: Broken\ndate: 2024-02-30\n---\n\nSee ![x](/images/missing.png).\n"
    _write(tmp_path, {"content/blog/p.md": text})
    problems = Problems()
    catalog = build_catalog(_settings(tmp_path), ["blog/p.md"], problems)
    found = [(p.line, p.field, p.severity) for p in problems.sorted()]
    assert found[0] == (3, "date", "error")
    assert any(line == 6 and severity == "error" for line, _f, severity in found[1:]), found
    assert "missing.png" in str(problems.sorted()[1])
    assert catalog.posts == ()
    # What the preview shows at the post's URL: its title and its body, checked.
    [shown] = catalog.broken
    assert (shown.url, shown.title) == ("blog/p/", "Broken")
    assert "See ![x](" in shown.markdown


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ('---\ntitle: "Unclosed\ndate: 2024-01-01\n---\nThe body.\n', "Unclosed", "The body."),
        (
            '+++\ntitle = "Toml post"\ndate = 2024-01-01\ntags = ["a"\n+++\nThe body.\n',
            "Toml post",
            "The body.",
        ),
        ("---\ntitle: Never closed\ndate: 2024-01-01\nThe body.\n", "Never closed", ""),
        ("Just text, no front matter.\n", "p", "Just text, no front matter."),
    ],
)
def test_a_broken_post_keeps_what_can_be_shown(
    tmp_path: Path, text: str, title: str, body: str
) -> None:
    _write(tmp_path, {"content/blog/p.md": text})
    problems = Problems()
    catalog = build_catalog(_settings(tmp_path, preview=True), ["blog/p.md"], problems)
    assert problems.errors
    [shown] = catalog.broken
    assert shown.title == title
    assert shown.markdown.strip() == body


def test_a_broken_post_or_event_makes_no_tag_look_unused(tmp_path: Path) -> None:
    files = {
        "content/blog/p.md": "---\ntitle: x\ndate: 2024-02-30\ntags: [news]\n---\n",
        "data/tags.yml": "news:\n  title: News\nevents:\n  title: Events\n",
        "data/events/conf.yml": "title: Conf\nkind: conferense\nstart: 2024-01-01\ntags: [events]\n",
    }
    _write(tmp_path, files)
    problems = Problems()
    build_catalog(_settings(tmp_path), ["blog/p.md"], problems)
    assert [p.path for p in problems.sorted()] == ["content/blog/p.md", "data/events/conf.yml"]
    # Once both are fixed, an unused tag is reported again.
    (tmp_path / "content/blog/p.md").write_text("---\ntitle: x\ndate: 2024-02-03\n---\n")
    (tmp_path / "data/events/conf.yml").write_text(
        "title: Conf\nkind: conference\nstart: 2024-01-01\n"
    )
    problems = Problems()
    build_catalog(_settings(tmp_path), ["blog/p.md"], problems)
    assert [(p.path, p.field) for p in problems.sorted()] == [
        ("data/tags.yml", "news"),
        ("data/tags.yml", "events"),
    ]


def test_unknown_blocks_are_found_by_check_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _write(
        tmp_path,
        {
            "content/index.md": "# Home\n\n  <!-- podium:nope -->\n",
            "content/blog/p.md": "---\ntitle: x\ndate: 2024-01-01\n---\n\n<!-- podium:postz 2 -->\n",
        },
    )
    assert cli.main(["check", "--config", str(config), "--strict"]) == 1
    supported = "(supported: podium:posts, podium:events, podium:talks, podium:subscribe)"
    assert capsys.readouterr().out.splitlines() == [
        f"content/blog/p.md:6:1: warning: unknown block 'podium:postz' {supported}",
        f"content/index.md:3:3: warning: unknown block 'podium:nope' {supported}",
    ]


def test_check_reads_categories_allowed_from_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _write(
        tmp_path,
        {"content/blog/p.md": "---\ntitle: x\ndate: 2024-01-01\ncategories: [News, Food]\n---\n"},
    )
    config.write_text(CONFIG + "      categories_allowed: [News]\n", "utf-8")
    assert cli.main(["check", "--config", str(config)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "content/blog/p.md:4:20: error: categories[1]: 'Food' is not in categories_allowed"
        " (allowed: News)"
    )
