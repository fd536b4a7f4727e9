"""Under `mkdocs serve`: unchanged pages are not converted, rendered or indexed again.

Hack: ``CachedPage`` subclasses MkDocs' ``Page`` and replaces ``render`` with
the Markdown rendered by the previous rebuild (same Markdown, same config);
``memoize_search`` wraps this build's Material search index
(``SearchIndex.add_entry_from_context``); :class:`OutputReuse` gives an
unchanged page the template ``podium/cached.html`` that prints the previous
output (or nothing, when the previous file is moved back) and hides MkDocs'
"Generated empty output" notes for those pages by their text. Checked against
MkDocs 1.6.1 and mkdocs-material 9.8.1; each is guarded (no search plugin, or
one that looks different: nothing is wrapped), and the speed layer's switch
turns all of it off.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from podium.memo import digest
from podium.mkdocs.internals.searchhook import material_index
from podium.mkdocs.servecache import RenderedMarkdown, ServeCache


class CachedPage(Page):
    """A page whose Markdown was rendered by a previous rebuild with the same inputs."""

    def __init__(self, file: File, config: MkDocsConfig, rendered: RenderedMarkdown) -> None:
        super().__init__(None, file, config)
        self._rendered = rendered

    @property
    def minutes(self) -> int:
        return self._rendered.minutes

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self._rendered.html
        self.toc = self._rendered.toc
        self.present_anchor_ids = set(self._rendered.anchors)


def memoize_search(plugins: Any, cache: ServeCache, unchanged: Container[str]) -> None:
    """Reuse the search entries of pages whose content did not change since the last rebuild.

    Material's search plugin parses every page's HTML on every rebuild, which
    under `mkdocs serve` costs more than all the rest.  Its index is wrapped
    (on this build's instance only) so an unchanged page replays its entries.
    If the plugin is absent or looks different, nothing is wrapped.  ``unchanged``
    holds the sources of pages whose whole output is the same as last rebuild's
    (Podium fingerprinted them): they replay their entries without a look.
    """
    found = material_index(plugins)
    if found is None:
        return
    index, add, entries = found

    def add_entry(page: Page) -> None:
        cached = cache.search.get(page.file.src_uri)
        if cached is not None and page.file.src_uri in unchanged:
            entries.extend(dict(entry) for entry in cached[1])
            return
        key = digest(
            page.url, str(page.title), page.content, page.meta.get("search"), str(page.toc)
        )
        cached = cache.search.get(page.file.src_uri)
        if cached is not None and cached[0] == key:
            entries.extend(dict(entry) for entry in cached[1])
            return
        start = len(entries)
        add(page)
        cache.search[page.file.src_uri] = (key, [dict(entry) for entry in entries[start:]])

    index.add_entry_from_context = add_entry


def move_back(stash: Path, site: str, dests: Iterable[str]) -> None:
    """Put the previous rebuild's unchanged outputs back into the new site.

    Thousands of pages a rebuild: each folder is made at most once.
    """
    made: set[Path] = set()
    root = Path(site)
    for dest in dests:
        target = root / dest
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        (stash / dest).replace(target)


BUILD_LOGGERS = ("mkdocs.commands.build", "properdocs.commands.build")


class OutputReuse:
    """One rebuild's reuse of whole pages whose every input is unchanged since the last."""

    def __init__(self, cache: ServeCache) -> None:
        self.cache = cache
        self.fingerprints: dict[str, str] = {}
        self.hits: dict[str, str] = {}
        """Unchanged pages: the previous output, or '' when its file is moved back."""
        self._stash: Path | None = None
        self._moves: list[str] = []
        self._quiet: _SkippedPages | None = None

    def stash_previous(self, config: MkDocsConfig) -> None:
        """Keep the previous site aside (MkDocs empties the site folder before a rebuild)."""
        if not self.cache.outputs:
            return
        site = Path(config.site_dir)
        stash = site.with_name(site.name + ".podium-previous")
        shutil.rmtree(stash, ignore_errors=True)
        if site.is_dir():
            site.rename(stash)
            site.mkdir()
            self._stash = stash

    def mark(self, file: File, fingerprint: str) -> None:
        """``file``'s page is built from ``fingerprint``: reuse its last output if that matches."""
        src = file.src_uri
        page = file.page
        assert page is not None
        self.fingerprints[src] = fingerprint
        cached = self.cache.outputs.get(src)
        if cached is None or cached[0] != fingerprint:
            return
        page.meta["template"] = "podium/cached.html"
        if self._stash is not None and (self._stash / file.dest_uri).is_file():
            # Empty output: MkDocs writes nothing; the previous file is moved back.
            self.hits[src] = ""
            self._moves.append(file.dest_uri)
        else:
            self.hits[src] = cached[1]

    def quiet(self) -> None:
        """Hide MkDocs' note about each page whose file is moved back."""
        if self._moves:
            self._quiet = _SkippedPages({s for s, out in self.hits.items() if not out})
            for name in BUILD_LOGGERS:
                logging.getLogger(name).addFilter(self._quiet)

    def remember(self, src: str, output: str) -> None:
        fingerprint = self.fingerprints.get(src)
        if fingerprint and src not in self.hits:
            self.cache.outputs[src] = (fingerprint, output)

    def finish(self, config: MkDocsConfig) -> None:
        self.cache.finish(set(self.fingerprints))
        if self._quiet is not None:
            for name in BUILD_LOGGERS:
                logging.getLogger(name).removeFilter(self._quiet)
            self._quiet = None
        if self._stash is not None:
            move_back(self._stash, config.site_dir, self._moves)
            shutil.rmtree(self._stash, ignore_errors=True)
            self._stash = None


class _SkippedPages(logging.Filter):
    """Hides MkDocs' "Generated empty output" notes for pages moved back under serve."""

    def __init__(self, sources: set[str]) -> None:
        super().__init__()
        self.sources = sources

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '") and "Generated empty output" in message:
            return message.split("'", 2)[1] not in self.sources
        return True
