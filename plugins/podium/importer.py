"""A :class:`~podium.schedule.Schedule` -> the data of ``data/events/<id>.yml``.

Everything from a schedule is untrusted text.  It is cleaned here (one-line
fields lose line breaks and control characters, abstracts become safe Markdown
through :mod:`podium.htmltext`, URLs are percent-encoded with
:func:`~podium.urls.normalize_url` and checked with
:func:`~podium.urls.check_link_url`), and the whole file is validated again by
the same loader as every other event file before it is written
(:mod:`podium.eventfile`).

Decisions:

* **Event id**: ``--event-id``, else the slug of the conference title (or its
  acronym): ``FOSDEM 2024`` -> ``fosdem-2024``.
* **Talk id**: the schedule's slug when it already is an id
  (``fosdem-2024-3402-from-containers-to-unikernels-…``); else the slug of the
  slug (pretalx's ``SFKNTZ-welcome_to_fosdem_2026`` ->
  ``sfkntz-welcome-to-fosdem-2026``: it keeps pretalx's unique code); else the
  slug of the title (FOSDEM 2007 has no slugs); else ``<event-id>-<schedule id>``.
  Ids longer than 80 characters (the limit of a URL segment) are cut at a
  ``-``: FOSDEM's slugs keep their ``fosdem-2024-3402-…`` number, so they stay
  unique.  Ids are made unique across the site with ``-2``, ``-3`` … in schedule order,
  computed over the whole schedule before filters apply, so a filtered import
  gives the same ids as a full one.
* **Speakers**: the person id when ``data/people.yml`` has a person with
  exactly that name (case and Unicode form ignored); else the plain name, as
  ``{name: jinxx}`` when it looks like a person id (``jinxx``,
  ``josecastillolema``) or is some person's id, so the build never takes a
  handle for an id (nor warns about an unknown person).
* **Times**: naive schedule times are in ``--timezone``, else in the schedule's
  ``time_zone_name``, else in the ``timezone:`` of the file merged into; times
  with a UTC offset are exact.  With neither a zone
  nor offsets the command stops and asks for ``--timezone``
  (:func:`time_zone`): a guessed zone would move every talk without a word.
  The file gets ``timezone:`` and wall-clock times in that zone
  (:func:`wall_clock`), or, when it has no zone, the times with their offsets
  (``2020-12-27T11:30:00+01:00``).  A wall-clock time that DST makes ambiguous
  keeps its offset.
* **Abstract**: the schedule's abstract, then its description when that says
  something more; at most 5000 characters, cut at a paragraph with ``…``.
* **slides**: the first attachment of type ``slides``, or titled "slides", or a
  ``.pdf``.  **video**: the first link or attachment typed ``video`` or titled
  "Video …" / "… recording", or pointing to a ``.webm``/``.mp4`` file.
* Relative links (frab's ``/system/…`` attachments) are resolved against the
  session page, else the schedule's ``base_url``, as a browser would.
* **url**: the session page the schedule gives; for FOSDEM schedules without
  one, ``<base_url>event/<slug>/`` when the schedule names its ``base_url``.

A link that fails the URL check is dropped, with a warning naming the talk
and the reason; it is never written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit
from zoneinfo import ZoneInfo, available_timezones

from podium.eventdata import ID_RE, MAX_DURATION, MAX_LIST, zone_problem
from podium.eventtimes import wall_clock_problem
from podium.htmltext import one_line, to_markdown
from podium.people import People
from podium.problems import Problem
from podium.schedule import Link, Schedule, Session
from podium.text import MAX_SLUG, MAX_TEXT, MAX_TITLE, slugify
from podium.urls import check_link_url, normalize_url

_VIDEO_FILES = (".webm", ".mp4", ".m4v", ".ogv", ".mkv")
_MORE = "…"
_LAST = dt.datetime.max.replace(tzinfo=dt.UTC)
# The zero-width and direction characters podium.text.invisible_problem warns about.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TEXT_FIELDS = ("title", "subtitle", "track", "room", "abstract")


@dataclass(frozen=True)
class Filters:
    """``--speaker``, ``--track`` and ``--id`` values; a talk must match every kind given."""

    speakers: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()

    def keep(self, session: Session) -> bool:
        if self.speakers:
            names = [name.casefold() for name in session.speakers]
            if not any(want.casefold() in name for want in self.speakers for name in names):
                return False
        if self.tracks:
            track = session.track.casefold()
            if not track or not any(want.casefold() in track for want in self.tracks):
                return False
        if self.ids:
            keys = {session.key.casefold(), session.slug.casefold()} - {""}
            if not any(want.strip().casefold() in keys for want in self.ids):
                return False
        return True


@dataclass
class Imported:
    """The event data from a schedule, in file order, with the warnings met on the way."""

    event_id: str
    event: dict[str, Any]
    notes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Talk id -> (field, message) warnings, e.g. ``("video", "dropped: …")``."""
    event_notes: list[tuple[str, str]] = field(default_factory=list)
    """(Field, message) warnings about the event's own values."""
    skipped: list[tuple[tuple[int, int], str]] = field(default_factory=list)
    """(Line and column in the schedule, message) of sessions that could not become talks."""


def event_id_for(schedule: Schedule) -> str:
    """The default event id: the slug of the conference title, else of its acronym."""
    for candidate in (schedule.conference.title, schedule.conference.acronym):
        slug = slugify(candidate)
        if ID_RE.fullmatch(slug):
            return slug
    return ""


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def _line(text: str, limit: int = MAX_TITLE) -> str:
    value = one_line(text)
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + _MORE
    return value


def _visible(value: str) -> tuple[str, str | None]:
    """``value`` without zero-width and direction characters, and a note when it had some:
    they are invisible in the page, and can make text read other than it shows."""
    found = dict.fromkeys(_INVISIBLE.findall(value))
    if not found:
        return value, None
    codes = ", ".join(f"U+{ord(c):04X}" for c in found)
    return _INVISIBLE.sub("", value), f"removed the invisible character(s) {codes}"


def _visible_fields(
    data: dict[str, Any], keys: Iterable[str], notes: list[tuple[str, str]]
) -> None:
    for key in keys:
        if isinstance(data.get(key), str):
            data[key], note = _visible(data[key])
            if note:
                notes.append((key, note))


def _url(value: str) -> tuple[str | None, str | None]:
    """(URL to write, None) or (None, why it was dropped)."""
    candidate = normalize_url(value.strip())
    problem = check_link_url(candidate)
    return (None, problem) if problem else (candidate, None)


def _short(talk_id: str, limit: int = MAX_SLUG) -> str:
    """An id cut to ``limit`` characters at a '-' (FOSDEM's slugs run to 120)."""
    if len(talk_id) <= limit:
        return talk_id
    cut = talk_id[: limit + 1]
    dash = cut.rfind("-")
    return (cut[:dash] if dash > limit // 2 else cut[:limit]).rstrip("-")


def talk_ids(sessions: Sequence[Session], event_id: str, taken: Iterable[str]) -> list[str]:
    """One unique id per session, in order (see the module notes); ``taken`` is avoided."""
    used = set(taken)
    ids: list[str] = []
    for number, session in enumerate(sessions, 1):
        slug = session.slug.strip()
        candidates = [
            slug if ID_RE.fullmatch(slug) else "",
            slugify(slug) if slug else "",
            slugify(session.title),
            f"{event_id}-{slugify(session.key)}" if slugify(session.key) else "",
            f"{event_id}-talk-{number}",
        ]
        base = next(_short(c) for c in candidates if c and ID_RE.fullmatch(_short(c)))
        talk_id, suffix = base, 2
        while talk_id in used:
            tail = f"-{suffix}"
            talk_id, suffix = _short(base, MAX_SLUG - len(tail)) + tail, suffix + 1
        used.add(talk_id)
        ids.append(talk_id)
    return ids


def speaker_entry(name: str, people: People) -> str | dict[str, str]:
    """How a schedule's speaker is written in ``speakers:`` (see the module notes)."""
    person = people.find_name(name)
    if person is not None:
        return person.id
    if ID_RE.fullmatch(name) or people.find(name) is not None:
        return {"name": name}
    return name


def _path(url: str) -> str:
    try:
        return urlsplit(url.strip()).path.lower()
    except ValueError:
        return ""


def _looks_like_slides(link: Link) -> bool:
    title, kind = link.title.lower(), link.type.lower()
    return kind == "slides" or "slide" in title or _path(link.url).endswith(".pdf")


def _looks_like_video(link: Link) -> bool:
    title, kind, path = link.title.lower(), link.type.lower(), _path(link.url)
    return (
        kind in ("video", "recording")
        or title.startswith("video")
        or "recording" in title
        or path.endswith(_VIDEO_FILES)
    )


def _abstract(session: Session) -> tuple[str, str | None]:
    """(Markdown, warning or None): abstract then description, within the size limit."""
    parts: list[str] = []
    for text in (session.abstract, session.description):
        markdown = to_markdown(text)
        if markdown and not any(markdown in seen for seen in parts):
            parts = [p for p in parts if p not in markdown]
            parts.append(markdown)
    joined = "\n\n".join(parts)
    if len(joined) <= MAX_TEXT:
        return joined, None
    cut = joined[: MAX_TEXT - 2]
    paragraph = cut.rfind("\n\n")
    cut = cut[:paragraph] if paragraph > MAX_TEXT // 2 else cut[: cut.rfind(" ")]
    shortened = cut.rstrip() + "\n\n" + _MORE
    return shortened, f"shortened to {len(shortened)} characters (the schedule has {len(joined)})"


def _absolute(url: str, base: str) -> str:
    """A root- or page-relative link (frab's ``/system/…`` attachments) resolved like a browser
    would on the session page; absolute URLs and links without a base are left as they are."""
    text = url.strip()
    if not base or urlsplit_safe(text).scheme or text.startswith("//"):
        return text
    if urlsplit_safe(base).scheme not in ("http", "https"):
        return text
    return urljoin(base, text)


def urlsplit_safe(url: str) -> SplitResult:
    """:func:`urllib.parse.urlsplit`, with an empty result for text it cannot split."""
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit("")


def _session_url(session: Session, schedule: Schedule) -> str:
    if session.url:
        return session.url
    base = schedule.conference.base_url
    try:
        host = urlsplit(base).hostname or ""
    except ValueError:
        host = ""
    if base and session.slug and (host == "fosdem.org" or host.endswith(".fosdem.org")):
        return f"{base.rstrip('/')}/event/{session.slug}/"
    return ""


def _moment(start: dt.datetime, zone: str | None) -> tuple[dt.datetime | None, str | None]:
    """(The aware start, or None, and a warning or None): naive times are read in ``zone``."""
    if start.tzinfo is not None:
        return (start.astimezone(ZoneInfo(zone)) if zone else start), None
    if zone is None:
        raise ValueError("a time without an offset and no zone: call time_zone() first")
    tz = ZoneInfo(zone)
    issue = wall_clock_problem(start, tz, zone)
    if issue is None:
        return start.replace(tzinfo=tz), None
    severity, message = issue
    said = f"the schedule's {start.isoformat()} {message.split(';')[0]}"
    if severity == "error":
        return None, f"{said}; left out"
    first = start.replace(tzinfo=tz, fold=0)
    return first, f"{said}; written as the first, {first.isoformat()} — check it"


def _talk(
    session: Session, talk_id: str, schedule: Schedule, people: People, zone: str | None
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    notes: list[tuple[str, str]] = []
    talk: dict[str, Any] = {"title": _line(session.title), "id": talk_id}
    if one_line(session.subtitle):
        talk["subtitle"] = _line(session.subtitle)
    seen = [_visible(_line(n)) for n in session.speakers if n]
    names = [name for name in dict.fromkeys(name for name, _ in seen) if name]
    notes.extend(("speakers", note) for note in dict.fromkeys(n for _, n in seen if n))
    if names:
        talk["speakers"] = [speaker_entry(name, people) for name in names[:MAX_LIST]]
    for key, value in (("track", session.track), ("room", session.room)):
        if one_line(value):
            talk[key] = _line(value)
    links = {
        "url": _session_url(session, schedule),
        "slides": next((a.url for a in session.attachments if _looks_like_slides(a)), ""),
        "video": next(
            (v.url for v in (*session.links, *session.attachments) if _looks_like_video(v)), ""
        ),
    }
    base = session.url or schedule.conference.base_url
    for key in ("url", "slides", "video"):
        if links[key]:
            url, problem = _url(_absolute(links[key], base))
            if url:
                talk[key] = url
            else:
                notes.append((key, f"dropped: {problem}"))
    if session.start is not None:
        start, problem = _moment(session.start, zone)
        if start is not None:
            talk["start"] = start
        if problem:
            notes.append(("start", problem))
    if session.duration is not None and 1 <= session.duration <= MAX_DURATION:
        talk["duration"] = session.duration
    elif session.duration is not None:
        notes.append(
            ("duration", f"dropped: {session.duration} minutes is not from 1 to {MAX_DURATION}")
        )
    written = dict(session.written)
    if session.start is None and written.get("start"):
        notes.append(("start", f"dropped: {written['start']!r} is not a date and time"))
    if session.duration is None and written.get("duration"):
        notes.append(("duration", f"dropped: {written['duration']!r} is not HH:MM"))
    abstract, warning = _abstract(session)
    if abstract:
        talk["abstract"] = abstract
    if warning:
        notes.append(("abstract", warning))
    _visible_fields(talk, _TEXT_FIELDS, notes)
    return talk, notes


def _event(schedule: Schedule, talks: Sequence[dict[str, Any]], zone: str | None) -> dict[str, Any]:
    conf = schedule.conference
    event: dict[str, Any] = {"title": _line(conf.title), "kind": "conference"}
    starts = [t["start"].date() for t in talks if "start" in t]
    start: dt.date | None = conf.start or (min(starts) if starts else None)
    if start is not None:
        event["start"] = start
    end = conf.end or (max(starts) if starts and not conf.start else None)
    if end is not None and start is not None and end > start:
        event["end"] = end
    if zone:
        event["timezone"] = zone
    location = {k: _line(v) for k, v in (("name", conf.venue), ("city", conf.city)) if one_line(v)}
    if location:
        event["location"] = location
    for candidate in (conf.url, conf.base_url):
        url, _ = _url(candidate) if candidate else (None, None)
        if url:
            event["url"] = url
            break
    return event


def _city_zone(city: str) -> str | None:
    """The IANA zone named after ``city`` (``Brussels`` -> ``Europe/Brussels``), if there is one."""
    wanted = city.strip().casefold().replace(" ", "_")
    if not wanted:
        return None
    names = sorted(available_timezones())
    return next((z for z in names if z.rsplit("/", 1)[-1].casefold() == wanted), None)


def time_zone(
    schedule: Schedule,
    filters: Filters,
    option: str | None,
    shown: str,
    fallback: str | None = None,
) -> tuple[str | None, Problem | None]:
    """(The zone of the schedule's times, or None when every time has an offset; the error).

    ``option`` is ``--timezone`` (checked by the caller); it wins over the schedule's
    ``time_zone_name``, which wins over ``fallback`` (the ``timezone:`` of the file
    merged into).  Without any, a talk time without an offset is an error that asks
    for ``--timezone``.
    """
    conf = schedule.conference
    if option:
        return option, None
    if conf.timezone and zone_problem(conf.timezone) is None:
        return conf.timezone, None
    if fallback:
        return fallback, None
    naive = [
        s.start for s in schedule.sessions if s.start and not s.start.tzinfo and filters.keep(s)
    ]
    if not naive:
        return None, None
    guess = _city_zone(conf.city) or "Europe/Brussels"
    times = f"its talk times ({naive[0].strftime('%Y-%m-%d %H:%M')} …) have no UTC offset"
    if conf.timezone:
        where = f"{conf.field}.time_zone_name"
        said = f"{zone_problem(conf.timezone)}, and {times}"
    else:
        where = conf.field
        said = f"the schedule names no time zone and {times}"
    message = f"{said} — pass --timezone ZONE, such as --timezone {guess}"
    return None, Problem(shown, *conf.at, "error", where, message)


def wall_clock(event: dict[str, Any], zone: str | None) -> None:
    """Write the talks' aware starts as wall-clock times in ``zone``, the file's
    ``timezone:`` (a time that DST makes ambiguous keeps its offset); with no zone
    every start keeps its UTC offset."""
    if zone is None:
        return
    tz = ZoneInfo(zone)
    for talk in event.get("talks") or []:
        start = talk.get("start") if isinstance(talk, dict) else None
        if not isinstance(start, dt.datetime) or start.tzinfo is None:
            continue
        local = start.astimezone(tz)
        naive = local.replace(tzinfo=None)
        talk["start"] = naive if wall_clock_problem(naive, tz, zone) is None else local


def convert(
    schedule: Schedule,
    filters: Filters,
    people: People,
    event_id: str,
    taken: Iterable[str] = (),
    zone: str | None = None,
) -> Imported:
    """The event and its (filtered) talks; ``taken`` are talk ids used by other event files.

    ``zone`` is what :func:`time_zone` gave.  Talk starts are aware datetimes;
    :func:`wall_clock` turns them into what the file says.
    """
    ids = talk_ids(schedule.sessions, event_id, taken)
    imported = Imported(event_id, {})
    talks: list[dict[str, Any]] = []
    for session, talk_id in zip(schedule.sessions, ids, strict=True):
        if not filters.keep(session):
            continue
        if not _visible(one_line(session.title))[0].strip():
            message = f"schedule event {session.key or '?'}: skipped: no title"
            imported.skipped.append((session.at, message))
            continue
        talk, notes = _talk(session, talk_id, schedule, people, zone)
        talks.append(talk)
        if notes:
            imported.notes[talk_id] = notes
    talks.sort(key=lambda t: (t.get("start") or _LAST, t.get("room") or ""))
    imported.event = _event(schedule, talks, zone)
    _visible_fields(imported.event, ("title",), imported.event_notes)
    if isinstance(imported.event.get("location"), dict):
        location_notes: list[tuple[str, str]] = []
        _visible_fields(imported.event["location"], ("name", "city"), location_notes)
        imported.event_notes += [(f"location.{key}", note) for key, note in location_notes]
    imported.event["talks"] = talks
    return imported
