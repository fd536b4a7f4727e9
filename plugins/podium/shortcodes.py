"""Expand Hugo shortcodes in a post body before Markdown sees it.

Hugo-migrated posts call shortcodes, ``{{< name args >}}`` and
``{{% name args %}}``, possibly over several lines.  :func:`expand` finds
them in one forward pass (linear time, whatever the input), parses their
arguments the way Hugo does, and replaces each with Markdown or a raw HTML
block (see :mod:`podium.shortcode_html`).  Every mistake -- unknown or
unclosed shortcode, bad argument, missing ``ref`` target -- is reported as a
:class:`~podium.problems.Problem` at its real file line and column, and the
span is dropped, so a literal ``{{<`` reaches the output only through Hugo's
escape ``{{</* … */>}}``.  The result carries a line map so later stages can
report problems in the expanded text at their original file lines.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import escape

from podium import jsx
from podium.problems import Problems
from podium.shortcode_html import (
    SPECS,
    Arg,
    check_arguments,
    highlight_info,
    render_figure,
    render_vimeo,
    render_youtube,
    show,
)
from podium.site_shortcodes import NONE, ShortcodeError, SiteShortcodes

SUPPORTED: tuple[str, ...] = ("figure", "youtube", "vimeo", "ref", "relref", "highlight")


Spans = dict[int, list[tuple[int, int, int, int]]]
"""Output line index -> spans of generated text that stand for a place in the source."""

_PATH_ATTRIBUTES = (("src", "src"), ("link", "href"))
"""Figure arguments that become URL attributes (argument, attribute)."""


@dataclass(frozen=True)
class Expanded:
    """The body with shortcodes expanded."""

    text: str
    line_map: list[int]
    """``line_map[i]`` is the 1-based file line that output line ``i + 1`` comes from."""
    spans: Spans = field(default_factory=dict)
    """Where generated paths came from: output line index -> ``(first col, end col, file
    line, file col)`` (0-based cols in the output line), so a problem found in a figure's
    ``src`` points at the path in the shortcode, even on its third line."""


_NEWLINE = re.compile("\n")
_OPEN = re.compile(r"\{\{[<%]")


@functools.lru_cache(maxsize=8)
def _opening(components: frozenset[str]) -> re.Pattern[str]:
    """What starts a call: ``{{<``, ``{{%``, or a tag of one of the site's components."""
    if not components:
        return _OPEN
    names = "|".join(re.escape(n) for n in sorted(components, key=len, reverse=True))
    return re.compile(rf"\{{\{{[<%]|</?(?:{names})(?![A-Za-z0-9_.])")


_WS = re.compile(r"\s*")
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def _bare_pattern(close: str, stop: str) -> re.Pattern[str]:
    """One unquoted word: up to whitespace, ``stop`` characters or a tag boundary.

    The alternatives exclude each other and the quantifiers are possessive,
    so matching never backtracks: linear time.
    """
    mark = re.escape(close[0])
    return re.compile(
        rf"(?:[^\s{stop}{mark}/{{}}]++|{mark}(?!\}}\}})|/(?!{mark}\}}\}})"
        rf"|\{{(?!\{{[<%])|\}}(?!\}}))++"
    )


_BARE = {
    (close, stop): _bare_pattern(close, stop) for close in (">}}", "%}}") for stop in ("=", "")
}
# The body of a quoted argument, up to (not including) its closing quote.  It
# stops early at a new "{{<" so an unterminated quote cannot swallow the rest
# of the post.  Possessive quantifiers over exclusive alternatives: no
# backtracking, linear time.
_QUOTED = {
    '"': re.compile(r'(?:[^"\\{]++|\\"|\\(?!")|\{(?!\{[<%]))*+'),
    "'": re.compile(r"(?:[^'\\{]++|\\'|\\(?!')|\{(?!\{[<%]))*+"),
    "`": re.compile(r"(?:[^`{]++|\{(?!\{[<%]))*+"),
}
_CLOSE = {"<": ">}}", "%": "%}}"}
_BLANK_REST = re.compile(r"[ \t]*(?:\n|\Z)")
_BACKTICKS = re.compile(r"`+")
_HIGHLIGHT_CLOSE = re.compile(r"\{\{[<%]\s*/\s*highlight\s*[>%]\}\}")


@dataclass
class _Tag:
    """One parsed ``{{< … >}}`` tag."""

    start: int
    end: int
    delim: str
    closing: bool
    self_closing: bool
    name: str
    positional: list[Arg] = field(default_factory=list)
    named: list[tuple[str, Arg]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Broken:
    """A tag that cannot be parsed; scanning resumes at ``resume``."""

    message: str
    resume: int


class _Output:
    """The expanded text, built piece by piece, with its line map."""

    def __init__(self, body: str, first_line: int) -> None:
        self._body = body
        self._newlines = [m.start() for m in _NEWLINE.finditer(body)]
        self._first = first_line
        self.pieces: list[str] = []
        self.line_map: list[int] = []
        self._at_line_start = True
        self._line_len = 0
        self._line_has_content = False
        self._last_line_blank = True
        self.lines = 0
        """Newlines written so far: the index of the output line being written."""
        self.spans: Spans = {}

    def line_of(self, offset: int) -> int:
        return self._first + bisect_right(self._newlines, offset - 1)

    def col_of(self, offset: int) -> int:
        index = bisect_right(self._newlines, offset - 1)
        start = self._newlines[index - 1] + 1 if index else 0
        return offset - start + 1

    def source(self, start: int, end: int) -> None:
        """Copy ``body[start:end]`` unchanged; its lines keep their file lines."""
        if start < end:
            self._add(self._body[start:end], self.line_of(start), step=1)

    def synth(self, text: str, line: int) -> None:
        """Add generated text; every line it starts maps to ``line``."""
        if text:
            self._add(text, line, step=0)

    def _add(self, text: str, line: int, *, step: int) -> None:
        if self._at_line_start:
            self.line_map.append(line)
        at = text.find("\n")
        while at != -1:
            line += step
            if at + 1 < len(text):
                self.line_map.append(line)
            at = text.find("\n", at + 1)
        last = text.rfind("\n")
        if last == -1:
            self._line_has_content = self._line_has_content or bool(text.strip())
            self._line_len += len(text)
        else:
            previous = text.rfind("\n", 0, last)
            if previous == -1:
                self._last_line_blank = not self._line_has_content and not text[:last].strip()
            else:
                self._last_line_blank = not text[previous + 1 : last].strip()
            tail = text[last + 1 :]
            self._line_has_content = bool(tail.strip())
            self._line_len = len(tail)
        self._at_line_start = text.endswith("\n")
        self.lines += text.count("\n")
        self.pieces.append(text)

    def begin_block(self, line: int) -> None:
        """Make the next text start a Markdown block: after a blank line, at column 1."""
        self.begin_line(line)
        if self.pieces and not self._last_line_blank:
            self.synth("\n", line)

    def begin_line(self, line: int) -> None:
        """Make the next text start a line: drop trailing blanks or end the current line."""
        if not self._line_has_content and self._line_len:
            drop = self._line_len
            while drop:
                piece = self.pieces.pop()
                if len(piece) > drop:
                    self.pieces.append(piece[: len(piece) - drop])
                    drop = 0
                else:
                    drop -= len(piece)
            self.line_map.pop()
            self._at_line_start = True
            self._line_len = 0
        if not self._at_line_start:
            self.synth("\n", line)

    def text(self) -> str:
        return "".join(self.pieces)

    @property
    def column(self) -> int:
        """The 0-based column the next text starts at."""
        return 0 if self._at_line_start else self._line_len

    def last_char(self) -> str:
        return self.pieces[-1][-1] if self.pieces else ""


class _Scanner:
    def __init__(
        self,
        body: str,
        path: str,
        first_line: int,
        problems: Problems,
        resolve_ref: Callable[[str], str | None],
        site: SiteShortcodes = NONE,
        pairs: dict[str, dict[int, tuple[int, int]]] | None = None,
        code: jsx.CodeRegions | None = None,
    ) -> None:
        self.body = body
        self.first_line = first_line
        self.site = site
        self.pairs: dict[str, dict[int, tuple[int, int]]] = {} if pairs is None else pairs
        """Per paired name: opening tag start -> (closing tag start, end), found once per body.
        Components are keyed ``<Name``."""
        self.opening = _opening(site.components)
        self._code = code
        self.n = len(body)
        self.path = path
        self.problems = problems
        self.resolve_ref = resolve_ref
        self.out = _Output(body, first_line)
        self.open_unknown: dict[str, int] = {}
        self.fence_open: str | None = None
        """The fence of the ``highlight`` whose inner text is being scanned."""
        self._failed: dict[str, int] = {}
        self._found: dict[str, tuple[int, re.Match[str]]] = {}

    # -- helpers -------------------------------------------------------------

    def error(self, offset: int, fld: str, message: str) -> None:
        self.problems.error(
            self.path, self.out.line_of(offset), self.out.col_of(offset), fld, message
        )

    def search(self, key: str, pattern: re.Pattern[str], start: int) -> re.Match[str] | None:
        """``pattern.search(body, start)``, remembered so repeated searches stay linear."""
        if start >= self._failed.get(key, self.n + 1):
            return None
        found = self._found.get(key)
        if found and found[0] <= start <= found[1].start():
            return found[1]
        m = pattern.search(self.body, start)
        if m is None:
            self._failed[key] = start
        else:
            self._found[key] = (start, m)
        return m

    def skip_ws(self, p: int) -> int:
        m = _WS.match(self.body, p)
        return m.end() if m else p

    def terminator_at(self, p: int, close: str) -> bool:
        return self.body.startswith((close, "/" + close, "}}", "{{<", "{{%"), p)

    def bare(self, p: int, close: str, *, value: bool) -> int:
        """End of an unquoted word (a value may contain ``=``) starting at ``p``."""
        m = _BARE[close, "" if value else "="].match(self.body, p)
        return m.end() if m else p + 1

    # -- lexing ----------------------------------------------------------------

    def quoted(self, p: int, label: str, close: str) -> tuple[str, int] | _Broken:
        """A quoted argument at ``p``: its value and end, as Hugo reads it (``\\"`` escapes)."""
        quote = self.body[p]
        m = _QUOTED[quote].match(self.body, p + 1)
        end = m.end() if m else p + 1
        if self.body.startswith(quote, end):
            raw = self.body[p + 1 : end]
            return (raw if quote == "`" else raw.replace("\\" + quote, quote)), end + 1
        where = f"{self.out.line_of(p)}:{self.out.col_of(p)}"
        return _Broken(
            f"shortcode '{label}' is never closed with '{close}': "
            f"the {quote} at {where} is never closed",
            end,
        )

    def lex(self, start: int) -> _Tag | _Broken:
        body = self.body
        delim = body[start + 2]
        close = _CLOSE[delim]
        p = self.skip_ws(start + 3)
        closing = body.startswith("/", p) and not body.startswith("/" + close, p)
        if closing:
            p = self.skip_ws(p + 1)
        m = _NAME.match(body, p)
        name = m.group() if m else ""
        p = m.end() if m else p
        label = "{{" + delim + (" /" if closing else " ") + name if name else "{{" + delim
        tag = _Tag(start, start, delim, closing, False, name)
        never = f"shortcode '{label}' is never closed with '{close}'"
        while True:
            p = self.skip_ws(p)
            if p >= self.n or body.startswith(("{{<", "{{%"), p):
                return _Broken(never, p)
            if body.startswith("}}", p):
                return _Broken(never, p + 2)
            if body.startswith(close, p) or body.startswith("/" + close, p):
                tag.self_closing = body[p] == "/"
                tag.end = p + len(close) + tag.self_closing
                return tag
            if body[p] in _QUOTED:
                got = self.quoted(p, label, close)
                if isinstance(got, _Broken):
                    return got
                tag.positional.append(Arg(got[0], p, p + 1))
                p = got[1]
                continue
            if body[p] == "=":
                tag.errors.append((p, "'=' without an argument name"))
                p += 1
                continue
            q = self.bare(p, close, value=False)
            word = body[p:q]
            if not body.startswith("=", q):
                tag.positional.append(Arg(word, p, p))
                p = q
                continue
            v = q + 1
            valid = bool(_KEY.match(word))
            if not valid:
                tag.errors.append((p, f"invalid argument name '{show(word)}'"))
            at = v
            if v < self.n and body[v] in _QUOTED:
                got = self.quoted(v, label, close)
                if isinstance(got, _Broken):
                    return got
                value, end = got
                at = v + 1
            elif v >= self.n or body[v].isspace() or self.terminator_at(v, close):
                tag.errors.append((p, f"argument '{show(word)}' has no value"))
                p = v
                continue
            else:
                end = self.bare(v, close, value=True)
                value = body[v:end]
            if valid:
                tag.named.append((word, Arg(value, p, at)))
            p = end

    # -- the pass --------------------------------------------------------------

    def run(self, start: int = 0, stop: int | None = None) -> Expanded:
        """Expand ``body[start:stop]`` (all of it by default)."""
        body, out = self.body, self.out
        stop = self.n if stop is None else stop
        copied = start
        while True:
            m = self.opening.search(body, copied, stop)
            if m is None:
                break
            start = m.start()
            if body[start] == "<":
                out.source(copied, start)
                copied = self.component(start)
                continue
            lexed = None if body.startswith("/*", start + 3) else self.lex(start)
            if lexed is None:
                out.source(copied, start)
                copied = self.escaped(start)
            elif isinstance(lexed, _Broken):
                out.source(copied, start)
                self.error(start, "", lexed.message)
                copied = lexed.resume
            elif lexed.name in SPECS and SPECS[lexed.name].block and not lexed.closing:
                copied = self.block(lexed, copied)
            elif not lexed.closing and (
                lexed.name in self.site.names or lexed.name.endswith(".inline")
            ):
                out.source(copied, start)
                copied = (
                    self.site_call(lexed) if lexed.name in self.site.names else self.drop(lexed)
                )
            elif lexed.closing and lexed.name == "highlight" and self.fence_open:
                copied = self.close_fence(lexed, copied)
            else:
                out.source(copied, start)
                copied = self.inline(lexed)
            if out.last_char() == "{" and body.startswith(("{", "<", "%"), copied):
                # A dropped span must not glue "{" and "{<" into a new "{{<".
                out.synth(" ", out.line_of(start))
        out.source(copied, stop)
        if self.fence_open:  # its closing tag was swallowed by an escaped span
            out.begin_line(out.line_of(stop))
            out.synth(self.fence_open + "\n", out.line_of(stop))
        return Expanded(out.text(), out.line_map, out.spans)

    def escaped(self, start: int) -> int:
        """``{{</* x */>}}`` prints ``{{< x >}}``; returns where to resume."""
        delim = self.body[start + 2]
        needle = "*/" + _CLOSE[delim]
        m = self.search(needle, re.compile(re.escape(needle)), start + 5)
        if m is None:
            self.error(
                start, "", f"escaped shortcode '{{{{{delim}/*' is never closed with '{needle}'"
            )
            return start + 5
        self.out.synth("{{" + delim, self.out.line_of(start))
        self.out.source(start + 5, m.start())
        self.out.synth(_CLOSE[delim], self.out.line_of(m.start()))
        return m.end()

    def arguments(self, tag: _Tag) -> dict[str, Arg] | None:
        """Check a tag's arguments against its spec; ``None`` after reporting problems."""
        for offset, message in tag.errors:
            self.error(offset, tag.name, message)
        args = check_arguments(
            SPECS[tag.name],
            tag.positional,
            tag.named,
            tag.start,
            self.reporter(tag.name),
            ok=not tag.errors,
        )
        return None if tag.errors else args

    def inline(self, tag: _Tag) -> int:
        """Closing tags, unknown shortcodes and ``ref``/``relref``; returns the resume point."""
        name = tag.name
        if not name:
            self.error(tag.start, "", f"shortcode '{{{{{tag.delim}' has no name")
        elif tag.closing:
            if self.open_unknown.get(name):
                self.open_unknown[name] -= 1
            elif name not in SUPPORTED and name not in self.site.names:
                self.unknown(tag)
            else:
                self.error(
                    tag.start,
                    "",
                    f"closing '{{{{{tag.delim} /{name} {_CLOSE[tag.delim]}' without an opening "
                    f"'{{{{{tag.delim} {name} {_CLOSE[tag.delim]}'",
                )
        elif name not in SUPPORTED:
            self.unknown(tag)
            if not tag.self_closing:
                self.open_unknown[name] = self.open_unknown.get(name, 0) + 1
        else:
            args = self.arguments(tag)
            if args is not None:
                target = args["path"].value
                page, hash_, anchor = target.partition("#")
                if not page:
                    self.out.synth(target, self.out.line_of(tag.start))
                else:
                    found = self.resolve_ref(page)
                    if found is None:
                        self.error(tag.start, name, f"no page '{show(page)}'")
                    else:
                        self.out.synth(found + hash_ + anchor, self.out.line_of(tag.start))
        return tag.end

    def unknown(self, tag: _Tag) -> None:
        supported = ", ".join(SUPPORTED)
        if self.site.names:
            supported += ", and the site's " + ", ".join(sorted(self.site.names))
        if self.site.folder:
            supported += f"; or write {self.site.folder}/{show(tag.name)}.html"
        self.error(tag.start, "", f"unknown shortcode '{show(tag.name)}' (supported: {supported})")

    # -- the site's shortcodes -------------------------------------------------

    def closing_of(self, tag: _Tag) -> tuple[int, int] | None:
        """Where the closing tag of a paired ``tag`` starts and ends; ``None``: never closed.

        Each name's tags are matched once per body, innermost first, as Hugo does.
        """
        name = tag.name
        if name not in self.pairs:
            found: dict[int, tuple[int, int]] = {}
            opened: list[int] = []
            pattern = re.compile(r"\{\{[<%]\s*/?\s*" + re.escape(name) + r"(?![A-Za-z0-9_.-])")
            for m in pattern.finditer(self.body):
                other = self.lex(m.start())
                if isinstance(other, _Broken) or other.name != name:
                    continue
                if other.closing and opened:
                    found[opened.pop()] = (other.start, other.end)
                elif not other.closing and not other.self_closing:
                    opened.append(other.start)
            self.pairs[name] = found
        return self.pairs[name].get(tag.start)

    def drop(self, tag: _Tag) -> int:
        """An inline shortcode (``css.inline``): left out with its inner text, as Hugo does."""
        end = tag.end
        if not tag.self_closing:
            close = self.closing_of(tag)
            if close is None:
                self.never_closed(tag)
                return tag.end
            end = close[1]
        hint = f"; to keep it, make it a template {self.site.folder or 'overrides/shortcodes'}"
        self.problems.warning(
            self.path,
            self.out.line_of(tag.start),
            self.out.col_of(tag.start),
            tag.name,
            "inline shortcode left out, as Hugo does unless enableInlineShortcodes is on"
            f"{hint}/{show(tag.name.removesuffix('.inline'))}.html",
        )
        return end

    def never_closed(self, tag: _Tag) -> None:
        close = _CLOSE[tag.delim]
        self.error(
            tag.start,
            "",
            f"shortcode '{show(tag.name)}' is never closed with "
            f"'{{{{{tag.delim} /{show(tag.name)} {close}' (or self-closed with '/{close}')",
        )

    def site_call(self, tag: _Tag) -> int:
        """A call of one of the site's templates; returns the resume point."""
        for offset, message in tag.errors:
            self.error(offset, tag.name, message)
        if tag.errors:
            return tag.end
        end = tag.end
        inner = ""
        if tag.name in self.site.paired and not tag.self_closing:
            close = self.closing_of(tag)
            if close is None:
                self.never_closed(tag)
                return tag.end
            end = close[1]
            inner = self.inner(tag.end, close[0])
        try:
            html = self.site.render(
                tag.name,
                [a.value for a in tag.positional],
                {key: a.value for key, a in tag.named},
                inner,
            )
        except ShortcodeError as exc:
            self.error(tag.start, tag.name, str(exc))
            return end
        line = self.out.line_of(tag.start)
        values = [(a.value, a.at) for a in tag.positional] + [(a.value, a.at) for _, a in tag.named]
        if tag.delim == "%":  # Markdown, in place
            self.synth_mapped(html, line, values)
            return end
        line_start = self.body.rfind("\n", 0, tag.start) + 1
        if self.body[line_start : tag.start].strip() or not _BLANK_REST.match(self.body, end):
            self.synth_mapped(inert_html(html), line, values)
            return end
        if html.strip():
            self.out.begin_block(line)
            self.synth_mapped(raw_block(html, tag.name) + "\n", line, values)
        return self.after_block(end, line)

    def synth_mapped(self, text: str, line: int, values: list[tuple[str, int]]) -> None:
        """Add a template's output; an argument it writes as an attribute value (a path,
        most often) is mapped back to its place in the call, so a problem with it is
        reported there, even on the call's third line."""
        first_line, first_col = self.out.lines, self.out.column
        for value, at in values:
            if at < 0 or not value.strip():
                continue
            needle = str(escape(value))
            for quote in "\"'":
                found = text.find(f"={quote}{needle}{quote}")
                while found != -1:
                    start = found + 2
                    newlines = text.count("\n", 0, start)
                    col = start - (text.rfind("\n", 0, start) + 1)
                    col += first_col if newlines == 0 else 0
                    self.out.spans.setdefault(first_line + newlines, []).append(
                        (col, col + len(needle), self.out.line_of(at), self.out.col_of(at))
                    )
                    found = text.find(f"={quote}{needle}{quote}", start)
        self.out.synth(text, line)

    def inner(self, start: int, stop: int) -> str:
        """``body[start:stop]`` with its own shortcodes and components expanded."""
        sub = _Scanner(
            self.body,
            self.path,
            self.first_line,
            self.problems,
            self.resolve_ref,
            self.site,
            self.pairs,
            self.code,
        )
        return sub.run(start, stop).text

    # -- MDX components (podium.jsx) -------------------------------------------

    @property
    def code(self) -> jsx.CodeRegions:
        if self._code is None:
            self._code = jsx.CodeRegions(self.body)
        return self._code

    def component(self, start: int) -> int:
        """A component tag of one of the site's templates; returns the resume point."""
        if self.code.covers(start):
            self.out.source(start, start + 1)
            return start + 1
        tag = jsx.lex(self.body, start)
        if isinstance(tag, jsx.JsxBroken):
            self.error(tag.at, "", tag.message)
            return tag.resume
        name = tag.name
        for offset, message in tag.errors:
            self.error(offset, "", message)
        if tag.closing:
            self.error(start, "", f"closing </{name}> without an opening <{name}>")
            return tag.end
        end, inner = tag.end, ""
        if not tag.self_closing:
            close = self.component_closing_of(tag)
            if close is None:
                self.error(
                    start,
                    "",
                    f"<{name}> is never closed with </{name}> (or self-closed with '/>')",
                )
                return tag.end
            end = close[1]
            inner = self.inner(tag.end, close[0])
        if tag.errors:
            return end
        try:
            markdown = self.site.render(
                name, [], {key: value for key, value, _ in tag.attributes}, inner
            )
        except ShortcodeError as exc:
            self.error(start, name, str(exc))
            return end
        values = [(value, at) for _, value, at in tag.attributes]
        self.synth_mapped(markdown, self.out.line_of(start), values)  # Markdown, as {{% %}}
        return end

    def component_closing_of(self, tag: jsx.JsxTag) -> tuple[int, int] | None:
        """Where ``</Name>`` of an open component tag starts and ends (innermost first)."""
        key = "<" + tag.name
        if key not in self.pairs:
            found: dict[int, tuple[int, int]] = {}
            opened: list[int] = []
            pattern = re.compile("</?" + re.escape(tag.name) + r"(?![A-Za-z0-9_.])")
            for m in pattern.finditer(self.body):
                if self.code.covers(m.start()):
                    continue
                other = jsx.lex(self.body, m.start())
                if isinstance(other, jsx.JsxBroken):
                    continue
                if other.closing and opened:
                    found[opened.pop()] = (other.start, other.end)
                elif not other.closing and not other.self_closing:
                    opened.append(other.start)
            self.pairs[key] = found
        return self.pairs[key].get(tag.start)

    def block(self, tag: _Tag, copied: int) -> int:
        """Figure, video or highlight: a Markdown block of its own; returns the resume point."""
        out = self.out
        line = out.line_of(tag.start)
        out.source(copied, tag.start)
        end = tag.end
        close = None
        if tag.name == "highlight" and not tag.self_closing:
            if self.fence_open:
                self.error(tag.start, "highlight", "a highlight cannot contain another one")
                return tag.end
            close = self.search("highlight", _HIGHLIGHT_CLOSE, tag.end)
            if close is None:
                self.error(
                    tag.start,
                    "",
                    f"shortcode 'highlight' is never closed with "
                    f"'{{{{{tag.delim} /highlight {_CLOSE[tag.delim]}'",
                )
                return tag.end
            end = close.end()
        args = self.arguments(tag)
        report = self.reporter(tag.name)
        if args is None:
            return end
        if tag.name == "highlight":
            info = highlight_info(args, report)
            if info is None:
                return end
            out.begin_block(line)
            if close is None:
                out.synth("```" + info + "\n```\n", line)
                return self.after_block(end, line)
            return self.open_fence(tag.end, close.start(), info, line)
        render = {"figure": render_figure, "youtube": render_youtube, "vimeo": render_vimeo}
        html = render[tag.name](args, report)
        if html is None:
            return end
        out.begin_block(line)
        if tag.name == "figure":
            self.map_paths(html, args)
        out.synth(html + "\n", line)
        return self.after_block(end, line)

    def map_paths(self, html: str, args: dict[str, Arg]) -> None:
        """Remember where the figure's paths stand in the source (the HTML starts a line)."""
        for key, attribute in _PATH_ATTRIBUTES:
            arg = args.get(key)
            if arg is None or arg.at < 0:
                continue
            at = html.find(f'{attribute}="')
            if at == -1:
                continue
            at += len(attribute) + 2
            end = html.find('"', at)
            newlines = html.count("\n", 0, at)
            col = at - (html.rfind("\n", 0, at) + 1)
            self.out.spans.setdefault(self.out.lines + newlines, []).append(
                (col, col + (end - at), self.out.line_of(arg.at), self.out.col_of(arg.at))
            )

    def after_block(self, end: int, line: int) -> int:
        """Skip the rest of a block's line if blank; keep a blank line before what follows."""
        rest = _BLANK_REST.match(self.body, end)
        if rest:
            end = rest.end()
        if end < self.n and not _BLANK_REST.match(self.body, end):
            self.out.synth("\n", line)
        return end

    def open_fence(self, start: int, stop: int, info: str, line: int) -> int:
        """Open the code fence of ``highlight``; its inner text is scanned next (as Hugo does)."""
        head = _BLANK_REST.match(self.body, start)
        if head and head.group().endswith("\n") and head.end() <= stop:
            start = head.end()
        inner = self.body[start:stop]
        longest = max((len(m.group()) for m in _BACKTICKS.finditer(inner)), default=0)
        self.fence_open = "`" * max(3, longest + 1)
        self.out.synth(self.fence_open + info + "\n", line)
        return start

    def close_fence(self, tag: _Tag, copied: int) -> int:
        """``{{< /highlight >}}`` closes the code fence on a line of its own."""
        assert self.fence_open is not None
        line = self.out.line_of(tag.start)
        self.out.source(copied, tag.start)
        self.out.begin_line(line)
        self.out.synth(self.fence_open + "\n", line)
        self.fence_open = None
        return self.after_block(tag.end, line)

    def reporter(self, name: str) -> Callable[[int, str], None]:
        def report(offset: int, message: str) -> None:
            self.error(offset, name, message)

        return report


_MARKUP = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",
    re.S | re.I,
)
_ACTIVE = re.compile(r"[\\`*_\[\]()#+\-.!|~:=>@]")
_BLOCK_TAG = re.compile(
    r"<(?:address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|h[1-6]"
    r"|header|hr|nav|ol|p|pre|section|table|ul)[\s/>]",
    re.IGNORECASE,
)


def inert_html(html: str) -> str:
    """HTML whose text Markdown leaves as it is: its active characters as character references.

    ``{{< name >}}`` output is HTML, not Markdown, in Hugo; inside a paragraph the tags
    pass through Python-Markdown, and this keeps ``**`` or a bare URL in their text literal.
    Scripts, styles, comments, tags and character references are kept as they are.
    """
    out: list[str] = []
    last = 0
    for m in _MARKUP.finditer(html):
        out.append(_ACTIVE.sub(lambda c: f"&#{ord(c.group())};", html[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(_ACTIVE.sub(lambda c: f"&#{ord(c.group())};", html[last:]))
    return "".join(out)


def raw_block(html: str, name: str) -> str:
    """Block output Markdown keeps raw: as it is when it is an HTML block, else in a div.

    Its text is made inert too: fences and other preprocessed Markdown would otherwise be
    read inside the raw block.
    """
    text = inert_html(html.strip())
    if _BLOCK_TAG.match(text) and text.endswith(">"):
        return text
    css = re.sub(r"[^A-Za-z0-9_-]", "-", name)
    return f'<div class="podium-shortcode podium-shortcode--{css}">\n{text}\n</div>'


def expand(
    body: str,
    *,
    path: str,
    first_line: int,
    problems: Problems,
    resolve_ref: Callable[[str], str | None],
    site: SiteShortcodes = NONE,
) -> Expanded:
    """Expand every shortcode in ``body`` (which starts at file line ``first_line``).

    Problems are added to ``problems`` with ``path`` and file positions; a
    shortcode with a problem is replaced by nothing.  ``resolve_ref(target)``
    maps a ``ref``/``relref`` target (without its ``#anchor``) to the page's
    root-absolute content path, or ``None`` when there is no such page.  ``site`` holds
    the site's own shortcodes (:mod:`podium.site_shortcodes`).
    """
    if _opening(site.components).search(body) is None:
        # Most posts call no shortcode: skip building the text piece by piece.
        return Expanded(body, _unchanged_lines(body, first_line))
    return _Scanner(body, path, first_line, problems, resolve_ref, site).run()


def _unchanged_lines(body: str, first_line: int) -> list[int]:
    """The line map of a body copied as it is: one entry per line, a final newline ends one."""
    if not body:
        return []
    count = body.count("\n") + (not body.endswith("\n"))
    return list(range(first_line, first_line + count))
