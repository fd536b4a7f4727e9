"""Timetables and the starred agenda: an event's timed talks by day, room and time.

One timetable page per day an event has timed talks on (a talk outside the
event's dates gets its own day), in the event's zone.  An event whose timed
talks use two or more rooms gets a grid (rooms as columns, five-minute rows,
each talk spanning its duration); a one-room event gets a plain agenda list.
Both are the same markup, a list of talks in time order, which the stylesheet
lays out as a grid on a wide screen and as a list on a phone.

Bad data still renders (the `exports` checks warn about it): a talk with a
start but no duration gets :data:`DEFAULT_MINUTES`, talks that overlap in one
room share the column side by side (lanes).

:func:`agenda_data` is what the "My agenda" page reads (``agenda/talks.json``):
every talk's title, event, room and times, with URLs relative to the site root.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from podium.catalog import Catalog
from podium.dates import zone
from podium.events import Event, Talk
from podium.routing import (
    AGENDA_URL,
    event_url,
    talk_url,
    timetable_day_url,
    timetable_url,
)
from podium.urls import relative_url
from podium.views import Link

SLOT_MINUTES = 5
"""Minutes per grid row."""
DEFAULT_MINUTES = 15
"""The block length of a talk with a start but no duration."""
HEADER_ROWS = 1
"""Grid row 1 holds the room names."""


@dataclass(frozen=True)
class When:
    """A time of day in the event's zone: ``<time datetime="{iso}">{text}</time>``."""

    iso: str
    text: str


@dataclass(frozen=True)
class SlotView:
    """One talk on a timetable day."""

    id: str
    title: str
    href: str
    speakers: str
    room: str | None
    track: str | None
    start: When
    end: When | None
    """None when the talk has no duration (the block gets DEFAULT_MINUTES)."""
    duration: int | None
    row: int
    """First grid row (1-based, after the header row)."""
    row_end: int
    """The grid line the block ends at (exclusive), as CSS ``grid-row: row / row_end``."""
    column: int
    """Grid column (1-based; column 1 holds the times)."""
    lane: int
    lanes: int
    """Talks overlapping in one room share its column: this one is lane ``lane`` of ``lanes``."""

    @property
    def style(self) -> str:
        """The block's place in the grid (ignored by the list layout)."""
        area = f"grid-area:{self.row}/{self.column}/{self.row_end}/{self.column + 1}"
        return area if self.lanes == 1 else f"{area};--lane:{self.lane};--lanes:{self.lanes}"


@dataclass(frozen=True)
class RoomView:
    name: str | None
    """None: talks without a room."""
    column: int


@dataclass(frozen=True)
class MarkView:
    """A time label in the grid's first column."""

    text: str
    row: int
    row_end: int


@dataclass(frozen=True)
class DayTab:
    href: str
    label: str
    iso: str
    talks: int
    current: bool


@dataclass(frozen=True)
class TimetableDay:
    """One day page."""

    event: Link
    zone: str
    zone_label: str
    """The zone's abbreviation and offset on that day: ``CET, UTC+01:00``."""
    label: str
    iso: str
    grid: bool
    rooms: tuple[RoomView, ...]
    rows: int
    """Grid rows of time (without the header row)."""
    marks: tuple[MarkView, ...]
    talks: tuple[SlotView, ...]
    """In time order, then room order: the list layout and what a screen reader reads."""
    days: tuple[DayTab, ...]
    index: Link
    agenda: str


@dataclass(frozen=True)
class TimetableIndex:
    """The timetable's first page: its days."""

    event: Link
    zone: str
    grid: bool
    rooms: int
    days: tuple[DayTab, ...]
    untimed: int
    """Talks without a start, which no day shows."""
    agenda: str


def _local(talk: Talk, tz: dt.tzinfo) -> dt.datetime | None:
    return talk.start.astimezone(tz) if talk.start is not None else None


def day_label(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def zone_label(tz: dt.tzinfo, when: dt.datetime) -> str:
    local = when.astimezone(tz)
    offset = local.strftime("%z")
    return f"{local.tzname()}, UTC{offset[:3]}:{offset[3:]}"


def timed_talks(event: Event) -> dict[dt.date, list[tuple[dt.datetime, Talk]]]:
    """The event's talks with a start, by their day in the event's zone, in time order."""
    tz = zone(event.timezone)
    days: dict[dt.date, list[tuple[dt.datetime, Talk]]] = {}
    for talk in event.talks:
        local = _local(talk, tz)
        if local is not None:
            days.setdefault(local.date(), []).append((local, talk))
    for talks in days.values():
        talks.sort(key=lambda pair: (pair[0], pair[1].room or "", pair[1].title))
    return dict(sorted(days.items()))


def event_days(event: Event) -> tuple[dt.date, ...]:
    """The days an event's timetable has: each date a timed talk starts on."""
    return tuple(timed_talks(event))


def _rooms(talks: Iterable[Talk]) -> list[str | None]:
    """Rooms of timed talks in the order the file names them; talks without a room last."""
    timed = [t for t in talks if t.start]
    rooms: list[str | None] = list(dict.fromkeys(t.room for t in timed if t.room))
    if any(t.room is None for t in timed):
        rooms.append(None)
    return rooms


def is_grid(event: Event) -> bool:
    """Two rooms or more: a grid; one room (a meet-up): an agenda list."""
    return len(_rooms(event.talks)) > 1


def _lanes(slots: list[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
    """For (index, first row, end row) of one room's blocks: index -> (lane, lanes).

    Overlapping blocks form a cluster; each takes the first lane free at its start,
    and every block of the cluster is drawn as 1/lanes of the column.
    """
    placed: dict[int, tuple[int, int]] = {}
    cluster: list[tuple[int, int]] = []  # (index, lane)
    lane_ends: list[int] = []
    cluster_end = 0

    def close() -> None:
        for index, lane in cluster:
            placed[index] = (lane, len(lane_ends))

    for index, row, row_end in sorted(slots, key=lambda s: (s[1], s[0])):
        if cluster and row >= cluster_end:
            close()
            cluster, lane_ends = [], []
            cluster_end = 0
        free = next((i for i, end in enumerate(lane_ends) if end <= row), None)
        if free is None:
            free = len(lane_ends)
            lane_ends.append(row_end)
        else:
            lane_ends[free] = row_end
        cluster.append((index, free))
        cluster_end = max(cluster_end, row_end)
    close()
    return placed


class Timetables:
    """Builds the timetable view models of one catalog; URLs relative to the page."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def _speakers(self, talk: Talk) -> str:
        people = self.catalog.people.by_id
        names = []
        for s in talk.speakers:
            person = people.get(s.person_id) if s.person_id else None
            names.append(person.name if person else s.ref)
        return ", ".join(names)

    def _tabs(self, event: Event, page: str, current: dt.date | None) -> tuple[DayTab, ...]:
        return tuple(
            DayTab(
                relative_url(timetable_day_url(event.id, day), page),
                day_label(day),
                day.isoformat(),
                len(talks),
                day == current,
            )
            for day, talks in timed_talks(event).items()
        )

    def index(self, event: Event, page: str) -> TimetableIndex:
        return TimetableIndex(
            event=Link(relative_url(event_url(event.id), page), event.title),
            zone=event.timezone,
            grid=is_grid(event),
            rooms=len(_rooms(event.talks)),
            days=self._tabs(event, page, None),
            untimed=sum(1 for t in event.talks if t.start is None),
            agenda=relative_url(AGENDA_URL, page),
        )

    def day(self, event: Event, day: dt.date, page: str) -> TimetableDay:
        tz = zone(event.timezone)
        talks = timed_talks(event).get(day, [])
        grid = is_grid(event)
        shown = {t.id for _, t in talks}
        # The day's own rooms, in the file's order.
        rooms = _rooms(t for t in event.talks if t.id in shown)
        column = {room: i + 2 for i, room in enumerate(rooms)}
        first = min((local for local, _ in talks), default=dt.datetime.combine(day, dt.time()))
        origin = first.replace(minute=0, second=0, microsecond=0)

        placed: list[tuple[dt.datetime, Talk, int, int]] = []
        for local, talk in talks:
            start = int((local - origin).total_seconds() // 60)
            end = start + (talk.duration or DEFAULT_MINUTES)
            # A block covers every row its time touches: start rounded down, end up.
            row = HEADER_ROWS + 1 + start // SLOT_MINUTES
            row_end = HEADER_ROWS + 1 + -(-end // SLOT_MINUTES)
            placed.append((local, talk, row, max(row + 1, row_end)))
        by_room: dict[str | None, list[tuple[int, int, int]]] = {}
        for index, (_, talk, row, row_end) in enumerate(placed):
            by_room.setdefault(talk.room, []).append((index, row, row_end))
        lanes: dict[int, tuple[int, int]] = {}
        for blocks in by_room.values():
            lanes.update(_lanes(blocks))
        last = max((row_end for *_, row_end in placed), default=HEADER_ROWS + 2)
        # Whole hours of rows: the grid ends on the hour after the last talk.
        per_hour = 60 // SLOT_MINUTES
        rows = -(-(last - HEADER_ROWS - 1) // per_hour) * per_hour
        slots = tuple(
            self._slot(talk, local, page, row, row_end, column[talk.room], *lanes[index])
            for index, (local, talk, row, row_end) in enumerate(placed)
        )
        marks = tuple(
            MarkView(
                f"{origin + dt.timedelta(minutes=r * SLOT_MINUTES):%H:%M}",
                HEADER_ROWS + 1 + r,
                HEADER_ROWS + 1 + r + per_hour // 2,
            )
            for r in range(0, rows, per_hour // 2)
        )
        return TimetableDay(
            event=Link(relative_url(event_url(event.id), page), event.title),
            zone=event.timezone,
            zone_label=zone_label(tz, first),
            label=day_label(day),
            iso=day.isoformat(),
            grid=grid,
            rooms=tuple(RoomView(room, column[room]) for room in rooms) if grid else (),
            rows=rows,
            marks=marks if grid else (),
            talks=slots,
            days=self._tabs(event, page, day),
            index=Link(relative_url(timetable_url(event.id), page), event.title),
            agenda=relative_url(AGENDA_URL, page),
        )

    def _slot(
        self,
        talk: Talk,
        local: dt.datetime,
        page: str,
        row: int,
        row_end: int,
        column: int,
        lane: int,
        lanes: int,
    ) -> SlotView:
        end = local + dt.timedelta(minutes=talk.duration) if talk.duration else None
        return SlotView(
            id=talk.id,
            title=talk.title,
            href=relative_url(talk_url(talk.id), page),
            speakers=self._speakers(talk),
            room=talk.room,
            track=talk.track,
            start=When(local.isoformat(), f"{local:%H:%M}"),
            end=When(end.isoformat(), f"{end:%H:%M}") if end else None,
            duration=talk.duration,
            row=row,
            row_end=row_end,
            column=column,
            lane=lane,
            lanes=lanes,
        )


def agenda_data(catalog: Catalog) -> dict[str, object]:
    """What `agenda/talks.json` holds: every talk, for the agenda page and its .ics download.

    Keys are short (the file lists every talk of the site): per event ``t`` title,
    ``u`` URL, ``z`` zone; per talk ``t`` title, ``e`` event id, ``u`` URL, ``r`` room,
    ``s``/``x`` start and end (ISO 8601 with the event's offset), ``d`` the day in the
    event's zone, ``h`` the time range shown.  URLs are relative to the site root.
    """
    events: dict[str, object] = {}
    talks: dict[str, object] = {}
    for event in catalog.events:
        events[event.id] = {"t": event.title, "u": event_url(event.id), "z": event.timezone}
        tz = zone(event.timezone)
        for talk in event.talks:
            talks[talk.id] = _agenda_talk(talk, tz)
    return {"v": 1, "events": events, "talks": talks}


def _agenda_talk(talk: Talk, tz: dt.tzinfo) -> dict[str, object]:
    entry: dict[str, object] = {"t": talk.title, "e": talk.event_id, "u": talk_url(talk.id)}
    if talk.room:
        entry["r"] = talk.room
    local = _local(talk, tz)
    if local is not None:
        entry["s"] = local.isoformat()
        entry["d"] = day_label(local.date())
        shown = f"{local:%H:%M}"
        if talk.duration:
            end = local + dt.timedelta(minutes=talk.duration)
            entry["x"] = end.isoformat()
            shown += f"–{end:%H:%M}"
        entry["h"] = shown
    return entry


def talk_day_url(talk: Talk, event: Event) -> str | None:
    """The timetable day a talk is on, or None without a start."""
    local = _local(talk, zone(event.timezone))
    return timetable_day_url(event.id, local.date()) if local is not None else None


def timetable_links(event: Event, page: str) -> tuple[Link, ...]:
    """The event page's way in: the timetable, then each of its days (none without times)."""
    days: Iterable[dt.date] = event_days(event)
    links = [Link(relative_url(timetable_day_url(event.id, d), page), day_label(d)) for d in days]
    if not links:
        return ()
    return (Link(relative_url(timetable_url(event.id), page), event.title), *links)
