"""Balanced HTML for excerpts: an excerpt placed on a listing must close what it opens.

An excerpt is cut from a post's HTML at ``<!-- more -->``; raw HTML in the post
can leave a ``<textarea>``, ``<style>`` or ``<div>`` open there, which would
swallow the rest of every listing page (the other posts, the footer).  The
check walks the tags with the standard library's HTML tokenizer; a fragment
that does not balance is repaired by lxml's HTML parser (libxml2) and the
caller warns naming the post.  ``<plaintext>`` can never be closed in a browser,
so it becomes ``<pre>``.
"""

from __future__ import annotations

from html.parser import HTMLParser

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_NEVER_CLOSED = frozenset({"plaintext"})
# Elements the HTML standard lets the parser close implicitly (</p> and </li> may be left out).
_OPTIONAL_END = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "rt",
        "rp",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
    ]
)


class _Walk(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problem: str | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _NEVER_CLOSED and self.problem is None:
            self.problem = f"<{tag}> never ends in a browser"
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag not in VOID and self.problem is None:
            self.problem = f"<{tag}/> is not a void element: browsers leave it open"

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.open and self.open[-1] != tag and self.open[-1] in _OPTIONAL_END:
            self.open.pop()
        if self.open and self.open[-1] == tag:
            self.open.pop()
        elif self.problem is None:
            self.problem = f"</{tag}> closes nothing that is open"


def balance_problem(fragment: str) -> str | None:
    """What keeps ``fragment`` from standing on its own in a page, or None."""
    walk = _Walk()
    walk.feed(fragment)
    walk.close()
    if walk.problem is None:
        unclosed = [t for t in walk.open if t not in _OPTIONAL_END]
        if unclosed:
            walk.problem = f"<{unclosed[-1]}> is opened but never closed"
        elif walk.rawdata:
            walk.problem = f"unfinished markup at the end ({walk.rawdata[:20]!r})"
    return walk.problem


def balanced(fragment: str) -> str:
    """``fragment`` as lxml parses it, serialised with every element closed."""
    if not fragment.strip():
        return fragment
    # A holder element keeps head-only tags (<style>, <meta>) where the author put them.
    # No closing tags after it: raw text (<style>, <textarea>) would take them in.
    root = etree.HTML(f"<body><div>{fragment}", parser=lxml.html.HTMLParser())
    holder = root.find("body/div") if root is not None else None
    if holder is None:
        return ""
    for element in holder.iter(*_NEVER_CLOSED):
        element.tag = "pre"
    holder.tail = None
    inner = str(etree.tostring(holder, encoding="unicode", method="html"))
    return inner.removeprefix("<div>").removesuffix("</div>")
