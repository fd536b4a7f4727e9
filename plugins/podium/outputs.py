"""The path guard: every file Podium writes goes through here.

Posts, alias redirects, generated pages, feeds, calendars and exports are all
outputs under site_dir.  :func:`dest_problem` says why a site-relative output
path is unsafe (absolute, ``..``, empty, a backslash, NUL); :class:`Outputs`
records who writes each path in one build, so two writers of one path (or a
file where another output needs a folder, ``feed.xml`` vs
``feed.xml/index.html``) is an error naming both instead of a silent overwrite
or an ``IsADirectoryError``; :func:`write_output` is the last line: it writes
only inside site_dir.  Core code: no MkDocs here.

Other plugins use it so::

    problem = outputs.claim("exports/talks.csv", "podium/exports")  # None, or why not
    write_output(site_dir, "exports/talks.csv", data)  # raises OutputError outside site_dir
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath

THEME_OUTPUTS = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
"""What MkDocs, Material and the search plugin write themselves (not through Files)."""


class OutputError(Exception):
    """An output path that would leave site_dir or replace another output."""


def dest_problem(dest: str) -> str | None:
    """Why ``dest`` (a path relative to site_dir, with '/') may not be written, or None."""
    if not dest or dest.strip("/") == "":
        return "is empty: it would replace the site's folder itself"
    if "\0" in dest:
        return f"contains a NUL character ({dest!r})"
    if "\\" in dest:
        return f"contains '\\' ({dest!r}); output paths use '/'"
    if dest.startswith("/") or PurePosixPath(dest).is_absolute() or _drive(dest):
        return f"is absolute ({dest!r}); it would be written outside site_dir"
    parts = dest.split("/")
    if any(part in ("..", ".") for part in parts) or "" in parts[:-1]:
        return f"is not a plain relative path ({dest!r})"
    return None


def _drive(dest: str) -> bool:
    return len(dest) >= 2 and dest[1] == ":" and dest[0].isalpha()


def inside(site_dir: Path, dest: str) -> Path:
    """The file ``dest`` under ``site_dir``; :class:`OutputError` when it would be elsewhere."""
    problem = dest_problem(dest)
    if problem:
        raise OutputError(f"output path {problem}")
    root = site_dir.resolve()
    path = (root / dest).resolve()
    if path == root or not path.is_relative_to(root):
        raise OutputError(f"output path {dest!r} leaves site_dir ({site_dir})")
    return path


def write_output(site_dir: Path, dest: str, data: bytes) -> None:
    """Write ``data`` to ``dest`` under ``site_dir``, never outside it and never over a folder."""
    path = inside(site_dir, dest)
    if path.is_dir():
        raise OutputError(f"{dest} is a folder in site_dir; another output took its name")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


class Outputs:
    """Who writes each output of one build.  :meth:`claim` returns why a path is not free."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}
        self._folders: dict[str, str] = {}
        """Every folder some output lies in -> one owner of a file in it."""

    def claim(self, dest: str, owner: str) -> str | None:
        """Take ``dest`` for ``owner`` (a file shown in messages, or a plugin name)."""
        dest = posixpath.normpath(dest) if dest else dest
        problem = dest_problem(dest)
        if problem:
            return f"the output path {problem}"
        other = self._owners.get(dest)
        if other is not None:
            if other == owner:
                return None
            return f"{owner} and {other} both write {dest}"
        if dest in self._folders:
            return f"{owner} writes the file {dest}, where {self._folders[dest]} needs a folder"
        parent = posixpath.dirname(dest)
        while parent:
            if parent in self._owners:
                return (
                    f"{owner} writes {dest} inside {parent}, which {self._owners[parent]} writes"
                    " as a file"
                )
            self._folders.setdefault(parent, owner)
            parent = posixpath.dirname(parent)
        self._owners[dest] = owner
        return None

    def owner(self, dest: str) -> str | None:
        return self._owners.get(dest)

    def __contains__(self, dest: object) -> bool:
        return dest in self._owners
