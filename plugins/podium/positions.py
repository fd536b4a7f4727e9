"""Where each value of a parsed data document stands in its file.

Parsers (YAML, TOML, JSON) record the 1-based line and column of every key
and value, addressed by a path of keys and list indices.  Validation uses it
to point at the offending value, or at the nearest ancestor when a key is
missing (the Dagster approach).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PathKey = tuple[str | int, ...]


def dotted(path: PathKey) -> str:
    """``("talks", 1, "slides")`` -> ``talks[1].slides``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass
class Positions:
    """Positions of keys and values in one document; lines are file lines."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    root: tuple[int, int] = (1, 1)
    scalars: dict[PathKey, str] = field(default_factory=dict)
    """The source text of scalar values, for hints such as YAML's base-60 ``18:30``."""

    def value(self, path: PathKey) -> tuple[int, int]:
        """Position of the value at ``path``, else its key, else the nearest ancestor."""
        probe = tuple(path)
        while probe:
            if probe in self.values:
                return self.values[probe]
            if probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.root

    def key(self, path: PathKey) -> tuple[int, int]:
        """Position of the key at ``path`` (for unknown-key warnings), else as :meth:`value`."""
        if tuple(path) in self.keys:
            return self.keys[tuple(path)]
        return self.value(path)
