"""``podium import schedule FILE``: read, filter, convert, merge, validate, then write or print.

Messages use the usual form (``file:line:col: error|warning: field: message``)
on stderr; ``--dry-run`` prints the YAML on stdout and writes nothing.  Exit
status: 0 written (or printed), 1 the result would not pass validation (nothing
is written), 2 bad usage or an unreadable schedule or event file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from podium.eventdata import ID_RE
from podium.eventfile import (
    dump_event,
    header_lines,
    merge,
    other_comments,
    other_talk_ids,
    read_existing,
    site_people,
    validate,
    write_atomically,
)
from podium.importer import Filters, convert, event_id_for
from podium.paths import ContentTree
from podium.problems import Problems
from podium.schedule import read_schedule
from podium.settings import Settings


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``podium import schedule``."""
    parser.add_argument("file", help="schedule.xml (frab, pentabarf, FOSDEM) or schedule.json")
    parser.add_argument(
        "--speaker",
        action="append",
        default=[],
        metavar="NAME",
        help="keep talks with a speaker whose name contains NAME (any case); repeatable",
    )
    parser.add_argument(
        "--track",
        action="append",
        default=[],
        metavar="NAME",
        help="keep talks whose track contains NAME (any case); repeatable",
    )
    parser.add_argument(
        "--id",
        action="append",
        default=[],
        metavar="ID",
        help="keep the talk with this schedule id or slug; repeatable",
    )
    parser.add_argument(
        "--event-id", help="the event id and file name (default: from the conference title)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the YAML instead of writing the file"
    )


def _say(*lines: object) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def import_schedule(args: argparse.Namespace, settings: Settings) -> int:
    """Run the command; returns the exit status."""
    source = Path(args.file)
    shown_source = str(args.file)
    if not source.is_file():
        _say(f"podium: {shown_source}: no such file")
        return 2
    problems = Problems()
    schedule = read_schedule(source, shown_source, problems)
    if schedule is None:
        _say(*problems.sorted())
        return 2
    event_id = args.event_id or event_id_for(schedule)
    if not ID_RE.fullmatch(event_id or ""):
        _say(
            f"podium: event id {event_id!r} must match [a-z0-9][a-z0-9-]* — "
            "pass --event-id my-event-2024"
        )
        return 2
    target = settings.data_dir / "events" / f"{event_id}.yml"
    shown = settings.rel(target)
    tree = ContentTree(settings.content_dir)
    filters = Filters(tuple(args.speaker), tuple(args.track), tuple(args.id))
    imported = convert(
        schedule,
        filters,
        site_people(settings, tree),
        event_id,
        other_talk_ids(settings, event_id),
    )
    if not imported.event["talks"] and (args.speaker or args.track or args.id):
        _say(f"{shown_source}: warning: no talk matches the filters")
    if "start" not in imported.event:
        _say(f"{shown_source}: error: the schedule gives no conference start date")
        return 2
    header: list[str] = []
    data = imported.event
    summary = f"{len(data['talks'])} talk(s) from {shown_source}"
    if target.exists():
        existing = read_existing(target, shown, problems)
        if existing is None:
            _say(*problems.sorted(), f"podium: {shown} cannot be merged into; fix it first")
            return 2
        data, report = merge(existing.data, imported.event)
        header = header_lines(existing.text)
        summary = (
            f"merged {shown_source} into {shown}: {report.added} talk(s) added, "
            f"{report.filled} completed, {report.unchanged} unchanged; "
            "values written by hand were kept"
        )
        if other_comments(existing.text):
            summary += " (comments below the header are not kept; git has them)"
    text = dump_event(data, header)
    talk_index = {
        t.get("id"): n for n, t in enumerate(data.get("talks") or []) if isinstance(t, dict)
    }
    for message in imported.skipped:
        _say(f"{shown_source}: warning: {message}")
    for talk_id, notes in imported.notes.items():
        number = talk_index.get(talk_id)
        where = f"talks[{number}]" if number is not None else f"talk {talk_id}"
        for field, message in notes:
            _say(f"{shown}: warning: {where}.{field}: {message}")
    found = validate(text, event_id, settings, tree)
    if args.dry_run:
        sys.stdout.write(text)
    _say(*found)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        _say(f"podium: {len(errors)} error(s); {shown} was not written")
        return 1
    if args.dry_run:
        _say(f"dry run: {summary}; nothing written")
        return 0
    write_atomically(target, text)
    _say(f"wrote {shown}: {summary}")
    return 0
