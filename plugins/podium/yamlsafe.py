"""Load YAML from content and data files safely, keeping every position.

PyYAML only composes the node tree here; the Python values are built by
:class:`_Builder`, which allows the core tags only, so no tag can ever run
code (BAD-INPUT B8).  Building values ourselves also lets us report what
PyYAML would hide or crash on: duplicate keys, non-string keys, huge numbers,
alias bombs, recursive aliases and deep nesting (B4, B10, B11, B13, I1–I3).

Timestamps stay the strings they were written as: dates are checked later,
with messages that name the field.  When any error is recorded the data is
``None``: a half-read document would only produce follow-up noise.
"""

from __future__ import annotations

import bisect
import functools
import re

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from podium.positions import PathKey, Positions, dotted
from podium.problems import Problems

_CLoader: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)

MAX_DEPTH = 50
MAX_ALIASES = 100
MAX_DIGITS = 50

_CORE = "tag:yaml.org,2002:"
_KEY_TAGS = frozenset({_CORE + "str", _CORE + "value"})
_MERGE = _CORE + "merge"
_SCALAR_KINDS = {"str", "int", "float", "bool", "null", "timestamp", "merge", "value"}
_NESTING = f"nesting deeper than {MAX_DEPTH} levels"
_TOO_MANY_ALIASES = f"too many YAML aliases (limit {MAX_ALIASES})"
_NEWLINE = re.compile("\n")
_KEY_VALUE = re.compile(r"^(?:-\s+)*([^\s#][^:#]*?):\s+(.+?)\s*$")


class _Locator:
    """File (line, column) of a PyYAML mark.

    PyYAML also breaks lines at U+0085, U+2028 and U+2029, which editors and the
    rest of Podium do not, so positions come from the mark's character index.
    """

    def __init__(self, text: str, line_offset: int) -> None:
        self.text = text
        self.offset = line_offset
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def row(self, mark: Mark) -> int:
        return bisect.bisect_right(self.starts, mark.index) - 1

    def at(self, mark: Mark | None) -> tuple[int, int]:
        if mark is None:
            return (1 + self.offset, 0)
        # row() inlined: this runs for every key and value of every file.
        row = bisect.bisect_right(self.starts, mark.index) - 1
        return (row + 1 + self.offset, mark.index - self.starts[row] + 1)

    def line(self, mark: Mark) -> tuple[str, int]:
        """The text of the mark's line and the mark's 0-based column in it."""
        row = self.row(mark)
        start = self.starts[row]
        end = self.starts[row + 1] - 1 if row + 1 < len(self.starts) else len(self.text)
        return self.text[start:end], mark.index - start


class _Limit(Exception):
    """A document is too deep or has too many aliases: stop before doing more work."""

    def __init__(self, message: str, mark: Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def _mark(mark: object) -> Mark | None:
    # Event marks are typed for the C loader too; the pure-Python one always gives a Mark.
    return mark if isinstance(mark, Mark) else None


class _AliasNode(Node):
    """Marks where an alias was written, so errors in its expansion point there (B13)."""

    id = "alias"

    def __init__(self, target: Node, start_mark: Mark | None, end_mark: Mark | None) -> None:
        super().__init__(target.tag, target, start_mark, end_mark)
        self.target = target


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer counts depth and aliases while reading events."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event: AliasEvent = self.get_event()  # type: ignore[no-untyped-call]
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(_TOO_MANY_ALIASES, _mark(event.start_mark))
            if event.anchor not in self.anchors:
                message = f"alias '*{event.anchor}' has no anchor '&{event.anchor}' before it"
                raise _Limit(f"YAML: {message}", _mark(event.start_mark))
            # PyYAML would hand back the shared node; keep the alias site instead.
            target = self.anchors[event.anchor]
            return _AliasNode(target, _mark(event.start_mark), _mark(event.end_mark))
        if not self.check_event(CollectionStartEvent):
            return super().compose_node(parent, index)
        # PyYAML's composer recurses once per level: stop long before RecursionError (I3).
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                start = self.peek_event()  # type: ignore[no-untyped-call]
                raise _Limit(_NESTING, start.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _kind(node: Node) -> str | None:
    return _tag_kind(node.tag)


@functools.lru_cache(maxsize=256)
def _tag_kind(tag: str) -> str | None:
    """``'tag:yaml.org,2002:str'`` -> ``'str'``; cached, as a handful of tags cover every node."""
    return tag[len(_CORE) :] if tag.startswith(_CORE) else None


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


class _Builder:
    """Builds plain Python values from a composed node tree, recording positions."""

    def __init__(self, path: str, problems: Problems, locator: _Locator) -> None:
        self.path = path
        self.problems = problems
        self.locator = locator
        self.positions = Positions()
        self.failed = False
        self._expansions = 0
        self._open: set[int] = set()
        self._constructor = SafeConstructor()

    def where(self, node: Node, site: tuple[int, int] | None = None) -> tuple[int, int]:
        if site is not None:
            return site
        mark = node.start_mark
        return self.locator.at(mark) if mark else self.positions.root

    def error(self, where: tuple[int, int], key: PathKey, message: str) -> None:
        self.failed = True
        self.problems.error(self.path, where[0], where[1], dotted(key), message)

    def value(self, node: Node, key: PathKey, depth: int, site: tuple[int, int] | None) -> object:
        if isinstance(node, _AliasNode):
            alias_site = self.where(node, site)
            if id(node.target) in self._open:
                self.error(alias_site, key, "recursive YAML alias")
                return None
            if not isinstance(node.target, ScalarNode):
                # Count expansions, not alias nodes: billion laughs has only 80 aliases (I1).
                self._expansions += 1
                if self._expansions > MAX_ALIASES:
                    self.error(alias_site, (), _TOO_MANY_ALIASES)
                    raise _Limit(_TOO_MANY_ALIASES, None)
            return self.value(node.target, key, depth, alias_site)
        where = self.where(node, site)
        self.positions.values[key] = where
        if isinstance(node, ScalarNode):
            self.positions.scalars[key] = node.value
            return self.scalar(node, key, where)
        expected = "seq" if isinstance(node, SequenceNode) else "map"
        if _kind(node) != expected:
            self.tag_error(node, key, where)
            return None
        if depth >= MAX_DEPTH:
            self.error(where, (), _NESTING)
            raise _Limit(_NESTING, None)
        self._open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                children = enumerate(node.value)
                return [self.value(child, (*key, i), depth + 1, site) for i, child in children]
            assert isinstance(node, MappingNode)
            return self.mapping(node, key, depth, site)
        finally:
            self._open.discard(id(node))

    def tag_error(self, node: Node, key: PathKey, where: tuple[int, int]) -> None:
        self.error(where, key, f"YAML tag '{_show_tag(node.tag)}' is not allowed")

    def scalar(self, node: ScalarNode, key: PathKey, where: tuple[int, int]) -> object:
        kind = _kind(node)
        text: str = node.value
        if kind == "str":
            return text  # by far the most common: none of the checks below applies
        if kind not in _SCALAR_KINDS:
            self.tag_error(node, key, where)
            return None
        if kind == "null":
            return None
        if kind == "timestamp":
            if not SafeConstructor.timestamp_regexp.match(text):
                self.error(where, key, f"YAML tag '!!timestamp' needs a date, got '{text}'")
            return text
        if kind in ("int", "float") and _digits(text) > MAX_DIGITS:
            self.error(where, key, "number too large")
            return None
        try:
            if kind == "bool":
                return self._constructor.construct_yaml_bool(node)
            if kind == "int":
                return self._constructor.construct_yaml_int(node)
            if kind == "float":
                return self._constructor.construct_yaml_float(node)
        except (KeyError, ValueError, TypeError, IndexError):
            wanted = {"bool": "true or false", "int": "a whole number", "float": "a number"}[kind]
            self.error(where, key, f"YAML tag '!!{kind}' needs {wanted}, got '{text}'")
            return None
        return text

    def key_text(self, node: Node, key: PathKey, site: tuple[int, int] | None) -> str | None:
        if isinstance(node, ScalarNode) and node.tag in _KEY_TAGS:
            return str(node.value)  # a plain key, as nearly all are: nothing to report
        target = node.target if isinstance(node, _AliasNode) else node
        where = self.where(node, site)
        kind = _kind(target)
        if isinstance(target, ScalarNode):
            if kind in ("str", "value"):
                return str(target.value)
            got = {
                "int": f"the number {target.value}",
                "float": f"the number {target.value}",
                "bool": f"boolean {target.value}",
                "null": "null",
                "timestamp": f"date {target.value}",
            }.get(kind or "")
        else:
            got = "a list" if isinstance(target, SequenceNode) else "a mapping"
            if kind not in ("seq", "map"):
                got = None
        if got is None:
            self.tag_error(target, key, where)
        else:
            self.error(where, key, f"keys must be plain strings (got {got})")
        return None

    def mapping(
        self, node: MappingNode, key: PathKey, depth: int, site: tuple[int, int] | None
    ) -> dict[str, object]:
        result: dict[str, object] = {}
        explicit: list[tuple[Node, Node]] = []
        for knode, vnode in node.value:
            if isinstance(knode, ScalarNode) and knode.tag == _MERGE:
                self.merge(vnode, result, key, depth, site)
            else:
                explicit.append((knode, vnode))
        # Merged keys come first and explicit keys win, as in PyYAML's flatten_mapping.
        first_line: dict[str, int] = {}
        for knode, vnode in explicit:
            name = self.key_text(knode, key, site)
            if name is None:
                continue
            where = self.where(knode, site)
            if name in first_line:
                message = f"duplicate key '{name}' (first at line {first_line[name]})"
                self.error(where, key, message)
                continue
            first_line[name] = where[0]
            self.positions.keys[(*key, name)] = where
            result[name] = self.value(vnode, (*key, name), depth + 1, site)
        return result

    def merge(
        self,
        node: Node,
        into: dict[str, object],
        key: PathKey,
        depth: int,
        site: tuple[int, int] | None,
    ) -> None:
        target = node.target if isinstance(node, _AliasNode) else node
        sources = target.value if isinstance(target, SequenceNode) else [node]
        own = self.positions.values.get(key)
        # In a list of merged mappings the earlier ones win, so apply them last.
        for source in reversed(sources):
            merged = self.value(source, key, depth, site)
            if isinstance(merged, dict):
                into.update(merged)
            elif merged is not None or not self.failed:
                message = "'<<' must merge a mapping or a list of mappings"
                self.error(self.where(source, site), key, f"YAML: {message}")
        if own is not None:
            self.positions.values[key] = own


def _mapping_hint(line: str, column: int) -> str:
    match = _KEY_VALUE.match(line.strip())
    first_colon = line.find(": ")
    if match and 0 <= first_colon < column:
        value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
        return f' — quote the value: {match.group(1)}: "{value}"'
    return " — check the indentation of this line"


def _syntax_message(exc: yaml.MarkedYAMLError, locator: _Locator) -> tuple[Mark | None, str]:
    """PyYAML's error -> (mark, message) phrased for people who write front matter."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark, opening = exc.problem_mark, exc.context_mark
    if context.startswith("expected a single document"):
        return mark, "YAML: a second document starts here; one event per file"
    if "'\\t'" in problem or "tab character" in problem:
        line, column = locator.line(mark) if mark else ("", 0)
        leading = not line[:column].strip()
        where = "used for indentation" if leading else "here"
        return mark, f"YAML: tab character {where} — use spaces"
    if problem == "mapping values are not allowed here" and mark is not None:
        return mark, f"YAML: {problem}{_mapping_hint(*locator.line(mark))}"
    unclosed = "end of stream" in problem or "document" in problem
    if context == "while scanning a quoted scalar" and unclosed:
        return opening, "YAML: unclosed quoted string started here"
    for kind, bracket in (("sequence", "["), ("mapping", "{")):
        in_flow = context == f"while parsing a flow {kind}" and opening is not None
        # A flow collection that runs past its own line almost always lacks its closer.
        if in_flow and (unclosed or mark is None or opening is None or mark.line != opening.line):
            return opening, f"YAML: unclosed '{bracket}' started here"
    if context.startswith("found duplicate anchor"):
        first = f" (first on line {locator.at(opening)[0]})" if opening else ""
        return mark, f"YAML: {context.split(';')[0]}{first}"
    message = f"YAML: {problem or context}"
    if problem and context and opening is not None:
        message += f" ({context} on line {locator.at(opening)[0]})"
    return mark or opening, message


_SLOW = Node("", "", None, None)
_FAST_LIMIT = MAX_DEPTH - 10


def _compose_fast(text: str) -> Node | None:
    """Compose with libyaml when the text cannot hit a limit; else ``_SLOW``.

    libyaml is an order of magnitude faster than the pure-Python composer, which
    matters with thousands of posts.  It cannot count aliases or stop deep
    nesting on the way, so only documents without anchors, aliases or tags and
    with shallow nesting take this path; any error falls back to the
    pure-Python loader, whose messages the rest of Podium is built around.
    """
    if not _CLoader or any(c in text for c in "&*!\t"):
        return _SLOW
    if text.count("[") + text.count("{") > _FAST_LIMIT:
        return _SLOW
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.split("\n")), default=0)
    if indent > _FAST_LIMIT:
        return _SLOW
    try:
        loader = _CLoader(text)
        try:
            node: Node | None = loader.get_single_node()
        finally:
            loader.dispose()
    except Exception:
        return _SLOW
    return node


def load_yaml(
    text: str, path: str, problems: Problems, *, line_offset: int = 0
) -> tuple[object, Positions]:
    """Parse one YAML document; ``(None, positions)`` if it is empty or has errors."""
    locator = _Locator(text, line_offset)
    builder = _Builder(path, problems, locator)
    positions = builder.positions
    positions.root = (1 + line_offset, 1)

    def report(where: tuple[int, int], message: str) -> tuple[object, Positions]:
        problems.error(path, where[0], where[1], "", message)
        return None, positions

    try:
        root = _compose_fast(text)
        if root is _SLOW:
            loader = _Loader(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
    except _Limit as exc:
        return report(locator.at(exc.mark), exc.message)
    except yaml.MarkedYAMLError as exc:
        mark, message = _syntax_message(exc, locator)
        return report(locator.at(mark), message)
    except ReaderError as exc:
        before = text[: exc.position]
        where = (before.count("\n") + 1 + line_offset, len(before) - before.rfind("\n"))
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return report(where, f"YAML: control character U+{code:04X} is not allowed — remove it")
    except RecursionError:
        return report(positions.root, _NESTING)
    except Exception as exc:
        # A traceback means a Podium bug; PyYAML failing on odd input is the user's to fix.
        return report(positions.root, f"YAML: cannot read this document ({exc})")
    if root is None:
        return None, positions
    positions.root = builder.where(root)
    try:
        data = builder.value(root, (), 0, None)
    except _Limit:
        return None, positions
    return (None if builder.failed else data), positions
