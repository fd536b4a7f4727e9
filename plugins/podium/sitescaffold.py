"""``podium new site DIR``: a new community's site, which builds with ``mkdocs build --strict``.

The files are package data under ``sitetemplate/`` (stored without their leading dot, which
packaging tools skip), so what a new site gets can be read and diffed as it is: ``mkdocs.yml``
with every Podium option and its default, a home page, a welcome post, one upcoming event with a
talk, one person, the JSON Schemas the data files point at, a Makefile that sets up ``.venv``
from ``requirements.txt``, a README, a ``.gitignore`` and the GitHub Pages workflow.

A few ``@TOKEN@`` placeholders are filled in: the site's name (quoted by the YAML dumper in
YAML files; it may not hold ``<`` or ``>``, which the theme would print as HTML), the dates (the
post dated today so it is published, the event four weeks ahead so it is upcoming, both from
:func:`podium.dates.now`, which honours ``PODIUM_NOW``), and the line that installs Podium: the
exact commit Podium was installed from when pip recorded one (PEP 610), else :data:`REPOSITORY`.

Nothing is written unless every file can be: the folder must be new or empty (an empty clone,
holding only ``.git``, counts as empty), and the files are created exclusively, removed again if
one of them fails.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from podium.scaffold import ScaffoldError
from podium.schema import schemas
from podium.text import text_problem

REPOSITORY = "https://github.com/podium-community/podium"
"""Where Podium's source lives; the README's ``pip install git+…`` line names the same."""

EVENT_LEAD = dt.timedelta(days=28)
_HIDDEN = {"gitignore": ".gitignore", "github": ".github"}
_TOKEN = re.compile(r"@([A-Z][A-Z_]*)@")
_ALLOWED_IN_EMPTY = {".git"}


def _template_files(folder: Traversable, prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in folder.iterdir():
        rel = prefix + (_HIDDEN.get(entry.name, entry.name) if not prefix else entry.name)
        if entry.is_dir():
            found.update(_template_files(entry, rel + "/"))
        else:
            found[rel] = entry.read_text("utf-8")
    return found


def podium_requirement() -> tuple[str, str]:
    """The requirements.txt line that installs this Podium, and the project's web address."""
    try:
        recorded = metadata.distribution("podium").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        recorded = None
    origin = json.loads(recorded) if recorded else {}
    url = str(origin.get("url", ""))
    vcs = origin.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and url.startswith("https://") and vcs.get("commit_id"):
        return f"podium @ git+{url}@{vcs['commit_id']}", url.removesuffix(".git")
    return f"podium @ git+{REPOSITORY}", REPOSITORY


def name_from_folder(folder: Path) -> str:
    """``my-community`` → ``My Community``: the default site name."""
    words = re.split(r"[-_.\s]+", folder.resolve().name)
    name = " ".join(w if w.isdigit() else w[:1].upper() + w[1:] for w in words if w)
    return name or "Our Community"


def _yaml_string(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=4096, default_style='"').strip()


def site_files(name: str, today: dt.date, requirement: str, home: str) -> dict[str, str]:
    """Every file of the new site by its path relative to the site's folder."""
    problem = text_problem(name)
    if problem:
        raise ScaffoldError(f"--name: {problem}", 2)
    if "<" in name or ">" in name:
        # MkDocs themes print site_name as it is, so a tag in it would become markup.
        raise ScaffoldError("--name: leave out '<' and '>': the theme reads them as HTML", 2)
    name = name.strip()
    values = {
        "NAME": name,
        "NAME_YAML": _yaml_string(name),
        "TITLE_YAML": _yaml_string(f"Welcome to {name}"),
        "TODAY": today.isoformat(),
        "EVENT_DAY": (today + EVENT_LEAD).isoformat(),
        "PODIUM_REQUIREMENT": requirement,
        "PODIUM_HOME": home,
    }
    files: dict[str, str] = {}
    for rel, text in _template_files(resources.files("podium") / "sitetemplate").items():
        if rel == "content/blog/welcome.md":
            rel = f"content/blog/{today.isoformat()}-welcome.md"
        files[rel] = _TOKEN.sub(lambda m: values[m.group(1)], text)
    for file_name, schema in schemas().items():
        files[f"schemas/{file_name}"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return dict(sorted(files.items()))


def _refuse_unless_empty(folder: Path, shown: str) -> None:
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{shown} is a file, not a folder; nothing written", 1)
    if folder.is_dir():
        present = sorted(p.name for p in folder.iterdir() if p.name not in _ALLOWED_IN_EMPTY)
        if present:
            listed = ", ".join(present[:3]) + (", …" if len(present) > 3 else "")
            raise ScaffoldError(
                f"{shown} is not empty ({listed}); nothing written — choose a new or empty folder",
                1,
            )


def _write_all(folder: Path, files: dict[str, str]) -> list[Path]:
    """Create every file exclusively; on any failure remove what was created and raise."""
    created: list[Path] = []
    try:
        for rel, text in files.items():
            path = folder / rel
            missing = [d for d in (path.parent, *path.parent.parents) if not d.exists()]
            created.extend(reversed(missing))
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as out:
                created.append(path)
                out.write(text)
    except OSError:
        for path in reversed(created):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        raise
    return [folder / rel for rel in files]


def new_site(
    folder: Path, today: dt.date, *, name: str | None = None, shown: str | None = None
) -> list[Path]:
    """Write a new site into ``folder`` (new, or empty) and return the files written."""
    shown = shown or str(folder)
    requirement, home = podium_requirement()
    files = site_files(
        name if name is not None else name_from_folder(folder), today, requirement, home
    )
    _refuse_unless_empty(folder, shown)
    try:
        return _write_all(folder, files)
    except FileExistsError as exc:
        raise ScaffoldError(f"{exc.filename} appeared while writing; nothing written", 1) from None
    except OSError as exc:
        raise ScaffoldError(
            f"{shown}: cannot write ({exc.strerror or exc}); nothing written", 2
        ) from None
