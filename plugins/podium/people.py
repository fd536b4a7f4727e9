"""People from ``data/people.yml``: who writes posts and gives talks.

Authors are resolved by id or by display name (migrated Hugo posts name
authors in full); a name that matches nobody stays plain text, with a
warning that offers the closest person.  A talk's ``{name: jinxx}`` speaker
is matched against names only, so a handle is never mistaken for an id.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from podium.dates import describe
from podium.positions import Positions
from podium.problems import Problems
from podium.text import MAX_SLUG, MAX_TEXT, text_problem
from podium.urls import check_link_url, is_external
from podium.validation import fail, load_data_file, report_validation, text_field


def url_field(value: object) -> object:
    """A ``mode="before"`` validator for an external link (http(s), or mailto:)."""
    if not isinstance(value, str):
        raise fail(f"expected a URL, got {describe(value)}")
    problem = check_link_url(value, allow_mailto=True)
    if problem:
        raise fail(problem)
    return value


Url = Annotated[str, BeforeValidator(url_field)]


class PersonData(BaseModel):
    """One entry of data/people.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    role: str | None = None
    avatar: str | None = None
    bio: str | None = None
    """Markdown, shown on the person's page."""
    links: dict[str, Url] = Field(default_factory=dict)

    _text = field_validator("name", "role", mode="before")(text_field)

    @field_validator("avatar", mode="before")
    @classmethod
    def _avatar(cls, value: object) -> object:
        if value is not None and not isinstance(value, str):
            raise fail(f"expected a path under content/ or an http(s) URL, got {describe(value)}")
        return value

    @field_validator("bio", mode="before")
    @classmethod
    def _bio(cls, value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, str):
            raise fail(f"expected Markdown text, got {describe(value)} — quote it")
        problem = text_problem(value, limit=MAX_TEXT, multiline=True)
        if problem:
            raise fail(problem)
        return value


@dataclass(frozen=True)
class Person:
    """A person with an id (the key in people.yml)."""

    id: str
    name: str
    role: str | None = None
    avatar: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    bio: str | None = None


_ID_OK = re.compile(r"[^\s/?#%\\<>\"']+")


def _fold(value: str) -> str:
    return unicodedata.normalize("NFC", value).casefold().strip()


@dataclass(frozen=True)
class People:
    """Everyone in data/people.yml, looked up by id or by name."""

    by_id: Mapping[str, Person]
    _lookup: dict[str, Person] = field(init=False, repr=False, compare=False)
    _names: dict[str, Person] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: dict[str, Person] = {}
        for person in self.by_id.values():
            names.setdefault(_fold(person.name), person)  # a shared name: the first (warned)
        # Ids win over names when a name happens to equal another person's id.
        lookup = {**names, **{_fold(p.id): p for p in self.by_id.values()}}
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_lookup", lookup)

    def find(self, ref: str) -> Person | None:
        """The person whose id or name is ``ref`` (case and Unicode form ignored)."""
        return self._lookup.get(_fold(ref))

    def find_name(self, name: str) -> Person | None:
        """The person whose name (never id) is ``name``: for ``speakers: [{name: …}]``."""
        return self._names.get(_fold(name))

    def suggest(self, ref: str) -> str | None:
        """The id or name closest to ``ref``, for "did you mean" hints."""
        names = [p.id for p in self.by_id.values()] + [p.name for p in self.by_id.values()]
        close = difflib.get_close_matches(ref, names, n=1, cutoff=0.6)
        return close[0] if close else None


def load_people(
    path: Path,
    shown: str,
    problems: Problems,
    check_local: Callable[[str], tuple[str | None, str | None]] | None = None,
) -> People:
    """Read data/people.yml (absent = nobody); every problem goes to ``problems``.

    ``check_local`` resolves a local avatar under content/ (see ContentTree.check_local).
    """
    if not path.exists():
        return People({})
    loaded = load_data_file(path, shown, problems, what="people file")
    if loaded is None:
        return People({})
    data, positions = loaded
    people: dict[str, Person] = {}
    seen: dict[str, tuple[str, int]] = {}
    for key, value in data.items():
        line, col = positions.key((key,))
        folded = _fold(key)
        if folded in seen:
            problems.error(
                shown,
                line,
                col,
                "",
                f"duplicate person id '{key}' (also at line {seen[folded][1]}; "
                "ids compare after NFC + casefold)",
            )
            continue
        seen[folded] = (key, line)
        if len(key) > MAX_SLUG:
            problems.error(shown, line, col, "", f"person id longer than {MAX_SLUG} characters")
            continue
        if not _ID_OK.fullmatch(key) or key in (".", ".."):
            problems.error(
                shown,
                line,
                col,
                "",
                f"person id {key!r} is used in URLs: write it without spaces, '/', '?', '#' or '%'",
            )
            continue
        if not isinstance(value, dict):
            problems.error(shown, line, col, key, "expected a mapping with at least name:")
            continue
        parsed = report_validation(PersonData, value, positions, (key,), shown, problems)
        if parsed is None:
            continue
        avatar = parsed.avatar
        if avatar and check_local and not is_external(avatar):
            avatar, problem = check_local(avatar)
            if problem:
                problems.error(shown, *positions.value((key, "avatar")), f"{key}.avatar", problem)
                continue
        elif avatar:
            problem = check_link_url(avatar)
            if problem:
                problems.error(shown, *positions.value((key, "avatar")), f"{key}.avatar", problem)
                continue
        people[key] = Person(
            id=key,
            name=parsed.name,
            role=parsed.role,
            avatar=avatar,
            links=tuple(parsed.links.items()),
            bio=parsed.bio,
        )
    _warn_shared_names(people, positions, shown, problems)
    return People(people)


def _warn_shared_names(
    people: dict[str, Person], positions: Positions, shown: str, problems: Problems
) -> None:
    """Two people with one name: a post's ``authors: [Name]`` can only mean the first."""
    first: dict[str, Person] = {}
    for person in people.values():
        earlier = first.setdefault(_fold(person.name), person)
        if earlier is person:
            continue
        line, col = positions.value((person.id, "name"))
        earlier_line = positions.value((earlier.id, "name"))[0]
        problems.warning(
            shown,
            line,
            col,
            f"{person.id}.name",
            f"'{person.name}' is also the name of '{earlier.id}' ({shown}:{earlier_line});"
            f" authors and speakers written as this name mean '{earlier.id}' — use the ids",
        )
