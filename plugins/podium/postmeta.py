"""Front matter of a post: the key table of DESIGN §2, its aliases, and validation.

Keys arrive under Hugo's or Material's names (``lastmod``, ``summary``,
``author``) and are folded onto one canonical model.  Validation is a
pydantic model whose validators speak in the user's terms ("expected a list,
got a string — write tags: [python]"); every problem is collected with the
position of the offending value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from podium.dates import DateError, describe, has_time, parse_when
from podium.positions import Positions, dotted
from podium.problems import Problems
from podium.text import MAX_TEXT, invisible_problem, slug_problem, slugify, text_problem
from podium.validation import fail, slug_field

Format = Literal["yaml", "toml", "json", "none"]

ALIASES: dict[str, str] = {
    "lastmod": "updated",
    "summary": "description",
    "author": "authors",
    "events": "event",
}
"""Hugo and Material names for the canonical keys."""

CANONICAL = (
    "title",
    "date",
    "updated",
    "draft",
    "tags",
    "authors",
    "description",
    "slug",
    "event",
    "aliases",
    "image",
    "image_alt",
    "categories",
    "pin",
)

PASS_THROUGH = frozenset(
    {"template", "hide", "search", "status", "icon", "subtitle", "comments", "social"}
)
"""Keys that MkDocs or Material read themselves: accepted silently."""

KNOWN = (*CANONICAL, *ALIASES, *sorted(PASS_THROUGH))


def _list_hint(key: str, value: str, fmt: Format) -> str:
    if fmt == "toml":
        return f'{key} = ["{value}"]'
    if fmt == "json":
        return f'"{key}": ["{value}"]'
    return f"{key}: [{value}]"


class PostMeta(BaseModel):
    """The validated front matter of one post."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    title: str
    date: dt.datetime
    date_has_time: bool = False
    updated: dt.datetime | None = None
    draft: bool = False
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    description: str | None = None
    slug: str | None = None
    event: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str | None = None
    """The cover's text alternative on cards; default: the post's title."""
    categories: tuple[str, ...] = ()
    """Material's key: a few broad sections of the blog (tags are the fine-grained ones)."""
    pin: bool = False
    """Material's key: the post leads the first page of the blog index."""

    @field_validator("title", "description", "image", "image_alt", mode="before")
    @classmethod
    def _text(cls, value: object, info: ValidationInfo) -> object:
        if value is None and info.field_name != "title":
            return None
        if not isinstance(value, str):
            raise fail(f"expected text, got {describe(value)} — quote it")
        limit = MAX_TEXT if info.field_name == "description" else 300
        problem = text_problem(value, limit=limit, multiline=info.field_name == "description")
        if problem:
            raise fail(problem)
        return value.strip()

    @field_validator("date", "updated", mode="before")
    @classmethod
    def _when(cls, value: object, info: ValidationInfo) -> object:
        ctx = info.context or {}
        if value is None and info.field_name == "updated":
            return None
        try:
            return parse_when(value, ctx["tz"], ctx["scalars"].get((info.field_name,)))
        except DateError as exc:
            raise fail(str(exc)) from exc

    @field_validator("draft", "pin", mode="before")
    @classmethod
    def _bool(cls, value: object) -> object:
        if not isinstance(value, bool):
            raise fail(f"expected true or false, got {describe(value)}")
        return value

    @field_validator("tags", "categories", "authors", "event", "aliases", mode="before")
    @classmethod
    def _strings(cls, value: object, info: ValidationInfo) -> object:
        ctx = info.context or {}
        name = info.field_name or ""
        single_ok = ctx.get("single", {}).get(name, False)
        if isinstance(value, str):
            if single_ok:
                value = [value]
            else:
                hint = _list_hint(ctx.get("written", {}).get(name, name), value, ctx["format"])
                raise fail(f"expected a list, got a string — write {hint}")
        if not isinstance(value, list | tuple):
            raise fail(f"expected a list, got {describe(value)}")
        out: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise fail(f"expected text, got {describe(item)} — quote it", index)
            problem = text_problem(item)
            if problem:
                raise fail(problem, index)
            out.append(item.strip())
        if len(out) > 100:
            raise fail(f"more than 100 entries ({len(out)})")
        return tuple(out)

    @field_validator("slug", mode="before")
    @classmethod
    def _slug(cls, value: object) -> object:
        # Material's slugs keep dots and underscores (`slug: mkdocs-2.0`); one URL segment still.
        return slug_field(value, dots=True)


@dataclass(frozen=True)
class RawMeta:
    """Front matter as parsed, before validation."""

    data: dict[str, object]
    positions: Positions
    format: Format


def validate_meta(
    raw: RawMeta,
    *,
    path: str,
    tz: dt.tzinfo,
    problems: Problems,
    date_from: tuple[str, ...] = (),
) -> PostMeta | None:
    """Fold aliases, warn about unknown keys and validate; None when there are errors.

    ``date_from`` is where a post without ``date`` takes it from, in order: other keys
    (Hugo's ``[frontmatter] date = ["publishDate", …]``) or ``:filename``, which also gives
    the slug, from the rest of the name, when the post sets none (as Hugo does).  A list
    that names ``date`` puts it in its place rather than first.
    """
    data: dict[str, Any] = {}
    written: dict[str, str] = {}
    date_keys = {source.lower() for source in date_from if not source.startswith(":")}
    for key, value in raw.data.items():
        canonical = ALIASES.get(key, key)
        line, col = raw.positions.key((key,))
        if canonical in CANONICAL:
            if canonical in data:
                problems.error(
                    path,
                    line,
                    col,
                    key,
                    f"'{written[canonical]}' is already given; keep one of them",
                )
                continue
            data[canonical] = value
            written[canonical] = key
        elif key not in PASS_THROUGH and key.lower() not in date_keys:
            problems.warning(path, line, col, key, f"unknown key{_did_you_mean(key)}")
    if "date" not in data or any(source.lower() == "date" for source in date_from):
        _date_from(data, written, raw, path, date_from)
    date = data.get("date")
    if isinstance(date, dict) and "created" in date:
        # Material's blog writes `date: {created: …, updated: …}`.
        data["date"] = date.get("created")
        data.setdefault("updated", date.get("updated"))
    if written.get("authors") == "author" and isinstance(data["authors"], str):
        # Hugo shows `author = "Radu Nichita, Andrei Mutu"` as one string, and so does Podium;
        # the warning says how to name two people.
        _one_author_string(data["authors"], raw, path, problems)
        data["authors"] = [data["authors"]]
    _drop_empty_items(data, written, raw.positions, path, problems)
    if "title" not in data:
        problems.error(path, *raw.positions.root, "title", "required")
    if "date" not in data:
        problems.error(path, *raw.positions.root, "date", "required" + _date_hint(raw, path))
    if any(p.severity == "error" and p.path == path for p in problems):
        return None
    context = {
        "tz": tz,
        "format": raw.format,
        "scalars": {k[:1]: v for k, v in raw.positions.scalars.items()},
        "written": written,
        "single": {"authors": written.get("authors") == "author", "event": True},
    }
    try:
        meta = PostMeta.model_validate(
            {**data, "date_has_time": has_time(data["date"])}, context=context
        )
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else ""
            key = written.get(field, field)
            within = tuple((err.get("ctx") or {}).get("within", ()))
            where = raw.positions.value((key, *within))
            problems.error(path, where[0], where[1], dotted((key, *within)), err["msg"])
        return None
    _invisible_warnings(meta, written, raw.positions, path, problems)
    return meta


_DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[-_.]|$)")


def _dated_name(path: str) -> str:
    """The name Hugo reads a date from: the file's, without extension; a bundle's folder."""
    parts = path.split("/")
    if parts[-1].startswith("index.") and len(parts) > 1:
        return parts[-2]
    return parts[-1].rsplit(".", 1)[0] if "." in parts[-1] else parts[-1]


def name_date(path: str) -> dt.date | None:
    """The date a file name starts with (``2022-02-05-fosdem.md``; a bundle: its folder)."""
    found = _DATED_NAME.match(_dated_name(path))
    if found is None:
        return None
    try:
        return dt.date(*map(int, found.groups()))
    except ValueError:
        return None


def name_rest(path: str) -> str:
    """What follows the date of a dated name, as Hugo's ``:filename`` reads it ("" if none)."""
    name = _dated_name(path)
    return name[10:].strip(" -_") if _DATED_NAME.match(name) else ""


def name_slug(path: str) -> str | None:
    """The slug Hugo's ``:filename`` date source gives a dated name: the rest of the name.

    ``2022-02-05-fosdem-talks.md`` gives ``fosdem-talks`` (Hugo trims `` -_`` around it);
    a rest that cannot be one URL segment is slugified; None when nothing is left.
    """
    rest = name_rest(path)
    if rest and slug_problem(rest, dots=True) is not None:
        rest = slugify(rest)
    return rest if rest and slug_problem(rest, dots=True) is None else None


def _date_from(
    data: dict[str, Any], written: dict[str, str], raw: RawMeta, path: str, sources: tuple[str, ...]
) -> None:
    """Hugo's front-matter date configuration: the first source that gives a date.

    ``date`` itself comes first unless ``sources`` names it: ``[':filename', date]`` dates
    a post by its file name even when it has a ``date``, as Hugo does.
    """
    by_lower = {key.lower(): key for key in raw.data}
    for source in sources:
        if source.lower() == "date":
            if "date" in data:
                return
        elif source == ":filename":
            found = name_date(path)
            if found is not None:
                data["date"] = found
                slug = name_slug(path)
                if slug is not None and "slug" not in data:
                    data["slug"] = slug  # as Hugo: the rest of the name, unless `slug` is set
                return
        elif source.lower() in by_lower:
            key = by_lower[source.lower()]
            data["date"] = raw.data[key]
            written["date"] = key
            return


def _date_hint(raw: RawMeta, path: str) -> str:
    """What a post without a date may mean instead: a differently named key, a dated name."""
    other = next((k for k in raw.data if k.lower() in _DATE_LIKE), None)
    if other is not None:
        return f" — rename '{other}' to 'date', or set the podium/posts option date_from: [{other}]"
    named = name_date(path)
    if named is not None:
        return (
            f" — the file name starts with {named.isoformat()}: write date: {named.isoformat()},"
            " or set the podium/posts option date_from: [':filename']"
        )
    return ""


_DATE_LIKE = frozenset(
    {"publishdate", "pubdate", "published", "publisheddate", "created", "modified", "datetime"}
)

_EMPTY_ITEM = {
    "tags": "empty tag ignored — remove it or name a tag",
    "categories": "empty category ignored — remove it or name a category",
    "authors": "empty author ignored — remove it or name a person",
    "event": "empty event ignored — remove it or give an event id",
    "aliases": "empty alias ignored — remove it or give the old URL",
}


def _drop_empty_items(
    data: dict[str, Any],
    written: dict[str, str],
    positions: Positions,
    path: str,
    problems: Problems,
) -> None:
    """Empty list items (``tags:`` then a bare ``-``, ``authors: ['']``) name nothing.

    Hugo themes' archetypes leave them behind, and Hugo ignores them; so does Podium,
    with a warning at the item.
    """
    for name, message in _EMPTY_ITEM.items():
        items = data.get(name)
        if not isinstance(items, list):
            continue
        empty = [i for i, item in enumerate(items) if item is None or item == ""]
        for index in empty:
            line, col = positions.value((written[name], index))
            problems.warning(path, line, col, f"{written[name]}[{index}]", message)
        if empty:
            data[name] = [item for item in items if item is not None and item != ""]


def _one_author_string(value: str, raw: RawMeta, path: str, problems: Problems) -> None:
    names = [name.strip() for name in value.split(",") if name.strip()]
    if len(names) < 2:
        return
    listed = ", ".join(f'"{name}"' for name in names)
    fix = f"authors = [{listed}]" if raw.format == "toml" else f"authors: [{listed}]"
    if raw.format == "json":
        fix = f'"authors": [{listed}]'
    line, col = raw.positions.value(("author",))
    problems.warning(
        path,
        line,
        col,
        "author",
        f"{value!r} is one author, as in Hugo; for {len(names)} people write {fix}",
    )


def _invisible_warnings(
    meta: PostMeta, written: dict[str, str], positions: Positions, path: str, problems: Problems
) -> None:
    """Invisible direction and zero-width characters in display text are warnings (F12)."""
    for name in ("title", "description", "tags", "authors", "categories"):
        value = getattr(meta, name)
        items = [(None, value)] if isinstance(value, str) else list(enumerate(value or ()))
        for index, item in items:
            problem = invisible_problem(item)
            if problem:
                key = written[name]
                where = positions.value((key,) if index is None else (key, index))
                field = key if index is None else f"{key}[{index}]"
                problems.warning(path, where[0], where[1], field, problem)


@functools.lru_cache(maxsize=1024)
def _did_you_mean(key: str) -> str:
    """A hint for an unknown key; cached, as migrated posts repeat the same few keys."""
    lowered = {k.lower(): k for k in KNOWN}
    if key.lower() in lowered:
        return f" (did you mean '{lowered[key.lower()]}'?)"
    close = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[close[0]]}'?)" if close else ""
