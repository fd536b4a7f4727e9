"""`mkdocs serve` of the site exactly as shipped (its mkdocs.yml sets `strict: true`).

An author's mistake, an error or a warning, must never make the preview hang:
every page answers at once with the panel (the broken post's own URL too), the
terminal prints the same `file:line:col` lines, and fixing the file removes the
panel. `mkdocs build --strict` keeps failing on the same problems.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO
from tests.serving import free_port, get, mkdocs_serve, wait_for

FOSDEM_POST = "content/blog/2024-02-07-fosdem-2024.md"
MEETUP_POST = "content/blog/2022-10-14-unikraft-community-meetup-22.md"
FOSDEM_EVENT = "data/events/fosdem-2024.yml"
FOSDEM_URL = "/blog/2024-02-07-fosdem-2024/"
MEETUP_URL = "/blog/2022-10-14-unikraft-community-meetup-22/"
PAGES = ("/", "/blog/", "/blog/archive/", "/events/", "/talks/", "/people/", "/tags/")


@dataclass
class Site:
    root: Path
    port: int

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text("utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), "utf-8")

    def restore(self, rel: str) -> None:
        shutil.copyfile(REPO / rel, self.root / rel)

    def panel(self, path: str) -> list[str]:
        """The problems shown on a page; the GET must answer in a few seconds (no hang)."""
        status, html = get(self.port, path, timeout=20)
        assert status == 200, (path, status)
        panel = BeautifulSoup(html, "html.parser").select_one(".podium-errors")
        return [li.get_text() for li in panel.select("li")] if panel else []

    def log(self) -> str:
        return (self.root / "serve.log").read_text("utf-8", "replace")


def copy_shipped_site(root: Path) -> None:
    """What a fresh clone holds for the site: the shipped mkdocs.yml and its folders."""
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "data", "overrides"):
        shutil.copytree(REPO / folder, root / folder)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("shipped")
    copy_shipped_site(root)
    assert yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))["strict"] is True
    port = free_port()
    with mkdocs_serve(root, port) as process:
        wait_for(lambda: get(port, "/")[0] == 200, "the first build")
        yield Site(root, port)
        assert process.poll() is None, "the server must keep running"


def shows_everywhere(site: Site, expected: str, *extra: str) -> None:
    wait_for(lambda: expected in site.panel("/"), f"the panel showing {expected!r}", timeout=60)
    for path in (*PAGES, *extra):
        assert expected in site.panel(path), path


def recovers(site: Site, *paths: str) -> None:
    wait_for(lambda: site.panel("/") == [], "the panel to go away", timeout=60)
    for path in (*PAGES, *paths):
        assert site.panel(path) == [], path


CASES = {
    "impossible date": (
        FOSDEM_POST,
        "date: 2024-02-07",
        "date: 2024-02-30",
        f"{FOSDEM_POST}:3:7: error: date: 2024-02-30 is not a real date (day is out of range for month)",
        FOSDEM_URL,
    ),
    "broken YAML": (
        FOSDEM_POST,
        'title: "FOSDEM 2024"',
        'title: "FOSDEM 2024',
        f"{FOSDEM_POST}:2:8: error: YAML: unclosed quoted string started here",
        FOSDEM_URL,
    ),
    "broken TOML": (
        MEETUP_POST,
        'tags = ["community"]',
        'tags = ["community"',
        f"{MEETUP_POST}:5: error: TOML: Unclosed array",
        MEETUP_URL,
    ),
    "unknown key (a warning)": (
        FOSDEM_POST,
        "draft: false",
        "draft: false\ntgas: [news]",
        f"{FOSDEM_POST}:5:1: warning: tgas: unknown key (did you mean 'tags'?)",
        FOSDEM_URL,
    ),
    "broken event file": (
        FOSDEM_EVENT,
        "kind: conference",
        "kind: conferense",
        f"{FOSDEM_EVENT}:6:7: error: kind: unknown value 'conferense' (did you mean 'conference'? "
        "allowed: conference, meetup, workshop, webinar, hackathon, other)",
        "/events/",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_mistake_never_hangs_the_preview_and_fixing_it_recovers(site: Site, case: str) -> None:
    rel, old, new, expected, own_url = CASES[case]
    site.edit(rel, old, new)
    try:
        line = expected
        shows_everywhere(site, line, own_url, FOSDEM_URL, MEETUP_URL)
        # The broken file's own page is there, with what of it is valid.
        status, html = get(site.port, own_url, timeout=20)
        assert status == 200
        page = BeautifulSoup(html, "html.parser")
        assert page.select_one("h1") is not None and page.select_one("h1").get_text().strip()
        if rel == FOSDEM_POST:
            assert "was a blast" in page.get_text()
        # The terminal says the same, and MkDocs never gave up on the rebuild.
        assert line in site.log()
        assert "appear stuck" not in site.log()
        assert "Traceback" not in site.log()
    finally:
        site.restore(rel)
    recovers(site, own_url)
    status, html = get(site.port, own_url, timeout=20)
    assert status == 200 and "podium-errors" not in html


def test_no_cascade_from_a_broken_post(site: Site) -> None:
    """A post that cannot be read must not also make its tags look unused."""
    site.edit(FOSDEM_POST, "date: 2024-02-07", "date: 2024-02-30")
    try:
        wait_for(lambda: site.panel("/") != [], "the panel")
        shown = site.panel("/")
        assert [line for line in shown if "tags.yml" in line] == [], shown
        assert len(shown) == 1, shown
    finally:
        site.restore(FOSDEM_POST)
    recovers(site)


@pytest.mark.parametrize("case", ["impossible date", "unknown key (a warning)"])
def test_build_strict_still_fails_on_the_same_lines(tmp_path: Path, case: str) -> None:
    rel, old, new, expected, _url = CASES[case]
    copy_shipped_site(tmp_path)
    Site(tmp_path, 0).edit(rel, old, new)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PODIUM_NOW": "2026-01-01", "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode != 0
    assert expected in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_site_shortcode_template_is_reloaded_and_its_mistake_shown(site: Site) -> None:
    """An author adds overrides/shortcodes/note.html, breaks it, fixes it: the preview follows."""
    template = site.root / "overrides/shortcodes/note.html"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text('<aside class="club-note">{{ get(0) }}</aside>\n', "utf-8")
    site.edit(MEETUP_POST, "{{< figure", '{{< note "Bring a laptop" >}}\n\n{{< figure')

    def note() -> str | None:
        status, html = get(site.port, MEETUP_URL, timeout=20)
        found = BeautifulSoup(html, "html.parser").select_one("aside.club-note")
        return found.get_text() if status == 200 and found else None

    try:
        wait_for(lambda: note() == "Bring a laptop", "the shortcode's output", timeout=60)
        template.write_text('<aside class="club-note">{{ get(0) </aside>\n', "utf-8")
        expected = "overrides/shortcodes/note.html:1:1: error: shortcode template:"
        wait_for(
            lambda: any(line.startswith(expected) for line in site.panel("/")),
            "the template's error in the panel",
            timeout=60,
        )
        assert "Traceback" not in site.log()
        template.write_text('<aside class="club-note">{{ get(0) | upper }}</aside>\n', "utf-8")
        wait_for(lambda: note() == "BRING A LAPTOP", "the fixed template's output", timeout=60)
        assert site.panel(MEETUP_URL) == []
    finally:
        template.unlink()
        site.restore(MEETUP_POST)
    recovers(site, MEETUP_URL)
