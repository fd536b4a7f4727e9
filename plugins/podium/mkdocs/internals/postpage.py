"""Posts converted by one Markdown converter per build instead of one per page.

MkDocs builds a Markdown converter with every configured extension for each
page it renders: about 0.4 ms, a tenth of the time a 1000-post site spends
on Markdown.  Python-Markdown's ``reset()`` exists to reuse one, but only
extensions that reset all their state are safe to share, so the converter
is reused only when every configured extension is one known to do so; any
other keeps MkDocs' converter per page.  MkDocs' own per-page processors
(links, anchors, title) are made for every page exactly as MkDocs makes them.

Hack: ``PostPage`` subclasses ``Page`` and uses MkDocs' private processors
(``_RawHTMLPreprocessor``, ``_ExtractAnchorsTreeprocessor``,
``_RelativePathTreeprocessor``, ``_ExtractTitleTreeprocessor``, their
``_register``) and sets ``_title_from_render``; checked against MkDocs 1.6.1
and ProperDocs 1.6. When any of them is missing, or an extension is not known
to reset, MkDocs' own ``Page.render`` runs.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.structure.pages")

# Every one resets its per-document state in reset() (or keeps none); tested byte for
# byte against MkDocs' converter per page in tests/build/test_speedups.py.
RESETTABLE = frozenset(
    {
        "abbr", "admonition", "attr_list", "def_list", "extra", "fenced_code", "footnotes",
        "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
        "pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.emoji",
        "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark",
        "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed",
        "pymdownx.magiclink", "pymdownx.tasklist", "pymdownx.tilde", "podium.hugo_markdown",
    }
)  # fmt: skip
_PROCESSORS = (
    "_RawHTMLPreprocessor",
    "_ExtractAnchorsTreeprocessor",
    "_RelativePathTreeprocessor",
    "_ExtractTitleTreeprocessor",
)


class SharedConverter:
    """The build's one converter for posts, made on first use; None when not safe."""

    def __init__(self, config: MkDocsConfig) -> None:
        extensions = config.markdown_extensions
        named = all(isinstance(e, str) for e in extensions)
        internals = all(hasattr(pages, name) for name in _PROCESSORS)
        if not internals:
            log.debug("podium: MkDocs' page processors are not there; one converter per post")
        self.usable = named and all(_short(e) in RESETTABLE for e in extensions) and internals
        self._md: markdown.Markdown | None = None

    def get(self, config: MkDocsConfig) -> markdown.Markdown | None:
        if not self.usable:
            return None
        if self._md is None:
            self._md = markdown.Markdown(
                extensions=config.markdown_extensions,
                extension_configs=config.mdx_configs or {},
            )
        return self._md.reset()


def _short(name: str) -> str:
    """'markdown.extensions.toc' and 'toc' are the same extension."""
    return name.removeprefix("markdown.extensions.")


class PostPage(Page):
    """A post: MkDocs' page, converted by the build's shared converter when it can be.

    Only ``render`` differs, and it does what MkDocs' ``Page.render`` does, with
    one converter reset per page instead of one built per page.
    """

    def __init__(self, file: File, config: MkDocsConfig, converter: SharedConverter) -> None:
        super().__init__(None, file, config)
        self._converter = converter

    def render(self, config: MkDocsConfig, files: Files) -> None:
        md = self._converter.get(config)
        if md is None or self.markdown is None:
            super().render(config, files)
            return
        raw_html = pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = pages._ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        relative = pages._RelativePathTreeprocessor(self.file, files, config)
        relative._register(md)
        title = pages._ExtractTitleTreeprocessor()
        title._register(md)
        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative.links_to_anchors
