"""The `podium` command.

`check` validates posts and data without building; `schema` writes JSON Schemas of the data
files for editors; `new post "Title"` and `new event ID` write skeletons that build as they are;
`new site DIR` writes a whole new site that builds with --strict;
`import schedule FILE` turns a frab/pretalx schedule (XML or JSON) into data/events/<id>.yml;
`import hugo SITE DEST` and `import material-blog MKDOCS_YML DEST` turn a whole site into a new one.

Exit codes: 0 fine, 1 content problems (errors; with `check --strict` warnings too) or a file (or a
non-empty folder) in the way, 2 usage or unreadable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from podium.catalog import build_catalog
from podium.dates import DateError, now
from podium.importcmd import add_import_arguments, import_schedule
from podium.migratecmd import add_migrate_parsers, run_migrate
from podium.problems import Problem, Problems
from podium.scaffold import ScaffoldError, new_event, new_post
from podium.schema import write_schemas
from podium.settings import Settings
from podium.siteoptions import (
    check_plugins_listed_once,
    check_posts_options,
    read_config_file,
    site_settings,
)
from podium.sitescaffold import new_site


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` tags only MkDocs may resolve."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("", _ignore_tag)


def _plugin_options(config: dict[str, Any], name: str) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also takes `plugins: {name: options}`
        plugins = [{key: value} for key, value in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            options = entry[name]
            return dict(options) if isinstance(options, dict) else {}
    return {}


def load_settings(
    config_file: Path, problems: Problems | None = None, *, data_needed: bool = True
) -> Settings:
    """The core's settings from a site's mkdocs.yml (the options of `podium/posts`).

    The options are checked by :mod:`podium.siteoptions`, as in the build; their problems
    go to ``problems`` (a wrong option keeps its default, so the content is still checked).
    """
    problems = Problems() if problems is None else problems
    written = read_config_file(config_file, config_file.name, problems)
    check_plugins_listed_once(written, problems)
    loaded = yaml.load(config_file.read_text("utf-8"), Loader=_LenientLoader)
    config = loaded if isinstance(loaded, dict) else {}
    root = config_file.resolve().parent
    options = check_posts_options(
        _plugin_options(config, "podium/posts"),
        written,
        problems,
        root=root,
        data_needed=data_needed,
    )
    content_dir = (root / str(config.get("docs_dir", "docs"))).resolve()
    return site_settings(options, root=root, content_dir=content_dir)


def check(settings: Settings) -> list[Problem]:
    """Every problem of the site's content, sorted by file and line."""
    problems = Problems()
    sources = sorted(
        p.relative_to(settings.content_dir).as_posix()
        for p in settings.content_dir.rglob("*.md")
        if p.is_file()
        # As MkDocs (exclude_docs' default): names starting with '.' are not pages.
        and not any(part.startswith(".") for part in p.relative_to(settings.content_dir).parts)
    )
    build_catalog(settings, sources, problems)
    return problems.sorted()


def _print(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        rows = [
            {
                "file": p.path,
                "line": p.line,
                "col": p.col,
                "severity": p.severity,
                "field": p.field,
                "message": p.message,
            }
            for p in problems
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for p in problems:
        if fmt == "github":
            kind = "error" if p.severity == "error" else "warning"
            text = (f"{p.field}: " if p.field else "") + p.message
            where = f"file={_property(p.path)},line={max(p.line, 1)},col={max(p.col, 1)}"
            print(f"::{kind} {where}::{_data(text)}")
        else:
            print(p)


def _data(text: str) -> str:
    """A GitHub workflow command's message, escaped as the runner's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (``file=``): ``:`` and ``,`` end it unescaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _site_settings(config_file: Path) -> Settings | int:
    """The site's settings, or exit status 2 after saying why they cannot be read."""
    if not config_file.is_file():
        print(
            f"podium: no {config_file} here; run it in the site's folder or pass --dir",
            file=sys.stderr,
        )
        return 2
    problems = Problems()
    try:
        settings = load_settings(config_file, problems, data_needed=False)
    except (DateError, yaml.YAMLError, ValueError, OSError) as exc:
        print(f"{config_file}: error: {exc}", file=sys.stderr)
        return 2
    if problems.errors:
        for problem in problems.errors:
            print(problem, file=sys.stderr)
        return 2
    return settings


def _add_authoring(sub: Any) -> None:
    """The `new` and `import` sub-commands."""
    new_cmd = sub.add_parser(
        "new", help="write a skeleton post, event or site that builds as it is"
    )
    kinds = new_cmd.add_subparsers(dest="what", required=True)
    post = kinds.add_parser("post", help="content/blog/<date>-<slug>.md, a draft")
    post.add_argument("title", help='the post\'s title, e.g. "Our first meet-up"')
    post.add_argument("--date", help="YYYY-MM-DD (default: today, or PODIUM_NOW)")
    event = kinds.add_parser("event", help="data/events/<id>.yml")
    event.add_argument("id", help="the event id: lower-case letters, digits and '-'")
    event.add_argument("--title", help="default: the id in words")
    event.add_argument("--kind", default="meetup", help="conference, meetup, … (default meetup)")
    event.add_argument("--date", help="start date YYYY-MM-DD (default: today, or PODIUM_NOW)")
    for command in (post, event):
        command.add_argument("--dir", default=".", help="the site's folder (with mkdocs.yml)")
    site = kinds.add_parser(
        "site",
        help="a new site in DIR: mkdocs.yml, a welcome post, an event, Makefile, Pages workflow",
    )
    site.add_argument(
        "dir", metavar="DIR", help="the new site's folder: created, or empty (only .git)"
    )
    site.add_argument("--name", help="the site's name (default: the folder's name in words)")
    import_cmd = sub.add_parser("import", help="import data from other tools")
    sources = import_cmd.add_subparsers(dest="what", required=True)
    schedule = sources.add_parser(
        "schedule",
        help="a frab/pentabarf schedule.xml or frab/pretalx schedule.json -> data/events/<id>.yml",
    )
    add_import_arguments(schedule)
    schedule.add_argument("--dir", default=".", help="the site's folder (with mkdocs.yml)")
    add_migrate_parsers(sources)


def _new(args: argparse.Namespace, settings: Settings) -> int:
    date = None
    if args.date:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"podium: --date: expected YYYY-MM-DD, got {args.date!r}", file=sys.stderr)
            return 2
    try:
        if args.what == "post":
            path = new_post(settings, args.title, date)
        else:
            path = new_event(settings, args.id, title=args.title, kind=args.kind, start=date)
    except ScaffoldError as exc:
        print(f"podium: {exc}", file=sys.stderr)
        return exc.code
    print(settings.rel(path))
    return 0


def _new_site(args: argparse.Namespace) -> int:
    try:
        files = new_site(Path(args.dir), now().date(), name=args.name, shown=args.dir)
    except DateError as exc:
        print(f"podium: {exc}", file=sys.stderr)
        return 2
    except ScaffoldError as exc:
        print(f"podium: {exc}", file=sys.stderr)
        return exc.code
    for path in files:
        print(path)
    print(f"next: cd {shlex.quote(args.dir)} && make serve", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: every sub-command and option."""
    parser = argparse.ArgumentParser(prog="podium", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="validate posts and data without building")
    check_cmd.add_argument("--config", "-f", default="mkdocs.yml", help="the site's mkdocs.yml")
    check_cmd.add_argument("--format", choices=("text", "json", "github"), default="text")
    check_cmd.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on warnings too, as `mkdocs build --strict` (make build) fails on them",
    )
    schema_cmd = sub.add_parser("schema", help="write JSON Schemas of the data files, for editors")
    schema_cmd.add_argument("dir", nargs="?", default="schemas", help="folder (default: schemas)")
    _add_authoring(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "schema":
        try:
            written = write_schemas(Path(args.dir))
        except OSError as exc:
            print(f"podium: schema: cannot write into {args.dir}: {exc.strerror}", file=sys.stderr)
            return 2
        for path in written:
            print(path)
        return 0
    if args.command == "new" and args.what == "site":
        return _new_site(args)
    if args.command == "import" and args.what in ("hugo", "material-blog"):
        return run_migrate(args)
    if args.command in ("new", "import"):
        settings_or_code = _site_settings(Path(args.dir) / "mkdocs.yml")
        if isinstance(settings_or_code, int):
            return settings_or_code
        if args.command == "new":
            return _new(args, settings_or_code)
        return import_schedule(args, settings_or_code)
    config_file = Path(args.config)
    if not config_file.is_file():
        print(
            f"podium: no {config_file} here; run it in the site's folder or pass --config",
            file=sys.stderr,
        )
        return 2
    found = Problems()
    try:
        settings = load_settings(config_file, found)
    except (DateError, yaml.YAMLError, ValueError, OSError) as exc:
        print(f"{config_file}: error: {exc}", file=sys.stderr)
        return 2
    found.extend(check(settings))
    problems = found.sorted()
    _print(problems, args.format)
    errors = sum(p.severity == "error" for p in problems)
    if args.format == "text":
        warnings = len(problems) - errors
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    failed = errors or (args.strict and len(problems) > errors)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
