"""Per-talk and per-track calendars, the schedule exports and the timetable warnings, built for real.

Calendars are parsed with icalendar, the exports with lxml (against the c3voc XSD) and
json (against its JSON schema) when ../shared/corpus is here, pages with BeautifulSoup;
the round trip runs the real ``podium import schedule`` on the published files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar
from lxml import etree

from podium import cli
from tests.conftest import CORPUS, BuildFailed, Built, SiteFactory, resolves

SITE = "https://example.org/sub/"
VALIDATOR = CORPUS / "c3voc-schedule-json" / "validator"
PLUGINS = ["search", {"podium/posts": {"timezone": "UTC"}}, "podium/events", "podium/tags"]
EVENT = """
title: Conf 2024
kind: conference
start: 2024-03-30
end: 2024-03-31
timezone: Europe/Brussels
location: {name: ULB Solbosch, city: Brussels}
url: https://conf.example.org/
talks:
  - title: Opening
    id: opening-talk
    speakers: [ada, Jane Doe]
    track: Main track
    room: Janson
    url: https://conf.example.org/opening/
    slides: slides/opening.pdf
    video: https://www.youtube.com/watch?v=w7Ft2ymGmfc
    start: 2024-03-30T09:30:00
    duration: 30
    abstract: |
      Welcome, with *Markdown*.
  - title: Across the DST change
    id: night-owls
    speakers: [Bob]
    track: Main track
    room: Janson
    start: 2024-03-31T01:30:00
    duration: 90
  - title: C++ in depth
    id: cpp-deep
    track: C++
    room: K.1.105 (La Fontaine)
    start: 2024-03-30T09:30:00
    duration: 45
    video: https://video.example.org/cpp.webm
  - title: C first
    id: c-first
    track: C
    room: K.1.105 (La Fontaine)
    start: 2024-03-30T10:15:00
    duration: 20
  - title: Hallway chat
    id: hallway
    track: Main track
"""
FILES: dict[str, str | bytes] = {
    "content/index.md": "# Home\n",
    "content/slides/opening.pdf": b"%PDF-1.4\n",
    "data/people.yml": "ada:\n  name: Ada Lovelace\n",
    "data/events/conf-2024.yml": EVENT,
}


@pytest.fixture
def built(site: SiteFactory) -> Built:
    result = site(FILES, {"plugins": PLUGINS, "site_url": SITE}, strict=True)
    assert result.warnings == []
    return result


def calendar(built: Built, rel: str) -> Calendar:
    return Calendar.from_ical((built.site / rel).read_bytes())


def page(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(url), "html.parser")


def test_each_timed_talk_has_its_own_calendar_of_one_vevent(built: Built) -> None:
    data = yaml.safe_load(EVENT)
    timed = [t for t in data["talks"] if "start" in t]
    brussels = "Europe/Brussels"
    for talk in timed:
        cal = calendar(built, f"talks/{talk['id']}.ics")
        (vevent,) = cal.walk("VEVENT")
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == [brussels]
        assert vevent["DTSTART"].params["TZID"] == brussels
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        written = talk["start"].replace(tzinfo=start.tzinfo)  # YAML reads a naive datetime
        assert start == written
        # Elapsed time, also across the night the clocks jump (night-owls: 01:30 + 90 min).
        assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(
            minutes=talk["duration"]
        )
        assert str(vevent["URL"]) == f"{SITE}talks/{talk['id']}/"
        assert str(vevent["UID"]) == f"talk-{talk['id']}@example.org"
        assert str(vevent["SUMMARY"]) == talk["title"]
        assert str(vevent["LOCATION"]) == f"{talk['room']}, ULB Solbosch, Brussels"
        assert "Event: Conf 2024" in str(vevent["DESCRIPTION"])
    night = calendar(built, "talks/night-owls.ics").walk("VEVENT")[0]
    assert night.decoded("DTEND").strftime("%H:%M") == "04:00"  # 01:30 CET + 90 min = 04:00 CEST
    opening = str(calendar(built, "talks/opening-talk.ics").walk("VEVENT")[0]["DESCRIPTION"])
    assert "Speakers: Ada Lovelace, Jane Doe" in opening
    # The same UID as in the event's calendar: an app that has both keeps one entry.
    whole = calendar(built, "events/conf-2024.ics")
    assert "talk-opening-talk@example.org" in [str(e["UID"]) for e in whole.walk("VEVENT")]
    assert not built.exists("talks/hallway.ics")


def test_talk_pages_link_their_own_calendar_and_the_events(built: Built) -> None:
    soup = page(built, "talks/opening-talk/")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("a.podium-calendar")}
    assert links == {
        "Add to calendar (.ics)": "../opening-talk.ics",
        "Whole event (.ics)": "../../events/conf-2024.ics",
    }
    assert all(resolves(built, "talks/opening-talk/", href) for href in links.values())
    assert not page(built, "talks/hallway/").select("a.podium-calendar")


def test_each_track_has_a_calendar_of_its_timed_talks_linked_from_the_event_page(
    built: Built,
) -> None:
    soup = page(built, "events/conf-2024/")
    tracks = {
        a.get_text(strip=True): a["href"] for a in soup.select(".podium-event__track-calendar a")
    }
    # C++ and C both slug to "c": the second one seen gets "-2".
    assert tracks == {
        "Talks of Main track (.ics)": "tracks/main-track.ics",
        "Talks of C++ (.ics)": "tracks/c.ics",
        "Talks of C (.ics)": "tracks/c-2.ics",
    }
    assert all(resolves(built, "events/conf-2024/", href) for href in tracks.values())
    want = {
        "main-track": {"Opening", "Across the DST change"},
        "c": {"C++ in depth"},
        "c-2": {"C first"},
    }
    for slug, titles in want.items():
        cal = calendar(built, f"events/conf-2024/tracks/{slug}.ics")
        assert {str(e["SUMMARY"]) for e in cal.walk("VEVENT")} == titles
        assert cal.walk("VTIMEZONE") and str(cal["X-WR-CALNAME"]).startswith("Conf 2024: ")


def test_the_event_page_links_both_exports(built: Built) -> None:
    soup = page(built, "events/conf-2024/")
    exports = {a.get_text(strip=True): a["href"] for a in soup.select(".podium-exports a")}
    assert exports == {"schedule.xml": "schedule.xml", "schedule.json": "schedule.json"}
    assert all(resolves(built, "events/conf-2024/", href) for href in exports.values())


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not here)")
    return path


def test_the_exports_are_valid_against_the_c3voc_schemas(built: Built) -> None:
    xsd = etree.XMLSchema(etree.parse(str(_need(VALIDATOR / "xsd/schedule.xml.xsd"))))
    xml = etree.parse(str(built.site / "events/conf-2024/schedule.xml"))
    assert xsd.validate(xml), list(xsd.error_log)
    schema = json.loads((VALIDATOR / "json/schema.json").read_text("utf-8"))
    data = json.loads((built.site / "events/conf-2024/schedule.json").read_text("utf-8"))
    validator = jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(data)] == []
    # The night owls talk starts on the 31st in Brussels: the second day.
    days = data["schedule"]["conference"]["days"]
    assert [d["date"] for d in days] == ["2024-03-30", "2024-03-31"]
    (night,) = days[1]["rooms"]["Janson"]
    assert night["date"] == "2024-03-31T01:30:00+01:00"
    assert night["end"] == "2024-03-31T04:00:00+02:00"
    assert xml.xpath("//event[slug='opening-talk']/persons/person/text()") == [
        "Ada Lovelace",
        "Jane Doe",
    ]


def _talk_facts(talk: dict[str, Any]) -> tuple[object, ...]:
    start = talk["start"]
    if start.tzinfo is None:
        from zoneinfo import ZoneInfo

        start = start.replace(tzinfo=ZoneInfo("Europe/Brussels"))
    names = [s["name"] if isinstance(s, dict) else s for s in talk.get("speakers", [])]
    abstract = (talk.get("abstract") or "").strip()
    return (talk["title"], names, talk["track"], talk["room"], start, talk["duration"], abstract)


@pytest.mark.parametrize("name", ["schedule.xml", "schedule.json"])
def test_podium_import_of_an_export_gives_back_the_same_talks(
    built: Built, tmp_path: Path, name: str
) -> None:
    target = tmp_path / "other"
    (target / "content").mkdir(parents=True)
    (target / "data/events").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(
        "site_name: Other\nsite_url: https://other.example/\ndocs_dir: content\n"
        "plugins:\n  - podium/posts\n",
        "utf-8",
    )
    source = built.site / "events/conf-2024" / name
    assert cli.main(["import", "schedule", str(source), "--dir", str(target)]) == 0
    (written,) = (target / "data/events").glob("*.yml")
    back = yaml.safe_load(written.read_text("utf-8"))
    original = yaml.safe_load(EVENT)
    assert (back["title"], back["timezone"]) == ("Conf 2024", "Europe/Brussels")
    assert (back["start"], back["end"]) == (dt.date(2024, 3, 30), dt.date(2024, 3, 31))
    timed = [t for t in original["talks"] if "start" in t]
    for talk in timed:
        talk["speakers"] = ["Ada Lovelace" if s == "ada" else s for s in talk.get("speakers", [])]
    assert sorted(map(_talk_facts, back["talks"])) == sorted(map(_talk_facts, timed))
    by_id = {t["id"]: t for t in back["talks"]}
    ids = {t["id"] for t in timed}
    if name == "schedule.xml":
        # The XSD's slug needs 4 characters before a '-': cpp-deep is left out, and the
        # import makes the id from the title.
        ids = ids - {"cpp-deep"} | {"c-in-depth"}
    assert set(by_id) == ids
    opening = by_id["opening-talk"]
    assert opening["url"] == "https://conf.example.org/opening/"
    assert opening["slides"] == f"{SITE}slides/opening.pdf"  # a local file, published
    assert opening["video"] == "https://www.youtube.com/watch?v=w7Ft2ymGmfc"
    assert (
        by_id["cpp-deep" if name.endswith("json") else "c-in-depth"]["video"]
        == "https://video.example.org/cpp.webm"
    )
    # A talk without a session page links its page on the site that published the schedule.
    assert by_id["c-first"]["url"] == f"{SITE}talks/c-first/"


BAD = """
title: Meetup
kind: meetup
start: 2024-05-14T18:30:00
timezone: Europe/Berlin
talks:
  - {title: First, room: Hall, start: 2024-05-14T19:00:00, duration: 30}
  - {title: Clash, room: Hall, start: 2024-05-14T19:15:00, duration: 30}
  - {title: Open end, room: Hall, start: 2024-05-14T20:00:00}
  - {title: Next day, start: 2024-05-15T19:00:00, duration: 20}
"""


def test_bad_timetable_data_warns_with_positions_and_still_renders(site: SiteFactory) -> None:
    files = {**FILES, "data/events/conf-2024.yml": BAD}
    built = site(files, {"plugins": PLUGINS, "site_url": SITE})
    shown = "data/events/conf-2024.yml"
    assert built.warnings == [
        f"{shown}:7:39: warning: talks[1].start: 2024-05-14T19:15:00 overlaps talks[0] "
        "'First' (19:00–19:30) in room 'Hall'",
        f"{shown}:8:5: warning: talks[2].duration: missing: the talk starts at "
        "2024-05-14T20:00:00 but has no length, so calendars and the timetable show no end "
        "— add duration: (minutes)",
        f"{shown}:9:30: warning: talks[3].start: 2024-05-15T19:00:00 is outside the event "
        "(2024-05-14)",
    ]
    event = page(built, "events/conf-2024/")
    assert {
        a.get_text(strip=True) for a in event.select(".podium-talks--event .podium-talk__title > a")
    } >= {
        "First",
        "Clash",
        "Open end",
        "Next day",
    }
    for talk_id in ("clash", "open-end", "next-day"):
        assert page(built, f"talks/{talk_id}/").select_one("h1") is not None
        assert built.exists(f"talks/{talk_id}.ics")
    (vevent,) = calendar(built, "talks/open-end.ics").walk("VEVENT")
    assert "DTEND" not in vevent
    data = json.loads((built.site / "events/conf-2024/schedule.json").read_text("utf-8"))
    days = data["schedule"]["conference"]["days"]
    assert [d["date"] for d in days] == ["2024-05-14", "2024-05-15"]
    with pytest.raises(BuildFailed) as failed:
        site(files, {"plugins": PLUGINS, "site_url": SITE}, strict=True)
    assert any("overlaps talks[0]" in m for m in failed.value.messages)


def test_podium_check_reports_the_timetable_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "data/events").mkdir(parents=True)
    (tmp_path / "data/events/conf-2024.yml").write_text(BAD.lstrip("\n"), "utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ndocs_dir: content\nplugins:\n  - podium/posts\n", "utf-8")
    assert cli.main(["check", "--config", str(config)]) == 0
    capsys.readouterr()
    assert cli.main(["check", "--config", str(config), "--strict", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(p["line"], p["col"], p["severity"], p["field"]) for p in found] == [
        (7, 39, "warning", "talks[1].start"),
        (8, 5, "warning", "talks[2].duration"),
        (9, 30, "warning", "talks[3].start"),
    ]
