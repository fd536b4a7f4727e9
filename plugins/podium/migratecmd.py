"""``podium import hugo`` and ``podium import material-blog``: the command-line side.

Both plan the whole new site first, then write it (:mod:`podium.migrate_write`), print the
files written on stdout and, on stderr, what could not be carried, one line each in the usual
``file:line:col: warning: field: message`` form; the same lines go to ``IMPORT-REPORT.txt`` in
DEST.  Exit status: 0 imported, 1 DEST not empty (nothing written), 2 not a Hugo site or a
Material blog, or a configuration that cannot be read (nothing written).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from podium.migrate_hugo import plan_hugo_import
from podium.migrate_material import plan_material_import
from podium.migrate_write import MigrateError, Plan, refuse_unless_empty, write_plan

REPORT = "IMPORT-REPORT.txt"


def add_migrate_parsers(sources: Any) -> None:
    """``hugo`` and ``material-blog`` under ``podium import``."""
    hugo = sources.add_parser(
        "hugo", help="a Hugo site -> a new Podium site in DEST (posts copied byte for byte)"
    )
    hugo.add_argument("source", metavar="HUGO_SITE", help="the Hugo site's folder")
    material = sources.add_parser(
        "material-blog", help="a Material for MkDocs blog -> a new Podium site in DEST"
    )
    material.add_argument("source", metavar="MKDOCS_YML", help="the blog site's mkdocs.yml")
    for command in (hugo, material):
        command.add_argument("dest", metavar="DEST", help="the new site's folder: new or empty")


def run_migrate(args: argparse.Namespace) -> int:
    """Run ``podium import hugo|material-blog``; returns the exit status."""
    dest = Path(args.dest)
    try:
        refuse_unless_empty(dest, args.dest)
        plan: Plan
        if args.what == "hugo":
            plan = plan_hugo_import(Path(args.source), args.source)
        else:
            plan = plan_material_import(Path(args.source), args.source)
        report = sorted(dict.fromkeys(plan.report), key=lambda p: p.sort_key())
        lines = [str(p) for p in report]
        plan.text(REPORT, "".join(line + "\n" for line in lines) or "everything was carried\n")
        written = write_plan(dest, plan, args.dest)
    except MigrateError as exc:
        print(f"podium: {exc}", file=sys.stderr)
        return exc.code
    for rel in written:
        print(Path(args.dest, rel).as_posix())
    for line in lines:
        print(line, file=sys.stderr)
    print(
        f"imported into {args.dest}: {len(written)} file(s); {len(lines)} thing(s) not carried "
        f"(listed above and in {REPORT}); next: cd {shlex.quote(args.dest)} && make serve",
        file=sys.stderr,
    )
    return 0
