"""Tags: one identity per slug across posts, events and talks.

``Unikraft`` and ``unikraft`` are one tag.  Its display name comes from
``data/tags.yml``, else from the spelling used most often.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, field_validator

from podium.problems import Problems
from podium.text import MAX_TEXT, tag_slug, text_problem
from podium.validation import fail, load_data_file, report_validation, text_field

Item = TypeVar("Item")
P = TypeVar("P")
E = TypeVar("E")
T = TypeVar("T")


class TagData(BaseModel):
    """One entry of data/tags.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    description: str | None = None

    _title = field_validator("title", mode="before")(text_field)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, str):
            raise fail("expected text — quote it")
        problem = text_problem(value, limit=MAX_TEXT, multiline=True)
        if problem:
            raise fail(problem)
        return value


@dataclass(frozen=True)
class TagInfo:
    """What data/tags.yml says about a tag, with where it says it."""

    data: TagData
    line: int
    col: int


def load_tag_infos(path: Path, shown: str, problems: Problems) -> dict[str, TagInfo]:
    """Read data/tags.yml (optional), keyed by tag slug."""
    if not path.exists():
        return {}
    loaded = load_data_file(path, shown, problems, what="tags file")
    if loaded is None:
        return {}
    data, positions = loaded
    infos: dict[str, TagInfo] = {}
    keys: dict[str, tuple[str, int]] = {}
    for key, value in data.items():
        line, col = positions.key((key,))
        slug = tag_slug(key)
        if slug in keys:
            other, other_line = keys[slug]
            problems.warning(
                shown,
                line,
                col,
                key,
                f"'{key}' and '{other}' ({shown}:{other_line}) are one tag (tags compare"
                f" without case); this entry is ignored — keep one of them",
            )
            continue
        keys[slug] = (key, line)
        parsed = report_validation(TagData, value or {}, positions, (key,), shown, problems)
        if parsed is not None:
            infos[slug] = TagInfo(parsed, line, col)
    return infos


@dataclass(frozen=True)
class Tag(Generic[P, E, T]):
    """A tag page: everything tagged with it (posts newest first, events and talks in order)."""

    slug: str
    name: str
    description: str | None
    posts: tuple[P, ...] = ()
    events: tuple[E, ...] = ()
    talks: tuple[T, ...] = ()
    spellings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def count(self) -> int:
        return len(self.posts) + len(self.events) + len(self.talks)


def _group(
    tagged: Iterable[tuple[Item, Iterable[str]]], spellings: dict[str, Counter[str]]
) -> dict[str, list[Item]]:
    members: dict[str, list[Item]] = {}
    seen: set[tuple[str, int]] = set()
    for item, names in tagged:
        for name in names:
            slug = tag_slug(name)
            if not slug:
                continue
            # By identity: comparing whole posts field by field made this quadratic.
            if (slug, id(item)) not in seen:
                seen.add((slug, id(item)))
                members.setdefault(slug, []).append(item)
            spellings.setdefault(slug, Counter())[name] += 1
    return members


def build_tags(
    posts: Sequence[tuple[P, Iterable[str]]],
    infos: Mapping[str, TagInfo],
    events: Sequence[tuple[E, Iterable[str]]] = (),
    talks: Sequence[tuple[T, Iterable[str]]] = (),
) -> dict[str, Tag[P, E, T]]:
    """Group items by tag slug, keeping the given order of items within each tag."""
    spellings: dict[str, Counter[str]] = {}
    by_post = _group(posts, spellings)
    by_event = _group(events, spellings)
    by_talk = _group(talks, spellings)
    tags: dict[str, Tag[P, E, T]] = {}
    for slug in sorted(spellings):
        info = infos.get(slug)
        counts = spellings[slug]
        # most_common keeps first-seen order among equal counts, so the choice is stable.
        name = info.data.title if info and info.data.title else counts.most_common(1)[0][0]
        tags[slug] = Tag(
            slug=slug,
            name=name,
            description=info.data.description if info else None,
            posts=tuple(by_post.get(slug, ())),
            events=tuple(by_event.get(slug, ())),
            talks=tuple(by_talk.get(slug, ())),
            spellings=tuple(counts),
        )
    return tags
