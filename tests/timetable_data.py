"""Generated events for the timetable tests: a big multi-room conference and a one-room meet-up."""

from __future__ import annotations

import datetime as dt

import yaml

DURATIONS = (25, 30, 50, 15, 20, 40, 10, 5)
LONG_TITLE = (
    "Ünïcode, commas; semicolons \\ a backslash — 日本語のタイトル 🎉 and a title long enough"
    " to be folded twice in an iCalendar file"
)
"""A title that needs TEXT escaping and line folding (on a multi-byte character)."""


def conference(talks: int = 900, rooms: int = 30, days: int = 2) -> dict[str, object]:
    """``talks`` talks over ``days`` days in ``rooms`` rooms, each room 09:00 onwards.

    Talks take turns over rooms and days; each room's talks follow one another with a
    five-minute break, durations cycling through DURATIONS.  Deterministic.
    """
    first = dt.date(2026, 1, 31)
    clock: dict[tuple[int, int], dt.datetime] = {}
    items = []
    for n in range(talks):
        room = n % rooms
        day = (n // rooms) % days
        start = clock.get((day, room)) or dt.datetime.combine(
            first + dt.timedelta(days=day), dt.time(9, 0)
        )
        duration = DURATIONS[(n // (rooms * days)) % len(DURATIONS)]
        clock[(day, room)] = start + dt.timedelta(minutes=duration + 5)
        items.append(
            {
                "title": f"Talk {n:03d}: generated session about topic {n % 17}",
                "id": f"gen-{n:03d}",
                "speakers": [f"Speaker {n % 97}", f"Co Speaker {n % 89}"],
                "track": f"Track {room % 12}",
                "room": f"Room {room:02d}",
                "start": start.isoformat(),
                "duration": duration,
            }
        )
    return {
        "title": "Generated Conf 2026",
        "kind": "conference",
        "start": first.isoformat(),
        "end": (first + dt.timedelta(days=days - 1)).isoformat(),
        "timezone": "Europe/Brussels",
        "talks": items,
    }


def meetup() -> dict[str, object]:
    """One room, one evening: three timed talks and one without a time."""
    return {
        "title": "Evening Meetup",
        "kind": "meetup",
        "start": "2026-03-12",
        "timezone": "Europe/Brussels",
        "talks": [
            {
                "title": "Second talk",
                "id": "meetup-second",
                "room": "Hackerspace",
                "start": "2026-03-12T19:40:00",
                "duration": 30,
            },
            {
                "title": "First talk",
                "id": "meetup-first",
                "room": "Hackerspace",
                "start": "2026-03-12T19:00:00",
                "duration": 30,
            },
            {
                "title": LONG_TITLE,
                "id": "meetup-long",
                "room": "Hackerspace",
                "start": "2026-03-12T20:20:00",
                "duration": 20,
            },
            {"title": "Untimed talk", "id": "meetup-untimed"},
        ],
    }


def dump(data: dict[str, object]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
