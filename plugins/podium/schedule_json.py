"""frab/pretalx ``schedule.json`` (and the c3voc "schedule 2" layout) -> :class:`Schedule`.

Two layouts are read:

* frab/pretalx: ``{"schedule": {"conference": {"days": [{"date": …, "rooms":
  {"Room": [event, …]}}]}}}``, events with ``start`` ``HH:MM`` and ``duration``
  ``HH:MM``;
* schedule 2 (c3voc hub): ``{"schedule": {"conference": {…}, "events": [event, …]}}``,
  events with ISO ``start``/``end``, ``room`` and ``track`` objects, ``participants``.

The shape is checked by hand, every problem with its file position and JSON
path (``schedule.conference.days[0].rooms: expected a mapping of room names to
lists``), all reported in one run.  The checks follow the c3voc JSON schema
for what the importer reads: an event needs a ``title``; ids are integers;
persons have a ``public_name`` or ``name``; links and attachments have a ``url``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from podium.dates import describe
from podium.frontmatter import split_front_matter
from podium.positions import PathKey, Positions
from podium.problems import Problems
from podium.schedule import (
    Conference,
    Link,
    Schedule,
    Session,
    clock,
    day,
    local_start,
    minutes,
)

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SCHEMA_HINT = " (see the c3voc schedule JSON schema)"


def json_path(path: PathKey) -> str:
    """``("schedule", "days", 0, "rooms", "Saal 1")`` -> ``schedule.days[0].rooms["Saal 1"]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.fullmatch(part):
            out += f".{part}" if out else part
        else:
            quoted = part.replace("\\", "\\\\").replace('"', '\\"')
            out += f'["{quoted}"]'
    return out


class _Reader:
    """Checks shapes while reading values; every problem goes to ``problems`` with a position."""

    def __init__(self, shown: str, positions: Positions, problems: Problems) -> None:
        self.shown = shown
        self.positions = positions
        self.problems = problems
        self.failed = False

    def error(self, path: PathKey, message: str) -> None:
        self.failed = True
        self.problems.error(self.shown, *self.positions.value(path), json_path(path), message)

    def mapping(self, value: object, path: PathKey, what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(path, f"expected {what}, got {describe(value)}")
        return None

    def items(self, value: object, path: PathKey, what: str) -> list[Any]:
        """A list (None counts as empty); anything else is an error."""
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.error(path, f"expected {what}, got {describe(value)}")
        return []

    def text(self, data: dict[str, Any], key: str, path: PathKey, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.error((*path, key), "required")
            return ""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool) and not required:
            return str(value)
        self.error((*path, key), f"expected text, got {describe(value)}")
        return ""

    def integer_id(self, data: dict[str, Any], path: PathKey, what: str) -> str:
        value = data.get("id")
        if value is None:
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        self.error(
            (*path, "id"),
            f"expected an integer, got {describe(value)} — frab and pretalx number {what}"
            + _SCHEMA_HINT,
        )
        return ""

    def links(self, data: dict[str, Any], key: str, path: PathKey) -> tuple[Link, ...]:
        found: list[Link] = []
        for index, item in enumerate(self.items(data.get(key), (*path, key), "a list")):
            where = (*path, key, index)
            entry = self.mapping(item, where, "a mapping with url and title")
            if entry is None:
                continue
            url = self.text(entry, "url", where, required=True)
            title = self.text(entry, "title", where)
            if url:
                found.append(Link(url, title, self.text(entry, "type", where)))
        return tuple(found)

    def people(self, data: dict[str, Any], key: str, path: PathKey) -> tuple[str, ...]:
        names: list[str] = []
        persons = self.items(data.get(key), (*path, key), "a list of persons")
        roles = {p.get("role") for p in persons if isinstance(p, dict)} - {None}
        for index, item in enumerate(persons):
            where = (*path, key, index)
            person = self.mapping(item, where, "a person (a mapping with public_name)")
            if person is None:
                continue
            self.integer_id(person, where, "their speakers")
            name = self.text(person, "public_name", where) or self.text(person, "name", where)
            if not name:
                self.error(where, "a person needs a public_name or name")
                continue
            role = person.get("role")
            if roles and isinstance(role, str) and role.upper() not in ("SPEAKER", "MODERATOR"):
                continue
            names.append(name)
        return tuple(names)


def parse_json(text: str, shown: str, problems: Problems) -> Schedule | None:
    """A ``schedule.json`` -> :class:`Schedule`, or None after recording every problem."""
    before = len(problems)
    parsed = split_front_matter(text, shown, problems)
    if parsed is None or parsed.format != "json":
        if len(problems) == before:
            problems.error(shown, 1, 1, "", 'expected a JSON object {"schedule": …}')
        return None
    if parsed.body.strip():
        line = parsed.body_line
        problems.error(shown, line, 1, "", "JSON: extra data after the schedule object")
        return None
    reader = _Reader(shown, parsed.positions, problems)
    schedule = reader.mapping(
        parsed.data.get("schedule"),
        ("schedule",),
        'a mapping — a frab/pretalx schedule.json is {"schedule": {"conference": …}}',
    )
    if schedule is None:
        return None
    conf = reader.mapping(schedule.get("conference"), ("schedule", "conference"), "a mapping")
    if conf is None:
        return None
    where: PathKey = ("schedule", "conference")
    title = reader.text(conf, "title", where) or reader.text(conf, "acronym", where)
    if not title and not reader.failed:
        reader.error((*where, "title"), "required")
    conference = Conference(
        title=title,
        acronym=reader.text(conf, "acronym", where),
        start=day(reader.text(conf, "start", where)),
        end=day(reader.text(conf, "end", where)),
        timezone=reader.text(conf, "time_zone_name", where),
        url=reader.text(conf, "url", where),
        base_url=reader.text(schedule, "base_url", ("schedule",)),
        day_change=clock(reader.text(conf, "day_change", where)),
        at=parsed.positions.value(where),
        field=json_path(where),
    )
    if "events" in schedule:
        sessions = _schedule2(schedule, conf, conference, reader)
        layout = "schedule2-json"
    else:
        sessions = _frab(conf, conference, reader)
        layout = "frab-json"
    if reader.failed:
        return None
    return Schedule(conference, tuple(sessions), layout)


def _frab(conf: dict[str, Any], conference: Conference, reader: _Reader) -> list[Session]:
    sessions: list[Session] = []
    days_path: PathKey = ("schedule", "conference", "days")
    if "days" not in conf:
        reader.error(days_path, "required: a list of days, each with rooms")
        return sessions
    for index, item in enumerate(reader.items(conf.get("days"), days_path, "a list of days")):
        day_path = (*days_path, index)
        day_data = reader.mapping(item, day_path, "a day (a mapping with date and rooms)")
        if day_data is None:
            continue
        date = day(reader.text(day_data, "date", day_path))
        rooms_path = (*day_path, "rooms")
        rooms = reader.mapping(
            day_data.get("rooms", {}), rooms_path, "a mapping of room names to lists"
        )
        if rooms is None:
            continue
        for room, events in rooms.items():
            room_path = (*rooms_path, room)
            if not isinstance(events, list):
                reader.error(room_path, f"expected a list of events, got {describe(events)}")
                continue
            for number, event in enumerate(events):
                path = (*room_path, number)
                data = reader.mapping(event, path, "an event (a mapping with title)")
                if data is not None:
                    sessions.append(_frab_event(data, path, date, room, conference, reader))
    return sessions


def _frab_event(
    data: dict[str, Any],
    path: PathKey,
    date: dt.date | None,
    room: str,
    conference: Conference,
    reader: _Reader,
) -> Session:
    key = reader.integer_id(data, path, "their events") or reader.text(data, "guid", path)
    duration_text = reader.text(data, "duration", path)
    duration = minutes(duration_text) if duration_text else None
    if duration_text and duration is None:
        reader.error((*path, "duration"), f'expected HH:MM, got the text "{duration_text}"')
    return Session(
        key=key,
        slug=reader.text(data, "slug", path),
        title=reader.text(data, "title", path, required=True),
        subtitle=reader.text(data, "subtitle", path),
        speakers=reader.people(data, "persons", path),
        track=reader.text(data, "track", path),
        room=reader.text(data, "room", path) or room,
        start=local_start(
            date,
            reader.text(data, "start", path),
            reader.text(data, "date", path),
            conference.day_change,
        ),
        duration=duration,
        written=(
            ("start", reader.text(data, "date", path) or reader.text(data, "start", path)),
            ("duration", duration_text),
        ),
        abstract=reader.text(data, "abstract", path),
        description=reader.text(data, "description", path),
        url=reader.text(data, "url", path),
        attachments=reader.links(data, "attachments", path),
        links=reader.links(data, "links", path),
        at=reader.positions.value(path),
    )


def _named(value: object, names: dict[str, str]) -> str:
    """A room or track given as text or as ``{"name": …}`` / ``{"slug": …}``."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
        slug = value.get("slug")
        if isinstance(slug, str):
            return names.get(slug, slug)
    return ""


def _schedule2(
    schedule: dict[str, Any], conf: dict[str, Any], conference: Conference, reader: _Reader
) -> list[Session]:
    tracks: dict[str, str] = {}
    for track in conf.get("tracks") or []:
        if isinstance(track, dict) and isinstance(track.get("slug"), str):
            name = track.get("name")
            tracks[track["slug"]] = name if isinstance(name, str) else track["slug"]
    sessions: list[Session] = []
    events_path: PathKey = ("schedule", "events")
    for index, item in enumerate(reader.items(schedule.get("events"), events_path, "a list")):
        path = (*events_path, index)
        data = reader.mapping(item, path, "an event (a mapping with title)")
        if data is None:
            continue
        start_text = reader.text(data, "start", path, required=True)
        end_text = reader.text(data, "end", path)
        start = local_start(None, "", start_text, None)
        if start_text and start is None:
            reader.error((*path, "start"), f'expected an ISO date-time, got "{start_text}"')
        end = local_start(None, "", end_text, None) if end_text else None
        duration = None
        # Both with an offset or both without: an aware and a naive time cannot be compared.
        if start and end and (start.tzinfo is None) == (end.tzinfo is None) and end > start:
            duration = int((end - start).total_seconds() // 60)
        people = "participants" if "participants" in data else "persons"
        sessions.append(
            Session(
                key=reader.integer_id(data, path, "their events")
                or reader.text(data, "guid", path),
                slug=reader.text(data, "slug", path),
                title=reader.text(data, "title", path, required=True),
                subtitle=reader.text(data, "subtitle", path),
                speakers=reader.people(data, people, path),
                track=_named(data.get("track"), tracks),
                room=_named(data.get("room"), {}),
                start=start,
                duration=duration,
                abstract=reader.text(data, "abstract", path),
                description=reader.text(data, "description", path),
                url=reader.text(data, "url", path),
                attachments=reader.links(data, "attachments", path),
                links=reader.links(data, "links", path),
                at=reader.positions.value(path),
            )
        )
    return sessions
