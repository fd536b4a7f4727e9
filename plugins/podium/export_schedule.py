"""One event's timed talks as a conference schedule, ready for the frab XML and c3voc JSON writers.

Conference apps (Giggity, ConfClerk, EventFahrplan) read frab's ``schedule.xml``;
c3voc tools and pretalx-like consumers its ``schedule.json``.  Both formats need
values Podium's data does not have, so they are derived here, deterministically
(the same data gives the same bytes, build after build):

* **guid** of a talk: ``uuid5(NAMESPACE_URL, <absolute talk page URL>)``; of a
  speaker: of their people page, else of ``<site URL>#speaker:<name>``; of a room:
  of ``<event page URL>#room:<name>``.
* **id** (frab's integer, deprecated but required): the first 28 bits of the
  guid, plus one; a clash takes the next free number, in talk-id order.
* **slug**: the talk id.  The XSD wants ``[a-z0-9_]{4,}-[a-z0-9_-]{4,}`` and omits
  it otherwise (then an import slugs the title); the JSON schema requires one, so an
  id it refuses becomes ``<acronym>-<id>``.
* **acronym**: the event id with ``_`` for ``-`` (the JSON pattern has no ``-`` in
  its first part), padded with ``_`` to four characters.
* **days**: the dates (in the event's zone) that have talks, each from midnight to
  midnight; **timeslot_duration**: the greatest common divisor of the talks' start
  minutes and durations, between 5 and 60 minutes.
* **version**: a digest of everything exported, so it changes when the schedule does.

Only talks with a start are exported; a talk without a duration gets ``00:00``.
The talk's ``url`` is its session page, else its page on this site.  The abstract
is its Markdown source (pretalx exports Markdown too).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from podium.events import Event, Speaker, Talk

_XML_SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
_JSON_SLUG = re.compile(r"[a-z0-9_-]+[a-z0-9]")


@dataclass(frozen=True)
class Person:
    name: str
    guid: str
    url: str | None


@dataclass(frozen=True)
class Slot:
    """One exported talk."""

    talk: Talk
    guid: str
    number: int
    xml_slug: str | None
    json_slug: str
    start: dt.datetime
    """Aware, in the event's zone."""
    duration: int
    """Minutes; 0 when the talk has none."""
    url: str
    slides: str | None
    video: str | None
    persons: tuple[Person, ...]


@dataclass(frozen=True)
class Day:
    index: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    rooms: tuple[tuple[str, str, tuple[Slot, ...]], ...]
    """(Room name, room guid, its talks by start)."""


@dataclass(frozen=True)
class ExportedSchedule:
    event: Event
    acronym: str
    base_url: str
    timeslot: int
    """Minutes."""
    days: tuple[Day, ...]
    tracks: tuple[str, ...]
    version: str

    @property
    def slots(self) -> tuple[Slot, ...]:
        return tuple(s for day in self.days for _, _, slots in day.rooms for s in slots)


@dataclass(frozen=True)
class Links:
    """Absolute URLs of this site, as the writers need them."""

    site_url: str
    event_page: Callable[[str], str]
    talk_page: Callable[[str], str]
    file: Callable[[str], str]
    """A content-relative file (local slides)."""
    person: Callable[[Speaker], tuple[str, str | None]]
    """A speaker's display name and people page (None: a plain name)."""


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def acronym_of(event_id: str) -> str:
    return event_id.replace("-", "_").ljust(4, "_")


def _guid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def _numbers(guids: dict[str, str]) -> dict[str, int]:
    taken: set[int] = set()
    numbers: dict[str, int] = {}
    for talk_id in sorted(guids):
        number = int(guids[talk_id].replace("-", "")[:7], 16) + 1
        while number in taken:
            number += 1
        taken.add(number)
        numbers[talk_id] = number
    return numbers


def _json_slug(talk_id: str, acronym: str) -> str:
    if _JSON_SLUG.fullmatch(talk_id):
        return talk_id
    trimmed = talk_id.rstrip("-")
    return trimmed if _JSON_SLUG.fullmatch(trimmed) else f"{acronym}-{trimmed}".rstrip("-")


def _timeslot(slots: list[Slot]) -> int:
    divisor = 0
    for slot in slots:
        divisor = math.gcd(divisor, slot.start.hour * 60 + slot.start.minute, slot.duration)
    return min(60, max(5, divisor or 60))


def _midnight(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), zone)


def export_schedule(event: Event, links: Links) -> ExportedSchedule | None:
    """The event's timed talks as a schedule; None when no talk has a start."""
    timed = [t for t in event.talks if t.start is not None]
    if not timed:
        return None
    zone = timed[0].start.tzinfo if timed[0].start else None  # every talk is in the event's
    assert zone is not None
    acronym = acronym_of(event.id)
    guids = {t.id: _guid(links.talk_page(t.id)) for t in timed}
    numbers = _numbers(guids)
    slots: list[Slot] = []
    for talk in timed:
        assert talk.start is not None  # narrowed for the type checker
        persons = []
        for speaker in talk.speakers:
            name, page = links.person(speaker)
            persons.append(Person(name, _guid(page or f"{links.site_url}#speaker:{name}"), page))
        slides = None
        if talk.slides:
            slides = links.file(talk.slides.url) if talk.slides.local else talk.slides.url
        slots.append(
            Slot(
                talk=talk,
                guid=guids[talk.id],
                number=numbers[talk.id],
                xml_slug=talk.id if _XML_SLUG.fullmatch(talk.id) else None,
                json_slug=_json_slug(talk.id, acronym),
                start=talk.start.astimezone(zone),
                duration=talk.duration or 0,
                url=talk.url or links.talk_page(talk.id),
                slides=slides,
                video=talk.video.url if talk.video else None,
                persons=tuple(persons),
            )
        )
    by_day: dict[dt.date, dict[str, list[Slot]]] = {}
    for slot in sorted(slots, key=lambda s: (s.start, s.talk.id)):
        room = slot.talk.room or ""
        by_day.setdefault(slot.start.date(), {}).setdefault(room, []).append(slot)
    event_page = links.event_page(event.id)
    days = tuple(
        Day(
            index=index,
            date=date,
            start=_midnight(date, zone),
            end=_midnight(date + dt.timedelta(days=1), zone),
            rooms=tuple(
                (room, _guid(f"{event_page}#room:{room}"), tuple(by_day[date][room]))
                for room in sorted(by_day[date], key=lambda r: (r.casefold(), r))
            ),
        )
        for index, date in enumerate(sorted(by_day), 1)
    )
    tracks = tuple(dict.fromkeys(t.track for t in event.talks if t.track))
    version = hashlib.sha256(
        repr((event, links.site_url, [(s.url, s.slides, s.persons) for s in slots])).encode()
    ).hexdigest()[:12]
    return ExportedSchedule(
        event=event,
        acronym=acronym,
        base_url=links.site_url,
        timeslot=_timeslot(slots),
        days=days,
        tracks=tracks,
        version=version,
    )
