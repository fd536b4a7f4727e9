"""`podium new site DIR` for real: generated into a temporary folder, built with the real
`mkdocs build --strict` of this environment, the HTML read with a parser; its Makefile and README."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from podium import cli
from tests.commands import make_dry_run, shell_commands, subcommand_path

BIN = Path(sys.executable).parent
NOW = "2026-03-14"  # midnight: the welcome post is dated exactly "now" and still published
NAME = 'Café "Rust" & Friends #1: {{ config.site_url }}'
POST = "blog/2026-03-14-welcome/"


def _run(site: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PODIUM_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(BIN / argv[0]), *argv[1:]],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("new") / "rust-friends"
    made = _run(root.parent, "podium", "new", "site", root.name, "--name", NAME)
    assert made.returncode == 0, made.stderr
    built = _run(root, "mkdocs", "build", "--strict")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    return root


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / "site" / url / "index.html").read_text("utf-8"), "html.parser")


def _text(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(el.get_text(" ").split()) for el in soup.select(selector)]


def test_home_page_has_the_name_and_every_block(site: Path) -> None:
    home = _page(site, "")
    for permalink in home.select(".headerlink"):
        permalink.decompose()
    assert home.title is not None and home.title.get_text().startswith(NAME)
    assert _text(home, "article h1") == [NAME]
    assert "podium:" not in str(home.select_one("article"))
    assert f"Welcome to {NAME}" in _text(home, "article .podium-card__title")
    assert "Our first meet-up" in _text(home, "article .podium-event-card__title")


def test_welcome_post_is_published_with_its_author_tag_and_event(site: Path) -> None:
    titles = _text(_page(site, "blog/"), ".podium-card__title a")
    assert titles == [f"Welcome to {NAME}"]
    post = _page(site, POST)
    assert _text(post, ".podium-post h1") == [f"Welcome to {NAME}"]
    assert _text(post, ".podium-author") == ["Alex Doe"]
    assert _text(post, ".podium-tag") == ["community"]
    (card,) = post.select(".podium-post__events .podium-event-card")
    assert card.select_one("a")["href"] == "../../events/first-meetup/"
    assert "DRAFT" not in post.get_text() and "SCHEDULED" not in post.get_text()


def test_event_is_upcoming_with_its_talk(site: Path) -> None:
    events = _page(site, "events/")
    assert _text(events, ".podium-events__upcoming .podium-event-card__title") == [
        "Our first meet-up"
    ]
    event = _page(site, "events/first-meetup/")
    assert "Welcome, and what comes next" in event.get_text()
    assert (site / "site/events/first-meetup.ics").is_file()


def test_person_page_lists_the_post_and_the_talk(site: Path) -> None:
    person = _page(site, "people/alex-doe/")
    text = " ".join(person.get_text(" ").split())
    assert "Alex Doe" in text and "Organiser" in text
    assert f"Welcome to {NAME}" in text and "Welcome, and what comes next" in text
    assert "Alex Doe" in _page(site, "people/").get_text()


def test_feed_carries_the_welcome_post(site: Path) -> None:
    feed = feedparser.parse((site / "site/feed.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == [f"Welcome to {NAME}"]


def test_podium_check_is_clean(site: Path) -> None:
    done = _run(site, "podium", "check")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "0 error(s), 0 warning(s)\n")


def test_makefile_installs_what_requirements_txt_names(site: Path) -> None:
    serve = make_dry_run(site, "--always-make", "serve")
    assert serve.returncode == 0, serve.stderr
    assert serve.stdout.splitlines() == [
        "test -x .venv/bin/python || python3 -m venv .venv",
        ".venv/bin/python -m pip install --quiet --upgrade pip",
        ".venv/bin/python -m pip install --quiet -r requirements.txt",
        "touch .venv/.installed",
        ".venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000",
    ]
    assert make_dry_run(site, "build").stdout.splitlines()[-1] == ".venv/bin/mkdocs build --strict"
    check = make_dry_run(site, "test", "GITHUB_ACTIONS=true")
    assert check.stdout.splitlines()[-1] == ".venv/bin/podium check --strict --format github"
    requirement = [
        line
        for line in (site / "requirements.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(requirement) == 1 and requirement[0].startswith("podium @ git+https://")


def test_readme_commands_exist(site: Path) -> None:
    commands = shell_commands(site / "README.md")
    assert {c.argv for c in commands if c.program == "make"} >= {
        ("make", "serve"),
        ("make", "build"),
    }
    for command in commands:
        if command.program == "make":
            assert make_dry_run(site, *command.argv[1:]).returncode == 0, command.line
        else:
            assert command.argv[0] == ".venv/bin/podium", command.line
            cli.build_parser().parse_args(list(command.argv[1:]))
            assert subcommand_path(list(command.argv[1:])), command.line


def test_gitignore_keeps_the_venv_and_the_built_site_out(site: Path) -> None:
    ignored = set((site / ".gitignore").read_text("utf-8").split())
    assert {".venv/", "/site/"} <= ignored
