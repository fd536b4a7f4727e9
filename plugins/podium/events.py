"""Events and their talks from ``data/events/<id>.yml`` (DESIGN §3).

One event per file; the file name is the id and must match
``[a-z0-9][a-z0-9-]*``.  Every problem in every file is reported in one run,
with the position of the offending value.

Rules worth knowing:

* **A file with an error is left out as a whole**: the event and all its
  talks (a half-published event is harder to notice than a missing one).
  Every other event is still loaded (BAD-INPUT I3).  Warnings never drop
  anything.
* Naive date-times are in the event's ``timezone``, else the site's
  (BAD-INPUT D9).  A wall-clock time skipped by a DST change is an error; a
  time that happens twice is a warning and means the first occurrence (D8).
* A talk's id defaults to the slug of its title; ids are unique across all
  event files, which are read in sorted order, so the later file gets the
  error (E4).  Ids of files that are left out still count.
* Speakers are person ids or names from ``data/people.yml``, or plain names.
  An id-shaped speaker (``simon-kuenzr``) that matches nobody is a warning
  with a "did you mean" (E1).  ``{name: jinxx}`` is a plain name that is
  never read as an id (matched against names only, never a warning): the
  form for handles, which look like ids.
* ``url: null`` means no URL; ``url: ""`` is an error (G10).  The same holds
  for every optional key: ``null`` is the same as leaving it out.
* Local ``slides`` keep their ``#page=3`` / ``?dl=1`` suffix in
  :attr:`Slides.url`; the file check ignores it (G11).
* Only ``.yml`` files are read; a ``.yaml`` file gets a warning to rename it.

Shapes, text, URLs, local files and ``posts`` are checked by the pydantic
models of :mod:`podium.eventdata`; dates and times by :mod:`podium.eventtimes`;
speakers and talk ids here.  Times, speakers and ids are read from the raw
data, so they are reported even when another value of the file is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from podium.dates import DateError, zone
from podium.eventdata import ID_RE, EventData, SpeakerName, zone_problem
from podium.eventsalvage import prune, remap
from podium.eventtimes import EventFile, event_times, talk_items, talk_times
from podium.paths import ContentTree
from podium.people import People
from podium.positions import PathKey, Positions, dotted
from podium.problems import Problem, Problems
from podium.settings import Settings
from podium.sources import decode_source
from podium.talkchecks import schedule_warnings
from podium.text import invisible_problem, slugify
from podium.validation import report_validation
from podium.video import Video
from podium.yamlsafe import load_yaml

_NOT_TEXT_FIELDS = frozenset({"id", "url", "track_url", "video", "slides", "src", "posts"})


@dataclass(frozen=True)
class Location:
    """Where an event takes place; every part is optional."""

    name: str | None
    address: str | None
    city: str | None
    country: str | None
    url: str | None

    def text(self) -> str:
        """One line for listings: ``ULB Solbosch Campus, Brussels, Belgium``."""
        parts = (self.name, self.address, self.city, self.country)
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Photo:
    """A photo of the event: a file under content/."""

    src: str
    """The content-relative path of the existing file."""
    caption: str | None
    alt: str


@dataclass(frozen=True)
class Speaker:
    """A speaker as written, and the person it names (None: a plain name)."""

    ref: str
    person_id: str | None


@dataclass(frozen=True)
class Slides:
    """An external URL, or the content-relative path of a local file."""

    url: str
    local: bool


@dataclass(frozen=True)
class Talk:
    """One talk of an event."""

    id: str
    event_id: str
    title: str
    subtitle: str | None
    speakers: tuple[Speaker, ...]
    track: str | None
    track_url: str | None
    room: str | None
    url: str | None
    slides: Slides | None
    video: Video | None
    start: dt.datetime | None
    """Aware, in the event's zone."""
    duration: int | None
    """Minutes."""
    abstract: str | None
    """Markdown source."""
    tags: tuple[str, ...]
    line: int
    """The file line of the talk, for messages elsewhere."""


@dataclass(frozen=True)
class Event:
    """One event file."""

    id: str
    shown: str
    """The repo-relative file path, e.g. ``data/events/fosdem-2024.yml``."""
    title: str
    kind: str
    start: dt.datetime
    end: dt.datetime | None
    all_day: bool
    """True when start (and end) were dates without times."""
    timezone: str
    location: Location | None
    online: bool
    url: str | None
    summary: str | None
    description: str | None
    tags: tuple[str, ...]
    talks: tuple[Talk, ...]
    photos: tuple[Photo, ...]
    posts: tuple[str, ...]

    @property
    def last_day(self) -> dt.date:
        """The end date, or the start date for a one-day event."""
        return (self.end or self.start).date()


def load_events(
    settings: Settings,
    tree: ContentTree,
    people: People,
    post_sources: frozenset[str],
    problems: Problems,
) -> list[Event]:
    """Every valid event of data/events/*.yml, sorted by (start, id); every problem reported."""
    folder = settings.data_dir / "events"
    if folder.exists() and not folder.is_dir():
        problems.error(
            settings.rel(folder),
            1,
            0,
            "",
            "must be a folder of event files (data/events/<id>.yml), not a file",
        )
    if not folder.is_dir() or _leaves(folder, settings.root):
        return []
    talk_ids: dict[str, str] = {}
    events: list[Event] = []
    for nested in sorted(folder.glob("*/**/*.y*ml")):
        problems.warning(
            settings.rel(nested),
            1,
            0,
            "",
            f"ignored: event files in sub-folders are not read — move it to"
            f" {settings.rel(folder)}/{nested.stem}.yml",
        )
    # Under `mkdocs serve`, oldest file first: a talk id reused by the file just edited is
    # that file's error, and the talk that was there first stays.  A build goes by name.
    order = _age if settings.preview else (lambda p: (0, p.name))
    for path in sorted(folder.iterdir(), key=order):
        if path.suffix == ".yaml" and path.is_file():
            problems.warning(
                settings.rel(path),
                1,
                0,
                "",
                f"ignored: event files end in .yml — rename it to {path.stem}.yml",
            )
        if path.suffix != ".yml" or not path.is_file() or _leaves(path, settings.root):
            continue  # a link out of the repository is reported by podium.symlinks
        event = _load_file(path, settings, tree, people, post_sources, talk_ids, problems)
        if event is not None:
            events.append(event)
    return sorted(events, key=lambda e: (e.start, e.id))


def _age(path: Path) -> tuple[int, str]:
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:
        return 0, path.name


def _leaves(path: Path, root: Path) -> bool:
    return not path.resolve().is_relative_to(root.resolve())


def _load_file(
    path: Path,
    settings: Settings,
    tree: ContentTree,
    people: People,
    post_sources: frozenset[str],
    talk_ids: dict[str, str],
    problems: Problems,
) -> Event | None:
    shown = settings.rel(path)
    local = Problems()
    event_id = path.stem
    if not ID_RE.fullmatch(event_id):
        better = slugify(event_id)
        name = better if ID_RE.fullmatch(better) else "my-event"
        local.error(
            shown,
            1,
            0,
            "",
            f"event id {event_id!r} must match [a-z0-9-]+ — rename the file to {name}.yml",
        )
    data, positions = _read(path, shown, local)
    event = None
    if data is not None:
        event = _check(
            event_id, data, positions, shown, settings, tree, people, post_sources, local
        )
        _check_talk_ids(data, positions, shown, talk_ids, local)
        if local.errors:
            # Every error is reported (and stops the build); `mkdocs serve` keeps what is valid.
            context = (settings, tree, people, post_sources)
            event = _salvage(event_id, data, positions, shown, context, local.errors)
    problems.extend(local)
    return event


def _salvage(
    event_id: str,
    data: dict[str, Any],
    positions: Positions,
    shown: str,
    context: tuple[Settings, ContentTree, People, frozenset[str]],
    errors: list[Problem],
) -> Event | None:
    """The event without its talks and optional fields that have errors (podium.eventsalvage)."""
    pruned = prune(data, errors) if ID_RE.fullmatch(event_id) else None
    if pruned is None:
        return None
    smaller = pruned[0]
    scratch = Problems()  # its problems are the ones already reported
    event = _check(event_id, smaller, remap(positions, data, smaller), shown, *context, scratch)
    return None if scratch.errors else event


def _read(path: Path, shown: str, problems: Problems) -> tuple[dict[str, Any] | None, Positions]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(shown, 1, 0, "", f"cannot read the file ({exc.strerror or exc})")
        return None, Positions()
    text = decode_source(raw, shown, problems)
    if text is None:
        return None, Positions()
    before = len(problems)
    data, positions = load_yaml(text, shown, problems)
    if data is None:
        if len(problems) == before:
            problems.error(shown, 1, 0, "", "empty event file; required: title, kind, start")
        return None, positions
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else "a single value"
        message = f"an event file must be key: value pairs (title:, kind:, start:), got {got}"
        problems.error(shown, *positions.root, "", message)
        return None, positions
    return data, positions


def _event_zone(data: dict[str, Any], settings: Settings) -> tuple[dt.tzinfo, str, bool]:
    """(zone, its name, whether DST checks apply); a bad name is reported by the model."""
    name = data.get("timezone")
    if name is None:
        return settings.timezone, str(settings.timezone), True
    if isinstance(name, str) and zone_problem(name.strip()) is None:
        try:
            return zone(name.strip()), name.strip(), True
        except DateError:
            pass
    return settings.timezone, str(settings.timezone), False


def _check(
    event_id: str,
    data: dict[str, Any],
    positions: Positions,
    shown: str,
    settings: Settings,
    tree: ContentTree,
    people: People,
    post_sources: frozenset[str],
    problems: Problems,
) -> Event | None:
    tz, tz_name, check_dst = _event_zone(data, settings)
    file = EventFile(shown, positions, problems, tz, tz_name, check_dst)
    model = _validate(data, file, {"tree": tree, "posts": post_sources})
    start, end, all_day = event_times(data, file)
    talk_starts = talk_times(data, file, start, end)
    schedule_warnings(data, file, talk_starts)
    _speaker_warnings(data, file, people)
    _invisible_warnings(data, (), file)
    if model is None or start is None:
        return None
    talks: list[Talk] = []
    for index, talk in enumerate(model.talks):
        speakers = []
        for entry in talk.speakers:
            if isinstance(entry, SpeakerName):
                ref, person = entry.name, people.find_name(entry.name)
            else:
                ref, person = entry, people.find(entry)
            speakers.append(Speaker(ref, person.id if person else None))
        video = talk.video
        if video is not None and video.kind != "link" and video.url.startswith("http:"):
            where = ("talks", index, "video")
            if video.kind == "file":
                file.warning(
                    where, "http:// video file; browsers block it on an https site — use https"
                )
            else:
                file.warning(where, "http:// URL; the embed uses https")
        talks.append(
            Talk(
                id=talk.id or slugify(talk.title),
                event_id=event_id,
                title=talk.title,
                subtitle=talk.subtitle,
                speakers=tuple(speakers),
                track=talk.track,
                track_url=talk.track_url,
                room=talk.room,
                url=talk.url,
                slides=Slides(talk.slides.url, talk.slides.local) if talk.slides else None,
                video=video,
                start=talk_starts.get(index),
                duration=talk.duration,
                abstract=talk.abstract,
                tags=talk.tags,
                line=positions.value(("talks", index))[0],
            )
        )
    loc = model.location
    return Event(
        id=event_id,
        shown=shown,
        title=model.title,
        kind=model.kind,
        start=start,
        end=end,
        all_day=all_day,
        timezone=tz_name,
        location=Location(loc.name, loc.address, loc.city, loc.country, loc.url) if loc else None,
        online=model.online,
        url=model.url,
        summary=model.summary,
        description=model.description,
        tags=model.tags,
        talks=tuple(talks),
        photos=tuple(Photo(p.src, p.caption, p.alt or p.caption or "") for p in model.photos),
        posts=model.posts,
    )


def _validate(data: dict[str, Any], file: EventFile, context: dict[str, Any]) -> EventData | None:
    """Validate with the model; "quote it" hints name the value as written (B12)."""
    scratch = Problems()
    model = report_validation(EventData, data, file.positions, (), file.shown, scratch, context)
    if not scratch.items:
        return model  # nothing to rephrase: skip indexing every scalar by its dotted name
    scalars = {dotted(k): (k, v) for k, v in file.positions.scalars.items()}
    for problem in scratch:
        message = problem.message
        found = scalars.get(problem.field)
        if (
            found is not None
            and isinstance(found[0][-1], str)
            and message.startswith("expected text, got ")
            and not message.startswith("expected text, got null")
            and message.endswith(" — quote it")
        ):
            hint = f' — write {found[0][-1]}: "{found[1]}"'
            message = message.removesuffix(" — quote it") + hint
        file.problems.items.append(replace(problem, message=message))
    return model


def _speaker_warnings(data: dict[str, Any], file: EventFile, people: People) -> None:
    for index, talk in talk_items(data):
        speakers = talk.get("speakers")
        if not isinstance(speakers, list):
            continue
        for number, ref in enumerate(speakers):
            if not isinstance(ref, str) or not ID_RE.fullmatch(ref.strip()):
                continue
            if people.find(ref.strip()) is not None:
                continue
            close = people.suggest(ref.strip())
            hint = f"did you mean '{close}'? " if close else ""
            file.warning(
                ("talks", index, "speakers", number),
                f"unknown person '{ref.strip()}' ({hint}people are listed in data/people.yml); "
                "shown as plain text",
            )


def _check_talk_ids(
    data: dict[str, Any],
    positions: Positions,
    shown: str,
    seen: dict[str, str],
    problems: Problems,
) -> None:
    """Talk ids are unique across all event files; the later one gets the error (E4)."""
    for index, talk in talk_items(data):
        given, title = talk.get("id"), talk.get("title")
        if given is not None:
            if not isinstance(given, str) or not ID_RE.fullmatch(given):
                continue  # reported by the model
            talk_id, origin, note = given, "id", ""
        elif isinstance(title, str) and slugify(title.strip()):
            talk_id, origin = slugify(title.strip()), "title"
            note = " — add an id: to this talk"
        else:
            continue
        line, col = positions.value(("talks", index, origin))
        if talk_id in seen:
            shown_id = f"'{talk_id}'" + (" (from the title)" if origin == "title" else "")
            message = f"{shown_id} already used at {seen[talk_id]}{note}"
            problems.error(shown, line, col, dotted(("talks", index, "id")), message)
        else:
            seen[talk_id] = f"{shown}:{line}:{col}"


def _invisible_warnings(value: object, path: PathKey, file: EventFile) -> None:
    """Invisible direction and zero-width characters in display text (F12)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT_FIELDS:
                _invisible_warnings(item, (*path, key), file)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _invisible_warnings(item, (*path, index), file)
    elif isinstance(value, str):
        problem = invisible_problem(value)
        if problem:
            file.warning(path, problem)
