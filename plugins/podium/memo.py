"""A memo of the per-post work of the catalog, for builds repeated in one process.

`mkdocs serve` rebuilds the whole site after every save.  Reading and
checking a post's front matter, and expanding its shortcodes and paths,
depend only on the file and on the site's page list; when those are
unchanged, the previous result (and the problems it reported) is reused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TypeVar

from podium.events import Event, load_events
from podium.paths import ContentTree
from podium.people import People
from podium.posts import BrokenPost, ParsedPost, read_post
from podium.problems import Problem, Problems
from podium.settings import Settings

T = TypeVar("T")


def digest(*parts: object) -> str:
    """A short, stable digest of the ``repr`` of ``parts``."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        # Long page texts are hashed as they are; repr() would copy and escape them first.
        text = part if isinstance(part, str) else repr(part)
        hasher.update(text.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0" if isinstance(part, str) else b"\1")
    return hasher.hexdigest()


def remembered(
    store: MutableMapping[str, tuple[str, T]] | None, name: str, stamp: str, make: Callable[[], T]
) -> T:
    """``make()``, or what ``store`` kept under ``name`` while ``stamp`` is the same.

    The one "reuse while unchanged" rule of every serve cache (bodies, feeds,
    calendars, the catalog's per-post work): ``stamp`` is a digest of everything
    the value depends on; ``store`` None (``mkdocs build``) always makes it anew.
    """
    if store is None:
        return make()
    found = store.get(name)
    if found is not None and found[0] == stamp:
        return found[1]
    value = make()
    store[name] = (stamp, value)
    return value


class CatalogMemo:
    """Results of read_post and of body processing, keyed by everything they depend on."""

    def __init__(self) -> None:
        self._reads: dict[str, tuple[object, ParsedPost | BrokenPost, list[Problem]]] = {}
        self._bodies: dict[str, tuple[str, tuple[str, list[Problem]]]] = {}
        self._events: dict[str, tuple[str, tuple[list[Event], list[Problem]]]] = {}

    def read(
        self,
        abs_path: Path,
        src: str,
        shown: str,
        tz: dt.tzinfo,
        problems: Problems,
        date_from: tuple[str, ...] = (),
    ) -> ParsedPost | BrokenPost:
        """:func:`podium.posts.read_post`, reused while the file is unchanged."""
        try:
            stat = abs_path.stat()
            key: object = (stat.st_mtime_ns, stat.st_size, str(tz), date_from)
        except OSError:
            key = None
        cached = self._reads.get(src)
        if key is not None and cached is not None and cached[0] == key:
            problems.extend(cached[2])
            return cached[1]
        local = Problems()
        post = read_post(abs_path, src, shown, tz, local, date_from)
        problems.extend(local)
        self._reads[src] = (key, post, list(local))
        return post

    def body(
        self, key: str, src: str, compute: Callable[[Problems], str], problems: Problems
    ) -> str:
        """``compute``'s Markdown for ``src``, reused while ``key`` is unchanged."""

        def make() -> tuple[str, list[Problem]]:
            local = Problems()
            return compute(local), list(local)

        markdown, found = remembered(self._bodies, src, key, make)
        problems.extend(found)
        return markdown

    def events(
        self,
        settings: Settings,
        tree: ContentTree,
        people: People,
        post_sources: frozenset[str],
        problems: Problems,
    ) -> list[Event]:
        """:func:`podium.events.load_events`, reused while no input changed."""
        folder = settings.data_dir / "events"
        stamps = []
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            try:
                stat = path.stat()
            except OSError:
                continue
            stamps.append((path.name, stat.st_mtime_ns, stat.st_size))
        key = digest(
            stamps,
            sorted(people.by_id.items()),
            tree.files(),
            sorted(post_sources),
            str(settings.timezone),
            settings.root,
            settings.content_dir,
            settings.data_dir,
        )

        def make() -> tuple[list[Event], list[Problem]]:
            local = Problems()
            return load_events(settings, tree, people, post_sources, local), list(local)

        events, found = remembered(self._events, "events", key, make)
        problems.extend(found)
        return list(events)
