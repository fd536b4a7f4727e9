"""Golden error cases: one YAML file per case with its input files and exact expected messages.

Cases live in cases/ (posts, people, tags) and events/ (event files); a case
has ``files:`` (path: text), optional ``bytes:`` (path: Python-escaped bytes),
optional ``timezone:``, ``post_url:``, ``external_links:`` and ``categories_allowed:``
options (the others as a site's defaults), optional ``built:`` (titles of posts that must
be built despite their warnings) and ``expected:``.  Each case also gets a valid neighbour
post and event, which must survive (BAD-INPUT I3: nothing else is lost).  Regenerate the expectations after a deliberate
message change with ``PODIUM_REGEN=1 pytest tests/golden`` and review the diff.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from podium.catalog import build_catalog
from podium.problems import Problems
from podium.siteoptions import PostsValues, site_settings


class _Dumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks, so cases read like the files they hold."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value.isprintable() is False and "\r" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)

HERE = Path(__file__).parent
CASES = sorted([*(HERE / "cases").glob("*.yml"), *(HERE / "events").glob("*.yml")])
NEIGHBOUR = "content/blog/zz-neighbour.md"
NEIGHBOUR_EVENT = "data/events/zz-neighbour.yml"
NEIGHBOUR_EVENT_TEXT = """\
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


def run_case(case: dict[str, object], root: Path) -> tuple[str, list[str], list[str]]:
    for rel, text in dict(case.get("files") or {}).items():  # type: ignore[call-overload]
        _write(root, rel, str(text).encode("utf-8"))
    for rel, escaped in dict(case.get("bytes") or {}).items():  # type: ignore[call-overload]
        _write(root, rel, codecs.escape_decode(str(escaped).encode("latin-1"))[0])
    _write(root, NEIGHBOUR, b"---\ntitle: Neighbour\ndate: 2020-01-01\n---\nStill here.\n")
    _write(root, NEIGHBOUR_EVENT, NEIGHBOUR_EVENT_TEXT.encode("utf-8"))
    # The options as a site writes them, read the way the build and `podium check` read them.
    options = PostsValues(
        timezone=str(case.get("timezone") or "UTC"),
        external_links=dict(case.get("external_links") or {}),  # type: ignore[call-overload]
        post_url=case.get("post_url"),  # type: ignore[arg-type]
        categories_allowed=tuple(case.get("categories_allowed") or ()),  # type: ignore[arg-type]
    )
    settings = dataclasses.replace(
        site_settings(options, root=root, content_dir=root / "content"),
        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    sources = sorted(
        p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*.md")
    )
    problems = Problems()
    catalog = build_catalog(settings, sources, problems)
    titles = [p.title for p in catalog.posts]
    events = [e.id for e in catalog.events]
    return "".join(f"{p}\n" for p in problems.sorted()), titles, events


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(path.read_text("utf-8"))
    actual, titles, events = run_case(case, tmp_path)
    if os.environ.get("PODIUM_REGEN"):
        header = "".join(
            line + "\n" for line in path.read_text("utf-8").splitlines() if line.startswith("#")
        )
        case["expected"] = actual
        body = yaml.dump(case, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
        path.write_text(header + body, "utf-8")
        return
    assert actual == case["expected"]
    assert "Neighbour" in titles, "a broken file must not hide the valid posts"
    for title in case.get("built") or ():
        assert title in titles, f"{title!r} has only warnings and must be built"
    assert "zz-neighbour" in events, "a broken file must not hide the valid events"
