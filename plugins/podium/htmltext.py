"""Untrusted HTML or Markdown from a schedule -> safe Markdown for an ``abstract``.

Schedules give abstracts as HTML (frab, FOSDEM) or Markdown (pretalx).
:func:`to_markdown` keeps the structure a reader needs and nothing that could
run or load: paragraphs, line breaks, lists, emphasis, inline code and code
blocks, headings (as bold lines), quotes, and links whose target is an
``http(s)`` or ``mailto:`` URL (others keep only their text).  Scripts,
styles, iframes, forms, images and event-handler attributes are dropped with
their content.  Text is escaped so it stays text: ``<script>`` written in an
abstract shows as ``<script>``, ``*`` as ``*``.

Markdown input is kept, with raw HTML tags escaped and link targets that are
not ``http(s)``/``mailto:`` removed.  The result has no tabs, no trailing
spaces and no control characters, so YAML can write it as a block scalar.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from podium.urls import check_link_url, normalize_url

_DROP = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "template",
        "noscript",
        "svg",
        "math",
        "head",
        "title",
        "form",
        "button",
        "select",
        "textarea",
        "canvas",
        "audio",
        "video",
    }
)
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "table", "tr", "dl", "dd", "dt", "hr"}
)
_LIST_END = "\x02"
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_CODE = frozenset({"code", "tt", "kbd", "samp"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "source"})
_HTML_HINT = re.compile(
    r"<(?:p|br|a|ul|ol|li|em|strong|b|i|code|pre|div|span|h[1-6]|blockquote|img|table|hr)\b[^>]*>",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_START = re.compile(r"^([ ]*)([#>+=-]|\d+[.)])", re.MULTILINE)
_TEXT_SPECIAL = re.compile(r"[\\`*\[\]]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)|<(?=[A-Za-z/!?])")
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_MD_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)>?[^)\n]*\)")
_MD_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(\S+).*$", re.MULTILINE)


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains HTML markup (frab), not just Markdown or plain text."""
    return bool(_HTML_HINT.search(text))


def clean_text(text: str) -> str:
    """Line breaks to LF; control characters, tabs and trailing spaces gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = _CONTROL.sub("", text).replace("\t", "    ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def one_line(text: str) -> str:
    """Display text for a one-line field: whitespace collapsed, control characters gone."""
    return " ".join(_CONTROL.sub("", text).split())


def safe_link(url: str) -> str | None:
    """The URL ready to write, when it is an http(s)/mailto link; else None."""
    candidate = normalize_url(url.strip())
    if check_link_url(candidate, allow_mailto=True) is None:
        return candidate
    return None


def to_markdown(text: str) -> str:
    """HTML or Markdown from a schedule -> safe Markdown (empty when nothing is left)."""
    if not text.strip():
        return ""
    if looks_like_html(text):
        converter = _Converter()
        converter.feed(text)
        converter.close()
        return clean_text(converter.result())
    return clean_text(_safe_markdown(clean_text(text)))


def _escape(text: str) -> str:
    return _TEXT_SPECIAL.sub(_escape_match, text)


def _escape_match(match: re.Match[str]) -> str:
    char = match.group()
    if char == "&":
        return "&amp;"
    if char == "<":
        return "&lt;"
    return "\\" + char


def _safe_markdown(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        bang, label, target = match.group(1), match.group(2), match.group(3)
        good = safe_link(target) if target else None
        if good is None:
            return label
        return f"{bang}[{label}]({good})"

    def reference(match: re.Match[str]) -> str:
        return match.group() if safe_link(match.group(1)) else ""

    text = _MD_TAG.sub("&lt;", text)
    text = _MD_LINK.sub(link, text)
    return _MD_REFERENCE.sub(reference, text)


class _Converter(HTMLParser):
    """A one-pass HTML walker that writes Markdown blocks; unknown tags keep their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.drop = 0
        self.pre = 0
        self.code = 0
        self.lists: list[list[int]] = []  # per open list: [next number or 0 for bullets]
        self.links: list[str | None] = []
        self.link_starts: list[int] = []
        self.quote = 0

    # -- blocks ------------------------------------------------------------------------
    def flush(self) -> None:
        text = "".join(self.inline)
        self.inline = []
        if self.pre:
            return
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
        if not text:
            return
        text = _LINE_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), text)
        if self.lists:
            depth = len(self.lists) - 1
            indent = "    " * depth
            text = text.replace("\n", "\n" + indent + "    ")
            text = indent + ("" if text.startswith("\x00") else "    ") + text
        if self.quote:
            text = "\n".join("> " + line if line else ">" for line in text.split("\n"))
        self.blocks.append(text)

    def result(self) -> str:
        self.flush()
        out: list[str] = []
        previous: str | None = None
        for block in self.blocks:
            if block == _LIST_END:
                previous = ""
                continue
            if out:
                tight = previous is not None and _is_item(block) and _is_item(previous)
                out.append("\n" if tight else "\n\n")
            out.append(block)
            previous = block
        return "".join(out)

    # -- parser events ---------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.drop:
            if tag in _DROP:
                self.drop += 1
            return
        if tag in _DROP:
            self.drop += 1
        elif tag in _BLOCKS or tag in _HEADINGS:
            self.flush()
            if tag in _HEADINGS:
                self.inline.append("**")
        elif tag == "blockquote":
            self.flush()
            self.quote += 1
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([1 if tag == "ol" else 0])
        elif tag == "li":
            self.flush()
            if self.lists:
                counter = self.lists[-1]
                marker = f"{counter[0]}. " if counter[0] else "- "
                if counter[0]:
                    counter[0] += 1
                self.inline.append("\x00" + marker)
        elif tag == "pre":
            self.flush()
            self.pre += 1
        elif tag == "br":
            self.inline.append("\n")
        elif tag in _EMPHASIS and not self.pre and not self.code:
            self.inline.append(_EMPHASIS[tag])
        elif tag in _CODE and not self.pre:
            self.code += 1
            self.inline.append("\x01")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(safe_link(href) if href else None)
            self.link_starts.append(len(self.inline))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.drop:
            if tag in _DROP:
                self.drop -= 1
            return
        if tag in _HEADINGS:
            self.inline.append("**")
            self.flush()
        elif tag in _BLOCKS or tag == "li":
            self.flush()
        elif tag == "blockquote":
            self.flush()
            self.quote = max(0, self.quote - 1)
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.blocks.append(_LIST_END)
        elif tag == "pre" and self.pre:
            self.pre -= 1
            code = "".join(self.inline).replace("\x01", "").strip("\n")
            self.inline = []
            if code.strip():
                fence = "`" * max(3, _longest_run(code, "`") + 1)
                self.blocks.append(f"{fence}\n{code}\n{fence}")
        elif tag in _EMPHASIS and not self.pre and not self.code:
            self.inline.append(_EMPHASIS[tag])
        elif tag in _CODE and self.code and not self.pre:
            self.code -= 1
            self._close_code()
        elif tag == "a" and self.links:
            href = self.links.pop()
            start = self.link_starts.pop()
            label = "".join(self.inline[start:]).strip()
            if href and label:
                self.inline[start:] = [f"[{label}]({href})"]

    def handle_data(self, data: str) -> None:
        if self.drop:
            return
        data = _CONTROL.sub("", data)
        if self.pre or self.code:
            self.inline.append(data)
        else:
            self.inline.append(_escape(data))

    def _close_code(self) -> None:
        index = max(i for i, part in enumerate(self.inline) if part == "\x01")
        code = " ".join("".join(self.inline[index + 1 :]).split())
        del self.inline[index:]
        if not code:
            return
        ticks = "`" * (_longest_run(code, "`") + 1)
        pad = " " if code.startswith("`") or code.endswith("`") else ""
        self.inline.append(f"{ticks}{pad}{code}{pad}{ticks}")


def _escape_start(token: str) -> str:
    if token[0].isdigit():
        return token[:-1] + "\\" + token[-1]
    return "\\" + token


def _is_item(block: str) -> bool:
    return block.lstrip(" ").startswith("\x00")


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(f"{re.escape(char)}+", text)
    return max((len(r) for r in runs), default=0)
