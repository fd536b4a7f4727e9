"""Virtual pages: the one place Podium adds files to a MkDocs build."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from podium.searchentries import SearchEntry


@dataclass(frozen=True)
class Body:
    """What a generated page shows, and the search entries it stands for.

    ``search`` None: Material's search parses the page as usual.
    """

    html: str
    search: list[SearchEntry] | None = None


class GeneratedPage(Page):
    """A page whose whole body Podium renders from the catalog: there is no Markdown.

    MkDocs builds a Markdown converter with every configured extension for each
    page it renders (about a millisecond each); the hundreds of listing, event,
    talk and people pages of a large site have nothing to convert, so they skip
    it.  Only ``read_source`` and ``render`` differ from a plain page.
    """

    def __init__(self, title: str, file: File, config: MkDocsConfig, *, searchable: bool) -> None:
        super().__init__(title, file, config)
        self._podium_meta: dict[str, object] = {} if searchable else {"search": {"exclude": True}}

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = dict(self._podium_meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        # Material prints the <h1> from the title when the content has none.
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def add_page(
    files: Files,
    config: MkDocsConfig,
    src_uri: str,
    title: str,
    *,
    in_nav: bool,
    owner: str,
    searchable: bool = True,
) -> File:
    """Add a generated page unless the site has its own page at that path (then use that).

    Listings (``searchable=False``) stay out of the search index: they only repeat
    what the posts, events and talks they list already put there.
    """
    existing = files.get_file_from_path(src_uri)
    if existing is not None and existing.generated_by is None:
        return existing
    if existing is not None:
        raise PluginError(f"{owner}: two generated files at {src_uri}; this is a bug in Podium")
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, src_uri, content="", inclusion=inclusion)
    file.generated_by = owner
    files.append(file)
    GeneratedPage(title, file, config, searchable=searchable)
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
