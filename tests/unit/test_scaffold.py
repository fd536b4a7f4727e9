"""`podium new post "Title"`, `new event ID` and `new site DIR`: valid skeletons, never overwriting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from podium import cli, sitescaffold
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


# podium new site DIR

SITE_FILES = {
    ".github/workflows/pages.yml",
    ".gitignore",
    "Makefile",
    "README.md",
    "content/blog/2026-03-14-welcome.md",
    "content/index.md",
    "data/events/first-meetup.yml",
    "data/people.yml",
    "mkdocs.yml",
    "requirements.txt",
    "schemas/event.json",
    "schemas/people.json",
    "schemas/tags.json",
}


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PODIUM_NOW", "2026-03-14T10:00:00")


def test_new_site_writes_a_site_that_checks_clean(
    tmp_path: Path, pinned: None, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "my-community"
    assert cli.main(["new", "site", str(root)]) == 0
    out = capsys.readouterr()
    assert _files(root) == SITE_FILES
    assert out.out.split() == sorted(str(root / rel) for rel in SITE_FILES)
    assert out.err.strip() == f"next: cd {root} && make serve"
    for rel in SITE_FILES:
        assert not re.search(r"@[A-Z][A-Z_]*@", (root / rel).read_text("utf-8")), rel
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=cli._LenientLoader)
    assert config["site_name"] == "My Community"
    assert config["strict"] is True
    assert config["theme"]["name"] == "material"
    settings = cli.load_settings(root / "mkdocs.yml")
    assert cli.check(settings) == []


def test_new_site_dates_follow_now(tmp_path: Path, pinned: None) -> None:
    """The post is dated today (so it is published) and the event is four weeks ahead."""
    assert cli.main(["new", "site", str(tmp_path / "s")]) == 0
    front = _front(tmp_path / "s/content/blog/2026-03-14-welcome.md")
    assert str(front["date"]) == "2026-03-14"
    assert front["event"] == "first-meetup"
    event = yaml.safe_load((tmp_path / "s/data/events/first-meetup.yml").read_text("utf-8"))
    assert str(event["start"]) == "2026-04-11 18:30:00"
    assert event["talks"][0]["speakers"] == ["alex-doe"]


def test_new_site_mkdocs_yml_shows_every_option_with_its_default(
    tmp_path: Path, pinned: None
) -> None:
    from podium.mkdocs.options import EventsOptions, PostsOptions, TagsOptions

    assert cli.main(["new", "site", str(tmp_path / "s")]) == 0
    text = (tmp_path / "s/mkdocs.yml").read_text("utf-8")
    config = yaml.load(text, Loader=cli._LenientLoader)
    plugins = {next(iter(p)): p[next(iter(p))] for p in config["plugins"] if isinstance(p, dict)}
    assert list(plugins) == ["podium/posts", "podium/events", "podium/tags"]
    lines = text.splitlines()
    for name, options in (
        ("podium/posts", PostsOptions),
        ("podium/events", EventsOptions),
        ("podium/tags", TagsOptions),
    ):
        schema = dict(options._schema)
        assert set(plugins[name]) == set(schema), name
        for key, option in schema.items():
            assert plugins[name][key] == option.default, f"{name}: {key}"
            (line,) = [line for line in lines if line.strip().startswith(f"{key}:")]
            assert "  # " in line, f"{key}: no comment saying what it does"


@pytest.mark.parametrize(
    "name",
    ['Café "Rust" & Friends #1', "- yes: no", "{{ config }} ${{ github.token }}", "日本語 🎉"],
)
def test_new_site_names_are_quoted(tmp_path: Path, pinned: None, name: str) -> None:
    root = tmp_path / "s"
    assert cli.main(["new", "site", str(root), "--name", name]) == 0
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=cli._LenientLoader)
    assert config["site_name"] == name
    assert _front(root / "content/blog/2026-03-14-welcome.md")["title"] == f"Welcome to {name}"
    assert f"# {name}\n" in (root / "content/index.md").read_text("utf-8")
    assert cli.check(cli.load_settings(root / "mkdocs.yml")) == []


def test_new_site_into_an_empty_folder_or_an_empty_clone(tmp_path: Path, pinned: None) -> None:
    (tmp_path / "empty").mkdir()
    assert cli.main(["new", "site", str(tmp_path / "empty")]) == 0
    (tmp_path / "clone/.git").mkdir(parents=True)
    (tmp_path / "clone/.git/HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    assert cli.main(["new", "site", str(tmp_path / "clone")]) == 0
    assert _files(tmp_path / "clone") == SITE_FILES | {".git/HEAD"}


def test_new_site_refuses_a_non_empty_folder(
    tmp_path: Path, pinned: None, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "notes.txt").write_text("mine", "utf-8")
    assert cli.main(["new", "site", str(root)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"podium: {root} is not empty (docs, notes.txt); nothing written"
        " — choose a new or empty folder\n"
    )
    assert _files(root) == {"notes.txt"} and list((root / "docs").iterdir()) == []


def test_new_site_refuses_a_file(
    tmp_path: Path, pinned: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "site"
    path.write_text("mine", "utf-8")
    assert cli.main(["new", "site", str(path)]) == 1
    assert capsys.readouterr().err == f"podium: {path} is a file, not a folder; nothing written\n"
    assert path.read_text("utf-8") == "mine"
    # Under a file, the folder cannot be made: exit 2, one line, nothing written.
    assert cli.main(["new", "site", str(path / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"podium: {path / 'sub'}: cannot write (") and err.count("\n") == 1
    assert _files(tmp_path) == {"site"}


def test_new_site_bad_name_or_now_writes_nothing(
    tmp_path: Path,
    pinned: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cli.main(["new", "site", str(tmp_path / "s"), "--name", "two\nlines"]) == 2
    assert capsys.readouterr().err == "podium: --name: must be a single line\n"
    assert cli.main(["new", "site", str(tmp_path / "s"), "--name", "<b>Us</b>"]) == 2
    assert "--name: leave out '<' and '>'" in capsys.readouterr().err
    monkeypatch.setenv("PODIUM_NOW", "soon")
    assert cli.main(["new", "site", str(tmp_path / "s")]) == 2
    assert capsys.readouterr().err.startswith("podium: PODIUM_NOW: expected YYYY-MM-DD")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_removes_what_it_created(tmp_path: Path) -> None:
    files = {"a/b/one.txt": "1", "a/b/one.txt/two.txt": "2"}
    with pytest.raises(OSError, match="File exists"):
        sitescaffold._write_all(tmp_path / "new", files)
    assert list(tmp_path.iterdir()) == []


def test_requirement_pins_the_commit_pip_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = {
        "url": "https://github.com/acme/podium.git",
        "vcs_info": {"vcs": "git", "commit_id": "0" * 40, "requested_revision": "main"},
    }

    class Dist:
        def read_text(self, name: str) -> str | None:
            return json.dumps(recorded) if name == "direct_url.json" else None

    monkeypatch.setattr(sitescaffold.metadata, "distribution", lambda name: Dist())
    assert sitescaffold.podium_requirement() == (
        f"podium @ git+https://github.com/acme/podium.git@{'0' * 40}",
        "https://github.com/acme/podium",
    )
    recorded = {"url": "file:///home/me/podium", "dir_info": {"editable": True}}
    assert sitescaffold.podium_requirement() == (
        f"podium @ git+{sitescaffold.REPOSITORY}",
        sitescaffold.REPOSITORY,
    )


def test_site_template_is_package_data() -> None:
    """Every template file is matched by pyproject's package-data globs (no dot files: skipped)."""
    import glob
    import tomllib

    package = Path(sitescaffold.__file__).parent
    pyproject = tomllib.loads((package.parents[1] / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["podium"]
    shipped = {
        match
        for pattern in patterns
        # glob.glob, as setuptools matches package-data (skipping dot files, unlike Path.glob)
        for match in glob.glob(pattern, root_dir=package, recursive=True)  # noqa: PTH207
    }
    template = {
        p.relative_to(package).as_posix()
        for p in (package / "sitetemplate").rglob("*")
        if p.is_file()
    }
    assert template and template <= shipped
    assert not [t for t in template if "/." in "/" + t]
