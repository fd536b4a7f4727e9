"""Writing an imported site (``podium import hugo|material-blog``) into DEST, safely.

DEST must be new or empty (an empty clone, holding only ``.git``, counts as empty): an import
never overwrites anything.  The whole site is planned first (:class:`Plan`: every file by its
path under DEST, as bytes or as a source file copied byte for byte); only then is anything
written, each file created exclusively, and everything created is removed again if one file
fails.  The site around the imported content (Makefile, requirements, workflow, schemas, home
page) comes from ``podium new site``'s template (:func:`podium.sitescaffold.site_files`).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from podium.problems import Problem
from podium.sitescaffold import podium_requirement, site_files

_ALLOWED_IN_EMPTY = {".git"}
_TEMPLATE_KEEP = re.compile(
    r"(Makefile|requirements\.txt|\.gitignore|\.github/.*|schemas/.*|content/index\.md|README\.md)"
)
"""The files of ``podium new site`` an imported site keeps (not its sample post and event)."""


class MigrateError(Exception):
    """A reason the import cannot run; nothing was written.  ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def yaml_error(shown: str, exc: yaml.YAMLError) -> MigrateError:
    """A YAML parse error of a configuration file, at its line and column."""
    mark = getattr(exc, "problem_mark", None)
    at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return MigrateError(f"{shown}{at}: error: YAML: {problem}")


@dataclass
class Plan:
    """Everything an import will write, by path under DEST, and what it could not carry."""

    files: dict[str, bytes | Path] = field(default_factory=dict)
    report: list[Problem] = field(default_factory=list)

    def copy(self, rel: str, source: Path) -> None:
        self.files[rel] = source

    def text(self, rel: str, text: str) -> None:
        self.files[rel] = text.encode("utf-8")

    def note(self, path: str, line: int, fld: str, message: str, col: int = 0) -> None:
        self.report.append(Problem(path, line, col, "warning", fld, message))


def yaml_value(value: object) -> str:
    """One value in YAML flow form, for filling a line of the template's mkdocs.yml."""
    text = yaml.safe_dump(value, allow_unicode=True, width=4096, default_flow_style=True)
    return text.strip().removesuffix("...").strip()


def _set_option(text: str, key: str, value: object) -> str:
    """Set ``key: <value>`` on the one template line that has it, keeping its comment."""
    pattern = re.compile(rf"(?m)^(\s*{re.escape(key)}:) [^#\n]*?(\s*#.*)?$")
    new, count = pattern.subn(
        lambda m: f"{m.group(1)} {yaml_value(value)}" + (m.group(2) or ""), text, count=1
    )
    if count != 1:
        raise AssertionError(f"the site template's mkdocs.yml has no line '{key}:'")
    return new


@dataclass(frozen=True)
class SiteSettings:
    """What an import sets in the new site's mkdocs.yml."""

    name: str
    site_url: str | None = None
    description: str | None = None
    blog_dir: str = "blog"
    post_url: str | None = None
    timezone: str = "UTC"
    date_from: tuple[str, ...] = ()
    redirects: dict[str, str] = field(default_factory=dict)
    external_links: dict[str, str] = field(default_factory=dict)
    markdown_extensions: list[object] | None = None


def scaffold(plan: Plan, settings: SiteSettings, today: dt.date) -> None:
    """Add the new-site template's files and a mkdocs.yml with ``settings`` to ``plan``;
    files the import planned already (a home page of its own) are kept."""
    requirement, home = podium_requirement()
    files = site_files(settings.name, today, requirement, home)
    for rel, text in files.items():
        if rel == "content/index.md":
            # The home page's button leads to the blog, wherever the import put it.
            text = text.replace("](blog/index.md)", f"]({settings.blog_dir}/index.md)")
        if _TEMPLATE_KEEP.fullmatch(rel) and rel not in plan.files:
            plan.text(rel, text)
    plan.text("mkdocs.yml", site_config(files["mkdocs.yml"], settings))


def site_config(template: str, settings: SiteSettings) -> str:
    """The template's mkdocs.yml with the imported settings filled in."""
    text = template
    if settings.site_url:
        text = _set_option(text, "site_url", settings.site_url)
    if settings.description:
        text = _set_option(text, "site_description", settings.description)
    text = _set_option(text, "blog_dir", settings.blog_dir)
    nav = "  - Blog: blog/index.md\n"
    if nav not in text:
        raise AssertionError("the site template's mkdocs.yml has no Blog entry in nav")
    text = text.replace(nav, f"  - Blog: {settings.blog_dir}/index.md\n")
    text = _set_option(text, "post_url", settings.post_url)
    text = _set_option(text, "timezone", settings.timezone)
    if settings.date_from:
        text = _set_option(text, "date_from", list(settings.date_from))
    if settings.external_links:
        block = yaml.safe_dump(
            {"external_links": settings.external_links}, allow_unicode=True, width=4096
        )
        indented = "".join("      " + line + "\n" for line in block.splitlines())
        pattern = re.compile(r"(?m)^\s*external_links: \{\}.*\n")
        text, count = pattern.subn(lambda _: indented, text, count=1)
        if count != 1:
            raise AssertionError("the site template's mkdocs.yml has no 'external_links: {}'")
    head, marker, tail = text.partition("\nmarkdown_extensions:\n")
    if not marker:
        raise AssertionError("the site template's mkdocs.yml has no markdown_extensions")
    if settings.redirects:
        # mkdocs-redirects writes a page at each old URL that sends readers to the post.
        maps = yaml.safe_dump({"redirect_maps": settings.redirects}, allow_unicode=True, width=4096)
        head = head.rstrip("\n") + "\n  - redirects:     # old URLs of the imported posts\n"
        head += "".join("      " + line + "\n" for line in maps.splitlines())
    if settings.markdown_extensions is not None:
        tail = dump_extensions(settings.markdown_extensions)
    return head + marker + tail


class Tagged:
    """A YAML value written with a tag (``!!python/name:…``), kept to be written back."""

    def __init__(self, tag: str, value: object) -> None:
        self.tag, self.value = tag, value


class ConfigLoader(yaml.SafeLoader):
    """Reads a mkdocs.yml: its ``!!python/name:`` and ``!ENV`` values are kept, not run."""


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


ConfigLoader.add_multi_constructor("!", _keep_tag)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)


class _ConfigDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigDumper.add_representer(Tagged, _represent_tagged)


def dump_extensions(extensions: list[object]) -> str:
    """The items of a ``markdown_extensions:`` list, as YAML lines, tags kept."""
    text = yaml.dump(
        extensions,
        Dumper=_ConfigDumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
        default_flow_style=False,
    )
    return "".join("  " + line + "\n" for line in text.splitlines())


def refuse_unless_empty(dest: Path, shown: str) -> None:
    """Raise unless ``dest`` is new or empty (only ``.git``)."""
    if dest.exists() and not dest.is_dir():
        raise MigrateError(f"{shown} is a file, not a folder; nothing written", 1)
    if dest.is_dir():
        present = sorted(p.name for p in dest.iterdir() if p.name not in _ALLOWED_IN_EMPTY)
        if present:
            listed = ", ".join(present[:3]) + (", …" if len(present) > 3 else "")
            raise MigrateError(
                f"{shown} is not empty ({listed}); nothing written — "
                "an import never overwrites: choose a new or empty folder",
                1,
            )


def write_plan(dest: Path, plan: Plan, shown: str) -> list[str]:
    """Create every planned file exclusively; on any failure remove what was created."""
    refuse_unless_empty(dest, shown)
    created: list[Path] = []
    try:
        if not dest.exists():
            dest.mkdir(parents=True)
            created.append(dest)
        for rel, content in sorted(plan.files.items()):
            path = dest / rel
            missing = [d for d in (path.parent, *path.parent.parents) if not d.exists()]
            created.extend(reversed(missing))
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as out:
                created.append(path)
                if isinstance(content, Path):
                    with content.open("rb") as source:
                        shutil.copyfileobj(source, out)
                else:
                    out.write(content)
    except OSError as exc:
        for path in reversed(created):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        raise MigrateError(
            f"{shown}: cannot write ({exc.strerror or exc}); nothing written"
        ) from None
    return sorted(plan.files)
