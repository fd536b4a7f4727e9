"""iCalendar files (RFC 5545) of events and talks (DESIGN §4: ``events.ics``, ``events/<id>.ics``).

Pure output: the caller passes the events to publish, absolute page URLs and a
fixed DTSTAMP; this module turns them into bytes with icalendar, which does the
TEXT escaping of ``\\ ; , newline`` and the 75-octet line folding that never
splits a UTF-8 sequence (BAD-INPUT I4, F9–F11).

Rules worth knowing:

* ``talks/<id>.ics`` holds one talk and ``events/<id>/tracks/<slug>.ics`` the talks
  of one track, without the event (:func:`talk_calendar`, :func:`talks_calendar`).
* ``events.ics`` holds every event and no talks; :func:`events_calendar`
  returns None when there are none, and the caller then writes no file:
  RFC 5545 requires at least one component in a VCALENDAR (J5).
* UIDs are stable across builds: ``event-<id>@<host>``, ``talk-<id>@<host>``.
* All-day events use ``DTSTART;VALUE=DATE`` and RFC 5545's *exclusive*
  ``DTEND``: an event on 18–21 April ends on 22 April.
* Timed events and talks carry ``TZID`` of the event zone plus a VTIMEZONE for
  it covering the years they use (D8).  Should icalendar be unable to describe
  a zone for those years (the edges of year 1 / 9999), those times are written
  in UTC instead: the same instant.
* A talk without a duration and a timed event without an end get no DTEND: RFC
  5545 then reads the DTSTART alone as the whole (zero-length) occurrence, which
  is more honest than inventing a length.  Talks without a start are left out.
* Output is deterministic (J8): DTSTAMP is :attr:`CalendarInfo.stamp`,
  components come in the given order, VTIMEZONEs sorted by TZID, properties
  sorted by icalendar.  Lines end in CRLF.
* A build writes a talk into three calendars (its own, its track's, its event's):
  with :attr:`CalendarInfo.parts` each VEVENT and VTIMEZONE is serialised once and
  its lines reused, the bytes icalendar writes for the whole calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vText
from icalendar import Event as VEvent
from icalendar.timezone import is_utc, tzid_from_dt

from podium.events import Event, Speaker, Talk

PRODID = "-//Podium//Community calendar//EN"


class _Text(vText):
    """RFC 5545 TEXT escaping of ``\\ ; , newline``.

    icalendar's own escaping first turns a literal backslash-N into a newline, so a
    title ``C:\\New`` would come back as two lines.
    """

    def to_ical(self) -> bytes:
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        text = text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
        return text.encode("utf-8")


@dataclass(frozen=True)
class CalendarInfo:
    """What every calendar of the site shares."""

    site_url: str
    """Absolute, with a trailing slash; its host makes the UIDs (``<id>@<host>``)."""
    name: str
    """X-WR-CALNAME."""
    stamp: dt.datetime
    """DTSTAMP of every component: SOURCE_DATE_EPOCH or the build's "now", never read here."""
    gettext: Callable[[str], str] = str
    """Translates the labels of talk descriptions (Speakers, Track, Event); default: English."""
    parts: dict[tuple[object, ...], bytes] | None = field(default=None, compare=False)
    """Serialised talks, shared by the calendars of a build (pass ``{}``): every calendar made
    with this info must give each talk the same URL and speaker names.  None: no sharing."""


def events_calendar(
    info: CalendarInfo, events: Sequence[Event], page_url: Callable[[str], str]
) -> bytes | None:
    """All events (no talks) as one VCALENDAR; None when there are no events.

    RFC 5545 needs at least one component, so the caller writes no ``events.ics``
    then.  ``page_url(event_id)`` is the absolute URL of an event page.
    """
    if not events:
        return None
    builder = _Builder(info, _timed_values(events, ()))
    for event in events:
        builder.add(_event_component(builder, event, page_url(event.id)))
    return builder.to_ical({event.timezone for event in events})


def event_calendar(
    info: CalendarInfo,
    event: Event,
    page_url: Callable[[str], str],
    talk_url: Callable[[str], str],
    speaker_name: Callable[[Speaker], str] | None = None,
) -> bytes:
    """The event plus one VEVENT per talk that has a start time.

    ``page_url(event_id)`` and ``talk_url(talk_id)`` are absolute page URLs;
    ``speaker_name`` gives a speaker's display name (default: as written).
    """
    talks = [talk for talk in event.talks if talk.start is not None]
    builder = _Builder(info, _timed_values((event,), talks))
    builder.add(_event_component(builder, event, page_url(event.id)))
    name = speaker_name or (lambda speaker: speaker.ref)
    for talk in talks:
        builder.add_talk(event, talk, talk_url(talk.id), name)
    return builder.to_ical({event.timezone})


def talk_calendar(
    info: CalendarInfo,
    event: Event,
    talk: Talk,
    talk_url: Callable[[str], str],
    speaker_name: Callable[[Speaker], str] | None = None,
) -> bytes | None:
    """One talk alone (``talks/<id>.ics``): a single VEVENT, None when the talk has no start.

    Its UID is the one the talk has in the event's calendar, so a calendar app that
    has both keeps one entry.
    """
    if talk.start is None:
        return None
    return talks_calendar(replace(info, name=talk.title), event, (talk,), talk_url, speaker_name)


def talks_calendar(
    info: CalendarInfo,
    event: Event,
    talks: Sequence[Talk],
    talk_url: Callable[[str], str],
    speaker_name: Callable[[Speaker], str] | None = None,
) -> bytes | None:
    """Some talks of an event (one track, one talk), without the event itself; None when
    none of them has a start (RFC 5545 needs a component)."""
    timed = [talk for talk in talks if talk.start is not None]
    if not timed:
        return None
    builder = _Builder(info, _timed_values((), timed))
    name = speaker_name or (lambda speaker: speaker.ref)
    for talk in timed:
        builder.add_talk(event, talk, talk_url(talk.id), name)
    return builder.to_ical({event.timezone})


def _talk_end(talk: Talk) -> dt.datetime | None:
    if talk.start is None or not talk.duration:
        return None
    # Elapsed minutes, not wall-clock ones: a talk across a DST change keeps its length.
    end = _to_utc(talk.start) + dt.timedelta(minutes=talk.duration)
    return end.astimezone(talk.start.tzinfo) if end.tzinfo is not None else end


def _timed_values(events: Iterable[Event], talks: Iterable[Talk]) -> list[dt.datetime]:
    """Every date-time the calendar will carry with a TZID (all-day dates have none)."""
    values: list[dt.datetime] = []
    for event in events:
        if not event.all_day:
            values.append(event.start)
            if event.end is not None:
                values.append(event.end)
    for talk in talks:
        if talk.start is not None:
            values.append(talk.start)
        end = _talk_end(talk)
        if end is not None:
            values.append(end)
    return values


class _Builder:
    """One VCALENDAR: the VTIMEZONEs its date-times need, then the components."""

    def __init__(self, info: CalendarInfo, timed: list[dt.datetime]) -> None:
        self.info = info
        self.host = urlsplit(info.site_url).hostname or "localhost"
        self.stamp = _to_utc(info.stamp)
        self.timezones = _timezones(timed)
        self.components: list[bytes] = []

    def add(self, component: VEvent) -> None:
        self.components.append(component.to_ical())

    def add_talk(self, event: Event, talk: Talk, url: str, name: Callable[[Speaker], str]) -> None:
        """A talk with a start; serialised once per build when the info shares its parts."""
        if talk.start is None:
            return
        parts = self.info.parts
        # Its bytes depend on the talk, its event, its URL and which zones have a VTIMEZONE.
        key = ("talk", event.id, talk.id, url, *sorted(self.timezones))
        found = parts.get(key) if parts is not None else None
        if found is None:
            found = _talk_component(self, event, talk, talk.start, url, name).to_ical()
            if parts is not None:
                parts[key] = found
        self.components.append(found)

    def uid(self, kind: str, ident: str) -> str:
        return f"{kind}-{ident}@{self.host}"

    def when(self, value: dt.datetime) -> dt.datetime:
        """``value`` as written: in its zone when a VTIMEZONE describes it, else in UTC."""
        if isinstance(value.tzinfo, ZoneInfo) and (
            is_utc(value) or tzid_from_dt(value) in self.timezones
        ):
            return value
        return _to_utc(value)

    def to_ical(self, zones: set[str]) -> bytes:
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", self.info.name)
        if len(zones) == 1:
            calendar.add("x-wr-timezone", next(iter(zones)))
        # icalendar writes a calendar as its properties, then each component's lines: the
        # same bytes as joining the components serialised on their own.
        head: bytes = calendar.to_ical()
        assert head.endswith(_END), head[-40:]
        spans = sorted(self.timezones.items())
        vtimezones = [_vtimezone_bytes(tzid, *span) for tzid, span in spans]
        return b"".join((head[: -len(_END)], *vtimezones, *self.components, _END))


def _to_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        # Before year 1 or after 9999 in UTC: only a floating local time is left.
        return value.replace(tzinfo=None)


_END = b"END:VCALENDAR\r\n"


@functools.lru_cache(maxsize=256)
def _vtimezone(tzid: str, first: dt.date, last: dt.date) -> Timezone:
    # Building a VTIMEZONE walks the zone's transitions: once per zone and span is enough.
    return Timezone.from_tzid(tzid, first_date=first, last_date=last)


@functools.lru_cache(maxsize=256)
def _vtimezone_bytes(tzid: str, first: dt.date, last: dt.date) -> bytes:
    data: bytes = _vtimezone(tzid, first, last).to_ical()
    return data


def _timezones(values: Iterable[dt.datetime]) -> dict[str, tuple[dt.date, dt.date]]:
    """The span of the VTIMEZONE of each TZID the values use, covering their years; zones
    icalendar cannot describe for those years are left out (their times are then in UTC)."""
    years: dict[str, tuple[int, int]] = {}
    for value in values:
        if not isinstance(value.tzinfo, ZoneInfo) or is_utc(value):
            continue
        tzid = tzid_from_dt(value)
        if tzid is None:
            continue
        low, high = years.get(tzid, (value.year, value.year))
        years[tzid] = (min(low, value.year), max(high, value.year))
    found: dict[str, tuple[dt.date, dt.date]] = {}
    for tzid, (low, high) in sorted(years.items()):
        # Whole years keep the VTIMEZONE the same when a time moves within its year.
        first = dt.date(low, 1, 1)
        last = dt.date(high + 1, 1, 1) if high < dt.MAXYEAR else dt.date(high, 12, 31)
        try:
            _vtimezone(tzid, first, last)  # it can be built: kept in the cache
            found[tzid] = (first, last)
        except (OverflowError, ValueError):
            continue
    return found


def _location(*parts: str | None) -> str:
    return ", ".join(part for part in parts if part)


def _event_component(builder: _Builder, event: Event, url: str) -> VEvent:
    component = VEvent()
    component.add("uid", builder.uid("event", event.id))
    component.add("dtstamp", builder.stamp)
    component.add("summary", _Text(event.title))
    if event.all_day:
        component.add("dtstart", event.start.date())
        # RFC 5545: DTEND of an all-day event is the day after the last one.
        component.add("dtend", event.last_day + dt.timedelta(days=1))
    else:
        component.add("dtstart", builder.when(event.start))
        if event.end is not None:
            component.add("dtend", builder.when(event.end))
    description = "\n\n".join(text for text in (event.summary, event.description) if text)
    if description:
        component.add("description", _Text(description))
    where = event.location.text() if event.location else ""
    return _place_link_tags(component, where or ("Online" if event.online else ""), url, event.tags)


def _talk_component(
    builder: _Builder,
    event: Event,
    talk: Talk,
    start: dt.datetime,
    url: str,
    name: Callable[[Speaker], str],
) -> VEvent:
    component = VEvent()
    component.add("uid", builder.uid("talk", talk.id))
    component.add("dtstamp", builder.stamp)
    component.add("summary", _Text(talk.title))
    component.add("dtstart", builder.when(start))
    end = _talk_end(talk)
    if end is not None:
        component.add("dtend", builder.when(end))
    lines: list[str] = []
    if talk.subtitle:
        lines.append(talk.subtitle)
    gettext = builder.info.gettext
    if talk.speakers:
        lines.append(gettext("Speakers") + ": " + ", ".join(name(s) for s in talk.speakers))
    if talk.track:
        lines.append(f"{gettext('Track')}: {talk.track}")
    lines.append(f"{gettext('Event')}: {event.title}")
    description = "\n".join(lines)
    if talk.abstract:
        description += "\n\n" + talk.abstract
    component.add("description", _Text(description))
    where = _location(talk.room, event.location.text() if event.location else None)
    return _place_link_tags(component, where, url, talk.tags)


def _place_link_tags(component: VEvent, where: str | None, url: str, tags: Sequence[str]) -> VEvent:
    """LOCATION (escaped as TEXT), URL and CATEGORIES, the tail of every VEVENT."""
    if where:
        component.add("location", _Text(where))
    component.add("url", url)
    if tags:
        component.add("categories", list(tags))
    return component
