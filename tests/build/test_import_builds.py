"""Real schedules imported with `podium import schedule` into a fresh site build with --strict.

The site is the shipped mkdocs.yml on a UTC site (so a zone lost on the way would show as
an hour's shift), with nothing in it but a home page: whatever the build warns about
comes from the imported file.  Outputs are read back parsed: talk pages with a real HTML
parser, the event's calendar with icalendar.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar

from podium import cli
from tests.conftest import CORPUS, REPO, Built, FosdemSite, build_site

XML = CORPUS / "fosdem-schedule-xml"
JSON = CORPUS / "c3voc-schedule-json" / "validator" / "json" / "examples"
UTC = dt.UTC


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not here)")
    return path


def fresh_site(root: Path) -> Path:
    """The shipped mkdocs.yml (strict) with the site's zone set to UTC, and a home page."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    assert config["strict"] is True
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "podium/posts" in plugin:
            options = plugin["podium/posts"]
            options["timezone"] = "UTC"
            options.pop("external_links", None)  # it names a post of the example site
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "content").mkdir()
    (root / "content/index.md").write_text("# Imported\n\nTalks from real schedules.\n", "utf-8")
    (root / "data/events").mkdir(parents=True)
    return root


def import_and_build(
    root: Path, capsys: pytest.CaptureFixture[str], source: Path, *args: str
) -> tuple[Built, dict[str, Any], list[str]]:
    """Import into ``root`` and build it strict; (the build, the written data, import stderr)."""
    assert cli.main(["import", "schedule", str(_need(source)), *args, "--dir", str(root)]) == 0
    said = capsys.readouterr().err.splitlines()
    (written,) = (root / "data/events").glob("*.yml")
    data = yaml.safe_load(written.read_text("utf-8"))
    built = build_site(root, strict=True)
    assert built.warnings == []
    return built, data, said


def talk_page(built: Built, talk_id: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(f"talks/{talk_id}/"), "html.parser")


def talk_starts(built: Built, event_id: str) -> dict[str, dt.datetime]:
    """Each talk's start in the event's calendar, by title, in UTC."""
    calendar = Calendar.from_ical((built.site / f"events/{event_id}.ics").read_bytes())
    starts = {}
    for item in calendar.walk("VEVENT"):
        start = item.decoded("DTSTART")
        if isinstance(start, dt.datetime):
            starts[str(item.get("SUMMARY"))] = start.astimezone(UTC)
    return starts


def speaker_names(page: BeautifulSoup) -> list[str]:
    return [span.get_text() for span in page.select(".podium-speaker")]


def test_the_whole_fosdem_2026_schedule_builds_strict(fosdem_2026: FosdemSite) -> None:
    # The session's build (tests/conftest.py): fresh_site, imported, strict, no warning.
    built, said = fosdem_2026.built, fosdem_2026.said
    (written,) = (built.root / "data/events").glob("*.yml")
    data = yaml.safe_load(written.read_text("utf-8"))
    assert said[-1].startswith("wrote data/events/fosdem-2026.yml: 883 talk(s)")
    talks = data["talks"]
    assert len(talks) == 883
    assert data["timezone"] == "Europe/Brussels"
    pages = {p.parent.name for p in (built.site / "talks").glob("*/index.html")}
    assert {t["id"] for t in talks} <= pages
    starts = talk_starts(built, "fosdem-2026")
    assert starts["Welcome to FOSDEM 2026"] == dt.datetime(2026, 1, 31, 8, 30, tzinfo=UTC)
    # Handles (ubergarm, 1peter10, …) are plain names: shown as text, never a person's link.
    handles = [t for t in talks if any(isinstance(s, dict) for s in t.get("speakers", []))]
    assert len(handles) >= 15
    for talk in handles[:5]:
        page = talk_page(built, talk["id"])
        names = [s["name"] if isinstance(s, dict) else s for s in talk["speakers"]]
        assert speaker_names(page) == names
        assert not page.select("a.podium-speaker")


def test_camp2019_ccc_track_builds_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fresh_site(tmp_path / "site")
    source = JSON / "frab-camp2019.json"
    built, data, _ = import_and_build(root, capsys, source, "--track", "CCC", "--event-id", "camp")
    assert len(data["talks"]) == 7
    assert {t["track"] for t in data["talks"]} == {"CCC"}
    assert data["timezone"] == "Europe/Berlin"
    opening = next(t for t in data["talks"] if t["title"] == "Opening Ceremony")
    page = talk_page(built, opening["id"])
    assert speaker_names(page) == ["jinxx", "smtw"]
    when = page.select_one("time")
    assert when is not None and when.get("datetime") == "2019-08-21T11:00:00+02:00"
    starts = talk_starts(built, "camp")
    assert starts["Opening Ceremony"] == dt.datetime(2019, 8, 21, 9, 0, tzinfo=UTC)


def test_rc3_builds_strict_with_its_offsets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fresh_site(tmp_path / "site")
    built, data, _ = import_and_build(root, capsys, JSON / "pretalx-rc3.json", "--event-id", "rc3")
    assert len(data["talks"]) == 48
    assert "timezone" not in data  # rC3 names no zone; its +01:00 offsets are written
    gluon = next(t for t in data["talks"] if t["title"].startswith("Der faule Admin"))
    # 11:30 in Germany is 10:30 on this UTC site, not 11:30 (the offset dropped: an hour late).
    page = talk_page(built, gluon["id"])
    when = page.select_one("time")
    assert when is not None and when.get("datetime") == "2020-12-27T10:30:00+00:00"
    starts = talk_starts(built, "rc3")
    assert starts[gluon["title"]] == dt.datetime(2020, 12, 27, 10, 30, tzinfo=UTC)
    assert speaker_names(page) == ["Chris Fiege", "Kasa"]
