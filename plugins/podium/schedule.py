"""Conference schedules (frab/pentabarf ``schedule.xml``, frab/pretalx ``schedule.json``).

:func:`read_schedule` reads either format into one neutral model,
:class:`Schedule`, that knows nothing of Podium's event files
(:mod:`podium.importer` turns it into one).  Values are kept as the schedule
gives them (text, HTML, URLs as written); nothing here is trusted or escaped.

XML is parsed with :mod:`defusedxml` and a DTD is refused outright: schedules
never need one, and entity declarations are how "billion laughs" expansion and
external-entity reads of local files work.  The frab layout
(``<day date=…><room name=…><event id=…>``) and FOSDEM 2007's older one (events
directly under ``<day>``, with a ``<room>`` child) are both read.  JSON is read
by :mod:`podium.schedule_json`.

Talk start times are the day's date plus the event's ``HH:MM``, moved to the
next calendar day when it is earlier than the conference's ``day_change`` (a
frab day runs from ``day_change`` to ``day_change``): a wall-clock time in the
schedule's zone, which the schedule may not name.  An ISO ``<date>``, when
present, wins; with a UTC offset it is kept aware, so nothing here guesses a
zone (:func:`podium.importer.time_zone` decides, or asks for ``--timezone``).

Sessions and the conference keep their line and column in the schedule file,
for messages about them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from podium.problems import Problems
from podium.sources import decode_source

MAX_SCHEDULE_BYTES = 20 * 1024 * 1024
_HHMM = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Link:
    """A link or attachment of a session: its URL as written, title and type (may be empty)."""

    url: str
    title: str = ""
    type: str = ""


@dataclass(frozen=True)
class Session:
    """One event of the schedule (a talk, workshop, …)."""

    key: str
    """The schedule's id of the event (``10864``), as text."""
    slug: str
    title: str
    subtitle: str = ""
    speakers: tuple[str, ...] = ()
    track: str = ""
    room: str = ""
    start: dt.datetime | None = None
    """Aware when the schedule gives a UTC offset; else naive, in the schedule's zone."""
    duration: int | None = None
    """Minutes."""
    abstract: str = ""
    description: str = ""
    url: str = ""
    attachments: tuple[Link, ...] = ()
    links: tuple[Link, ...] = ()
    at: tuple[int, int] = (0, 0)
    written: tuple[tuple[str, str], ...] = ()
    """The start and duration as the schedule writes them, to report one that is not read."""
    """Line and column of the session in the schedule file (0: unknown)."""


@dataclass(frozen=True)
class Conference:
    """What the schedule says about the conference itself; empty text means not given."""

    title: str
    acronym: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    timezone: str = ""
    city: str = ""
    venue: str = ""
    url: str = ""
    base_url: str = ""
    day_change: dt.time | None = None
    at: tuple[int, int] = (1, 1)
    """Line and column of the conference in the schedule file."""
    field: str = "conference"
    """The conference's path in messages (``schedule.conference`` in JSON)."""


@dataclass(frozen=True)
class Schedule:
    """A whole schedule: the conference and its sessions in schedule order."""

    conference: Conference
    sessions: tuple[Session, ...]
    format: str
    """``frab-xml``, ``frab-json`` or ``schedule2-json``."""


def read_schedule(path: Path, shown: str, problems: Problems) -> Schedule | None:
    """Read ``path`` (XML or JSON, told apart by content); None after recording why not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(shown, 0, 0, "", f"cannot read the file ({exc.strerror or exc})")
        return None
    text = decode_source(raw, shown, problems, max_bytes=MAX_SCHEDULE_BYTES)
    if text is None:
        return None
    start = text.lstrip()
    if start.startswith("<"):
        return parse_xml(text, shown, problems)
    if start.startswith("{"):
        from podium.schedule_json import parse_json

        return parse_json(text, shown, problems)
    problems.error(shown, 1, 1, "", "not a schedule: expected frab XML (<schedule>) or JSON ({…})")
    return None


# --- shared helpers ---------------------------------------------------------------------


def minutes(value: str) -> int | None:
    """``"00:30"`` / ``"01:00:00"`` -> minutes; None when it is not such a duration."""
    match = _HHMM.fullmatch(value.strip())
    if not match:
        return None
    hours, mins = int(match.group(1)), int(match.group(2))
    return hours * 60 + mins if mins < 60 else None


def clock(value: str) -> dt.time | None:
    """``"18:25"`` / ``"09:00:00"`` -> a time; None when it is not one."""
    match = _HHMM.fullmatch(value.strip())
    if not match:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def day(value: str) -> dt.date | None:
    """The date at the start of ``value`` (``2024-02-03`` or an ISO date-time); None if none."""
    text = value.strip()
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def local_start(
    date: dt.date | None, time: str, iso: str, day_change: dt.time | None
) -> dt.datetime | None:
    """A session's start from its day, ``HH:MM`` and optional ISO date-time (see the notes)."""
    if iso:
        try:
            moment = dt.datetime.fromisoformat(iso.strip())
        except ValueError:
            moment = None
        if moment is not None:
            return moment.replace(microsecond=0)
    at = clock(time)
    if date is None or at is None:
        return None
    if day_change is not None and at < day_change:
        date += dt.timedelta(days=1)
    return dt.datetime.combine(date, at)


# --- XML --------------------------------------------------------------------------------


def _text(element: Element | None, name: str) -> str:
    if element is None:
        return ""
    child = element.find(name)
    if child is None:
        return ""
    return "".join(child.itertext()).strip()


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


class _PlacedBuilder(TreeBuilder):
    """A tree builder that notes where each element starts (ElementTree keeps no positions)."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: DefusedXMLParser | None = None
        self.at: dict[Element, tuple[int, int]] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        if self.parser is not None:
            expat = self.parser.parser
            self.at[element] = (expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)
        return element


def _parse_placed(text: str) -> tuple[Element, dict[Element, tuple[int, int]]]:
    builder = _PlacedBuilder()
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.parser = parser
    parser.feed(text)
    return parser.close(), builder.at


def parse_xml(text: str, shown: str, problems: Problems) -> Schedule | None:
    """A frab/pentabarf ``schedule.xml`` -> :class:`Schedule`, or None after an error."""
    doctype = re.search(r"<!DOCTYPE|<!ENTITY", text)
    if doctype:
        problems.error(
            shown,
            *_position(text, doctype.start()),
            "",
            "XML: a DTD (<!DOCTYPE …>) is not allowed in a schedule — entity declarations "
            "could expand without bound or read local files; remove it",
        )
        return None
    try:
        root, at = _parse_placed(text)
    except DefusedXmlException as exc:
        problems.error(shown, 1, 0, "", f"XML: refused ({type(exc).__name__}); remove the DTD")
        return None
    except ParseError as exc:
        line, col = exc.position
        message = str(exc).split(":")[0]
        problems.error(shown, line, col + 1, "", f"XML: {message}")
        return None
    if root.tag != "schedule":
        problems.error(shown, 1, 1, "", f"XML: expected a <schedule> root, got <{root.tag}>")
        return None
    conf = root.find("conference")
    title = _text(conf, "title") or _text(conf, "acronym")
    if not title:
        problems.error(shown, 1, 1, "conference.title", "the schedule has no conference title")
        return None
    conference = Conference(
        title=title,
        acronym=_text(conf, "acronym"),
        start=day(_text(conf, "start")),
        end=day(_text(conf, "end")),
        timezone=_text(conf, "time_zone_name"),
        city=_text(conf, "city"),
        venue=_text(conf, "venue"),
        url=_text(conf, "url"),
        base_url=_text(conf, "base_url") or _text(root, "base_url"),
        day_change=clock(_text(conf, "day_change")),
        at=at.get(conf if conf is not None else root, (1, 1)),
    )
    sessions: list[Session] = []
    for day_element in root.findall("day"):
        date = day(day_element.get("date", ""))
        for room in day_element.findall("room"):
            for event in room.findall("event"):
                place = at.get(event, (0, 0))
                sessions.append(_xml_session(event, date, room.get("name", ""), conference, place))
        for event in day_element.findall("event"):
            sessions.append(_xml_session(event, date, "", conference, at.get(event, (0, 0))))
    return Schedule(conference, tuple(sessions), "frab-xml")


def _xml_links(parent: Element | None, tag: str) -> tuple[Link, ...]:
    if parent is None:
        return ()
    links = []
    for element in parent.findall(tag):
        href = element.get("href", "").strip()
        if href:
            title = "".join(element.itertext()).strip()
            links.append(Link(href, title, element.get("type", "")))
    return tuple(links)


def _xml_session(
    event: Element,
    date: dt.date | None,
    room_name: str,
    conference: Conference,
    at: tuple[int, int],
) -> Session:
    persons = event.find("persons")
    speakers: list[str] = []
    if persons is not None:
        for person in persons.findall("person"):
            name = _text(person, "name") or "".join(person.itertext()).strip()
            if name:
                speakers.append(name)
    return Session(
        key=event.get("id", "").strip() or event.get("guid", "").strip(),
        slug=_text(event, "slug"),
        title=_text(event, "title"),
        subtitle=_text(event, "subtitle"),
        speakers=tuple(speakers),
        track=_text(event, "track"),
        room=_text(event, "room") or room_name,
        start=local_start(
            date,
            _text(event, "start"),
            _text(event, "date"),
            conference.day_change,
        ),
        duration=minutes(_text(event, "duration")),
        written=(
            ("start", _text(event, "date") or _text(event, "start")),
            ("duration", _text(event, "duration")),
        ),
        abstract=_text(event, "abstract"),
        description=_text(event, "description"),
        url=_text(event, "url"),
        attachments=_xml_links(event.find("attachments"), "attachment"),
        links=_xml_links(event.find("links"), "link"),
        at=at,
    )
