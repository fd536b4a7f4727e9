"""Golden error cases for event files: one YAML file per case, exact expected messages.

Same case format as ``test_golden.py`` (``files:``, optional ``bytes:``,
``expected:``; optional ``timezone:`` for the site zone).  Each case also
gets a valid neighbour event, which must still be loaded (BAD-INPUT I3).
Regenerate after a deliberate message change with
``PODIUM_REGEN=1 pytest tests/golden/test_golden_events.py`` and review the diff.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from podium.dates import zone
from podium.events import load_events
from podium.paths import ContentTree
from podium.people import load_people
from podium.problems import Problems
from podium.settings import Settings


class _Dumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks, so cases read like the files they hold."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value.isprintable() is False and "\r" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)

CASES = sorted((Path(__file__).parent / "events").glob("*.yml"))
NEIGHBOUR = "data/events/zz-neighbour.yml"
NEIGHBOUR_TEXT = """\
title: Neighbour meetup
kind: meetup
start: 2020-01-01
talks:
  - title: Still here
    id: zz-neighbour-talk
"""


def _write(root: Path, rel: str, data: bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def run_case(case: dict[str, object], root: Path) -> tuple[str, list[str]]:
    (root / "content").mkdir(parents=True, exist_ok=True)
    for rel, text in dict(case.get("files") or {}).items():  # type: ignore[call-overload]
        _write(root, rel, str(text).encode("utf-8"))
    for rel, escaped in dict(case.get("bytes") or {}).items():  # type: ignore[call-overload]
        _write(root, rel, codecs.escape_decode(str(escaped).encode("latin-1"))[0])
    _write(root, NEIGHBOUR, NEIGHBOUR_TEXT.encode("utf-8"))
    site_zone = str(case.get("timezone") or "UTC")
    settings = Settings(
        root=root,
        content_dir=root / "content",
        data_dir=root / "data",
        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        timezone=zone(site_zone),
    )
    tree = ContentTree(settings.content_dir)
    problems = Problems()
    people = load_people(root / "data/people.yml", "data/people.yml", problems, tree.check_local)
    posts = frozenset(
        p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*.md")
    )
    events = load_events(settings, tree, people, posts, problems)
    return "".join(f"{p}\n" for p in problems.sorted()), [e.id for e in events]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_event_case(path: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(path.read_text("utf-8"))
    actual, ids = run_case(case, tmp_path)
    if os.environ.get("PODIUM_REGEN"):
        header = "".join(
            line + "\n" for line in path.read_text("utf-8").splitlines() if line.startswith("#")
        )
        case["expected"] = actual
        body = yaml.dump(case, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
        path.write_text(header + body, "utf-8")
        return
    assert actual == case["expected"]
    assert "zz-neighbour" in ids, "a broken event file must not hide its valid neighbours"
