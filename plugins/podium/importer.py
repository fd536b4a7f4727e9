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
* **Speakers**: plain names, or the person id when ``data/people.yml`` has a
  person with exactly that name (case and Unicode form ignored).
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
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

from podium.eventdata import ID_RE, MAX_DURATION, MAX_LIST, zone_problem
from podium.htmltext import one_line, to_markdown
from podium.people import People
from podium.schedule import Link, Schedule, Session
from podium.text import MAX_SLUG, MAX_TEXT, MAX_TITLE, slugify
from podium.urls import check_link_url, normalize_url

_VIDEO_FILES = (".webm", ".mp4", ".m4v", ".ogv", ".mkv")
_MORE = "…"


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
    skipped: list[str] = field(default_factory=list)
    """Messages about sessions that could not become talks."""


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


def _speaker(name: str, people: People) -> str:
    person = people.find(name)
    if person is not None and _fold(person.name) == _fold(name):
        return person.id
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


def _talk(
    session: Session, talk_id: str, schedule: Schedule, people: People
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    notes: list[tuple[str, str]] = []
    talk: dict[str, Any] = {"title": _line(session.title), "id": talk_id}
    if one_line(session.subtitle):
        talk["subtitle"] = _line(session.subtitle)
    speakers = list(dict.fromkeys(_speaker(_line(n), people) for n in session.speakers if n))
    speakers = [s for s in speakers if s]
    if speakers:
        talk["speakers"] = speakers[:MAX_LIST]
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
        talk["start"] = session.start
    if session.duration is not None and 1 <= session.duration <= MAX_DURATION:
        talk["duration"] = session.duration
    abstract, warning = _abstract(session)
    if abstract:
        talk["abstract"] = abstract
    if warning:
        notes.append(("abstract", warning))
    return talk, notes


def _event(schedule: Schedule, sessions: Sequence[Session]) -> dict[str, Any]:
    conf = schedule.conference
    event: dict[str, Any] = {"title": _line(conf.title), "kind": "conference"}
    starts = [s.start.date() for s in sessions if s.start is not None]
    start: dt.date | None = conf.start or (min(starts) if starts else None)
    if start is not None:
        event["start"] = start
    end = conf.end or (max(starts) if starts and not conf.start else None)
    if end is not None and start is not None and end > start:
        event["end"] = end
    if conf.timezone and zone_problem(conf.timezone) is None:
        event["timezone"] = conf.timezone
    location = {k: _line(v) for k, v in (("name", conf.venue), ("city", conf.city)) if one_line(v)}
    if location:
        event["location"] = location
    for candidate in (conf.url, conf.base_url):
        url, _ = _url(candidate) if candidate else (None, None)
        if url:
            event["url"] = url
            break
    return event


def convert(
    schedule: Schedule,
    filters: Filters,
    people: People,
    event_id: str,
    taken: Iterable[str] = (),
) -> Imported:
    """The event and its (filtered) talks; ``taken`` are talk ids used by other event files."""
    ids = talk_ids(schedule.sessions, event_id, taken)
    event = _event(schedule, schedule.sessions)
    imported = Imported(event_id, event)
    talks: list[dict[str, Any]] = []
    for session, talk_id in zip(schedule.sessions, ids, strict=True):
        if not filters.keep(session):
            continue
        if not one_line(session.title):
            imported.skipped.append(f"schedule event {session.key or '?'}: skipped: no title")
            continue
        talk, notes = _talk(session, talk_id, schedule, people)
        talks.append(talk)
        if notes:
            imported.notes[talk_id] = notes
    talks.sort(key=lambda t: (t.get("start") or dt.datetime.max, t.get("room") or ""))
    event["talks"] = talks
    return imported
