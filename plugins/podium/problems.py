"""Problems found in content: one shape for every message a user sees.

Every content mistake becomes a :class:`Problem` with a repo-relative path,
1-based line and column (0 when unknown), a severity, the dotted field path
and a message.  Problems are collected, never raised one at a time, so a
single run reports everything (DESIGN §5).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One content problem, printed as ``path:line:col: severity: field: message``."""

    path: str
    line: int
    col: int
    severity: Severity
    field: str
    message: str

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.path, self.line, self.col, self.severity != "error", self.field, self.message)

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {subject}{self.message}"


@dataclass
class Problems:
    """An ordered collection of problems for one file or one whole build."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, col: int, fld: str, message: str) -> None:
        self.items.append(Problem(path, line, col, "error", fld, message))

    def warning(self, path: str, line: int, col: int, fld: str, message: str) -> None:
        self.items.append(Problem(path, line, col, "warning", fld, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        unique = dict.fromkeys(self.items)
        return sorted(unique, key=Problem.sort_key)
