"""Dates and times from front matter and data files, and the build's notion of "now".

YAML, TOML and JSON give dates in different shapes (native TOML datetimes,
strings for YAML timestamps, which the safe loader keeps as text).  They all
go through :func:`parse_when` so ``2024-05-01 10:00`` means the same in every
format (BAD-INPUT D3) and every mistake gets a precise message.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?"
)
EXPECTED = "expected YYYY-MM-DD or an ISO 8601 date-time such as 2024-02-04T18:30:00"


class DateError(ValueError):
    """A date value that cannot be used; the message is written for people."""


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises :class:`DateError` for unknown names."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DateError(f"unknown IANA zone {name!r}") from exc


def _offset(text: str) -> dt.tzinfo:
    if text in ("Z", "z"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise DateError(f"{text} is not a valid UTC offset")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _real_date(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(f"{shown} is not a real date ({exc})") from exc


def parse_when(value: object, tz: dt.tzinfo, source: str | None = None) -> dt.datetime:
    """Turn a date or date-time value into an aware datetime (naive values get ``tz``).

    ``source`` is the value as written in the file, used to explain YAML's
    surprises (``18:30`` is read as the base-60 number 1110).
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if isinstance(value, bool) or value is None:
        raise DateError(f"{EXPECTED}, got {describe(value)}")
    if isinstance(value, int | float):
        hint = ""
        if source and ":" in source:
            hint = f" (YAML reads {source} as base-60) — quote it"
        raise DateError(f"{EXPECTED}, got the number {value}{hint}")
    if not isinstance(value, str):
        raise DateError(f"{EXPECTED}, got {describe(value)}")
    text = value.strip()
    match = _DATETIME.fullmatch(text)
    if match:
        year, month, day, hour, minute, second, frac, off = match.groups()
        date = _real_date(int(year), int(month), int(day), text)
        try:
            time = dt.time(
                int(hour), int(minute), int(second or 0), int((frac or "0").ljust(6, "0"))
            )
        except ValueError as exc:
            raise DateError(f"{text} is not a real time ({exc})") from exc
        return dt.datetime.combine(date, time, tzinfo=_offset(off) if off else tz)
    match = _DATE.fullmatch(text)
    if match:
        date = _real_date(int(match[1]), int(match[2]), int(match[3]), text)
        return dt.datetime(date.year, date.month, date.day, tzinfo=tz)
    raise DateError(f"{EXPECTED}, got {text!r}")


def has_time(value: object) -> bool:
    """Whether a front-matter value carries a time of day (shown) or only a date."""
    if isinstance(value, dt.datetime):
        return True
    return isinstance(value, str) and bool(_DATETIME.fullmatch(value.strip()))


def describe(value: object) -> str:
    """How a value reads in a message: ``the number 2024``, ``the text "false"``, ``a list``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"'
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


def now(environ: Mapping[str, str] | None = None, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    """The build's "now": ``PODIUM_NOW`` (ISO date or date-time) when set, else the clock."""
    env = os.environ if environ is None else environ
    pinned = env.get("PODIUM_NOW", "").strip()
    if pinned:
        try:
            when = parse_when(pinned, tz)
        except DateError as exc:
            raise DateError(f"PODIUM_NOW: {exc}") from exc
        # Far from year 1 and 9999, so "now" in any zone, and a day or a year away, exists.
        if not NOW_YEARS[0] <= when.year <= NOW_YEARS[1]:
            raise DateError(
                f"PODIUM_NOW: {pinned} is out of range (use a year from {NOW_YEARS[0]}"
                f" to {NOW_YEARS[1]})"
            )
        return when
    return dt.datetime.now(tz)


NOW_YEARS = (1900, 9000)
