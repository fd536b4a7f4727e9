"""One bad talk or one bad field drops only itself (issue 16).

An event file with errors is reported in full; then, for `mkdocs serve` (where
errors do not stop the build), what is still valid of it is kept: a talk with
an error is left out, an optional field with an error is left out, and the event
stays.  Only errors in what the event cannot do without (its id, title, kind,
start, end, timezone, or the file itself) drop the whole event.  The build still
stops on every error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from podium.positions import PathKey, Positions
from podium.problems import Problem

ESSENTIAL = frozenset({"title", "kind", "start", "end", "timezone"})
"""Fields an event cannot be shown without (or whose loss would move its times)."""

_FIELD = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)(?:\[(\d+)\])?")


def prune(
    data: dict[str, Any], errors: Iterable[Problem]
) -> tuple[dict[str, Any], list[int]] | None:
    """The data without the talks, list items and fields that have errors, and the original
    index of each talk kept; None when an error concerns the event as a whole."""
    drop_keys: set[str] = set()
    drop_items: dict[str, set[int]] = {}
    for problem in errors:
        match = _FIELD.match(problem.field)
        if not problem.field or match is None or match[1] in ESSENTIAL:
            return None
        key, index = match[1], match[2]
        if index is not None and isinstance(data.get(key), list):
            drop_items.setdefault(key, set()).add(int(index))
        else:
            drop_keys.add(key)
    pruned = {k: v for k, v in data.items() if k not in drop_keys}
    for key, indices in drop_items.items():
        if key in pruned:
            pruned[key] = [item for i, item in enumerate(pruned[key]) if i not in indices]
    talks = data.get("talks")
    count = len(talks) if isinstance(talks, list) and "talks" in pruned else 0
    kept = [i for i in range(count) if i not in drop_items.get("talks", set())]
    return pruned, kept


def remap(positions: Positions, data: dict[str, Any], pruned: dict[str, Any]) -> Positions:
    """Positions for ``pruned``: each kept list item keeps the place it has in the file."""
    moved: dict[str, dict[int, int]] = {}
    for key, value in pruned.items():
        original = data.get(key)
        if isinstance(value, list) and isinstance(original, list) and value is not original:
            ids = {id(item): i for i, item in enumerate(original)}
            moved[key] = {ids[id(item)]: new for new, item in enumerate(value)}

    def move(path: PathKey) -> PathKey | None:
        if len(path) >= 2 and isinstance(path[0], str) and path[0] in moved:
            index = path[1]
            if not isinstance(index, int) or index not in moved[path[0]]:
                return None
            return (path[0], moved[path[0]][index], *path[2:])
        return path

    def remapped(table: dict[PathKey, Any]) -> dict[PathKey, Any]:
        out: dict[PathKey, Any] = {}
        for path, value in table.items():
            new = move(path)
            if new is not None:
                out[new] = value
        return out

    return Positions(
        values=remapped(positions.values),
        keys=remapped(positions.keys),
        root=positions.root,
        scalars=remapped(positions.scalars),
    )
