"""MDX (JSX) component tags in a post body: ``<Image src="x.png" />``, ``<Info>…</Info>``.

A site moving from Next.js or Docusaurus brings posts whose components its React code
rendered.  Where the site's shortcodes folder has a template of the component's name,
:mod:`podium.shortcodes` calls it; this module reads the tags.  A tag is lexed the way
JSX reads it: attributes are ``name="text"``, ``name='text'``, ``name={expression}`` or a
bare ``name``; a tag may span lines but not a blank line (so a broken one costs one
paragraph, and scanning stays linear).  Values reach templates as text:

- ``"text"`` and ``'text'`` as written (JSX has no escapes in them);
- ``{'text'}``, ``{"text"}`` and ``{`text`}`` the string, any other ``{…}`` the
  expression's source (``{5/3}`` is ``5/3``, ``{true}`` is ``true``);
- a bare attribute is ``true``.

Tags in code (fenced, indented or inline) are text, as in MDX, and so are tags in an
HTML comment, which Markdown passes on: :class:`CodeRegions` answers that for one body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from podium.codeblocks import code_blocks

_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_ATTRIBUTE = re.compile(r"[A-Za-z_$][A-Za-z0-9_$:-]*")
_STRING_LITERAL = re.compile(r"""\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$]*)`)\s*\Z""")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BACKTICKS = re.compile(r"`+")


@dataclass
class JsxTag:
    """One parsed tag: ``<Name …>``, ``<Name … />`` or ``</Name>``."""

    start: int
    end: int
    name: str
    closing: bool = False
    self_closing: bool = False
    attributes: list[tuple[str, str, int]] = field(default_factory=list)
    """``(name, value, offset of the value)`` in the order written."""
    errors: list[tuple[int, str]] = field(default_factory=list)
    """Mistakes in a tag that still ends where it should: ``(offset, message)``."""


@dataclass(frozen=True)
class JsxBroken:
    """A tag that cannot be read: the message, where it went wrong, where its paragraph ends."""

    message: str
    at: int
    resume: int


def tag_name(text: str, start: int) -> str:
    """The component name of the tag starting at ``text[start]`` (``<``), or ""."""
    p = start + 1 + text.startswith("/", start + 1)
    m = _NAME.match(text, p)
    return m.group() if m else ""


def lex(text: str, start: int) -> JsxTag | JsxBroken:
    """The tag whose ``<`` is at ``start``."""
    blank = _BLANK_LINE.search(text, start)
    stop = blank.start() if blank else len(text)
    closing = text.startswith("/", start + 1)
    name = tag_name(text, start)
    p = start + 1 + closing + len(name)
    shown = f"<{'/' if closing else ''}{name}"
    never = f"{shown}> is never closed with '>'"
    tag = JsxTag(start, start, name, closing)
    seen: set[str] = set()
    while True:
        p = _skip_space(text, p, stop)
        if p >= stop:
            return JsxBroken(never + (" before the blank line" if blank else ""), start, stop)
        if text.startswith("/>", p) and not closing:
            tag.self_closing, tag.end = True, p + 2
            return tag
        if text[p] == ">":
            tag.end = p + 1
            return tag
        if closing:
            return JsxBroken(f"{shown}> cannot have attributes", p, stop)
        if text[p] == "{":
            return JsxBroken(f"{shown}>: spread attributes ({{...}}) are not supported", p, stop)
        m = _ATTRIBUTE.match(text, p)
        if m is None:
            return JsxBroken(f"{shown}>: unexpected {text[p]!r} in the tag", p, stop)
        key, p = m.group(), m.end()
        if key in seen:
            tag.errors.append((m.start(), f"{shown}>: attribute '{key}' is given twice"))
        seen.add(key)
        after = _skip_space(text, p, stop)
        if not text.startswith("=", after):
            tag.attributes.append((key, "true", m.start()))
            continue
        p = _skip_space(text, after + 1, stop)
        if p < stop and text[p] in "\"'":
            close = text.find(text[p], p + 1, stop)
            if close == -1:
                return JsxBroken(f"{shown}>: the {text[p]} of '{key}' is never closed", p, stop)
            tag.attributes.append((key, text[p + 1 : close], p + 1))
            p = close + 1
        elif p < stop and text[p] == "{":
            close = _expression_end(text, p, stop)
            if close == -1:
                return JsxBroken(f"{shown}>: the {{ of '{key}' is never closed with '}}'", p, stop)
            tag.attributes.append((key, _expression_value(text[p + 1 : close]), p + 1))
            p = close + 1
        else:
            return JsxBroken(f"{shown}>: attribute '{key}' has no value after '='", p, stop)


def _skip_space(text: str, p: int, stop: int) -> int:
    while p < stop and text[p].isspace():
        p += 1
    return p


def _expression_end(text: str, start: int, stop: int) -> int:
    """The ``}`` that closes the ``{`` at ``start`` (strings skipped), or -1."""
    depth = 0
    p = start
    while p < stop:
        char = text[p]
        if char in "\"'`":
            p += 1
            while p < stop and text[p] != char:
                p += 2 if text[p] == "\\" else 1
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return p
        p += 1
    return -1


def _expression_value(source: str) -> str:
    literal = _STRING_LITERAL.match(source)
    if literal:
        return next(group for group in literal.groups() if group is not None)
    return source.strip()


class CodeRegions:
    """Where one body's code is: fenced and indented blocks, and inline code spans."""

    def __init__(self, text: str) -> None:
        self._text = text
        lines = text.split("\n")
        starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
        self._blocks = [(starts[first], starts[last]) for first, last in code_blocks(lines)]
        self._block_starts = [start for start, _ in self._blocks]

    def covers(self, offset: int) -> bool:
        """True when ``offset`` is inside a code block, a code span or an HTML comment."""
        index = bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < self._blocks[index][1]:
            return True
        return self._in_comment(offset) or self._in_span(offset)

    def _in_comment(self, offset: int) -> bool:
        opened = self._text.rfind("<!--", 0, offset)
        return opened != -1 and self._text.find("-->", opened + 4) >= offset

    def _in_span(self, offset: int) -> bool:
        # A code span runs from a run of backticks to the next run of the same length,
        # within its paragraph (CommonMark); only the paragraph of `offset` matters.
        text = self._text
        blank = text.rfind("\n\n", 0, offset)
        begin = 0 if blank == -1 else blank + 2
        open_size = 0
        for m in _BACKTICKS.finditer(text, begin, offset):
            size = m.end() - m.start()
            if not open_size:
                open_size = size
            elif size == open_size:
                open_size = 0
        if not open_size:
            return False
        paragraph_end = text.find("\n\n", offset)
        stop = len(text) if paragraph_end == -1 else paragraph_end
        closing = re.compile(rf"(?<!`)`{{{open_size}}}(?!`)")
        return closing.search(text, offset, stop) is not None
