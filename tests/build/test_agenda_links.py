"""My agenda is one link away: from every talk page and from every event page with talks.

The example site is built strict; its HTML is parsed, and each link must lead to the built
agenda page (the one whose script lists the starred talks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.build.test_example_site import copy_site
from tests.conftest import Built, build_site


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_site(copy_site(tmp_path_factory.mktemp("agenda-links")), strict=True)


def agenda_target(built: Built, html: Path) -> Path:
    """Where the page's My agenda link leads, as a built file."""
    links = BeautifulSoup(html.read_text("utf-8"), "html.parser").select(".podium-agenda-link a")
    assert len(links) == 1, html
    assert links[0].get_text(strip=True) == "My agenda"
    href = str(links[0]["href"])
    assert not href.startswith(("/", "http:", "https:")), href  # relative: works under a sub-path
    target = (html.parent / href).resolve()
    return target / "index.html" if target.is_dir() else target


def test_every_talk_page_and_event_page_links_to_my_agenda(example: Built) -> None:
    assert example.warnings == []
    agenda = (example.site / "agenda" / "index.html").resolve()
    assert agenda.is_file()
    assert BeautifulSoup(agenda.read_text("utf-8"), "html.parser").select("[data-podium-agenda]")
    talks = sorted(p for p in (example.site / "talks").glob("*/index.html"))
    events = sorted(p for p in (example.site / "events").glob("*/index.html"))
    assert len(talks) >= 5 and len(events) >= 2
    for html in talks + events:
        assert agenda_target(example, html) == agenda, html
