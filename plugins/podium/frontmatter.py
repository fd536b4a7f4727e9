"""Split a post into front matter and body, reading YAML, TOML or JSON.

Rules (DESIGN §2, BAD-INPUT A and B):

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
"""

from __future__ import annotations

import bisect
import json
import re
import tomllib
from dataclasses import dataclass
from typing import Literal

from podium.positions import PathKey, Positions, dotted
from podium.problems import Problems
from podium.yamlsafe import MAX_DEPTH, load_yaml

Format = Literal["yaml", "toml", "json", "none"]

MAX_DIGITS = 50
_NESTING = f"nesting deeper than {MAX_DEPTH} levels"
_DELIMITERS = {"---": "yaml", "+++": "toml"}
_LONG_DELIMITER = re.compile(r"(-{4,}|\+{4,})[ \t]*")
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
_JSON_START = re.compile(r'\{\s*["}]')
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


def split_front_matter(text: str, path: str, problems: Problems) -> FrontMatter | None:
    """Decoded post text -> :class:`FrontMatter`, or None after recording why it is broken."""
    if not text.strip():
        problems.error(path, 1, 0, "", "empty file; a post needs front matter with title and date")
        return None
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    opening = lines[first].rstrip(" \t")
    if opening in _DELIMITERS:
        return _delimited(lines, first, path, problems)
    if _LONG_DELIMITER.fullmatch(lines[first]):
        exact = opening[:3]
        message = f"front matter delimiter must be exactly '{exact}' (got '{opening}')"
        problems.error(path, first + 1, 1, "", message)
        return None
    if opening.startswith("{") and _JSON_START.match(text, text.index("{")):
        return _json(text, path, problems)
    return FrontMatter("none", {}, Positions(), text, 1)


def _delimited(lines: list[str], first: int, path: str, problems: Problems) -> FrontMatter | None:
    opening = lines[first].rstrip(" \t")
    closers = ("---", "...") if opening == "---" else ("+++",)
    close = next(
        (i for i in range(first + 1, len(lines)) if lines[i].rstrip(" \t") in closers), None
    )
    open_line = first + 1
    if close is None:
        message = f"front matter opened with '{opening}' on line {open_line} is never closed"
        other = "+++" if opening == "---" else "---"
        found = next(
            (i for i in range(first + 1, len(lines)) if lines[i].rstrip(" \t") == other), None
        )
        if found is None:
            message += f" (add a line '{opening}')"
        else:
            message += f"; found '{other}' on line {found + 1} (close it with '{opening}')"
        problems.error(path, open_line, 0, "", message)
        return None
    block = "\n".join(lines[first + 1 : close])
    before = len(problems)
    if opening == "---":
        data, positions = load_yaml(block, path, problems, line_offset=open_line)
        fmt: Format = "yaml"
    else:
        data, positions = _toml(block, path, problems, open_line)
        fmt = "toml"
    if len(problems) > before:
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        got = _kind_of(data)
        problems.error(
            path, positions.root[0], 0, "", f"front matter must be key: value pairs, got {got}"
        )
        return None
    body = "\n".join(lines[close + 1 :])
    return FrontMatter(fmt, data, positions, body, close + 2)


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


def _json(text: str, path: str, problems: Problems) -> FrontMatter | None:
    start = text.index("{")
    scan = _JsonScan(text, path, problems)
    scan.run(start)
    if scan.failed:
        return None
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        result = dict(items)
        if len(result) < len(items):
            duplicates.append(next(k for i, (k, _) in enumerate(items) if k in dict(items[:i])))
        return result

    try:
        data, end = json.JSONDecoder(object_pairs_hook=pairs).raw_decode(text, start)
    except json.JSONDecodeError as exc:
        problems.error(path, exc.lineno, exc.colno, "", f"JSON: {exc.msg}")
        return None
    except (RecursionError, ValueError):
        problems.error(path, *scan.positions.root, "", "JSON: cannot read this object")
        return None
    if duplicates:
        # The scan names the exact place; this only guards against a scan that missed it.
        problems.error(path, *scan.positions.root, "", f"duplicate key '{duplicates[0]}'")
        return None
    rest = text[end:]
    newline = rest.find("\n")
    end_line = scan.lines.at(end)[0]
    if newline < 0:
        body, body_line = ("", end_line + 1) if not rest.strip() else (rest, end_line)
    elif not rest[:newline].strip():
        body, body_line = rest[newline + 1 :], end_line + 1
    else:
        body, body_line = rest, end_line
    return FrontMatter("json", data, scan.positions, body, body_line)
