"""What `mkdocs serve` keeps from one rebuild to the next.

MkDocs keeps a plugin object that defines ``on_startup`` for the whole
process (and shares it between sites loaded in one process), so
`podium/posts` keeps one cache per mkdocs.yml while it serves.  Something is
reused only when everything it depends on is unchanged: its Markdown, its
Podium-rendered parts (header, neighbours, listings), its metadata, the
site's navigation, mkdocs.yml and the theme's files.  Listings, tag pages
and feeds are therefore always current; `mkdocs build` never uses this.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

import podium
from podium.memo import CatalogMemo, digest
from podium.mkdocs.files import Body


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
    bodies: dict[str, tuple[str, str | Body]] = field(default_factory=dict)
    """Bodies of generated pages by source: (digest of their inputs, body)."""
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Feeds and calendars by output path: (digest of their inputs, bytes)."""

    def start(self, signature: str) -> None:
        """Begin a build: a changed mkdocs.yml or theme makes every fragment stale."""
        if signature != self.signature:
            self.fragments.clear()
            self.signature = signature
        self.next_fragments = {}

    def finish(self, fingerprinted: set[str]) -> None:
        self.fragments = self.next_fragments
        # Only what this build fingerprinted can be moved back from its output next
        # time: a page it built otherwise (a broken post's preview) has other bytes.
        for src in [s for s in self.outputs if s not in fingerprinted]:
            del self.outputs[src]


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
