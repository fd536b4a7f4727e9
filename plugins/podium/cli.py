"""The `podium` command: `check` validates posts and data without building; `schema` writes
JSON Schemas of the data files for editors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from podium.catalog import build_catalog
from podium.dates import DateError, now, zone
from podium.problems import Problem, Problems
from podium.schema import write_schemas
from podium.settings import Settings


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` tags only MkDocs may resolve."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("", _ignore_tag)


def _plugin_options(config: dict[str, Any], name: str) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    return {}


def load_settings(config_file: Path) -> Settings:
    """The core's settings from a site's mkdocs.yml (the options of `podium/posts`)."""
    config = yaml.load(config_file.read_text("utf-8"), Loader=_LenientLoader) or {}
    options = _plugin_options(config, "podium/posts")
    root = config_file.resolve().parent
    tz = zone(str(options.get("timezone", "UTC")))
    return Settings(
        root=root,
        content_dir=(root / str(config.get("docs_dir", "docs"))).resolve(),
        data_dir=(root / str(options.get("data_dir", "data"))).resolve(),
        now=now(tz=tz),
        timezone=tz,
        blog_dir=str(options.get("blog_dir", "blog")).strip("/"),
        post_url=options.get("post_url"),
        per_page=int(options.get("per_page", 10)),
        external_links=dict(options.get("external_links") or {}),
    )


def check(settings: Settings) -> list[Problem]:
    """Every problem of the site's content, sorted by file and line."""
    problems = Problems()
    sources = sorted(
        p.relative_to(settings.content_dir).as_posix()
        for p in settings.content_dir.rglob("*.md")
        if p.is_file()
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
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::{kind} file={p.path},line={max(p.line, 1)},col={max(p.col, 1)}::{text}")
        else:
            print(p)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="podium", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="validate posts and data without building")
    check_cmd.add_argument("--config", "-f", default="mkdocs.yml", help="the site's mkdocs.yml")
    check_cmd.add_argument("--format", choices=("text", "json", "github"), default="text")
    schema_cmd = sub.add_parser("schema", help="write JSON Schemas of the data files, for editors")
    schema_cmd.add_argument("dir", nargs="?", default="schemas", help="folder (default: schemas)")
    args = parser.parse_args(argv)
    if args.command == "schema":
        for path in write_schemas(Path(args.dir)):
            print(path)
        return 0
    config_file = Path(args.config)
    if not config_file.is_file():
        print(
            f"podium: no {config_file} here; run it in the site's folder or pass --config",
            file=sys.stderr,
        )
        return 2
    try:
        settings = load_settings(config_file)
    except (DateError, yaml.YAMLError, ValueError) as exc:
        print(f"{config_file}: error: {exc}", file=sys.stderr)
        return 2
    problems = check(settings)
    _print(problems, args.format)
    errors = sum(p.severity == "error" for p in problems)
    if args.format == "text":
        warnings = len(problems) - errors
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
