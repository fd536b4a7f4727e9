"""Warnings about an event's timetable: talks that collide in a room, talks without a length.

The timetable, the per-talk calendars and the schedule exports still show such
talks; these warnings (fatal under ``--strict``) say what to fix.  A talk outside the
event's days is warned about by :func:`podium.eventtimes.talk_times`.

* Two talks **overlap** when they are in the same ``room`` (compared without case and
  surrounding spaces) and one starts before the other ends, or both start at the
  same time.  Back to back (10:00–10:30, then 10:30) is not an overlap; talks in
  different rooms never are; talks without a room are not compared.  The later talk
  gets the warning, naming the one it collides with.
* A talk with a ``start`` and no ``duration`` has no end in calendars and exports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from podium.eventdata import MAX_DURATION
from podium.eventtimes import EventFile, talk_items
from podium.positions import dotted


def _minutes(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_DURATION:
        return value
    return None


def _clock(start: dt.datetime, end: dt.datetime, other: dt.datetime, zone: dt.tzinfo) -> str:
    """``10:00–10:30`` in the event's zone, with the date when it is not the day of ``other``."""
    start, end, other = (t.astimezone(zone) for t in (start, end, other))
    day = "" if start.date() == other.date() else f"{start.date().isoformat()} "
    return f"{day}{start:%H:%M}–{end:%H:%M}" if end > start else f"{day}{start:%H:%M}"


def schedule_warnings(
    data: dict[str, Any], file: EventFile, starts: dict[int, dt.datetime]
) -> None:
    """Overlaps in a room and starts without a duration, for the talks whose start was read."""
    rooms: dict[str, list[tuple[dt.datetime, dt.datetime, int, str, str]]] = {}
    for index, talk in talk_items(data):
        start = starts.get(index)
        if start is None:
            continue
        duration = _minutes(talk.get("duration"))
        if duration is None and talk.get("duration") is None:
            file.warning(
                ("talks", index, "duration"),
                f"missing: the talk starts at {file.written(('talks', index, 'start'), start)} "
                "but has no length, so calendars and the timetable show no end "
                "— add duration: (minutes)",
            )
        room = talk.get("room")
        if not isinstance(room, str) or not room.strip():
            continue
        # In UTC: wall-clock arithmetic would stretch a talk across a DST change.
        end = start.astimezone(dt.UTC) + dt.timedelta(minutes=duration or 0)
        title = talk.get("title") if isinstance(talk.get("title"), str) else ""
        rooms.setdefault(room.strip().casefold(), []).append(
            (start.astimezone(dt.UTC), end, index, str(title).strip(), room.strip())
        )
    for talks in rooms.values():
        _overlaps(sorted(talks, key=lambda t: (t[0], t[2])), file)


def _overlaps(talks: list[tuple[dt.datetime, dt.datetime, int, str, str]], file: EventFile) -> None:
    latest = None  # the earlier talk that ends last
    previous = None
    for talk in talks:
        start, _, index, _, room = talk
        other = None
        if latest is not None and start < latest[1]:
            other = latest
        elif previous is not None and start == previous[0]:
            other = previous
        if other is not None:
            path = ("talks", index, "start")
            written = file.written(path, start.astimezone(file.zone).isoformat())
            file.warning(
                path,
                f"{written} overlaps {dotted(('talks', other[2]))} '{other[3]}' "
                f"({_clock(other[0], other[1], start, file.zone)}) in room '{room}'",
            )
        if latest is None or talk[1] > latest[1]:
            latest = talk
        previous = talk
