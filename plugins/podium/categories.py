"""Categories (Material's ``categories:`` key): a few broad sections of a blog.

Like tags, a category's identity is its slug, so ``Releases`` and
``releases`` are one category.  The option ``categories_allowed`` (Material's
name) lists the categories a site uses; any other one is an error at the
value that names it, with the closest allowed one offered.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from podium.positions import Positions
from podium.problems import Problems
from podium.text import slugify

P = TypeVar("P")


@dataclass(frozen=True)
class Category(Generic[P]):
    """One category with its posts, newest first."""

    slug: str
    name: str
    posts: tuple[P, ...]

    @property
    def count(self) -> int:
        return len(self.posts)


def category_slugs(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in (slugify(n) for n in names) if s))


def check_categories(
    names: Sequence[str],
    allowed: Sequence[str],
    *,
    shown: str,
    positions: Positions,
    problems: Problems,
) -> None:
    """An error for each category not in ``allowed`` (when it is not empty), and a warning for
    a name without letters or digits (it could have no page)."""
    by_slug = {slugify(name): name for name in allowed}
    for index, name in enumerate(names):
        line, col = positions.value(("categories", index))
        field = f"categories[{index}]"
        slug = slugify(name)
        if not slug:
            problems.warning(
                shown,
                line,
                col,
                field,
                f"{name!r} has no letters or digits, so it gets no category page — rename it",
            )
            continue
        if by_slug and slug not in by_slug:
            close = difflib.get_close_matches(name, list(by_slug.values()), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            listed = ", ".join(by_slug.values())
            problems.error(
                shown,
                line,
                col,
                field,
                f"'{name}' is not in categories_allowed ({hint}allowed: {listed})",
            )


def build_categories(
    posts: Iterable[tuple[P, Sequence[str]]], allowed: Sequence[str] = ()
) -> dict[str, Category[P]]:
    """Every category used by ``posts`` (newest first), sorted by name.

    The display name is the spelling of ``categories_allowed``, else the one used most
    often (the newest post's among equals), as for tags.
    """
    names = {slugify(n): n for n in reversed(allowed)}
    spellings: dict[str, Counter[str]] = {}
    members: dict[str, list[P]] = {}
    for post, written in posts:
        for name in written:
            slug = slugify(name)
            if not slug:
                continue
            spellings.setdefault(slug, Counter())[name] += 1
            found = members.setdefault(slug, [])
            if not found or found[-1] is not post:
                found.append(post)
    for slug, counts in spellings.items():
        names.setdefault(slug, counts.most_common(1)[0][0])
    ordered = sorted(members, key=lambda s: (names[s].casefold(), s))
    return {s: Category(s, names[s], tuple(members[s])) for s in ordered}
