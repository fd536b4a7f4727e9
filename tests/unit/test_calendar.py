"""iCalendar output (podium.calendar): parsed back with icalendar (DESIGN §4, BAD-INPUT D8, F9–F11)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from podium.calendar import (
    PRODID,
    CalendarInfo,
    event_calendar,
    events_calendar,
    talk_calendar,
    talks_calendar,
)
from podium.events import Event, Location, Speaker, Talk

BRUSSELS = ZoneInfo("Europe/Brussels")
INFO = CalendarInfo(
    site_url="https://example.org/sub/",
    name="Podium events",
    stamp=dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC),
)
INJECTION = "Talk\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned"
F10 = "Room A; Building B, 2nd floor \\ back"


def page_url(event_id: str) -> str:
    return f"https://example.org/sub/events/{event_id}/"


def talk_url(talk_id: str) -> str:
    return f"https://example.org/sub/talks/{talk_id}/"


def talk(talk_id: str, **changes: Any) -> Talk:
    values: dict[str, Any] = {
        "id": talk_id,
        "event_id": "fosdem-2024",
        "title": f"Talk {talk_id}",
        "subtitle": None,
        "speakers": (Speaker("alice", "alice"), Speaker("Bob Plain", None)),
        "track": "Kernel",
        "track_url": None,
        "room": "K.1.105",
        "url": None,
        "slides": None,
        "video": None,
        "start": dt.datetime(2024, 2, 3, 18, 25, tzinfo=BRUSSELS),
        "duration": 25,
        "abstract": "How unikernels boot.",
        "tags": ("unikraft",),
        "line": 1,
    }
    values.update(changes)
    return Talk(**values)


def event(event_id: str = "fosdem-2024", **changes: Any) -> Event:
    values: dict[str, Any] = {
        "id": event_id,
        "shown": f"data/events/{event_id}.yml",
        "title": "FOSDEM 2024",
        "kind": "conference",
        "start": dt.datetime(2024, 2, 3, 9, 0, tzinfo=BRUSSELS),
        "end": dt.datetime(2024, 2, 4, 18, 0, tzinfo=BRUSSELS),
        "all_day": False,
        "timezone": "Europe/Brussels",
        "location": Location("ULB Solbosch Campus", None, "Brussels", "Belgium", None),
        "online": False,
        "url": None,
        "summary": "The free software meeting.",
        "description": None,
        "tags": ("conference", "open-source"),
        "talks": (),
        "photos": (),
        "posts": (),
    }
    values.update(changes)
    return Event(**values)


def all_day(event_id: str, first: dt.date, last: dt.date | None) -> Event:
    def midnight(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, tzinfo=BRUSSELS)

    return event(
        event_id, start=midnight(first), end=midnight(last) if last else None, all_day=True
    )


def parse(data: bytes) -> Calendar:
    assert data.count(b"\n") == data.count(b"\r\n")  # CRLF only (RFC 5545 §3.1)
    return Calendar.from_ical(data)


def vevents(data: bytes) -> list[Any]:
    return list(parse(data).walk("VEVENT"))


def by_uid(data: bytes) -> dict[str, Any]:
    return {str(component["UID"]): component for component in vevents(data)}


def test_event_with_talks() -> None:
    talks = (
        talk("boot", subtitle="From zero"),
        talk("no-time", start=None),
        talk("open-end", start=dt.datetime(2024, 2, 4, 10, 0, tzinfo=BRUSSELS), duration=None),
    )
    data = event_calendar(INFO, event(talks=talks), page_url, talk_url)
    calendar = parse(data)
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Podium events"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Brussels"
    found = by_uid(data)
    assert list(found) == [
        "event-fosdem-2024@example.org",
        "talk-boot@example.org",
        "talk-open-end@example.org",
    ]
    main = found["event-fosdem-2024@example.org"]
    assert str(main["SUMMARY"]) == "FOSDEM 2024"
    assert str(main["URL"]) == "https://example.org/sub/events/fosdem-2024/"
    assert str(main["LOCATION"]) == "ULB Solbosch Campus, Brussels, Belgium"
    assert str(main["DESCRIPTION"]) == "The free software meeting."
    assert [str(c) for c in main["CATEGORIES"].cats] == ["conference", "open-source"]
    assert main.decoded("DTSTAMP") == INFO.stamp
    assert main.decoded("DTSTART") == dt.datetime(2024, 2, 3, 8, 0, tzinfo=dt.UTC)
    assert main.decoded("DTEND") == dt.datetime(2024, 2, 4, 17, 0, tzinfo=dt.UTC)

    boot = found["talk-boot@example.org"]
    # 18:25 in Brussels (CET, +01:00) is 17:25 UTC.
    assert boot.decoded("DTSTART") == dt.datetime(2024, 2, 3, 17, 25, tzinfo=dt.UTC)
    assert boot.decoded("DTEND") == dt.datetime(2024, 2, 3, 17, 50, tzinfo=dt.UTC)
    assert boot["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert str(boot["SUMMARY"]) == "Talk boot"
    assert str(boot["URL"]) == "https://example.org/sub/talks/boot/"
    assert str(boot["LOCATION"]) == "K.1.105, ULB Solbosch Campus, Brussels, Belgium"
    description = str(boot["DESCRIPTION"])
    assert description.startswith("From zero\nSpeakers: alice, Bob Plain\n")
    assert "Event: FOSDEM 2024" in description
    assert description.endswith("\n\nHow unikernels boot.")
    assert [str(c) for c in boot["CATEGORIES"].cats] == ["unikraft"]
    # No duration: DTSTART alone (RFC 5545: zero-length), nothing invented.
    assert "DTEND" not in found["talk-open-end@example.org"]


def test_speaker_names_from_the_caller() -> None:
    def name(speaker: Speaker) -> str:
        return "Alice Liddell" if speaker.person_id == "alice" else speaker.ref

    data = event_calendar(INFO, event(talks=(talk("boot"),)), page_url, talk_url, name)
    description = str(by_uid(data)["talk-boot@example.org"]["DESCRIPTION"])
    assert "Speakers: Alice Liddell, Bob Plain" in description


def test_vtimezone_for_the_event_zone() -> None:
    data = event_calendar(INFO, event(talks=(talk("boot"),)), page_url, talk_url)
    zones = parse(data).walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Brussels"]
    assert b"DTSTART;TZID=Europe/Brussels:20240203T182500\r\n" in data
    # The VTIMEZONE comes before the components that use it.
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")


def test_summer_time_instant() -> None:
    summer = talk("summer", start=dt.datetime(2024, 7, 1, 10, 0, tzinfo=BRUSSELS))
    data = event_calendar(INFO, event(talks=(summer,)), page_url, talk_url)
    got = by_uid(data)["talk-summer@example.org"].decoded("DTSTART")
    assert got == dt.datetime(2024, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_utc_event_needs_no_vtimezone() -> None:
    utc = ZoneInfo("UTC")
    data = event_calendar(
        INFO,
        event(
            start=dt.datetime(2024, 5, 1, 9, 0, tzinfo=utc),
            end=None,
            timezone="UTC",
        ),
        page_url,
        talk_url,
    )
    assert b"DTSTART:20240501T090000Z\r\n" in data
    assert b"VTIMEZONE" not in data
    assert b"DTEND" not in data


def test_all_day_end_is_exclusive() -> None:
    data = events_calendar(
        INFO,
        [
            all_day("conf", dt.date(2024, 4, 18), dt.date(2024, 4, 21)),
            all_day("meetup", dt.date(2024, 5, 7), None),
            all_day("new-year", dt.date(2024, 12, 31), None),
        ],
        page_url,
    )
    assert data is not None
    found = by_uid(data)
    conf = found["event-conf@example.org"]
    assert conf.decoded("DTSTART") == dt.date(2024, 4, 18)
    assert conf.decoded("DTEND") == dt.date(2024, 4, 22)
    assert b"DTSTART;VALUE=DATE:20240418\r\nDTEND;VALUE=DATE:20240422\r\n" in data
    assert found["event-meetup@example.org"].decoded("DTEND") == dt.date(2024, 5, 8)
    assert found["event-new-year@example.org"].decoded("DTEND") == dt.date(2025, 1, 1)
    assert b"VTIMEZONE" not in data  # dates have no zone


def test_events_calendar_has_no_talks() -> None:
    data = events_calendar(
        INFO, [event(talks=(talk("boot"),)), event("other", title="Other")], page_url
    )
    assert data is not None
    assert list(by_uid(data)) == ["event-fosdem-2024@example.org", "event-other@example.org"]


def test_no_events_no_calendar() -> None:
    assert events_calendar(INFO, [], page_url) is None


def test_several_zones() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    data = events_calendar(
        INFO,
        [
            event(
                "b",
                start=dt.datetime(2024, 3, 1, 10, 0, tzinfo=tokyo),
                end=None,
                timezone="Asia/Tokyo",
            ),
            event("a"),
        ],
        page_url,
    )
    assert data is not None
    calendar = parse(data)
    assert "X-WR-TIMEZONE" not in calendar
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == [
        "Asia/Tokyo",
        "Europe/Brussels",
    ]
    got = by_uid(data)["event-b@example.org"].decoded("DTSTART")
    assert got == dt.datetime(2024, 3, 1, 1, 0, tzinfo=dt.UTC)


def test_newlines_in_titles_do_not_make_components() -> None:
    """BAD-INPUT F9."""
    talks = (talk("x", title=INJECTION), talk("y", title="second\nline"))
    data = event_calendar(INFO, event(title=INJECTION, talks=talks), page_url, talk_url)
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 3
    found = vevents(data)
    assert len(found) == 3
    assert "pwned" not in [str(c["SUMMARY"]) for c in found]
    assert str(found[0]["SUMMARY"]) == INJECTION.replace("\r\n", "\n")
    assert b"SUMMARY:Talk\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:pwned\r\n" in data
    assert data.count(b"\r\nSUMMARY:") == 3


def test_location_text_escaping() -> None:
    """BAD-INPUT F10."""
    place = Location(F10, None, None, None, None)
    data = events_calendar(INFO, [event(location=place)], page_url)
    assert data is not None
    assert b"\r\nLOCATION:Room A\\; Building B\\, 2nd floor \\\\ back\r\n" in data
    assert str(vevents(data)[0]["LOCATION"]) == F10


def test_folding_keeps_utf8_whole() -> None:
    """BAD-INPUT F11."""
    title = "😀字e\u0301" * 50  # 200 characters, 4-, 3- and combining 2-byte sequences
    talks = (talk("emoji", title=title),)
    data = event_calendar(INFO, event(title=title, talks=talks), page_url, talk_url)
    data.decode("utf-8")  # every line, and so every fold, is valid UTF-8
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no sequence split across a fold
    assert [str(c["SUMMARY"]) for c in vevents(data)] == [title, title]


def test_output_is_byte_identical() -> None:
    talks = (talk("a"), talk("b", start=dt.datetime(2024, 2, 4, 11, 0, tzinfo=BRUSSELS)))
    tokyo = ZoneInfo("Asia/Tokyo")
    events = [
        event(talks=talks),
        event("t", start=dt.datetime(2024, 3, 1, tzinfo=tokyo), timezone="Asia/Tokyo"),
    ]
    assert events_calendar(INFO, events, page_url) == events_calendar(INFO, events, page_url)
    first = event_calendar(INFO, events[0], page_url, talk_url)
    assert first == event_calendar(INFO, events[0], page_url, talk_url)
    assert b"DTSTAMP:20240101T120000Z\r\n" in first


def test_uids_are_stable() -> None:
    other = CalendarInfo(
        site_url="https://example.org/other/",
        name="x",
        stamp=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
    )
    one = event_calendar(INFO, event(talks=(talk("boot"),)), page_url, talk_url)
    two = event_calendar(other, event(talks=(talk("boot"),)), page_url, talk_url)
    assert list(by_uid(one)) == list(by_uid(two))


def test_far_years_do_not_crash() -> None:
    """BAD-INPUT D11: if no VTIMEZONE can describe the years, the times are in UTC."""
    late = event(
        "late",
        start=dt.datetime(9999, 12, 30, 10, 0, tzinfo=BRUSSELS),
        end=dt.datetime(9999, 12, 31, 10, 0, tzinfo=BRUSSELS),
    )
    early = event("early", start=dt.datetime(1, 1, 2, 10, 0, tzinfo=BRUSSELS), end=None)
    data = events_calendar(INFO, [early, late], page_url)
    assert data is not None
    found = by_uid(data)
    assert found["event-late@example.org"].decoded("DTSTART") == late.start
    assert found["event-early@example.org"].decoded("DTSTART") == early.start


def test_online_event_location() -> None:
    data = events_calendar(INFO, [event(location=None, online=True)], page_url)
    assert data is not None
    assert str(vevents(data)[0]["LOCATION"]) == "Online"


def test_shared_parts_give_the_same_bytes_and_serialise_each_talk_once() -> None:
    talks = (
        talk("boot"),
        talk("late", start=dt.datetime(2024, 2, 4, 16, 0, tzinfo=BRUSSELS), track="Rust"),
        talk("no-time", start=None),
    )
    whole = event(talks=talks)
    shared = replace(INFO, parts={})

    def every(info: CalendarInfo) -> list[bytes | None]:
        return [
            event_calendar(info, whole, page_url, talk_url),
            *(talk_calendar(info, whole, t, talk_url) for t in talks),
            talks_calendar(replace(info, name="FOSDEM 2024: Kernel"), whole, talks[:1], talk_url),
        ]

    alone = every(INFO)
    assert every(shared) == alone
    assert shared.parts is not None
    assert len(shared.parts) == 2  # boot and late, each serialised once for three calendars
    assert alone[3] is None  # no start: no calendar
    assert [str(c["UID"]) for c in vevents(alone[1] or b"")] == ["talk-boot@example.org"]
    # Another URL for the same talk is another entry, never the first one's bytes.
    moved = talk_calendar(shared, whole, talks[0], lambda i: f"https://example.org/x/{i}/")
    assert str(vevents(moved or b"")[0]["URL"]) == "https://example.org/x/boot/"
