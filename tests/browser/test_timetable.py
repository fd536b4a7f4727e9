"""Timetables, the reader's time zone and My agenda, in a real Chromium.

The site is the example site plus a generated 900-talk, 30-room, two-day conference and
a one-room meet-up, served under a sub-path; one scenario uses the real FOSDEM 2026
schedule imported with `podium import schedule` into a fresh site, the session's build
shared with the catalog tests (skipped without ../shared/corpus).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.browser.conftest import screenshot_dir
from tests.browser.harness import (
    DESKTOP,
    HOST,
    PHONE,
    PREFIX,
    free_port,
    serious_violations,
    serve,
)
from tests.conftest import REPO, FosdemSite, build_site
from tests.timetable_data import LONG_TITLE, conference, dump, meetup

DAY = "events/gen-2026/timetable/2026-01-31/"
MEETUP_DAY = "events/meetup-2026/timetable/2026-03-12/"
NEW_YORK = ZoneInfo("America/New_York")
BRUSSELS = ZoneInfo("Europe/Brussels")
TALKS = {t["id"]: t for t in conference()["talks"]}  # type: ignore[attr-defined]


def _copy(dest: Path, port: int, events: dict[str, str]) -> Path:
    """The example site with more event files, its site_url the loopback sub-path."""
    for name in ("content", "data", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    for name, text in events.items():
        (dest / "data/events" / name).write_text(text, "utf-8")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    site_url = f"site_url: http://{HOST}:{port}{PREFIX}"
    (dest / "mkdocs.yml").write_text(config.replace("site_url: https://example.org/", site_url))
    return dest


def _build(root: Path) -> Path:
    built = build_site(root, strict=True)
    assert built.warnings == []
    return built.site


@pytest.fixture(scope="module")
def tt_url(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    events = {"gen-2026.yml": dump(conference()), "meetup-2026.yml": dump(meetup())}
    site = _build(_copy(tmp_path_factory.mktemp("timetable-site"), port, events))
    with serve(site, port) as base:
        yield base


def overflow(page: Any) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def box(page: Any, talk_id: str) -> dict[str, float]:
    found = page.locator(f'li.podium-tt__talk[data-podium-star="{talk_id}"]').bounding_box()
    assert found is not None, talk_id
    return dict(found)


def test_a_day_is_a_grid_at_1280_and_a_list_at_375(tt_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(tt_url + "events/gen-2026/")
    page.get_by_role("link", name="Saturday 31 January 2026").click()
    page.wait_for_url(re.compile(r"/timetable/2026-01-31/$"))
    grid = page.locator("ol.podium-tt")
    assert grid.evaluate("el => getComputedStyle(el).display") == "grid"
    assert page.locator("li.podium-tt__room").first.is_visible()
    # The grid takes the whole window: no table of contents beside it, no 61rem cap.
    assert (
        page.locator(".md-sidebar--secondary").evaluate("el => getComputedStyle(el).display")
        == "none"
    )
    inner = page.locator(".md-main__inner").evaluate("el => el.getBoundingClientRect().width")
    assert inner > 1240, inner
    # gen-000 (Room 00, 09:00, 25 min), gen-001 (Room 01, 09:00), gen-060 (Room 00, 09:30)
    first, beside, below = box(page, "gen-000"), box(page, "gen-001"), box(page, "gen-060")
    assert abs(first["y"] - beside["y"]) < 1 and beside["x"] > first["x"] + first["width"] - 3
    assert abs(first["x"] - below["x"]) < 1 and below["y"] > first["y"] + first["height"]
    # Heights follow durations: gen-120 runs 50 minutes, gen-000 25.
    assert TALKS["gen-120"]["duration"] == 50 and TALKS["gen-000"]["duration"] == 25
    ratio = (box(page, "gen-120")["height"] + 2) / (first["height"] + 2)
    assert 1.9 < ratio < 2.1
    page.screenshot(path=screenshot_dir() / "timetable-desktop.png", animations="disabled")

    phone = visit(viewport=PHONE, is_mobile=True, has_touch=True).page
    phone.goto(tt_url + DAY)
    assert phone.locator("ol.podium-tt").evaluate("el => getComputedStyle(el).display") in (
        "block",
        "flow-root",
    )
    assert not phone.locator("li.podium-tt__room").first.is_visible()
    assert overflow(phone) <= 0, "the phone timetable scrolls sideways"
    row = phone.locator('li.podium-tt__talk[data-podium-star="gen-001"]')
    assert row.locator(".podium-tt__where").inner_text() == "Room 01"
    assert row.locator(".podium-tt__where").is_visible()
    # A list by time: the rows stack in the order of their start.
    a, b = box(phone, "gen-000"), box(phone, "gen-001")
    assert abs(a["x"] - b["x"]) < 1 and b["y"] >= a["y"] + a["height"] - 1
    phone.screenshot(path=screenshot_dir() / "timetable-phone.png", full_page=False)


def test_a_one_room_meetup_is_an_agenda_list_on_any_screen(tt_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(tt_url + "events/meetup-2026/")
    page.get_by_role("link", name="Thursday 12 March 2026").click()
    page.wait_for_url(re.compile(r"/timetable/2026-03-12/$"))
    assert page.locator("ol.podium-tt").evaluate("el => getComputedStyle(el).display") in (
        "block",
        "flow-root",
    )
    titles = page.locator("li.podium-tt__talk > a").all_inner_texts()
    assert titles == ["First talk", "Second talk", LONG_TITLE]
    assert page.locator("li.podium-tt__room").count() == 0


def _new_york(when: dt.datetime) -> str:
    local = when.astimezone(NEW_YORK)
    return f"{local.hour % 12 or 12}:{local:%M}"


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_times_in_the_readers_zone(tt_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP, timezone_id="America/New_York", locale="en-US").page
    talk = TALKS["gen-061"]
    start = dt.datetime.fromisoformat(talk["start"]).replace(tzinfo=BRUSSELS)
    end = start + dt.timedelta(minutes=talk["duration"])
    page.goto(tt_url + "talks/gen-061/")
    when = page.locator(".podium-talk-page time")
    assert when.get_attribute("datetime") == start.isoformat()
    assert when.inner_text() == f"31 January 2026, {start:%H:%M}"  # the event's zone stays
    mine = _spaces(page.locator(".podium-talk-page .podium-yourtime").inner_text())
    assert mine == f"{_new_york(start)} AM EST your time"
    # On the timetable: start and end, computed from the machine-readable values.
    page.goto(tt_url + DAY)
    block = page.locator('li.podium-tt__talk[data-podium-star="gen-061"]')
    shown = _spaces(block.locator(".podium-yourtime").inner_text())
    assert shown == f"{_new_york(start)} – {_new_york(end)} AM EST your time"
    assert "America/New_York" in page.locator(".podium-tt__about").inner_text()
    count = page.locator(".podium-yourtime").count()
    assert count == page.locator("li.podium-tt__talk").count()
    # The catalog and the example's FOSDEM 2024 talks too.
    page.goto(tt_url + "talks/urunc-fosdem-2024/")
    assert _spaces(page.locator(".podium-yourtime").inner_text()) == "12:25 PM EST your time"

    # A reader in the event's own zone sees no second time; nor does one without JavaScript.
    home = visit(viewport=DESKTOP, timezone_id="Europe/Brussels", locale="en-US").page
    home.goto(tt_url + DAY)
    assert home.locator(".podium-yourtime").count() == 0
    assert home.locator("[data-podium-yourzone]").inner_text() == ""
    plain = visit(viewport=DESKTOP, timezone_id="America/New_York", java_script_enabled=False).page
    plain.goto(tt_url + "talks/gen-061/")
    assert plain.locator(".podium-yourtime").count() == 0
    assert "09:30 (CET)" in plain.locator(".podium-talk-page").inner_text()


def _star(page: Any, talk_id: str) -> Any:
    return page.locator(f'button[data-podium-star-for="{talk_id}"]')


def _listed(page: Any, talk_id: str) -> Any:
    """A talk's star in the catalog, scrolling down to it as a reader does: the catalog puts
    its rows into the page a screenful at a time as the reader nears the end (podium.js)."""
    page.wait_for_function(
        """id => { window.scrollTo(0, document.documentElement.scrollHeight);
                   return !!document.querySelector(`button[data-podium-star-for="${id}"]`); }""",
        arg=talk_id,
    )
    return _star(page, talk_id)


def test_star_two_talks_reload_and_download_the_agenda(tt_url: str, visit: Any) -> None:
    v = visit(viewport=DESKTOP, timezone_id="America/New_York", locale="en-US")
    page = v.page
    page.goto(tt_url + DAY)
    later = _star(page, "gen-061")
    assert later.get_attribute("aria-pressed") == "false"
    later.click()  # the later talk first: the agenda sorts by time, not by starring
    assert later.get_attribute("aria-pressed") == "true"
    page.goto(tt_url + "talks/")
    _listed(page, "gen-000").click()
    _listed(page, "meetup-long").click()
    page.reload()
    assert _listed(page, "gen-000").get_attribute("aria-pressed") == "true"
    assert _listed(page, "gen-061").get_attribute("aria-pressed") == "true"
    assert _listed(page, "gen-002").get_attribute("aria-pressed") == "false"
    page.goto(tt_url + DAY)
    assert _star(page, "gen-000").get_attribute("aria-pressed") == "true"
    page.locator(".podium-tt__links").get_by_role("link", name="My agenda").click()
    page.wait_for_url(re.compile(r"/podium/agenda/$"))
    rows = page.locator("li.podium-agenda__talk")
    rows.first.wait_for()
    assert rows.locator(".podium-agenda__title").all_inner_texts() == [
        TALKS["gen-000"]["title"],
        TALKS["gen-061"]["title"],
        LONG_TITLE,
    ]
    days = page.locator("h2.podium-agenda__day").all_inner_texts()
    assert days == ["Saturday 31 January 2026", "Thursday 12 March 2026"]
    first = rows.nth(0)
    assert "Generated Conf 2026 · Room 00" in first.locator(".podium-agenda__where").inner_text()
    assert first.locator("time").first.get_attribute("datetime") == "2026-01-31T09:00:00+01:00"
    assert "3:00" in first.locator(".podium-yourtime").inner_text()
    assert not page.locator("[data-podium-agenda-nojs]").is_visible()
    first.locator(".podium-agenda__title").click()
    page.wait_for_url(re.compile(r"/podium/talks/gen-000/$"))
    page.go_back()

    with page.expect_download() as info:
        page.get_by_role("button", name="Download .ics").click()
    download = info.value
    assert download.suggested_filename == "my-agenda.ics"
    raw = Path(download.path()).read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    calendar = Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == [
        TALKS["gen-000"]["title"],
        TALKS["gen-061"]["title"],
        LONG_TITLE,
    ]
    assert b"SUMMARY:\xc3\x9cn\xc3\xafcode\\, commas\\; semicolons \\\\ a" in raw
    assert sum(line.startswith(b" ") for line in lines) >= 2  # folded
    raw.decode("utf-8")  # never split inside a UTF-8 sequence
    assert events[2].decoded("DTSTART") == dt.datetime(2026, 3, 12, 19, 20, tzinfo=dt.UTC)
    utc = dt.UTC
    first_event = events[0]
    assert first_event.decoded("DTSTART") == dt.datetime(2026, 1, 31, 8, 0, tzinfo=utc)
    assert first_event.decoded("DTEND") == dt.datetime(2026, 1, 31, 8, 25, tzinfo=utc)
    assert str(first_event["UID"]) == f"talk-gen-000@{HOST}"
    assert str(first_event["URL"]) == tt_url + "talks/gen-000/"
    assert str(first_event["LOCATION"]) == "Room 00, Generated Conf 2026"
    assert first_event.decoded("DTSTAMP").tzinfo is not None
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
    assert v.outside == []


def test_stars_and_the_agenda_work_from_the_keyboard(tt_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(tt_url + "talks/gen-005/")
    star = page.get_by_role("button", name=f"Star: {TALKS['gen-005']['title']}")
    assert star.get_attribute("aria-pressed") == "false"
    page.locator(".podium-talk__links a").last.focus()
    page.keyboard.press("Tab")
    assert star.evaluate("el => el === document.activeElement")
    page.keyboard.press("Space")
    assert star.get_attribute("aria-pressed") == "true"
    page.goto(tt_url + "talks/gen-007/")
    page.get_by_role("button", name=re.compile("^Star: ")).press("Enter")
    page.goto(tt_url + "agenda/")
    unstar = page.get_by_role("button", name=re.compile("^Star: "))
    unstar.first.wait_for()
    assert unstar.count() == 2
    unstar.first.focus()
    page.keyboard.press("Enter")
    # The row is gone and the keyboard is on the next star, not lost at the top of the page.
    assert page.locator("li.podium-agenda__talk").count() == 1
    active = page.evaluate("document.activeElement.getAttribute('data-podium-star-for')")
    assert active == "gen-007"
    page.keyboard.press("Enter")
    assert page.locator("li.podium-agenda__talk").count() == 0
    assert "No starred talks yet" in page.locator(".podium-agenda__list").inner_text()
    assert page.evaluate("document.activeElement.classList.contains('podium-agenda__empty')")
    assert page.get_by_role("button", name="Download .ics").is_hidden()


def test_without_javascript_the_agenda_says_it_needs_it(tt_url: str, visit: Any) -> None:
    page = visit(viewport=PHONE, java_script_enabled=False).page
    page.goto(tt_url + "agenda/")
    assert "needs JavaScript" in page.locator("[data-podium-agenda-nojs]").inner_text()
    page.goto(tt_url + DAY)
    assert page.locator("button.podium-star").count() == 0
    assert page.locator("li.podium-tt__talk").count() == 450


@pytest.mark.parametrize(("label", "size"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_axe_finds_no_serious_violation_on_the_new_pages(
    tt_url: str, visit: Any, label: str, size: dict[str, int]
) -> None:
    v = visit(viewport=size, timezone_id="America/New_York", locale="en-US")
    page = v.page
    found = {}
    page.goto(tt_url + "agenda/")  # empty
    found["agenda-empty"] = serious_violations(page)
    page.goto(tt_url + DAY)
    _star(page, "gen-003").click()
    found["day"] = serious_violations(page)
    for url in ("events/gen-2026/timetable/", MEETUP_DAY, "talks/gen-003/", "events/gen-2026/"):
        page.goto(tt_url + url)
        found[url] = serious_violations(page)
        if label == "phone":
            assert overflow(page) <= 0, url
    page.goto(tt_url + "agenda/")
    page.locator("li.podium-agenda__talk").first.wait_for()
    found["agenda"] = serious_violations(page)
    if label == "phone":
        assert overflow(page) <= 0
    assert {k: x for k, x in found.items() if x} == {}


@pytest.fixture(scope="module")
def fosdem_url(browser: Any, fosdem_2026_served: FosdemSite) -> str:
    """The session's FOSDEM 2026 site (tests/conftest.py), already served."""
    return fosdem_2026_served.url


def test_the_real_fosdem_2026_timetable(fosdem_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(fosdem_url + "events/fosdem-2026/")
    page.get_by_role("link", name="Saturday 31 January 2026").click()
    page.wait_for_url(re.compile(r"/timetable/2026-01-31/$"))
    assert page.locator("ol.podium-tt").evaluate("el => getComputedStyle(el).display") == "grid"
    rooms = page.locator("li.podium-tt__room").all_inner_texts()
    assert "Janson" in rooms and len(rooms) >= 20
    welcome = page.locator("li.podium-tt__talk", has_text="Welcome to FOSDEM 2026")
    assert welcome.locator("time").first.get_attribute("datetime") == "2026-01-31T09:30:00+01:00"
    janson = page.locator("li.podium-tt__room", has_text=re.compile("^Janson$"))
    assert abs(janson.bounding_box()["x"] - welcome.bounding_box()["x"]) < 4
    page.screenshot(path=screenshot_dir() / "timetable-fosdem-desktop.png", animations="disabled")
    phone = visit(viewport=PHONE, is_mobile=True, has_touch=True).page
    phone.goto(fosdem_url + "events/fosdem-2026/timetable/2026-02-01/")
    assert overflow(phone) <= 0
    assert phone.locator("li.podium-tt__talk").count() == 399
