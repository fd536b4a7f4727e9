"""`podium new post "Title"` and `podium new event ID`: valid skeletons, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from podium import cli
from podium.frontmatter import split_front_matter
from podium.problems import Problems

CONFIG = (
    "site_name: x\ndocs_dir: docs\nplugins:\n  - podium/posts:\n      blog_dir: news\n"
    "      data_dir: site-data\n      timezone: Europe/Brussels\n"
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty site whose folders are not the defaults, with "now" pinned."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG, "utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.setenv("PODIUM_NOW", "2026-03-14T10:00:00")
    return tmp_path


def _new(site: Path, *args: str) -> int:
    return cli.main(["new", *args, "--dir", str(site)])


def _check(site: Path) -> list[str]:
    settings = cli.load_settings(site / "mkdocs.yml")
    return [str(p) for p in cli.check(settings) if p.severity == "error"]


def _front(path: Path) -> dict[str, object]:
    parsed = split_front_matter(path.read_text("utf-8"), path.name, Problems())
    assert parsed is not None and parsed.format == "yaml"
    return parsed.data


def test_new_post_file_name_and_content(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(site, "post", "Our first meet-up") == 0
    path = site / "docs/news/2026-03-14-our-first-meet-up.md"
    assert capsys.readouterr().out.strip() == "docs/news/2026-03-14-our-first-meet-up.md"
    text = path.read_text("utf-8")
    assert text.startswith("---\ntitle: Our first meet-up\ndate: 2026-03-14\ndraft: true\n")
    assert "\n<!-- more -->\n" in text
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["tags"] == [] and front["authors"] == []
    assert isinstance(front["description"], str)
    assert _check(site) == []


def test_new_post_never_overwrites(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(site, "post", "Hello", "--date", "2025-01-02") == 0
    path = site / "docs/news/2025-01-02-hello.md"
    path.write_text("mine", "utf-8")
    capsys.readouterr()
    assert _new(site, "post", "Hello", "--date", "2025-01-02") == 1
    err = capsys.readouterr().err
    assert "docs/news/2025-01-02-hello.md already exists; not overwritten" in err
    assert path.read_text("utf-8") == "mine"


@pytest.mark.parametrize(
    "title",
    [
        'The question: "Will this build?" #1',
        "- starts like a list",
        "{{ config }} & {% include 'x' %} ${{ github.token }}",
        "<img src=x onerror=alert(1)>",
        "yes",
        "2024",
        "C'est l'été: 日本語 🎉",
        "' onmouseover='alert(1)",
    ],
)
def test_hostile_titles_are_quoted_by_yaml(site: Path, title: str) -> None:
    assert _new(site, "post", title) == 0
    (path,) = (site / "docs/news").glob("*.md")
    assert path.name.startswith("2026-03-14-")
    assert _front(path)["title"] == title
    assert _check(site) == []


def test_unusable_titles_and_dates_exit_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(site, "post", "two\nlines") == 2
    assert "title: must be a single line" in capsys.readouterr().err
    assert _new(site, "post", "   ") == 2
    assert _new(site, "post", "x", "--date", "14/03/2026") == 2
    assert "--date: expected YYYY-MM-DD" in capsys.readouterr().err
    assert not (site / "docs/news").exists()
    assert cli.main(["new", "post", "x", "--dir", str(site / "nowhere")]) == 2


def test_new_event_passes_validation(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(site, "event", "community-day-2026") == 0
    path = site / "site-data/events/community-day-2026.yml"
    assert capsys.readouterr().out.strip() == "site-data/events/community-day-2026.yml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/event.json\n")
    data = yaml.safe_load(text)
    assert data["title"] == "Community Day 2026"
    assert data["kind"] == "meetup"
    assert str(data["start"]) == "2026-03-14"
    assert data["timezone"] == "Europe/Brussels"
    assert data["talks"] == []
    assert "# location:" in text and "#   - title:" in text
    assert _check(site) == []
    # Uncommenting the examples gives a valid file too.
    lines = [
        line[2:] if line.startswith(("# end", "# location", "#   ", "# talks:", "# url")) else line
        for line in text.splitlines()
        if line != "talks: []"
    ]
    lines = [line.split("   #")[0] for line in lines]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert yaml.safe_load(path.read_text("utf-8"))["talks"][0]["duration"] == 30
    assert [e for e in _check(site) if "speakers" not in e] == []


def test_new_event_options_and_refusals(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--title", 'FOSDEM: "2027"', "--kind", "conference", "--date", "2027-02-06"]
    assert _new(site, "event", "fosdem-2027", *args) == 0
    data = yaml.safe_load((site / "site-data/events/fosdem-2027.yml").read_text("utf-8"))
    assert (data["title"], data["kind"], str(data["start"])) == (
        'FOSDEM: "2027"',
        "conference",
        "2027-02-06",
    )
    assert _check(site) == []
    capsys.readouterr()
    assert _new(site, "event", "fosdem-2027") == 1
    assert "site-data/events/fosdem-2027.yml already exists" in capsys.readouterr().err
    assert _new(site, "event", "FOSDEM 2024") == 2
    assert (
        "event id 'FOSDEM 2024' must match [a-z0-9][a-z0-9-]* (it is the file name and the URL)"
        " — try fosdem-2024"
    ) in capsys.readouterr().err
    assert _new(site, "event", "../evil") == 2
    assert _new(site, "event", "x", "--kind", "party") == 2
    assert "kind: unknown value 'party'" in capsys.readouterr().err
    assert not (site / "site-data/events/x.yml").exists()
