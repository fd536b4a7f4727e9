"""Generated pages skip MkDocs' Markdown converter.

Hack: a ``Page`` subclass overriding ``read_source`` and ``render`` (checked
against MkDocs 1.6.1 and ProperDocs 1.6). MkDocs builds a Markdown converter
with every configured extension for each page it renders (about a millisecond
each); the hundreds of listing, event, talk and people pages of a large site
have nothing to convert. Without the speed layer the page is a plain
generated file whose front matter gives its title (see podium.mkdocs.files).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class GeneratedPage(Page):
    """A page whose whole body Podium renders from the catalog: there is no Markdown."""

    def __init__(
        self, title: str, file: File, config: MkDocsConfig, meta: dict[str, object]
    ) -> None:
        super().__init__(title, file, config)
        self._podium_meta = meta

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = dict(self._podium_meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        # Material prints the <h1> from the title when the content has none.
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
