"""Virtual pages: the one place Podium adds files to a MkDocs build."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from podium.searchentries import SearchEntry

MakePage = Callable[[str, File, MkDocsConfig, dict[str, object]], object]
"""Makes the page object of a generated file (the speed layer's), or None for MkDocs'."""


@dataclass(frozen=True)
class Body:
    """What a generated page shows, and the search entries it stands for.

    ``search`` None: Material's search parses the page as usual.
    """

    html: str
    search: list[SearchEntry] | None = None
    toc: bool = False
    """The page's table of contents is made of the body's headings (podium.mkdocs.pagetoc)."""


def add_page(
    files: Files,
    config: MkDocsConfig,
    src_uri: str,
    title: str,
    *,
    in_nav: bool,
    owner: str,
    searchable: bool = True,
    make_page: MakePage | None = None,
) -> File:
    """Add a generated page unless the site has its own page at that path (then use that).

    Listings (``searchable=False``) stay out of the search index: they only repeat
    what the posts, events and talks they list already put there.  The body is
    added when the page is rendered; the file itself holds only front matter.
    """
    existing = files.get_file_from_path(src_uri)
    if existing is not None and existing.generated_by is None:
        return existing
    if existing is not None:
        raise PluginError(f"{owner}: two generated files at {src_uri}; this is a bug in Podium")
    # Material's navigation sidebar is hidden on generated pages: with tabs it held one link
    # (the page itself) on listings and nothing on event, talk and person pages.
    meta: dict[str, object] = {"hide": ["navigation"]}
    if not searchable:
        meta["search"] = {"exclude": True}
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    # JSON is YAML: the title needs no escaping of its own.
    front = json.dumps({"title": title, **meta}, ensure_ascii=False)
    file = File.generated(config, src_uri, content=f"---\n{front}\n---\n", inclusion=inclusion)
    file.generated_by = owner
    files.append(file)
    if make_page is not None:
        make_page(title, file, config, meta)
    return file


def add_file(files: Files, config: MkDocsConfig, src_uri: str, content: str, *, owner: str) -> File:
    """Add a generated static file (stylesheet, script, redirect page)."""
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        raise PluginError(f"{owner}: {src_uri} already exists; remove it or rename it")
    file = File.generated(config, src_uri, content=content)
    file.generated_by = owner
    files.append(file)
    return file


def move(file: File, dest_uri: str, url: str) -> None:
    """Publish ``file`` at another URL (posts with `post_url` or `slug`)."""
    file.dest_uri = dest_uri
    file.url = url or "./"
    file.abs_dest_path = os.path.normpath(Path(file.dest_dir, dest_uri))
