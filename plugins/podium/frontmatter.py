"""Split a post into front matter and body, reading YAML, TOML or JSON.

python-frontmatter does the detecting, splitting and loading, through
Podium's handlers (:class:`PodiumYAMLHandler`, :class:`PodiumTOMLHandler`,
:class:`PodiumJSONHandler`), which keep Podium's rules (DESIGN §2, BAD-INPUT A
and B) and where every value stands:

- YAML sits between ``---`` lines and may also be closed with ``...`` (the
  YAML document-end marker, accepted as MkDocs does, A14).  TOML sits between
  ``+++`` lines.  JSON is an object at the top of the file, ending at its
  matching ``}`` (Hugo's third format).
- A delimiter line is exactly ``---`` or ``+++``; trailing spaces and tabs are
  allowed.  ``----`` (four or more) on the first line is an error, not front
  matter and not a horizontal rule: we chose to reject it rather than guess (A12).
- Blank lines before the opening delimiter are accepted and counted (A6).
- The front matter ends at the first closing delimiter, so later ``---``
  horizontal rules stay in the body (A13).
- A file without front matter has format ``"none"`` and empty data; the
  caller decides what is missing.

Lines and columns in every problem and in :class:`Positions` are file lines.
``frontmatter.parse(text, handler=PodiumYAMLHandler(path, problems))`` gives the
same data, with the handler's ``positions``; it strips the text first, so there
lines count from the first non-blank one and the body comes back stripped.
:func:`split_front_matter` calls the same handlers on the text as it is.
"""

from __future__ import annotations

import bisect
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

import frontmatter  # python-frontmatter: absolute, so not this module
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from podium.positions import PathKey, Positions, dotted
from podium.problems import Problem, Problems
from podium.yamlsafe import MAX_DEPTH, load_yaml

Format = Literal["yaml", "toml", "json", "none"]

MAX_DIGITS = 50
_NESTING = f"nesting deeper than {MAX_DEPTH} levels"
# Leading blank lines: lines of whitespace (\s is what str.strip() removes), then the first line.
_BLANK_LINES = r"(?:[^\S\n]*+\n)*+"  # possessive: far faster, and never needs to give back
_TOML_ERROR = re.compile(r"^(.*?) \((?:at line (\d+), column (\d+)|at end of document)\)$", re.S)
_TOML_TOKEN = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]'
)
_TOML_KEY_PART = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+')
_TOML_KEY = re.compile(
    rf"((?:{_TOML_KEY_PART.pattern})(?:[ \t]*\.[ \t]*(?:{_TOML_KEY_PART.pattern}))*)[ \t]*=[ \t]*"
)
_TOML_HEADER = re.compile(r"[ \t]*(\[\[?)[ \t]*([^\]]+?)[ \t]*\]\]?[ \t]*(?:#.*)?")
_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
# A post may open with a shortcode such as '{{< figure >}}'; JSON opens with a key or '}'.
_JSON_START = re.compile(rf'{_BLANK_LINES}(\{{)\s*["}}]')
_TOML_SCALAR = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^#]*')
_NEWLINE = re.compile("\n")
_NUMBER = re.compile(r"[+-]?[0-9][0-9_.eE+-]*")


@dataclass(frozen=True)
class FrontMatter:
    """A post's front matter, parsed, with where each value stands in the file."""

    format: Format
    data: dict[str, object]
    positions: Positions
    body: str
    body_line: int  # 1-based file line on which the body starts


def split_front_matter(text: str, path: str, problems: Problems) -> FrontMatter | None:
    """Decoded post text -> :class:`FrontMatter`, or None after recording why it is broken."""
    if not text.strip():
        problems.error(path, 1, 0, "", "empty file; a post needs front matter with title and date")
        return None
    # Made as detect_format tries them, so a YAML post (most of them) makes one handler.
    handlers = (make(path, problems) for make in _HANDLERS)
    # detect_format returns one of the handlers it is given, or None.
    handler = cast("_PodiumHandler | None", frontmatter.detect_format(text, handlers))
    if handler is None:
        return FrontMatter("none", {}, Positions(), text, 1)
    try:
        block, body = handler.split(text)
        data = handler.load(block)
    except FrontMatterError:
        return None
    return FrontMatter(handler.FORMAT, data, handler.positions, body, handler.body_line)


def salvage(text: str) -> tuple[str, str, int]:
    """What can still be read of front matter that does not load: (the block, the body
    after it, the file line the body starts on). Never closed: the text, no body."""
    handler = cast("_PodiumHandler | None", frontmatter.detect_format(text, podium_handlers()))
    if handler is None:
        return "", text, 1
    try:
        block, body = handler.split(text)
    except (FrontMatterError, ValueError):
        return text, "", text.count("\n") + 2
    return block, body, handler.body_line


def dump_post(meta: Mapping[str, object], body: str) -> str:
    """A post's text: ``meta`` as YAML between ``---`` lines, a blank line, ``body``.

    Written by python-frontmatter with :class:`PodiumYAMLHandler`; keys keep their
    order.  The library strips ``body`` and the text it writes, so the final
    newline is added here.
    """
    post = frontmatter.Post(body)
    # Not Post(body, **meta): a key named "content" or "handler" would clash.
    post.metadata.update(meta)
    return frontmatter.dumps(post, handler=PodiumYAMLHandler()) + "\n"


def podium_handlers(path: str = "<text>", problems: Problems | None = None) -> list[BaseHandler]:
    """Fresh handlers for one file, in the order ``frontmatter.detect_format`` tries them."""
    problems = Problems() if problems is None else problems
    return [make(path, problems) for make in _HANDLERS]


# python-frontmatter handlers


class FrontMatterError(Exception):
    """Front matter that is there but broken; its problems are already recorded.

    Not a ValueError: ``frontmatter.parse`` takes a ValueError from ``split`` to
    mean "no front matter" and would hand the whole text back as the body.
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _PodiumHandler(BaseHandler):
    """What Podium's handlers share: the file they read, its problems, and where things are.

    A handler holds the state of one file (``positions``, ``body_line``), so
    :func:`podium_handlers` makes fresh ones for each.
    """

    FORMAT: Format

    def __init__(self, path: str = "<text>", problems: Problems | None = None) -> None:
        super().__init__()
        self.path = path
        self.problems = Problems() if problems is None else problems
        self.positions = Positions()
        self.open_line = 1  # file line of the opening delimiter (or of the JSON '{')
        self.body_line = 1

    def _broken(self, since: int) -> FrontMatterError:
        return FrontMatterError(self.problems.items[since:])

    def _error(self, line: int, col: int, message: str) -> FrontMatterError:
        since = len(self.problems)
        self.problems.error(self.path, line, col, "", message)
        return self._broken(since)

    def load(self, fm: str, **kwargs: object) -> dict[str, object]:
        # Declared for the type: each of Podium's handlers loads a mapping or raises.
        raise NotImplementedError


class _Delimited(_PodiumHandler):
    """Front matter between delimiter lines (YAML, TOML): Podium's detect and split.

    ``FM_BOUNDARY`` matches a closing line; ``START_DELIMITER`` is the only opening.
    """

    # The first non-blank line, made of three or more times the sign: '----' is detected
    # too, so that split rejects it rather than leave it in the body.
    OPENING: re.Pattern[str]
    OTHER: re.Pattern[str]  # the other format's delimiter line, for the never-closed hint

    def detect(self, text: str) -> bool:
        return bool(self.OPENING.match(text))

    def split(self, text: str) -> tuple[str, str]:
        found = self.OPENING.match(text)
        if not found:
            raise ValueError(f"no front matter opened with '{self.START_DELIMITER}'")
        self.open_line = text.count("\n", 0, found.start(1)) + 1
        opening = found.group(1).rstrip(" \t")
        if opening != self.START_DELIMITER:
            message = f"front matter delimiter must be exactly '{opening[:3]}' (got '{opening}')"
            raise self._error(self.open_line, 1, message)
        block_start = found.end() + 1
        assert self.FM_BOUNDARY is not None
        # With the opening line last, block_start is past the end: nothing is found.
        close = self.FM_BOUNDARY.search(text, block_start)
        if close is None:
            message = (
                f"front matter opened with '{opening}' on line {self.open_line} is never closed"
            )
            hint = self.OTHER.search(text, block_start)
            if hint is None:
                message += f" (add a line '{opening}')"
            else:
                other = hint.group().rstrip(" \t")
                line_no = text.count("\n", 0, hint.start()) + 1
                message += f"; found '{other}' on line {line_no} (close it with '{opening}')"
            raise self._error(self.open_line, 0, message)
        block = text[block_start : max(block_start, close.start() - 1)]
        self.body_line = text.count("\n", 0, close.start()) + 2
        return block, text[close.end() + 1 :]

    def _mapping(self, data: object, since: int) -> dict[str, object]:
        if len(self.problems) > since:
            raise self._broken(since)
        if data is None:
            return {}
        if not isinstance(data, dict):
            got = _kind_of(data)
            message = f"front matter must be key: value pairs, got {got}"
            raise self._error(self.positions.root[0], 0, message)
        return data


class PodiumYAMLHandler(_Delimited, YAMLHandler):
    """YAML between ``---`` lines, closed by ``---`` or ``...``, read by :func:`load_yaml`."""

    FORMAT: Format = "yaml"
    FM_BOUNDARY = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
    OPENING = re.compile(rf"{_BLANK_LINES}(-{{3,}}[ \t]*)$", re.M)
    OTHER = re.compile(r"^\+\+\+[ \t]*$", re.M)

    def load(self, fm: str, **kwargs: object) -> dict[str, object]:
        since = len(self.problems)
        data, self.positions = load_yaml(fm, self.path, self.problems, line_offset=self.open_line)
        return self._mapping(data, since)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        # Key order kept, long titles on one line: the way a person writes front matter.
        options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 4096}
        options.update(kwargs)
        return str(yaml.safe_dump(metadata, default_flow_style=False, **options)).strip()


class PodiumTOMLHandler(_Delimited):
    """TOML between ``+++`` lines, read with :mod:`tomllib`.

    Not a subclass of python-frontmatter's ``TOMLHandler``: that one exists only
    when the third-party ``toml`` package is installed (it is None otherwise).
    """

    FORMAT: Format = "toml"
    FM_BOUNDARY = re.compile(r"^\+\+\+[ \t]*$", re.M)
    START_DELIMITER = END_DELIMITER = "+++"
    OPENING = re.compile(rf"{_BLANK_LINES}(\+{{3,}}[ \t]*)$", re.M)
    OTHER = re.compile(r"^---[ \t]*$", re.M)

    def load(self, fm: str, **kwargs: object) -> dict[str, object]:
        since = len(self.problems)
        data, self.positions = _toml(fm, self.path, self.problems, self.open_line)
        return self._mapping(data, since)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        raise NotImplementedError("tomllib only reads TOML; write front matter as YAML")


class PodiumJSONHandler(_PodiumHandler, JSONHandler):
    """A JSON object at the top of the file, ending at its matching ``}``.

    ``split`` decodes the object to find where it ends (a ``}`` line proves
    nothing: it may sit inside a string), so ``load`` of the text it returned
    gives that object rather than decode it again.
    """

    FORMAT: Format = "json"

    def __init__(self, path: str = "<text>", problems: Problems | None = None) -> None:
        super().__init__(path, problems)
        self._split: tuple[str, dict[str, object]] | None = None

    def detect(self, text: str) -> bool:
        return bool(_JSON_START.match(text))

    def split(self, text: str) -> tuple[str, str]:
        found = _JSON_START.match(text)
        if not found:
            raise ValueError("no JSON object at the top")
        start = found.start(1)
        self.open_line = text.count("\n", 0, start) + 1
        since = len(self.problems)
        scan = _JsonScan(text, self.path, self.problems)
        scan.run(start)
        self.positions = scan.positions
        if scan.failed:
            raise self._broken(since)
        data, end = self._decode(text, start)
        rest = text[end:]
        newline = rest.find("\n")
        end_line = scan.lines.at(end)[0]
        if newline < 0:
            body, self.body_line = ("", end_line + 1) if not rest.strip() else (rest, end_line)
        elif not rest[:newline].strip():
            body, self.body_line = rest[newline + 1 :], end_line + 1
        else:
            body, self.body_line = rest, end_line
        self._split = (text[start:end], data)
        return self._split[0], body

    def load(self, fm: str, **kwargs: object) -> dict[str, object]:
        """The object ``fm`` starts with (after split, all of it)."""
        if self._split and fm is self._split[0]:
            return self._split[1]
        return self._decode(fm, len(fm) - len(fm.lstrip()))[0]

    def _decode(self, text: str, start: int) -> tuple[dict[str, object], int]:
        duplicates: list[str] = []

        def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
            result = dict(items)
            if len(result) < len(items):
                duplicates.append(next(k for i, (k, _) in enumerate(items) if k in dict(items[:i])))
            return result

        try:
            data, end = json.JSONDecoder(object_pairs_hook=pairs).raw_decode(text, start)
        except json.JSONDecodeError as exc:
            raise self._error(exc.lineno, exc.colno, f"JSON: {exc.msg}") from None
        except (RecursionError, ValueError):
            raise self._error(*self.positions.root, "JSON: cannot read this object") from None
        if duplicates:
            # The scan names the exact place; this only guards against a scan that missed it.
            raise self._error(*self.positions.root, f"duplicate key '{duplicates[0]}'")
        return data, end


_HANDLERS: tuple[type[_PodiumHandler], ...] = (
    PodiumYAMLHandler,
    PodiumTOMLHandler,
    PodiumJSONHandler,
)


# Reading each format, with positions


def _kind_of(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a single value"


def _too_long(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text)) and sum(ch.isdigit() for ch in text) > MAX_DIGITS


class _Lines:
    """Maps offsets in a text to 1-based (line, column)."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


def _toml_depth(block: str, lines: _Lines) -> tuple[int, int] | None:
    """Where brackets first nest too deep: tomllib recurses once per level (I3)."""
    depth = 0
    for match in _TOML_TOKEN.finditer(block):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return lines.at(match.start())
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
    return None


def _key_parts(text: str) -> tuple[str, ...]:
    parts = _TOML_KEY_PART.findall(text)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _toml_positions(block: str, open_line: int) -> Positions:
    """Positions from a line scan: keys, headers and single-line values are enough for hints."""
    positions = Positions(root=(open_line + 1, 1))
    prefix: PathKey = ()
    counts: dict[tuple[str, ...], int] = {}
    in_string = ""
    for number, line in enumerate(block.split("\n"), start=open_line + 1):
        if in_string:
            if line.count(in_string) % 2:
                in_string = ""
            continue
        header = _TOML_HEADER.fullmatch(line)
        if header:
            names = _key_parts(header.group(2))
            where = (number, header.start(2) + 1)
            if header.group(1) == "[[":
                counts[names] = counts.get(names, -1) + 1
                prefix = (*names, counts[names])
            else:
                prefix = names
            positions.keys[names] = where
            positions.values[prefix] = where
            continue
        match = _TOML_KEY.match(line, len(line) - len(line.lstrip()))
        if not match:
            continue
        key = (*prefix, *_key_parts(match.group(1)))
        value = line[match.end() :]
        positions.keys[key] = (number, match.start() + 1)
        positions.values[key] = (number, match.end() + 1)
        for quotes in ('"""', "'''"):
            if value.count(quotes) % 2:
                in_string = quotes
        if not in_string:
            token = _TOML_SCALAR.match(value)
            positions.scalars[key] = token.group().strip() if token else value
    return positions


def _deep(data: object) -> bool:
    # Dotted keys nest without brackets, so the bracket scan cannot see this depth.
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def _toml(block: str, path: str, problems: Problems, open_line: int) -> tuple[object, Positions]:
    lines = _Lines(block, open_line + 1)
    positions = _toml_positions(block, open_line)
    deep = _toml_depth(block, lines)
    if deep:
        problems.error(path, deep[0], deep[1], "", _NESTING)
        return None, positions
    too_long = [key for key, text in positions.scalars.items() if _too_long(text)]
    for key in too_long:
        line, col = positions.values[key]
        problems.error(path, line, col, dotted(key), "number too large")
    if too_long:
        return None, positions
    try:
        # The closing '+++' line is not in the block; without a final newline tomllib
        # reports errors on the last line "at end of document", with no position.
        data: dict[str, object] = tomllib.loads(block + "\n")
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_ERROR.match(str(exc))
        message = match.group(1) if match else str(exc)
        if message == "Cannot overwrite a value":
            message = "duplicate key"
        if match and match.group(2):
            line, col = int(match.group(2)) + open_line, int(match.group(3))
            if message == "duplicate key":
                # tomllib points past the value; the key that repeats is the useful place.
                col = min((c for ln, c in positions.keys.values() if ln == line), default=col)
        else:
            line, col = open_line + max(1, block.count("\n") + 1), 0
        problems.error(path, line, col, "", f"TOML: {message}")
        return None, positions
    except RecursionError:
        problems.error(path, positions.root[0], 0, "", _NESTING)
        return None, positions
    except ValueError:
        # int() refuses thousands of digits inside arrays, where the line scan cannot see.
        problems.error(path, positions.root[0], 0, "", "number too large")
        return None, positions
    if _deep(data):
        problems.error(path, positions.root[0], 0, "", _NESTING)
        return None, positions
    return data, positions


def _json_key(token: str) -> str:
    try:
        return str(json.loads(token))
    except ValueError:
        # The decoder reports the broken string itself; the scan only needs a name.
        return token[1:-1]


class _JsonScan:
    """Walks JSON tokens to find positions, duplicate keys, long numbers and deep nesting."""

    def __init__(self, text: str, path: str, problems: Problems) -> None:
        self.text = text
        self.path = path
        self.problems = problems
        self.lines = _Lines(text)
        self.positions = Positions()
        self.failed = False

    def error(self, offset: int, key: PathKey, message: str) -> None:
        self.failed = True
        line, col = self.lines.at(offset)
        self.problems.error(self.path, line, col, dotted(key), message)

    def run(self, start: int) -> None:
        # Each open container: [path, next index or None for objects, key seen lines]
        stack: list[tuple[PathKey, list[int], dict[str, int]]] = []
        pending: PathKey | None = ()
        expect_key = False
        self.positions.root = self.lines.at(start)
        for match in _JSON_TOKEN.finditer(self.text, start):
            token, offset = match.group(), match.start()
            if token in (":", ","):
                if token == "," and stack:
                    path, index, _ = stack[-1]
                    if index:
                        index[0] += 1
                        pending = (*path, index[0])
                    else:
                        expect_key = True
                continue
            if token in ("}", "]"):
                stack.pop()
                expect_key, pending = False, None
                if not stack:
                    return
                continue
            if expect_key and token.startswith('"'):
                path, _, seen = stack[-1]
                name = _json_key(token)
                where = self.lines.at(offset)
                if name in seen:
                    self.error(offset, path, f"duplicate key '{name}' (first at line {seen[name]})")
                seen.setdefault(name, where[0])
                pending = (*path, name)
                self.positions.keys[pending] = where
                expect_key = False
                continue
            if pending is None:
                continue
            self.positions.values[pending] = self.lines.at(offset)
            if token in ("{", "["):
                if len(stack) >= MAX_DEPTH:
                    self.error(offset, (), _NESTING)
                    return
                stack.append((pending, [0] if token == "[" else [], {}))
                expect_key = token == "{"
                pending = (*pending, 0) if token == "[" else None
                continue
            self.positions.scalars[pending] = token
            if _too_long(token):
                self.error(offset, pending, "number too large")
            pending = None
