"""The table of contents of a generated page, from the headings of its HTML.

MkDocs builds ``Page.toc`` from the Markdown it converts; a generated page has
none, so Material's "Table of contents" sidebar stayed empty (an event page of
62 tracks had no way to jump to one).  Its body's ``<h2 id>``/``<h3 id>``
headings become the page's TOC through MkDocs' public ``get_toc``, so the TOC
always says what the template printed (in whatever language), without a heading's count.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from mkdocs.structure.toc import TableOfContents, get_toc

LEVELS = {"h2": 2, "h3": 3}
COUNT = "podium-count"


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str, list[str]] | None = None
        self._count = False
        """Inside a heading's count (``<span class="podium-count">``): not in the TOC."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        anchor = named.get("id")
        if tag in LEVELS and anchor:
            self._open = (LEVELS[tag], anchor, [])
        elif self._open is not None and tag == "span" and COUNT in (named.get("class") or ""):
            self._count = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._count = False
        if self._open is not None and LEVELS.get(tag) == self._open[0]:
            level, anchor, text = self._open
            self.found.append((level, anchor, " ".join("".join(text).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None and not self._count:
            self._open[2].append(data)


def headings(html: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of every ``<h2>``/``<h3>`` with an id, in order."""
    parser = _Headings()
    parser.feed(html)
    parser.close()
    return parser.found


def page_toc(html: str) -> TableOfContents:
    """The TOC of ``html``: h3 headings nested under the h2 before them."""
    tokens: list[dict[str, Any]] = []
    for level, anchor, text in headings(html):
        token = {"level": level, "id": anchor, "name": _escaped(text), "children": []}
        if level == 3 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return get_toc(tokens)  # type: ignore[arg-type]


def _escaped(text: str) -> str:
    # Material prints TOC titles as HTML (Python-Markdown's tokens hold escaped text).
    from markupsafe import escape

    return str(escape(text))
