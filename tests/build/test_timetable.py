"""Fixture builds of timetables and My agenda: day pages, grid rows, lanes, list form, times.

HTML is read with lxml; every block's grid place is checked against its talk's data.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from podium.timetable import DEFAULT_MINUTES, SLOT_MINUTES
from tests.conftest import (
    Built,
    FosdemSite,
    broken_links,
    build_site,
    resolves,
    write_site,
)
from tests.timetable_data import conference, dump, meetup

PLUGINS = [
    "search",
    {"podium/posts": {"timezone": "Europe/Brussels"}},
    "podium/events",
    "podium/tags",
]
CONF = """
title: Small Conf 2024
kind: conference
start: 2024-02-03
end: 2024-02-04
timezone: Europe/Brussels
talks:
  - {title: Opening, id: opening, room: Janson, start: 2024-02-03T09:30:00, duration: 20,
     speakers: [ada, Jane Doe]}
  - {title: Kernels, id: kernels, room: K.1.105, start: 2024-02-03T10:00:00, duration: 50}
  - {title: No length, id: no-length, room: K.1.105, start: 2024-02-03T11:00:00}
  - {title: Clash one, id: clash-one, room: Janson, start: 2024-02-03T10:00:00, duration: 30}
  - {title: Clash two, id: clash-two, room: Janson, start: 2024-02-03T10:15:00, duration: 30}
  - {title: After clash, id: after-clash, room: Janson, start: 2024-02-03T11:00:00, duration: 25}
  - {title: Odd minute, id: odd-minute, room: H.2215, start: 2024-02-04T13:02:00, duration: 7}
  - {title: Roomless, id: roomless, start: 2024-02-04T14:00:00, duration: 30}
  - {title: Late addition, id: late, room: Janson, start: 2024-02-06T11:00:00, duration: 30}
  - {title: Untimed, id: untimed, room: Janson}
"""
SUMMER = """
title: Summer Meetup
kind: meetup
start: 2024-07-10
timezone: Europe/Brussels
talks:
  - {title: "Second <b>talk</b>", id: summer-second, room: Loft, start: 2024-07-10T19:45:00, duration: 30}
  - {title: First talk, id: summer-first, room: Loft, start: 2024-07-10T19:00:00, duration: 40}
"""
NO_TIMES = "title: Chat\nkind: meetup\nstart: 2024-05-01\ntalks:\n  - {title: Hello, id: hello}\n"
BRUSSELS = ZoneInfo("Europe/Brussels")


def _xpath(selector: str) -> str:
    """The XPath of a CSS selector made of ``tag.class[attr]`` steps and descendants."""
    alternatives = []
    for alternative in selector.split(","):
        steps = []
        for simple in alternative.split():
            match = re.fullmatch(r"([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[\w-]+\])*)", simple)
            assert match, simple
            tests = [
                f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
                for name in match.group(2).split(".")[1:]
            ]
            tests += [f"@{name}" for name in re.findall(r"\[([\w-]+)\]", match.group(3))]
            steps.append((match.group(1) or "*") + "".join(f"[{t}]" for t in tests))
        alternatives.append(".//" + "//".join(steps))
    return " | ".join(alternatives)


def css(element: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    return list(element.xpath(_xpath(selector)))


def tree(built: Built, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(built.html(url))


def blocks(page: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    found = {li.get("data-podium-star"): li for li in css(page, "li.podium-tt__talk")}
    assert len(found) == len(css(page, "li.podium-tt__talk")), "a talk twice on one day"
    return found


def area(li: lxml.html.HtmlElement) -> tuple[int, int, int, int]:
    match = re.search(r"grid-area:(\d+)/(\d+)/(\d+)/(\d+)", li.get("style") or "")
    assert match, li.get("style")
    a, b, c, d = (int(x) for x in match.groups())
    return a, b, c, d


def lanes(li: lxml.html.HtmlElement) -> tuple[int, int] | None:
    match = re.search(r"--lane:(\d+);--lanes:(\d+)", li.get("style") or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def room_columns(page: lxml.html.HtmlElement) -> dict[str, int]:
    columns = {}
    for li in css(page, "li.podium-tt__room"):
        match = re.fullmatch(r"grid-column:(\d+)", li.get("style") or "")
        assert match and li.get("aria-hidden") == "true"
        columns[li.text_content()] = int(match.group(1))
    return columns


def times(li: lxml.html.HtmlElement) -> list[str]:
    return [t.get("datetime") for t in css(li, "time")]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("timetable-small")
    files = {
        "content/index.md": "# Home\n",
        "data/people.yml": "ada:\n  name: Ada Lovelace\n",
        "data/events/small-2024.yml": CONF,
        "data/events/summer-2024.yml": SUMMER,
        "data/events/chat-2024.yml": NO_TIMES,
    }
    write_site(root, files, {"plugins": PLUGINS})
    return build_site(root)


def test_the_event_page_leads_to_the_timetable_and_each_day(small: Built) -> None:
    page = tree(small, "events/small-2024/")
    links = css(page, ".podium-event__timetable a")
    assert [a.get("href") for a in links] == [
        "timetable/",
        "timetable/2024-02-03/",
        "timetable/2024-02-04/",
        "timetable/2024-02-06/",  # a talk outside the event's days gets a day of its own
    ]
    assert [a.text_content() for a in links][1:] == [
        "Saturday 3 February 2024",
        "Sunday 4 February 2024",
        "Tuesday 6 February 2024",
    ]
    assert all(resolves(small, "events/small-2024/", a.get("href")) for a in links)
    # Without a timed talk there is no timetable, and no link to one.
    assert css(tree(small, "events/chat-2024/"), ".podium-event__timetable") == []
    assert not small.exists("events/chat-2024/timetable/index.html")


def test_the_index_lists_the_days_with_their_counts(small: Built) -> None:
    page = tree(small, "events/small-2024/timetable/")
    days = [li.text_content().split() for li in css(page, ".podium-tt__index li")]
    assert [d[-2] for d in days] == ["6", "2", "1"]
    assert "1 talk has no time yet" in page.text_content()
    assert "Times are in Europe/Brussels." in page.text_content()


def test_a_day_is_a_grid_of_rooms_with_blocks_as_long_as_their_talks(small: Built) -> None:
    page = tree(small, "events/small-2024/timetable/2024-02-03/")
    grid = css(page, "ol.podium-tt")[0]
    assert "podium-tt--grid" in grid.get("class")
    columns = room_columns(page)
    assert columns == {"Janson": 2, "K.1.105": 3}  # the day's rooms, as the file orders them
    found = blocks(page)
    assert set(found) == {
        "opening",
        "kernels",
        "no-length",
        "clash-one",
        "clash-two",
        "after-clash",
    }
    # The grid starts on the hour of the first talk (09:00) in row 2, five minutes a row.
    starts = {"opening": (9, 30), "kernels": (10, 0), "clash-one": (10, 0), "clash-two": (10, 15)}
    lengths = {"opening": 20, "kernels": 50, "clash-one": 30, "clash-two": 30, "after-clash": 25}
    for talk_id, (hour, minute) in starts.items():
        row, _, _, _ = area(found[talk_id])
        assert row == 2 + ((hour - 9) * 60 + minute) // SLOT_MINUTES, talk_id
    for talk_id, minutes in lengths.items():
        row, column, row_end, column_end = area(found[talk_id])
        assert row_end - row == math.ceil(minutes / SLOT_MINUTES), talk_id
        assert column_end == column + 1
    room_of = {"opening": "Janson", "kernels": "K.1.105", "no-length": "K.1.105"}
    for talk_id, room in room_of.items():
        assert area(found[talk_id])[1] == columns[room]
        # The room is on every block, for the list form and for screen readers.
        assert css(found[talk_id], ".podium-tt__where")[0].text_content() == room
    # No duration: a default block and no end time.
    row, _, row_end, _ = area(found["no-length"])
    assert row_end - row == DEFAULT_MINUTES // SLOT_MINUTES
    assert times(found["no-length"]) == ["2024-02-03T11:00:00+01:00"]
    # Two talks at once in one room share its column side by side; the next one is alone.
    assert lanes(found["clash-one"]) == (0, 2)
    assert lanes(found["clash-two"]) == (1, 2)
    assert lanes(found["opening"]) is None and lanes(found["after-clash"]) is None
    assert "--rows:36" in grid.get("style")  # 09:00 to 11:25, rounded up to 12:00
    marks = [li.text_content() for li in css(page, "li.podium-tt__mark")]
    assert marks == ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]


def test_blocks_list_in_time_order_with_full_iso_times(small: Built) -> None:
    page = tree(small, "events/small-2024/timetable/2024-02-03/")
    ids = [li.get("data-podium-star") for li in css(page, "li.podium-tt__talk")]
    assert ids == ["opening", "clash-one", "kernels", "clash-two", "after-clash", "no-length"]
    opening = blocks(page)["opening"]
    assert times(opening) == ["2024-02-03T09:30:00+01:00", "2024-02-03T09:50:00+01:00"]
    assert [t.text_content() for t in css(opening, "time")] == ["09:30", "09:50"]
    assert css(opening, "time")[1].get("class") == "podium-end"
    assert css(opening, ".podium-tt__who")[0].text_content() == "Ada Lovelace, Jane Doe"
    link = css(opening, "a")[0]
    assert link.get("href") == "../../../../talks/opening/"
    assert resolves(small, "events/small-2024/timetable/2024-02-03/", link.get("href"))
    about = css(page, ".podium-tt__about")[0].text_content()
    assert "Times are in Europe/Brussels (CET, UTC+01:00)." in about
    tabs = css(page, ".podium-tt__days a")
    assert [a.get("aria-current") for a in tabs] == ["page", None, None]


def test_odd_minutes_roomless_talks_and_days_outside_the_event(small: Built) -> None:
    page = tree(small, "events/small-2024/timetable/2024-02-04/")
    assert room_columns(page) == {"H.2215": 2, "No room": 3}
    found = blocks(page)
    # 13:02 for 7 minutes touches the rows of 13:00 and 13:05.
    row, _, row_end, _ = area(found["odd-minute"])
    assert (row, row_end) == (2, 4)
    assert css(found["roomless"], ".podium-tt__where") == []
    late = blocks(tree(small, "events/small-2024/timetable/2024-02-06/"))
    assert set(late) == {"late"}


def test_a_one_room_event_gets_an_agenda_list(small: Built) -> None:
    page = tree(small, "events/summer-2024/timetable/2024-07-10/")
    ol = css(page, "ol.podium-tt")[0]
    assert "podium-tt--list" in ol.get("class") and "podium-tt--grid" not in ol.get("class")
    assert css(page, ".podium-tt__room, .podium-tt__mark") == []
    items = css(page, "li.podium-tt__talk")
    assert [li.get("data-podium-star") for li in items] == ["summer-first", "summer-second"]
    assert times(items[0]) == ["2024-07-10T19:00:00+02:00", "2024-07-10T19:40:00+02:00"]
    assert css(items[1], "a")[0].text_content() == "Second <b>talk</b>"  # escaped
    assert css(page, ".podium-tt__days") == []  # one day: no day tabs
    assert "(CEST, UTC+02:00)" in css(page, ".podium-tt__about")[0].text_content()


def test_talk_pages_and_lists_carry_stars_and_offset_times(small: Built) -> None:
    page = tree(small, "talks/opening/")
    slot = css(page, ".podium-talk__links")[0]
    assert (slot.get("data-podium-star"), slot.get("data-podium-title")) == ("opening", "Opening")
    assert [t.get("datetime") for t in css(page, ".podium-talk-page time")] == [
        "2024-02-03T09:30:00+01:00"
    ]
    day = css(page, ".podium-talk-page dd a")[-1]
    assert (day.text_content(), day.get("href")) == (
        "Timetable",
        "../../events/small-2024/timetable/2024-02-03/",
    )
    assert resolves(small, "talks/opening/", day.get("href"))
    late = css(tree(small, "talks/late/"), ".podium-talk-page dd a")[-1].get("href")
    assert late == "../../events/small-2024/timetable/2024-02-06/"
    assert css(tree(small, "talks/untimed/"), ".podium-when") == []
    catalog = tree(small, "talks/")
    rows = css(catalog, "li.podium-talk[data-podium-star]")
    assert len(rows) == len(css(catalog, "li.podium-talk")) == 13
    when = {li.get("data-podium-star"): times(li) for li in rows}
    assert when["summer-first"] == ["2024-07-10T19:00:00+02:00"]
    assert when["untimed"] == []
    scripts = [s.get("src") for s in css(page, "script[src]")]
    assert "../../assets/podium/podium-agenda.js" in scripts
    assert small.exists("assets/podium/podium-agenda.js")


def test_my_agenda_reads_every_talk_from_its_json(small: Built) -> None:
    page = tree(small, "agenda/")
    box = css(page, "[data-podium-agenda]")[0]
    assert box.get("data-src") == "talks.json"
    assert "needs JavaScript" in css(box, "[data-podium-agenda-nojs]")[0].text_content()
    assert "nothing is sent anywhere" in page.text_content()
    assert css(box, "button[data-podium-ics]")[0].text_content() == "Download .ics"
    data = json.loads((small.site / "agenda/talks.json").read_text("utf-8"))
    assert set(data["events"]) == {"small-2024", "summer-2024", "chat-2024"}
    assert data["events"]["small-2024"] == {
        "t": "Small Conf 2024",
        "u": "events/small-2024/",
        "z": "Europe/Brussels",
    }
    assert len(data["talks"]) == 13
    opening = data["talks"]["opening"]
    assert opening == {
        "t": "Opening",
        "e": "small-2024",
        "u": "talks/opening/",
        "r": "Janson",
        "s": "2024-02-03T09:30:00+01:00",
        "d": "Saturday 3 February 2024",
        "h": "09:30–09:50",
        "x": "2024-02-03T09:50:00+01:00",
    }
    assert "s" not in data["talks"]["untimed"] and "x" not in data["talks"]["no-length"]
    for talk in data["talks"].values():
        assert resolves(small, "", talk["u"])


def test_every_link_of_the_new_pages_resolves(small: Built) -> None:
    bad = [b for b in broken_links(small) if "timetable" in b[0] or b[0].startswith("agenda")]
    assert bad == []


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, dict[str, object]]:
    root = tmp_path_factory.mktemp("timetable-big")
    data = conference(900, rooms=30, days=2)
    files = {
        "content/index.md": "# Home\n",
        "data/events/gen-2026.yml": dump(data),
        "data/events/meetup-2026.yml": dump(meetup()),
    }
    write_site(root, files, {"plugins": PLUGINS})
    return build_site(root), data


def test_a_900_talk_event_has_light_day_pages_with_every_talk_once(
    big: tuple[Built, dict[str, object]],
) -> None:
    built, data = big
    talks = {t["id"]: t for t in data["talks"]}  # type: ignore[attr-defined]
    seen: Counter[str] = Counter()
    for day in ("2026-01-31", "2026-02-01"):
        path = built.site / f"events/gen-2026/timetable/{day}/index.html"
        assert path.stat().st_size <= 400_000, f"{day}: {path.stat().st_size} bytes"
        page = lxml.html.fromstring(path.read_text("utf-8"))
        assert len(room_columns(page)) == 30
        for talk_id, li in blocks(page).items():
            seen[talk_id] += 1
            talk = talks[talk_id]
            start = dt.datetime.fromisoformat(talk["start"]).replace(tzinfo=BRUSSELS)
            assert start.date().isoformat() == day
            row, column, row_end, _ = area(li)
            assert row_end - row == math.ceil(talk["duration"] / SLOT_MINUTES), talk_id
            assert row == 2 + (start.hour - 9) * 12 + start.minute // SLOT_MINUTES
            assert column == 2 + int(talk["room"].split()[1])
            end = start + dt.timedelta(minutes=talk["duration"])
            assert times(li) == [start.isoformat(), end.isoformat()]
            assert lanes(li) is None  # no clashes in the generated schedule
    assert set(seen) == set(talks) and set(seen.values()) == {1}
    assert len(list((built.site / "events/gen-2026/timetable").iterdir())) == 3


def test_the_big_agenda_data_lists_every_talk(big: tuple[Built, dict[str, object]]) -> None:
    built, _ = big
    data = json.loads((built.site / "agenda/talks.json").read_text("utf-8"))
    assert len(data["talks"]) == 904
    assert (built.site / "agenda/talks.json").stat().st_size < 300_000


def test_the_full_fosdem_2026_import_has_day_pages_under_400_kb(fosdem_2026: FosdemSite) -> None:
    built = fosdem_2026.built
    data = json.loads((built.site / "agenda/talks.json").read_text("utf-8"))
    timed = {i for i, t in data["talks"].items() if "s" in t}
    assert len(timed) == 883
    seen: Counter[str] = Counter()
    for day in ("2026-01-31", "2026-02-01"):
        path = built.site / f"events/fosdem-2026/timetable/{day}/index.html"
        assert path.stat().st_size <= 400_000, f"{day}: {path.stat().st_size} bytes"
        page = lxml.html.fromstring(path.read_text("utf-8"))
        assert "podium-tt--grid" in css(page, "ol.podium-tt")[0].get("class")
        for talk_id, li in blocks(page).items():
            seen[talk_id] += 1
            assert times(li)[0] == data["talks"][talk_id]["s"]
            assert times(li)[0].startswith(day) and times(li)[0].endswith("+01:00")
    assert set(seen) == timed and set(seen.values()) == {1}


PAYLOAD = "<img src=x onerror=alert(1)>"
ROOM = '"><script>alert(1)</script>'


def test_titles_rooms_and_speakers_are_text_everywhere(tmp_path: Path) -> None:
    event = {
        "title": f"Conf {PAYLOAD}",
        "kind": "conference",
        "start": "2024-02-03",
        "timezone": "Europe/Brussels",
        "talks": [
            {
                "title": PAYLOAD,
                "id": "payload",
                "room": ROOM,
                "speakers": [PAYLOAD],
                "start": "2024-02-03T10:00:00",
                "duration": 30,
            },
            {"title": "Plain", "id": "plain", "room": "B", "start": "2024-02-03T10:00:00"},
        ],
    }
    files = {"content/index.md": "# Home\n", "data/events/x-2024.yml": dump(event)}
    write_site(tmp_path, files, {"plugins": PLUGINS})
    built = build_site(tmp_path)
    home = tree(built, "")
    for url in ("events/x-2024/timetable/", "events/x-2024/timetable/2024-02-03/", "agenda/"):
        page = tree(built, url)
        assert css(page, "img") == [], url
        # No script beyond the theme's own (the home page has the same inline ones).
        assert len(css(page, "script")) == len(css(home, "script")), url
    day = tree(built, "events/x-2024/timetable/2024-02-03/")
    block = blocks(day)["payload"]
    assert css(block, "a")[0].text_content() == PAYLOAD
    assert css(block, ".podium-tt__where")[0].text_content() == ROOM
    assert css(block, ".podium-tt__who")[0].text_content() == PAYLOAD
    assert ROOM in room_columns(day)
    data = json.loads((built.site / "agenda/talks.json").read_text("utf-8"))
    assert (data["talks"]["payload"]["t"], data["talks"]["payload"]["r"]) == (PAYLOAD, ROOM)
    assert data["events"]["x-2024"]["t"] == f"Conf {PAYLOAD}"
