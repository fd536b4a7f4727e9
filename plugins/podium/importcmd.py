"""``podium import schedule FILE``: read, filter, convert, merge, validate, then write or print.

Messages use the usual form (``file:line:col: error|warning: field: message``)
on stderr: the importer's own notes point at the talk's field in the written
file (``data/events/fosdem-2026.yml:120:15: warning: talks[1].abstract:
shortened …``), or at the schedule for what never reaches the file.
``--dry-run`` prints the YAML on stdout and writes nothing.  Exit status: 0
written (or printed), 1 the result would not pass validation (nothing is
written), 2 bad usage, an unreadable schedule or event file, or a schedule
whose times have no zone and no offset without ``--timezone``.

Naive schedule times are read in ``--timezone``, else the schedule's
``time_zone_name``, else the ``timezone:`` of the file merged into
(:func:`podium.importer.time_zone`).  The zone of the written file: its own
``timezone:`` when it has one; else the schedule's, which a merge adds, unless
the existing file has times of its own without an offset (they are in the
site's zone, and a new ``timezone:`` would move them): then the imported
times keep their UTC offsets instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

from podium.dates import DateError, has_time, parse_when
from podium.eventdata import ID_RE, zone_problem
from podium.eventfile import (
    Existing,
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
from podium.eventtimes import talk_items
from podium.importer import Filters, Imported, convert, event_id_for, time_zone, wall_clock
from podium.paths import ContentTree
from podium.positions import PathKey
from podium.problems import Problem, Problems
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
        "--timezone",
        metavar="ZONE",
        help="IANA zone of the schedule's times without a UTC offset, and the event's timezone "
        "(default: the schedule's time_zone_name); needed when the schedule names none",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the YAML instead of writing the file"
    )


_NO_OFFSET = dt.timezone(dt.timedelta(0), "no offset")
"""Stands for "written without an offset" while parsing a file's times."""


def _say(*lines: object) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _existing_zone(data: dict[str, Any]) -> str | None:
    name = data.get("timezone")
    if isinstance(name, str) and zone_problem(name.strip()) is None:
        return name.strip()
    return None


def _has_wall_clock_times(data: dict[str, Any]) -> bool:
    """Whether the file has a date-time without an offset (read in its zone, or the site's)."""
    values = [data.get("start"), data.get("end")]
    values += [talk.get("start") for _, talk in talk_items(data)]
    for value in values:
        if value is None or not has_time(value):
            continue
        try:
            if parse_when(value, _NO_OFFSET).tzinfo is _NO_OFFSET:
                return True
        except DateError:
            continue
    return False


def _file_zone(existing: Existing | None, imported: Imported, zone: str | None) -> str | None:
    """The zone the written file's times are in (see the module notes); may drop the
    imported ``timezone`` so that the merge does not add it."""
    if existing is None:
        return zone
    if "timezone" in existing.data and existing.data["timezone"] is not None:
        return _existing_zone(existing.data)
    if _has_wall_clock_times(existing.data):
        imported.event.pop("timezone", None)
        return None
    return zone


def _get(data: dict[str, Any], path: tuple[str, ...]) -> object:
    value: object = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _place(root: yaml.Node | None, path: PathKey) -> tuple[int, int]:
    """Line and column of the value at ``path`` in the written YAML, else of its nearest
    ancestor (the talk, for a link that was dropped)."""
    node, found = root, (1, 1)
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if 0 <= part < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        found = (node.start_mark.line + 1, node.start_mark.column + 1)
    return found


def _notes(
    imported: Imported, data: dict[str, Any], placed: list[int], text: str, shown: str
) -> list[Problem]:
    """The importer's warnings at the written value (its talk if the value is absent);
    a note about a value the file kept from before is left out."""
    wanted: list[tuple[PathKey, str, str]] = []
    for field, message in imported.event_notes:
        path = tuple(field.split("."))
        if _get(data, path) == _get(imported.event, path):
            wanted.append((path, field, message))
    written = data.get("talks") or []
    for number, talk in enumerate(imported.event["talks"]):
        index = placed[number]
        for field, message in imported.notes.get(talk["id"], []):
            if written[index].get(field) == talk.get(field):
                wanted.append((("talks", index, field), f"talks[{index}].{field}", message))
            # else the file's own value stays: the note is about a value not written
    if not wanted:
        return []
    # The text was just written by dump_event: libyaml reads it back in a blink.
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return [
        Problem(shown, *_place(root, path), "warning", field, message)
        for path, field, message in wanted
    ]


def import_schedule(args: argparse.Namespace, settings: Settings) -> int:
    """Run the command; returns the exit status."""
    source = Path(args.file)
    shown_source = str(args.file)
    option = args.timezone.strip() if args.timezone is not None else None
    if option is not None and zone_problem(option):
        _say(f"podium: --timezone {option}: {zone_problem(option)} — give an IANA zone name")
        return 2
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
    existing = None
    if target.exists():
        existing = read_existing(target, shown, problems)
        if existing is None:
            _say(*problems.sorted(), f"podium: {shown} cannot be merged into; fix it first")
            return 2
    filters = Filters(tuple(args.speaker), tuple(args.track), tuple(args.id))
    fallback = _existing_zone(existing.data) if existing else None
    zone, zone_error = time_zone(schedule, filters, option, shown_source, fallback)
    if zone_error is not None:
        _say(zone_error)
        return 2
    tree = ContentTree(settings.content_dir)
    imported = convert(
        schedule,
        filters,
        site_people(settings, tree),
        event_id,
        other_talk_ids(settings, event_id),
        zone,
    )
    conf = schedule.conference
    if not imported.event["talks"] and (args.speaker or args.track or args.id):
        _say(f"podium: warning: no talk of {shown_source} matches the filters")
    if "start" not in imported.event:
        _say(
            Problem(
                shown_source,
                *conf.at,
                "error",
                f"{conf.field}.start",
                "the schedule gives no conference start date, and no talk a start time",
            )
        )
        return 2
    wall_clock(imported.event, _file_zone(existing, imported, zone))
    header: list[str] = []
    data = imported.event
    placed = list(range(len(data["talks"])))
    summary = f"{len(data['talks'])} talk(s) from {shown_source}"
    if existing is not None:
        data, report = merge(existing.data, imported.event)
        placed = report.placed
        header = header_lines(existing.text)
        summary = (
            f"merged {shown_source} into {shown}: {report.added} talk(s) added, "
            f"{report.filled} completed, {report.unchanged} unchanged; "
            "values written by hand were kept"
        )
        if other_comments(existing.text):
            summary += " (comments below the header are not kept; git has them)"
    text = dump_event(data, header)
    said = [Problem(shown_source, *at, "warning", "", message) for at, message in imported.skipped]
    said += _notes(imported, data, placed, text, shown)
    found = validate(text, event_id, settings, tree)
    if args.dry_run:
        sys.stdout.write(text)
    _say(*sorted(dict.fromkeys([*said, *found]), key=Problem.sort_key))
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
