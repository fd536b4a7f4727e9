"""Skeletons for ``podium new post "Title"`` and ``podium new event ID``.

Both write a file that the build accepts as it is, and never overwrite one:
the file is created with mode ``x`` (exclusive), so an existing file, even one
created a moment earlier, is an error naming it.  Values go through
:func:`yaml.safe_dump`, so a title such as ``The question: "why?" #1`` is
quoted correctly; only the fixed help comments are literal text.

* A post is ``<blog_dir>/<YYYY-MM-DD>-<slug>.md`` under the docs folder, dated
  today in the site's time zone (``PODIUM_NOW`` pins "today"), with
  ``draft: true`` so it stays unpublished until the author says so.
* An event is ``<data_dir>/events/<id>.yml`` with title, kind, start and the
  site's time zone; optional keys (location, talks, …) are commented examples.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from podium.eventdata import ID_RE, KINDS
from podium.eventfile import SCHEMA_HEADER
from podium.frontmatter import dump_post
from podium.settings import Settings
from podium.text import slugify, text_problem


class ScaffoldError(Exception):
    """A skeleton that cannot be written; ``code`` is the exit status (1 exists, 2 bad input)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096
    )


def _create(path: Path, text: str, shown: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{shown} already exists; not overwritten — edit it, or choose another title or id", 1
        ) from None


def post_text(title: str, date: dt.date) -> str:
    """The Markdown of a new draft post."""
    meta = {
        "title": title,
        "date": date,
        "draft": True,
        "tags": [],
        "authors": [],
        "description": f"One sentence about “{title}” for listings and search engines.",
    }
    return dump_post(
        meta,
        "The first paragraph is the excerpt on the blog index and in feeds.\n\n"
        "<!-- more -->\n\n"
        "The rest of the post. Remove `draft: true` to publish it.\n",
    )


def new_post(settings: Settings, title: str, date: dt.date | None = None) -> Path:
    """Write a draft post and return its path."""
    problem = text_problem(title)
    if problem:
        raise ScaffoldError(f"title: {problem}", 2)
    title = title.strip()
    day = date or settings.now.date()
    slug = slugify(title) or "post"
    folder = settings.content_dir / settings.blog_dir.strip("/")
    path = folder / f"{day.isoformat()}-{slug}.md"
    _create(path, post_text(title, day), settings.rel(path))
    return path


def _title_of(event_id: str) -> str:
    words = event_id.replace("-", " ").split()
    return " ".join(w if w.isdigit() else w.capitalize() for w in words)


def event_text(title: str, kind: str, start: dt.date, timezone: str | None, event_id: str) -> str:
    """The YAML of a new event file; optional keys are commented examples."""
    day = start.isoformat()
    data: dict[str, Any] = {"title": title, "kind": kind, "start": start}
    if timezone:
        data["timezone"] = timezone
    return (
        f"{SCHEMA_HEADER}\n"
        f"# The event '{event_id}' (page events/{event_id}/). Keys: see README, "
        "“Events and talks”.\n"
        f"# kind: {' | '.join(KINDS)}; start and end: a date, or a date-time such as "
        f"{day}T18:30:00\n" + _yaml(data) + f"# end: {day}\n"
        "# location:\n"
        "#   name: Hackerspace\n"
        "#   city: Brussels\n"
        "#   country: Belgium\n"
        "# url: https://example.org/\n"
        "# summary: One line for listings\n"
        "# tags: [community]\n"
        "talks: []\n"
        "# talks:\n"
        "#   - title: Building unikernels with Bunny\n"
        "#     speakers: [charalampos-mainas, Jane Doe]   # ids from data/people.yml, or names\n"
        "#     slides: https://example.org/slides.pdf     # or a file under content/\n"
        "#     video: https://www.youtube.com/watch?v=w7Ft2ymGmfc\n"
        f"#     start: {day}T19:00:00\n"
        "#     duration: 30\n"
        "# posts: [blog/2026-05-20-community-day.md]     # posts about this event\n"
    )


def new_event(
    settings: Settings,
    event_id: str,
    *,
    title: str | None = None,
    kind: str = "meetup",
    start: dt.date | None = None,
) -> Path:
    """Write ``data/events/<event_id>.yml`` and return its path."""
    if not ID_RE.fullmatch(event_id):
        better = slugify(event_id)
        hint = f" — try {better}" if ID_RE.fullmatch(better) else ""
        raise ScaffoldError(
            f"event id {event_id!r} must match [a-z0-9][a-z0-9-]* (it is the file name and the "
            f"URL){hint}",
            2,
        )
    if kind not in KINDS:
        raise ScaffoldError(f"kind: unknown value {kind!r} (allowed: {', '.join(KINDS)})", 2)
    name = title.strip() if title is not None else _title_of(event_id)
    problem = text_problem(name)
    if problem:
        raise ScaffoldError(f"title: {problem}", 2)
    zone = str(settings.timezone)
    timezone = zone if zone and zone != "UTC" else None
    path = settings.data_dir / "events" / f"{event_id}.yml"
    text = event_text(name, kind, start or settings.now.date(), timezone, event_id)
    _create(path, text, settings.rel(path))
    return path
