"""Tags: one identity per slug across posts (and, later, events and talks).

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
from podium.text import MAX_TEXT, slugify, text_problem
from podium.validation import fail, load_data_file, report_validation, text_field

Item = TypeVar("Item")


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
    for key, value in data.items():
        line, col = positions.key((key,))
        parsed = report_validation(TagData, value or {}, positions, (key,), shown, problems)
        if parsed is not None:
            infos[slugify(key)] = TagInfo(parsed, line, col)
    return infos


@dataclass(frozen=True)
class Tag(Generic[Item]):
    """A tag page: everything tagged with it, newest first."""

    slug: str
    name: str
    description: str | None
    posts: tuple[Item, ...] = ()
    spellings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def count(self) -> int:
        return len(self.posts)


def build_tags(
    tagged: Sequence[tuple[Item, Iterable[str]]], infos: Mapping[str, TagInfo]
) -> dict[str, Tag[Item]]:
    """Group items by tag slug, keeping the given order of items within each tag."""
    members: dict[str, list[Item]] = {}
    spellings: dict[str, Counter[str]] = {}
    for item, names in tagged:
        for name in names:
            slug = slugify(name)
            if not slug:
                continue
            bucket = members.setdefault(slug, [])
            if item not in bucket:
                bucket.append(item)
            spellings.setdefault(slug, Counter())[name] += 1
    tags: dict[str, Tag[Item]] = {}
    for slug in sorted(members):
        info = infos.get(slug)
        counts = spellings[slug]
        # most_common keeps first-seen order among equal counts, so the choice is stable.
        name = info.data.title if info and info.data.title else counts.most_common(1)[0][0]
        tags[slug] = Tag(
            slug=slug,
            name=name,
            description=info.data.description if info else None,
            posts=tuple(members[slug]),
            spellings=tuple(counts),
        )
    return tags
