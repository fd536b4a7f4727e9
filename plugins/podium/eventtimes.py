"""Dates and times of event files: parsing in the event's zone, DST and range checks.

Naive date-times are in the event's ``timezone``, else the site's (BAD-INPUT
D9).  A wall-clock time skipped by a DST change is an error; a time that
happens twice is a warning and means its first occurrence (D8).  These checks
read the raw data, so they are reported even when another value of the file is
wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podium.dates import DateError, has_time, parse_when
from podium.positions import PathKey, Positions, dotted
from podium.problems import Problems

_LOCAL = dt.timezone(dt.timedelta(0), "local")
"""Stands for "no offset written" while parsing; replaced by the event's zone."""
_NEEDS_TIME = "expected a date and time such as 2024-02-04T18:30:00"


class _Skipped(Exception):
    """A wall-clock time that does not exist in the zone; the message says so."""


@dataclass
class EventFile:
    """One event file being read: where to report and in which zone times are."""

    shown: str
    positions: Positions
    problems: Problems
    zone: dt.tzinfo
    zone_name: str
    check_dst: bool

    def error(self, path: PathKey, message: str) -> None:
        self.problems.error(self.shown, *self.positions.value(path), dotted(path), message)

    def warning(self, path: PathKey, message: str) -> None:
        self.problems.warning(self.shown, *self.positions.value(path), dotted(path), message)

    def written(self, path: PathKey, value: object) -> str:
        return self.positions.scalars.get(path, str(value)).strip()


def when(
    value: object, path: PathKey, file: EventFile, *, need_time: bool = False
) -> tuple[dt.datetime, bool] | None:
    """An aware datetime in the event's zone and whether a time was written; None if reported."""
    try:
        parsed = parse_when(value, _LOCAL, file.positions.scalars.get(path))
    except DateError as exc:
        file.error(path, str(exc))
        return None
    timed = has_time(value)
    if need_time and not timed:
        file.error(path, _NEEDS_TIME)
        return None
    try:
        return _in_zone(parsed, value, path, file), timed
    except _Skipped as exc:
        file.error(path, str(exc))
        return None
    except (OverflowError, ValueError):
        # Year 1 or 9999 with an offset: the instant has no representation (D11).
        file.error(path, f"{file.written(path, value)} is out of the supported range")
        return None


def _in_zone(parsed: dt.datetime, value: object, path: PathKey, file: EventFile) -> dt.datetime:
    if parsed.tzinfo is not _LOCAL:
        parsed.astimezone(dt.UTC)  # feeds and calendars need UTC: reject what has none
        return parsed.astimezone(file.zone)
    naive = parsed.replace(tzinfo=None)
    if has_time(value) and file.check_dst:
        issue = wall_clock_problem(naive, file.zone, file.zone_name)
        if issue is not None:
            severity, message = issue
            message = f"{file.written(path, value)} {message}"
            if severity == "error":
                raise _Skipped(message)
            file.warning(path, message)
    local = naive.replace(tzinfo=file.zone)
    local.astimezone(dt.UTC)
    return local


def event_times(
    data: dict[str, Any], file: EventFile
) -> tuple[dt.datetime | None, dt.datetime | None, bool]:
    start = when(data["start"], ("start",), file) if "start" in data else None
    end = when(data["end"], ("end",), file) if data.get("end") is not None else None
    if start is None:
        return None, None, False
    if end is not None:
        ends_early = end[0] < start[0] if end[1] else end[0].date() < start[0].date()
        if ends_early:
            message = (
                f"{file.written(('end',), data['end'])} is before start "
                f"{file.written(('start',), data['start'])}"
            )
            file.error(("end",), message)
    all_day = not start[1] and (end is None or not end[1])
    return start[0], end[0] if end else None, all_day


def talk_items(data: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    talks = data.get("talks")
    if isinstance(talks, list):
        for index, talk in enumerate(talks):
            if isinstance(talk, dict):
                yield index, talk


def talk_times(
    data: dict[str, Any], file: EventFile, start: dt.datetime | None, end: dt.datetime | None
) -> dict[int, dt.datetime]:
    """Each talk's start by index; a talk outside the event's days is a warning (D6)."""
    out: dict[int, dt.datetime] = {}
    for index, talk in talk_items(data):
        if talk.get("start") is None:
            continue
        path: PathKey = ("talks", index, "start")
        parsed = when(talk["start"], path, file, need_time=True)
        if parsed is None:
            continue
        out[index] = parsed[0]
        if start is None:
            continue
        first, last = start.date(), (end or start).date()
        day = parsed[0].astimezone(file.zone).date()
        if not first <= day <= last:
            span = first.isoformat() if first == last else f"{first} – {last}"
            file.warning(path, f"{file.written(path, talk['start'])} is outside the event ({span})")
    return out


def _offset_text(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def wall_clock_problem(naive: dt.datetime, tz: dt.tzinfo, name: str) -> tuple[str, str] | None:
    """("error"|"warning", message) when ``naive`` is skipped or repeated in ``tz`` (D8).

    Found by round-tripping through UTC with fold=0 and fold=1 (PEP 495).
    """
    first = naive.replace(tzinfo=tz, fold=0)
    before, after = first.utcoffset(), naive.replace(tzinfo=tz, fold=1).utcoffset()
    if before is None or after is None or before == after:
        return None
    back = first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
    # The transition lies between the two readings of the wall time: find its minute.
    low = naive - max(before, after)
    lo, hi = 0, int((max(before, after) - min(before, after)).total_seconds()) // 60
    while lo < hi:
        mid = (lo + hi) // 2
        probe = (low + dt.timedelta(minutes=mid)).replace(tzinfo=dt.UTC).astimezone(tz)
        if probe.utcoffset() == after:
            hi = mid
        else:
            lo = mid + 1
    switch = low + dt.timedelta(minutes=lo)
    old, new = (switch + before).strftime("%H:%M"), (switch + after).strftime("%H:%M")
    if back != naive:
        return "error", f"does not exist in {name} (clocks jump {old}→{new})"
    return (
        "warning",
        f"is ambiguous in {name} (clocks go back {old}→{new}); "
        f"add an offset such as {_offset_text(before)}",
    )
