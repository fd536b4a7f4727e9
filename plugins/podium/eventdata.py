"""The shape of one ``data/events/<id>.yml`` file, as pydantic models.

These models check what can be checked one value at a time: types, text,
URLs, local files (``slides``, ``photos[].src``), ``posts`` and ids.  Each
validator raises :func:`podium.validation.fail` with a message in the user's
terms.  Dates, time zones, speakers and cross-file checks need the whole file
(or every file) and live in :mod:`podium.events`.

The validation context holds ``tree`` (the :class:`~podium.paths.ContentTree`)
and ``posts`` (the content-relative sources of every post).
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from functools import cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)

from podium.dates import describe
from podium.paths import ContentTree
from podium.text import MAX_TEXT, MAX_TITLE, slugify, text_problem
from podium.urls import check_link_url, is_external, normalize_url, split_suffix
from podium.validation import fail, slug_field
from podium.video import Video, classify_video

KINDS = ("conference", "meetup", "workshop", "webinar", "hackathon", "other")
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_LIST = 100
MAX_TALKS = 1000
MAX_DURATION = 1440
_DURATION = f"expected whole minutes between 1 and {MAX_DURATION}"


def shape(value: object) -> str:
    """How a value's type reads in a message: ``a string``, ``a mapping``, ``a list``."""
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return describe(value)


def _text(value: object, *, limit: int = MAX_TITLE, multiline: bool = False) -> str:
    if not isinstance(value, str):
        raise fail(f"expected text, got {describe(value)} — quote it")
    problem = text_problem(value, limit=limit, multiline=multiline)
    if problem:
        raise fail(problem)
    return value.strip() if not multiline else value


def _line(value: object) -> object:
    return None if value is None else _text(value)


def _caption(value: object) -> object:
    return None if value is None else _text(value, limit=MAX_TEXT)


def _markdown(value: object) -> object:
    return None if value is None else _text(value, limit=MAX_TEXT, multiline=True)


def _url(value: object) -> object:
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(f"expected a URL, got {describe(value)}")
    problem = check_link_url(value)
    if problem:
        raise fail(problem)
    return normalize_url(value)


def _video(value: object) -> object:
    checked = _url(value)
    return None if checked is None else classify_video(str(checked))


def _flag(value: object) -> object:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise fail(f"expected true or false, got {describe(value)}")
    return value


def _duration(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(_DURATION)
    if not 1 <= value <= MAX_DURATION:
        raise fail(_DURATION)
    return value


def _string_list(value: object, info: ValidationInfo) -> object:
    if value is None:
        return []
    name = info.field_name or ""
    if isinstance(value, str):
        raise fail(f"expected a list, got a string — write {name}: [{value}]")
    if not isinstance(value, list):
        raise fail(f"expected a list, got {shape(value)}")
    if len(value) > MAX_LIST:
        raise fail(f"more than {MAX_LIST} entries ({len(value)})")
    return value


def _string_item(value: object) -> object:
    return _text(value)


def _list_of(what: str, limit: int) -> BeforeValidator:
    def check(value: object) -> object:
        if value is None:
            return []
        if not isinstance(value, list):
            raise fail(f"expected a list of {what}, got {shape(value)}")
        if len(value) > limit:
            raise fail(f"more than {limit} {what} ({len(value)})")
        return value

    return BeforeValidator(check)


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def zone_problem(name: str) -> str | None:
    """None if ``name`` is a known IANA zone, else the message with a "did you mean"."""
    if name in _zones():
        return None
    close = difflib.get_close_matches(name, _zones(), n=1, cutoff=0.7)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown IANA zone {name!r}{hint}"


def _timezone(value: object) -> object:
    if value is None:
        return None
    name = _text(value)
    problem = zone_problem(name)
    if problem:
        raise fail(problem)
    return name


def _kind(value: object) -> object:
    name = _text(value)
    if name in KINDS:
        return name
    close = difflib.get_close_matches(name.lower(), KINDS, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise fail(f"unknown value {name!r} ({hint}allowed: {', '.join(KINDS)})")


def _title(value: object) -> object:
    if value is None:
        raise fail("must not be empty")
    return _text(value)


Line = Annotated[str | None, BeforeValidator(_line)]
Title = Annotated[str, BeforeValidator(_title)]
Markdown = Annotated[str | None, BeforeValidator(_markdown)]
Url = Annotated[
    str | None,
    BeforeValidator(_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
# What editors should offer for values that are parsed by hand (dates, times, paths).
WHEN_SCHEMA = WithJsonSchema(
    {
        "description": "A date (2024-02-03) or a date and time (2024-02-03T18:25:00)",
        "type": "string",
        "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?",
    }
)
PATH_OR_URL_SCHEMA = WithJsonSchema(
    {"description": "An http(s) URL, or a file under content/ (/slides/x.pdf)", "type": "string"}
)
Strings = Annotated[
    tuple[Annotated[str, BeforeValidator(_string_item)], ...], BeforeValidator(_string_list)
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _mapping(what: str) -> Any:
    """A ``mode="before"`` model validator: anything but a mapping gets ``what`` in its message."""

    def check(cls: type[BaseModel], value: object) -> object:
        if not isinstance(value, dict):
            raise fail(f"expected {what}, got {shape(value)}")
        return value

    return model_validator(mode="before")(classmethod(check))  # type: ignore[arg-type]


class LocationData(_Model):
    """``location:`` of an event."""

    name: Line = None
    address: Line = None
    city: Line = None
    country: Line = None
    url: Url = None


def _location(value: object) -> object:
    if value is not None and not isinstance(value, dict):
        raise fail(f"expected a mapping (name, city, country), got {shape(value)}")
    return value


class SlidesData(_Model):
    """``slides:``: an external URL, or a file under content/ (content-relative path)."""

    url: str
    local: bool


def _slides(value: object, info: ValidationInfo) -> object:
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(f"expected a URL or a path under content/, got {describe(value)}")
    if not value.strip():
        raise fail("empty URL")
    if is_external(value):
        return {"url": _url(value), "local": False}
    tree: ContentTree = (info.context or {})["tree"]
    found, message = tree.check_local(value.strip())
    if found is None:
        raise fail(message or "not found under content/")
    # '#page=3' and '?dl=1' are kept for the link; the file check ignored them (G11).
    return {"url": found + split_suffix(value.strip())[1], "local": True}


def _local_file(value: object, info: ValidationInfo) -> object:
    if not isinstance(value, str):
        raise fail(f"expected a path under content/, got {describe(value)}")
    if is_external(value):
        raise fail("expected a path under content/, got a URL")
    tree: ContentTree = (info.context or {})["tree"]
    found, message = tree.check_local(value.strip())
    if found is None:
        raise fail(message or "not found under content/")
    return found


class SpeakerName(_Model):
    """A speaker written ``{name: jinxx}``: a plain name, never read as a person id.

    A bare ``jinxx`` in ``speakers:`` looks like a person id, and an id nobody in
    data/people.yml has is a warning; this form says it is a name.  It still
    links to the person whose ``name:`` it is, if there is one.
    """

    name: Title


_SPEAKER_SCHEMA = WithJsonSchema(
    {
        "anyOf": [
            {"type": "string", "description": "A person id from data/people.yml, or a name"},
            {
                "type": "object",
                "description": "A plain name, never read as a person id: {name: jinxx}",
                "properties": {"name": {"type": "string"}},
                "required": ["name"],
                "additionalProperties": False,
            },
        ]
    }
)


def _speaker(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    # Validated here rather than as a union: a union reports every member's complaint.
    if isinstance(value, dict):
        return SpeakerName.model_validate(value)
    return _text(value)


Speakers = Annotated[
    tuple[Annotated[str | SpeakerName, WrapValidator(_speaker), _SPEAKER_SCHEMA], ...],
    BeforeValidator(_string_list),
]


class TalkData(_Model):
    """One entry of ``talks:``."""

    title: Title
    id: Annotated[
        str | None,
        BeforeValidator(slug_field),
        WithJsonSchema({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}),
    ] = None
    subtitle: Line = None
    speakers: Speakers = ()
    track: Line = None
    track_url: Url = None
    room: Line = None
    url: Url = None
    slides: Annotated[SlidesData | None, BeforeValidator(_slides), PATH_OR_URL_SCHEMA] = None
    video: Annotated[
        Video | None, BeforeValidator(_video), WithJsonSchema({"type": "string", "format": "uri"})
    ] = None
    start: Annotated[object, WHEN_SCHEMA] = None
    """Checked with the event's time zone by :mod:`podium.events`."""
    duration: Annotated[
        int | None,
        BeforeValidator(_duration),
        WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_DURATION}),
    ] = None
    abstract: Markdown = None
    tags: Strings = ()

    _shape = _mapping("a talk (a mapping with title:)")

    @model_validator(mode="after")
    def _default_id(self) -> TalkData:
        if self.id is None and not slugify(self.title):
            raise fail(
                f"{self.title!r} gives an empty id — add an id: such as talk-1 "
                "(lower-case letters, digits, '-')",
                "title",
            )
        return self


class PhotoData(_Model):
    """One entry of ``photos:``."""

    src: Annotated[
        str,
        BeforeValidator(_local_file),
        WithJsonSchema({"description": "A file under content/", "type": "string"}),
    ]
    caption: Annotated[str | None, BeforeValidator(_caption)] = None
    alt: Annotated[str | None, BeforeValidator(_caption)] = None

    _shape = _mapping("a photo (a mapping with src:)")


def _post(value: object, info: ValidationInfo) -> object:
    entry = _text(value)
    known: frozenset[str] = (info.context or {})["posts"]
    if entry in known:
        return entry
    bare = entry.lstrip("/").removeprefix("content/")
    if bare in known:
        close = [bare]
    else:
        close = difflib.get_close_matches(entry, sorted(known), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise fail(f"no post '{entry}' under content/{hint}")


Posts = Annotated[tuple[Annotated[str, BeforeValidator(_post)], ...], BeforeValidator(_string_list)]


class EventData(_Model):
    """The whole event file."""

    title: Title
    kind: Annotated[str, BeforeValidator(_kind), WithJsonSchema({"enum": list(KINDS)})]
    start: Annotated[object, WHEN_SCHEMA]
    """Checked with the time zone by :mod:`podium.events`, like ``end``."""
    end: Annotated[object, WHEN_SCHEMA] = None
    timezone: Annotated[str | None, BeforeValidator(_timezone)] = None
    location: Annotated[LocationData | None, BeforeValidator(_location)] = None
    online: Annotated[bool, BeforeValidator(_flag)] = False
    url: Url = None
    summary: Line = None
    description: Markdown = None
    tags: Strings = ()
    talks: Annotated[list[TalkData], _list_of("talks", MAX_TALKS)] = []
    photos: Annotated[list[PhotoData], _list_of("photos", MAX_TALKS)] = []
    posts: Posts = ()
