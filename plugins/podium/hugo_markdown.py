"""Hugo's Markdown (Goldmark: CommonMark + GFM) where Python-Markdown reads it otherwise.

Posts migrated from Hugo were written for Goldmark.  Most of GFM comes from
well-kept extensions (``tables``, ``footnotes``, ``pymdownx.tilde``,
``pymdownx.tasklist``, ``pymdownx.magiclink``, ``pymdownx.superfences``); this
extension, ``podium.hugo_markdown``, adds the CommonMark rules they leave
out, each as a small Python-Markdown processor:

* **Any ASCII punctuation may be escaped with a backslash** (``\\$``, ``\\@``, ``\\%``):
  Python-Markdown escapes only a few characters and prints the backslash before the rest.

* **A list may interrupt a paragraph** (``**Mentors**`` then ``* Alice``): Python-Markdown
  needs a blank line first and otherwise prints the asterisks.  A bullet item, or an
  ordered item numbered 1, starts a list on the next line, as in CommonMark.
* **Fence info strings as Hugo reads them**: ```` ```c {linenos=true} ```` and
  ```` ```text= ```` become fences SuperFences understands (the language, and line
  numbers when asked for); a closing fence may be indented up to three spaces; an
  unindented fence ends the paragraph before it instead of landing inside it.
* **An HTML block ends at a blank line**: ``<div class="note">``, a blank line, then
  Markdown, then ``</div>``: the Markdown is rendered, as in Hugo (md_in_html does it).
* **A closing ``#`` sequence needs a space before it**: ``### C#`` is the heading "C#",
  and ``#hashtag`` is no heading.
* **Heading ids as Hugo makes them** (Hugo's ``github`` rule, duplicates ``-1``, ``-2``):
  set on every heading that has no id yet, before ``toc`` runs (which keeps them).
  ``heading_ids: false`` leaves ids to ``toc``; :func:`slugify` is also usable alone as
  ``toc``'s ``slugify``.

Use it as ``markdown_extensions: [podium.hugo_markdown]`` in ``mkdocs.yml``.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor, HashHeaderProcessor
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

# CommonMark: a bullet item, or an ordered item numbered 1, with content, may interrupt a
# paragraph (Python-Markdown reads only '1.' for ordered items).
_LIST_START = re.compile(r"[ ]{0,3}(?:[*+-]|1\.)[ \t]+\S")
_FENCE_OPEN = re.compile(r"(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_LANGUAGE = re.compile(r"[\w#+.-]*")
# SuperFences' own attribute form names the language as a class: {.c #id}.
_SUPERFENCES_BRACES = re.compile(r"\{\s*[.#]")
_ATTRIBUTES = re.compile(r"\{(?P<body>[^{}]*)\}\s*$")
_ATTRIBUTE = re.compile(
    r"""(?P<key>[A-Za-z_][\w-]*)\s*=\s*(?P<value>"[^"]*"|'[^']*'|\[[^\]]*\]|[^\s,]+)"""
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TRUE = frozenset({"true", "table", "inline", "1"})


def slugify(value: str, separator: str = "-", unicode: bool = True) -> str:
    """A heading id as Hugo makes it (Goldmark's ``github`` auto heading id type).

    Letters, digits and ``_`` are kept (lower-cased, any script), each space or ``-``
    becomes ``-``, everything else is dropped: ``"Step 1: Build"`` -> ``step-1-build``.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFC", value.strip()):
        if char in " -":
            out.append("-")
        elif char == "_" or char.isalpha() or char.isdigit():
            out.append(char.lower())
        elif unicodedata.category(char).startswith("M") and out:
            out.append(char)  # a combining mark stays with its letter
    return "".join(out)


def _unique(base: str, used: set[str]) -> str:
    """Hugo's rule for a repeated id: ``x``, ``x-1``, ``x-2``, …; an empty one is ``heading``."""
    base = base or "heading"
    candidate, number = base, 0
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    used.add(candidate)
    return candidate


class HeadingIds(Treeprocessor):
    """Give every heading without an id Hugo's id; ``toc`` (which runs after) keeps them."""

    def run(self, root: etree.Element) -> None:
        used = {el.attrib["id"] for el in root.iter() if "id" in el.attrib}
        for el in root.iter():
            if el.tag in _HEADINGS and "id" not in el.attrib:
                name = strip_tags(render_inner_html(remove_fnrefs(el), self.md))
                el.attrib["id"] = _unique(slugify(html.unescape(name)), used)


class ListInterruptsParagraph(BlockProcessor):
    """Split a paragraph where a line starts a list, so the list processors see it.

    Registered just above the paragraph processor: it only ever sees blocks that no
    other processor took, that is, paragraphs.  It splits and lets the parser go on.
    """

    def test(self, parent: etree.Element, block: str) -> bool:
        return "\n" in block

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks[0]
        lines = block.split("\n")
        for index in range(1, len(lines)):
            if _LIST_START.match(lines[index]):
                blocks[0] = "\n".join(lines[:index])
                blocks.insert(1, "\n".join(lines[index:]))
                break
        return False  # the paragraph processor takes what is left of the block


class CommonMarkHashHeader(HashHeaderProcessor):
    """ATX headings as CommonMark reads them: ``### C#`` is "C#", ``#tag`` is text.

    The line is matched whole and its closing ``#`` sequence removed in Python, so no
    pattern backtracks over a long line (BAD-INPUT I5).
    """

    RE = re.compile(r"(?:^|\n)[ ]{0,3}(?P<level>#{1,6})(?=[ \t]|\n|$)(?P<header>[^\n]*)(?:\n|$)")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        found = self.RE.search(block)
        assert found is not None  # test() found it
        before, after = block[: found.start()], block[found.end() :]
        if before:
            self.parser.parseBlocks(parent, [before])
        heading = etree.SubElement(parent, f"h{len(found['level'])}")
        heading.text = _without_closing_sequence(found["header"]).strip()
        if after:
            if self.parser.state.isstate("looselist"):
                after = self.looseDetab(after)  # as Python-Markdown's own processor does
            blocks.insert(0, after)


def _without_closing_sequence(text: str) -> str:
    """``" C# "`` stays; ``" Step 1 ## "`` -> ``" Step 1"`` (the ``#`` run needs a space)."""
    end = text.rstrip(" \t")
    kept = end.rstrip("#")
    if kept != end and (not kept or kept[-1] in " \t"):
        return kept
    return text


def hugo_info(info: str) -> str:
    """A Hugo fence info string as SuperFences reads it: ``c {linenos=true}`` -> ``c linenums="1"``.

    Only Hugo's forms are rewritten: a word with trailing punctuation (``text=`` is
    ``text``) and Hugo's ``{key=value}`` options after the language, of which
    ``linenos`` (with ``linenostart``) and ``hl_lines`` are kept (the others only style
    the block).  SuperFences' own forms (``{.lang #id}``, ``py title="x" linenums="1"``)
    stay as they are.
    """
    stripped = info.strip()
    if not stripped or _SUPERFENCES_BRACES.match(stripped):
        return info
    attributes = _ATTRIBUTES.search(stripped)
    head = stripped[: attributes.start()] if attributes else stripped
    words = head.split(maxsplit=1)
    word = words[0] if words else ""
    if attributes is None and _LANGUAGE.fullmatch(word):
        return info
    language = _LANGUAGE.match(word)
    out = [language.group()] if language and language.group() else []
    if attributes is None:
        return " ".join(out + words[1:])
    options: dict[str, str] = {}
    for found in _ATTRIBUTE.finditer(attributes.group("body")):
        options[found.group("key").lower()] = found.group("value").strip("\"'")
    if options.get("linenos", "").lower() in _TRUE:
        start = options.get("linenostart", "1")
        out.append(f'linenums="{start if start.isdigit() else 1}"')
    numbers = re.findall(r"\d+(?:-\d+)?", options.get("hl_lines", ""))
    if numbers:
        out.append(f'hl_lines="{" ".join(numbers)}"')
    return " ".join(out)


def _closes(line: str, indent: str, char: str, size: int) -> bool:
    """A closing fence: indented at most three spaces more than the opening one."""
    if line.startswith(indent):
        line = line[len(indent) :]
    stripped = line.strip()
    return (
        len(line) - len(line.lstrip(" ")) <= 3
        and len(stripped) >= size
        and stripped == char * len(stripped)
    )


class HugoFences(Preprocessor):
    """Fences as Goldmark reads them, rewritten for SuperFences (which runs next)."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            opened = _FENCE_OPEN.fullmatch(line)
            if opened is None or (opened["fence"][0] == "`" and "`" in opened["info"]):
                out.append(line)
                index += 1
                continue
            indent, fence = opened["indent"], opened["fence"]
            close = index + 1
            while close < len(lines) and not _closes(lines[close], indent, fence[0], len(fence)):
                close += 1
            if close == len(lines):
                # Never closed: left as it was (SuperFences prints it as text); nothing
                # after it can open a fence, so the scan ends here and stays linear.
                out.extend(lines[index:])
                break
            top = not indent
            if top and out and out[-1].strip():
                out.append("")  # an unindented fence ends the paragraph before it
            out.append(indent + fence + hugo_info(opened["info"]))
            out.extend(lines[index + 1 : close])
            out.append(indent + fence)
            index = close + 1
            if top and index < len(lines) and lines[index].strip():
                out.append("")
        return out


# CommonMark's HTML blocks of kind 6 end at a blank line, and Markdown goes on after it;
# these are the ones whose content md_in_html then parses as blocks.
_CONTAINERS = (
    "address|article|aside|blockquote|center|details|dialog|div|fieldset|figcaption|figure"
    "|footer|form|header|main|nav|section"
)
_CLOSE_ALONE = re.compile(rf"\s*</(?P<name>{_CONTAINERS})\s*>\s*", re.I)
_OPEN_ALONE = re.compile(rf"[ ]{{0,3}}<(?P<name>{_CONTAINERS})(?P<attrs>(?:\s[^<>]*)?)>\s*", re.I)


class HtmlBlocksEndAtBlankLine(Preprocessor):
    """``<div class="note">``, a blank line, Markdown, ``</div>``: the Markdown is rendered.

    In CommonMark the HTML block is the opening line alone (it ends at the blank line), so
    Hugo renders what follows as Markdown; Python-Markdown keeps everything up to
    ``</div>`` as raw HTML.  Such an opening tag gets md_in_html's ``markdown="1"``.
    Runs after SuperFences has set fenced code aside.
    """

    def run(self, lines: list[str]) -> list[str]:
        last_close: dict[str, int] = {}
        for index, line in enumerate(lines):
            closed = _CLOSE_ALONE.fullmatch(line)
            if closed is not None:
                last_close[closed["name"].lower()] = index
        out = list(lines)
        for index, line in enumerate(lines):
            opened = _OPEN_ALONE.fullmatch(line)
            if (
                opened is None
                or "markdown" in opened["attrs"].lower()
                or (index > 0 and lines[index - 1].strip())
                or (index + 1 < len(lines) and lines[index + 1].strip())
            ):
                continue
            if last_close.get(opened["name"].lower(), -1) > index + 1:
                out[index] = line.rstrip()[:-1] + ' markdown="1">'
        return out


class HugoMarkdownExtension(Extension):
    """``podium.hugo_markdown``: the CommonMark rules Python-Markdown's extensions leave out."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "heading_ids": [True, "Give headings Hugo's ids (toc keeps ids that exist)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # CommonMark: a backslash escapes any ASCII punctuation character, and nothing else.
        md.ESCAPED_CHARS.extend(c for c in string.punctuation if c not in md.ESCAPED_CHARS)
        if self.getConfig("heading_ids"):
            # After attr_list (8), whose {#id} wins, and before toc (5).
            md.treeprocessors.register(HeadingIds(md), "podium_heading_ids", 6)
        # After whitespace normalisation (30), before SuperFences / fenced_code (25).
        md.preprocessors.register(HugoFences(md), "podium_hugo_fences", 29)
        md.parser.blockprocessors.register(CommonMarkHashHeader(md.parser), "hashheader", 70)
        if not any(isinstance(e, MarkdownInHtmlExtension) for e in md.registeredExtensions):
            md.registerExtensions(["md_in_html"], {})
        # After SuperFences / fenced_code (25), before the HTML block preprocessor (20).
        md.preprocessors.register(HtmlBlocksEndAtBlankLine(md), "podium_html_blocks", 22)
        md.parser.blockprocessors.register(
            ListInterruptsParagraph(md.parser), "podium_list_interrupts", 10.5
        )


def makeExtension(**kwargs: Any) -> HugoMarkdownExtension:
    return HugoMarkdownExtension(**kwargs)
