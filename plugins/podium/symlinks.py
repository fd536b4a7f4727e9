"""Symbolic links under content/ and data/ that leave the repository (BAD-INPUT H5).

A link to a file or a folder outside the project (``content/slides/x.pdf ->
~/.ssh/id_rsa``) would publish what is not part of the site, so it is an error
naming the link, and nothing is read through it: the catalog skips posts under
it and the build leaves its files out.  Links that stay inside the repository
are fine.
"""

from __future__ import annotations

import os
from pathlib import Path

from podium.problems import Problems


def leaving_links(folder: Path, root: Path) -> list[Path]:
    """Every link under ``folder`` whose target is outside ``root``, sorted; not followed."""
    if not folder.is_dir():
        return []
    top = root.resolve()
    found: list[Path] = []
    for directory, dirs, names in os.walk(folder.resolve(), followlinks=False):
        for name in sorted([*dirs, *names]):
            path = Path(directory, name)
            if path.is_symlink() and not path.resolve().is_relative_to(top):
                found.append(path)
    return sorted(found)


def check_links(folders: list[Path], root: Path, problems: Problems) -> list[str]:
    """Report links leaving ``root``; returns them relative to ``root`` (posix), for skipping."""
    bad: list[str] = []
    for folder in folders:
        for link in leaving_links(folder, root):
            name = Path(os.path.relpath(link, root.resolve())).as_posix()
            target = link.readlink()
            problems.error(
                name,
                1,
                0,
                "",
                f"symbolic link to {target} leaves the repository; nothing is read through it"
                " — copy the file into the repository or remove the link",
            )
            bad.append(name)
    return bad


def under_any(path: str, links: list[str]) -> bool:
    """Whether ``path`` (relative to the project) is one of ``links`` or inside one."""
    return any(path == link or path.startswith(link + "/") for link in links)
