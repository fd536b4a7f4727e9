"""Reading frab/pentabarf schedule.xml and frab/pretalx schedule.json (podium.schedule)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from podium.problems import Problems
from podium.schedule import Schedule, Session, read_schedule
from tests.conftest import CORPUS

XML = CORPUS / "fosdem-schedule-xml"
JSON = CORPUS / "c3voc-schedule-json" / "validator" / "json" / "examples"
CET = dt.timezone(dt.timedelta(hours=1))
CEST = dt.timezone(dt.timedelta(hours=2))


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not here)")
    return path


def _read(path: Path) -> tuple[Schedule | None, list[str]]:
    problems = Problems()
    schedule = read_schedule(path, path.name, problems)
    return schedule, [str(p) for p in problems.sorted()]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _by_key(schedule: Schedule, key: str) -> Session:
    return next(s for s in schedule.sessions if s.key == key)


@pytest.mark.parametrize(
    ("name", "title", "talks"),
    [
        ("2007.xml", "FOSDEM 2007", 215),
        ("2023.xml", "FOSDEM 2023", 780),
        ("2024.xml", "FOSDEM 2024", 674),
        ("2026.xml", "FOSDEM 2026", 883),
    ],
)
def test_every_fosdem_layout_is_read(name: str, title: str, talks: int) -> None:
    schedule, problems = _read(_need(XML / name))
    assert problems == []
    assert schedule is not None
    assert schedule.format == "frab-xml"
    assert schedule.conference.title == title
    assert schedule.conference.city == "Brussels"
    assert len(schedule.sessions) == talks
    assert all(s.title and s.start and s.room for s in schedule.sessions)


def test_fosdem_2024_talks_of_the_seed_post() -> None:
    schedule, _ = _read(_need(XML / "2024.xml"))
    assert schedule is not None
    assert schedule.conference.start == dt.date(2024, 2, 3)
    assert schedule.conference.end == dt.date(2024, 2, 4)
    assert schedule.conference.day_change == dt.time(9, 0)
    urunc = _by_key(schedule, "10864")
    assert urunc.slug.startswith("fosdem-2024-3402-from-containers-to-unikernels")
    assert urunc.speakers == ("Georgios Ntoutsos", "Ioannis Plakas")
    assert urunc.room == "UB2.252A (Lameere)"
    assert urunc.track == "Containers devroom"
    assert urunc.start == dt.datetime(2024, 2, 3, 18, 25)
    assert urunc.duration == 30
    assert "<code>urunc</code>" in urunc.abstract
    bunny = _by_key(schedule, "10876")
    assert bunny.speakers == ("Charalampos Mainas", "Anastassios Nanos")
    assert bunny.room == "UD2.208 (Decroly)"
    assert bunny.start == dt.datetime(2024, 2, 3, 18, 40)
    assert bunny.duration == 20


def test_fosdem_2007_has_no_room_wrappers() -> None:
    schedule, _ = _read(_need(XML / "2007.xml"))
    assert schedule is not None
    aiglx = _by_key(schedule, "0")
    assert (aiglx.title, aiglx.room, aiglx.slug) == ("AIGLX", "Chavanne", "")
    assert aiglx.start == dt.datetime(2007, 2, 25, 15, 0)
    assert aiglx.links[0].title == "Video (Ogg/Theora)"


def test_fosdem_2026_made_by_pretalx_has_urls_and_a_time_zone() -> None:
    schedule, _ = _read(_need(XML / "2026.xml"))
    assert schedule is not None
    assert schedule.conference.timezone == "Europe/Brussels"
    assert schedule.conference.base_url == "https://fosdem.org/2026/schedule/"
    welcome = _by_key(schedule, "8376")
    assert welcome.url == "https://fosdem.org/2026/schedule/event/SFKNTZ-welcome_to_fosdem_2026/"
    # <date>2026-01-31T09:30:00+01:00</date>: the offset is kept, nothing is converted here.
    assert welcome.start == dt.datetime(2026, 1, 31, 9, 30, tzinfo=CET)
    assert welcome.start is not None and welcome.start.utcoffset() == dt.timedelta(hours=1)
    # The session's place in the file: the line and column of its <event …> tag.
    lines = (XML / "2026.xml").read_text("utf-8").splitlines()
    line, col = welcome.at
    assert (
        lines[line - 1][col - 1 :].startswith('<event guid="9c3ebb8c')
        and 'id="8376"' in lines[line - 1]
    )
    conf_line, conf_col = schedule.conference.at
    assert lines[conf_line - 1][conf_col - 1 :].startswith("<conference")
    assert schedule.conference.field == "conference"


def test_times_without_an_offset_stay_naive() -> None:
    schedule, _ = _read(_need(XML / "2023.xml"))
    assert schedule is not None
    assert schedule.conference.timezone == ""
    assert all(s.start is not None and s.start.tzinfo is None for s in schedule.sessions)
    welcome = _by_key(schedule, "15059")
    assert welcome.start == dt.datetime(2023, 2, 4, 9, 30)


def test_json_offsets_are_kept_and_sessions_know_their_place() -> None:
    path = _need(JSON / "pretalx-rc3.json")
    rc3, _ = _read(path)
    assert rc3 is not None
    assert rc3.conference.timezone == ""  # rC3 names no zone: its offsets are all there is
    gluon = _by_key(rc3, "15")
    assert gluon.start == dt.datetime(2020, 12, 27, 11, 30, tzinfo=CET)
    assert all(s.start is not None and s.start.utcoffset() for s in rc3.sessions)
    lines = path.read_text("utf-8").splitlines()
    line, col = gluon.at
    assert lines[line - 1][col - 1] == "{"
    assert '"id": 15,' in lines[line]
    assert rc3.conference.field == "schedule.conference"
    conf_line, conf_col = rc3.conference.at
    assert lines[conf_line - 1][:conf_col].endswith('"conference": {')


SMALL_XML = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Night Con</title><start>2024-02-03</start><end>2024-02-04</end>
    <day_change>09:00:00</day_change></conference>
  <day index="1" date="2024-02-03">
    <room name="Main">
      <event id="1"><start>23:30</start><duration>01:00</duration><room>Main</room>
        <title>Late</title><persons><person id="1">A</person></persons></event>
      <event id="2"><start>01:15</start><duration>00:30</duration><room>Main</room>
        <title>After midnight</title></event>
    </room>
  </day>
</schedule>
"""


def test_events_after_midnight_belong_to_the_next_calendar_day(tmp_path: Path) -> None:
    schedule, problems = _read(_write(tmp_path, "schedule.xml", SMALL_XML))
    assert problems == []
    assert schedule is not None
    starts = [s.start for s in schedule.sessions]
    assert starts == [dt.datetime(2024, 2, 3, 23, 30), dt.datetime(2024, 2, 4, 1, 15)]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<schedule><conference><title>&lol9;</title></conference></schedule>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><conference><title>&secret;</title></conference></schedule>
"""
DTD_MESSAGE = (
    "error: XML: a DTD (<!DOCTYPE …>) is not allowed in a schedule — entity declarations "
    "could expand without bound or read local files; remove it"
)


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_xml_entity_attacks_are_refused_not_expanded(tmp_path: Path, payload: str) -> None:
    began = time.monotonic()
    schedule, problems = _read(_write(tmp_path, "schedule.xml", payload))
    assert time.monotonic() - began < 2
    assert schedule is None
    assert problems == [f"schedule.xml:2:1: {DTD_MESSAGE}"]


def test_broken_xml_and_other_roots_are_clear_errors(tmp_path: Path) -> None:
    broken = _write(tmp_path, "broken.xml", "<schedule>\n  <conference>\n</schedule>\n")
    assert _read(broken)[1] == ["broken.xml:3:3: error: XML: mismatched tag"]
    other = _write(tmp_path, "feed.xml", "<rss><channel/></rss>")
    assert _read(other)[1] == ["feed.xml:1:1: error: XML: expected a <schedule> root, got <rss>"]
    text = _write(tmp_path, "notes.txt", "hello")
    assert _read(text)[1] == [
        "notes.txt:1:1: error: not a schedule: expected frab XML (<schedule>) or JSON ({…})"
    ]


@pytest.mark.parametrize(
    ("name", "layout", "title", "talks"),
    [
        ("frab-camp2019.json", "frab-json", "Chaos Communication Camp 2019", 79),
        ("pretalx-democon.json", "frab-json", "DemoCon", 36),
        ("pretalx-rc3.json", "frab-json", "rC3 Channels", 48),
        ("hub-schedule2.json", "schedule2-json", "38C3", 2),
    ],
)
def test_every_valid_json_example_is_read(name: str, layout: str, title: str, talks: int) -> None:
    schedule, problems = _read(_need(JSON / name))
    assert problems == []
    assert schedule is not None
    assert (schedule.format, schedule.conference.title) == (layout, title)
    assert len(schedule.sessions) == talks
    assert all(s.title and s.start for s in schedule.sessions)


def test_pretalx_and_hub_sessions() -> None:
    camp, _ = _read(_need(JSON / "frab-camp2019.json"))
    assert camp is not None
    opening = _by_key(camp, "10386")
    assert (opening.speakers, opening.room, opening.track) == (("jinxx", "smtw"), "Curie", "CCC")
    assert (opening.start, opening.duration) == (dt.datetime(2019, 8, 21, 11, 0, tzinfo=CEST), 30)
    hub, _ = _read(_need(JSON / "hub-schedule2.json"))
    assert hub is not None
    first = hub.sessions[0]
    # Participants with the role CONTRIBUTOR are not speakers; the track comes from its slug.
    assert first.speakers == ("Gabriela Bogk", "Aline Blankertz")
    assert (first.room, first.track, first.duration) == ("Saal 1", "CCC", 30)
    assert first.start == dt.datetime(2024, 12, 27, 10, 30, tzinfo=CET)
    assert first.attachments[0].url == "https://example.net/foo/bar/1235.pdf"


def test_the_invalid_json_example_gives_clear_errors() -> None:
    schedule, problems = _read(_need(JSON / "invalid-example.json"))
    assert schedule is None
    where = "schedule.conference.days[0].rooms.Winterchaos[0]"
    assert problems == [
        f'invalid-example.json:23:25: error: {where}.id: expected an integer, got the text "2814" '
        "— frab and pretalx number their events (see the c3voc schedule JSON schema)",
        f"invalid-example.json:43:29: error: {where}.persons[0].id: expected an integer, got the "
        'text "dsadf" — frab and pretalx number their speakers (see the c3voc schedule JSON '
        "schema)",
    ]


def test_json_shape_errors_name_the_path_and_position(tmp_path: Path) -> None:
    text = (
        '{"schedule": {"conference": {"title": "X", "start": "2024-01-01",\n'
        '  "days": [{"date": "2024-01-01", "rooms": [{"title": "talk"}]},\n'
        '           {"date": "2024-01-02", "rooms": {"Saal 1": {"title": "t"}}}]}}}\n'
    )
    _, problems = _read(_write(tmp_path, "schedule.json", text))
    assert problems == [
        "schedule.json:2:44: error: schedule.conference.days[0].rooms: expected a mapping of "
        "room names to lists, got a list",
        'schedule.json:3:55: error: schedule.conference.days[1].rooms["Saal 1"]: expected a '
        "list of events, got a mapping",
    ]
    missing = _write(tmp_path, "empty.json", '{"version": "1"}')
    assert _read(missing)[1] == [
        "empty.json:1:1: error: schedule: expected a mapping — a frab/pretalx schedule.json is "
        '{"schedule": {"conference": …}}, got null'
    ]
    syntax = _write(tmp_path, "syntax.json", '{"schedule": {"conference": }}')
    assert _read(syntax)[1] == ["syntax.json:1:29: error: JSON: Expecting value"]


def test_json_events_need_a_title(tmp_path: Path) -> None:
    text = (
        '{"schedule": {"conference": {"title": "X", "days": [{"date": "2024-01-01", '
        '"rooms": {"A": [{"id": 1, "start": "10:00", "duration": "1 hour"}]}}]}}}'
    )
    _, problems = _read(_write(tmp_path, "s.json", text))
    assert len(problems) == 2
    assert problems[0].endswith("error: schedule.conference.days[0].rooms.A[0].title: required")
    assert problems[1].endswith(
        "error: schedule.conference.days[0].rooms.A[0].duration: expected HH:MM, got the text "
        '"1 hour"'
    )
