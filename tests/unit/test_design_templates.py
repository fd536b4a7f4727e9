"""Designer items that need a talk with an embedded player (the example site has none)."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from podium.i18n import Language
from podium.render import Renderer
from tests.unit.test_events import _views


def _talk_page(tmp_path: Path, language: str) -> lxml_html.HtmlElement:
    views, event = _views(tmp_path)
    urunc, _bunny = event.talks
    view = views.talk(urunc, "talks/urunc-fosdem-2024/")
    assert view.video is not None and view.video.player is not None
    out = Renderer(language=Language(language)).render("talk.html", talk=view)
    return lxml_html.fragment_fromstring(str(out), create_parent="div")


def test_a_talk_with_a_player_has_one_recording_action(tmp_path: Path) -> None:
    page = _talk_page(tmp_path, "en")
    # The player is the action: no second "Recording"/"Watch" button pointing at it.
    assert len(page.xpath("//div[@data-podium-embed]")) == 1
    assert page.xpath("//a[contains(@class, 'podium-button--video')]") == []
    assert page.xpath("//a[@href='#video']") == []
    assert [h.text for h in page.xpath("//section[@id='video']/h2")] == ["Recording"]


def test_the_talk_page_in_greek(tmp_path: Path) -> None:
    page = _talk_page(tmp_path, "el")
    assert [h.text for h in page.xpath("//section[@id='video']/h2")] == ["Καταγραφή"]
    assert page.xpath("//dl/dt/text()")[:2] == ["Ομιλητές", "Εκδήλωση"]
