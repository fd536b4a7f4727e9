"""What `mkdocs serve` keeps from one rebuild to the next: rendered Markdown and pages.

MkDocs rebuilds the whole site on every save, with fresh plugin objects, so
the cache lives in this process, one per mkdocs.yml.  A page is reused only
when everything its output depends on is unchanged: its Markdown, its
Podium-rendered parts (header, neighbours, listings), its metadata, the
site's navigation, mkdocs.yml and the theme's files.  Listings, tag pages
and feeds are therefore always current; `mkdocs build` never uses this.
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import podium
from podium.memo import CatalogMemo, digest
from podium.mkdocs.files import Body
from podium.mkdocs.searchhook import material_index


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    toc: Any
    anchors: frozenset[str]
    minutes: int
    """Reading time: it depends on the HTML only, and counting words is not free."""


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept across rebuilds (MkDocs makes a new Jinja environment each time)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class ServeCache:
    markdown: dict[str, RenderedMarkdown] = field(default_factory=dict)
    """Rendered Markdown by digest of (Markdown, configuration)."""
    outputs: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Template output by page source: (fingerprint, HTML before on_post_page)."""
    search: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)
    """Search index entries by page source: (fingerprint, entries)."""
    bytecode: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    catalog: CatalogMemo = field(default_factory=CatalogMemo)
    signature: str = ""
    """config_signature of the build that filled the caches below."""
    fragments: dict[str, Markup] = field(default_factory=dict)
    """Podium's rendered template fragments by digest of template and view models."""
    next_fragments: dict[str, Markup] = field(default_factory=dict)
    """The fragments the current build uses; they replace ``fragments`` when it ends."""

    def start(self, signature: str) -> None:
        """Begin a build: a changed mkdocs.yml or theme makes every fragment stale."""
        if signature != self.signature:
            self.fragments.clear()
            self.signature = signature
        self.next_fragments = {}

    def finish(self) -> None:
        self.fragments = self.next_fragments

    bodies: dict[str, tuple[str, str | Body]] = field(default_factory=dict)
    """Bodies of generated pages by source: (digest of their inputs, body)."""
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Feeds and calendars by output path: (digest of their inputs, bytes)."""


# One per mkdocs.yml of this process: MkDocs hands every rebuild new plugin objects.
_CACHES: dict[str, ServeCache] = {}


def serve_cache(config: MkDocsConfig) -> ServeCache:
    key = str(Path(config.config_file_path or ".").resolve())
    return _CACHES.setdefault(key, ServeCache())


def config_signature(config: MkDocsConfig) -> str:
    """mkdocs.yml, Podium's version and every theme file's size and time."""
    stamps: list[tuple[str, int, int]] = []
    for folder in config.theme.dirs:
        for root, dirs, names in os.walk(folder):
            # Material's .icons holds thousands of SVGs that templates inline by name only.
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                path = Path(root, name)
                stat = path.stat()
                stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    source = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    return digest(podium.__version__, source, sorted(stamps), config.site_url)


def nav_signature(files: Files) -> str:
    """Titles and addresses of the pages in the navigation (every page renders the nav)."""
    entries = [
        (f.src_uri, f.url, str(f.page.title) if f.page else "")
        for f in files.documentation_pages()
        if f.inclusion.is_in_nav()
    ]
    return digest(entries)


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
