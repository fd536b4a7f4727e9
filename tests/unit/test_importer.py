"""`podium import schedule`: conversion, filters, URLs, merge, dry run and validation."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from podium import cli
from podium.eventfile import dump_event, merge, other_comments, post_sources, site_people
from podium.events import Event, Speaker, load_events
from podium.htmltext import to_markdown
from podium.importer import speaker_entry
from podium.paths import ContentTree
from podium.people import People, Person
from podium.problems import Problems
from tests.conftest import CORPUS, REPO

XML = CORPUS / "fosdem-schedule-xml"
JSON = CORPUS / "c3voc-schedule-json" / "validator" / "json" / "examples"
BRUSSELS = ("--timezone", "Europe/Brussels")
# (schedule, arguments it needs, the event's timezone: as written; None: times with offsets)
ALL_SCHEDULES = [
    *((XML / n, BRUSSELS, "Europe/Brussels") for n in ("2007.xml", "2023.xml", "2024.xml")),
    (XML / "2026.xml", (), "Europe/Brussels"),
    (JSON / "frab-camp2019.json", (), "Europe/Berlin"),
    (JSON / "pretalx-democon.json", (), "UTC"),
    (JSON / "pretalx-rc3.json", (), None),
    (JSON / "hub-schedule2.json", (), "Europe/Berlin"),
]
OVERLAPS = {"2023.xml": 1, "2024.xml": 2}
"""Talks that start in a room before the one before them there ends, in those schedules."""
WARNING_LINE = re.compile(r"^[^:\s]+:\d+:\d+: warning: ")


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not here)")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site (mkdocs.yml, content/, data/ with people and FOSDEM 2024)."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "data", root / "data")
    return root


def _import(site: Path, *args: str) -> int:
    return cli.main(["import", "schedule", *args, "--dir", str(site)])


def _event(site: Path, event_id: str) -> dict[str, Any]:
    data = yaml.safe_load((site / "data" / "events" / f"{event_id}.yml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _talk(event: dict[str, Any], title_start: str) -> dict[str, Any]:
    return next(t for t in event["talks"] if t["title"].startswith(title_start))


def _problems_of(site: Path, event_id: str) -> list[str]:
    """Every error and warning the build gives the event file."""
    settings = cli.load_settings(site / "mkdocs.yml")
    tree = ContentTree(settings.content_dir)
    problems = Problems()
    load_events(settings, tree, site_people(settings, tree), post_sources(settings), problems)
    shown = f"data/events/{event_id}.yml"
    return [str(p) for p in problems.sorted() if p.path == shown]


def _errors_of(site: Path, event_id: str) -> list[str]:
    return [p for p in _problems_of(site, event_id) if ": error: " in p]


def _loaded(site: Path, event_id: str) -> Event:
    settings = cli.load_settings(site / "mkdocs.yml")
    tree = ContentTree(settings.content_dir)
    people = site_people(settings, tree)
    events = load_events(settings, tree, people, post_sources(settings), Problems())
    return next(e for e in events if e.id == event_id)


def test_fosdem_2024_into_a_new_file(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _need(XML / "2024.xml")
    (site / "data/events/fosdem-2024.yml").unlink()
    assert _import(site, str(source), *BRUSSELS) == 0
    assert "wrote data/events/fosdem-2024.yml: 674 talk(s)" in capsys.readouterr().err
    text = (site / "data/events/fosdem-2024.yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/event.json\n")
    event = _event(site, "fosdem-2024")
    assert list(event)[:7] == ["title", "kind", "start", "end", "timezone", "location", "talks"]
    assert event["timezone"] == "Europe/Brussels"
    assert event["title"] == "FOSDEM 2024"
    assert event["location"] == {"name": "ULB (Université Libre de Bruxelles)", "city": "Brussels"}
    assert len(event["talks"]) == 674
    urunc = _talk(event, "From Containers to Unikernels")
    assert urunc["id"] == (
        "fosdem-2024-3402-from-containers-to-unikernels-navigating-integration-challenges"
    )
    assert urunc["speakers"] == ["georgios-ntoutsos", "ioannis-plakas"]  # names in people.yml
    assert urunc["room"] == "UB2.252A (Lameere)"
    assert urunc["track"] == "Containers devroom"
    assert "  start: 2024-02-03T18:25:00\n" in text
    assert urunc["duration"] == 30
    assert "In this talk we present `urunc`, a CRI-compatible" in urunc["abstract"]
    assert "<p>" not in urunc["abstract"]
    assert "url" not in urunc  # FOSDEM 2024's schedule gives neither <url> nor base_url
    bunny = _talk(event, "A Modular Approach")
    assert bunny["speakers"] == ["charalampos-mainas", "anastassios-nanos"]
    assert (bunny["room"], bunny["duration"]) == ("UD2.208 (Decroly)", 20)
    assert "  start: 2024-02-03T18:40:00\n" in text
    assert "    abstract: |-\n" in text
    assert _errors_of(site, "fosdem-2024") == []


@pytest.mark.parametrize(
    ("source", "args", "timezone"), ALL_SCHEDULES, ids=[s[0].name for s in ALL_SCHEDULES]
)
def test_every_schedule_imports_to_a_file_without_problems(
    site: Path, source: Path, args: tuple[str, ...], timezone: str | None
) -> None:
    _need(source)
    assert _import(site, str(source), "--event-id", "imported", *args) == 0
    event = _event(site, "imported")
    assert event["kind"] == "conference"
    assert event["talks"]
    assert event.get("timezone") == timezone
    # Not one warning either: handles are {name: …}, every time has a zone or an offset.
    # Only the schedules' own collisions in a room are said: FOSDEM 2023 kept a cancelled
    # talk in its slot, 2024 has talks at once in UB4.136 (from its XML, checked by hand).
    problems = _problems_of(site, "imported")
    overlaps = [p for p in problems if ".start: " in p and " overlaps " in p]
    assert len(overlaps) == OVERLAPS.get(source.name, 0), overlaps
    assert [p for p in problems if p not in overlaps] == []
    loaded = _loaded(site, "imported")
    assert all(t.start is not None and t.start.utcoffset() is not None for t in loaded.talks)


def test_filters(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(_need(XML / "2024.xml"))
    site_zone = BRUSSELS
    assert (
        _import(site, source, "--speaker", "Anastassios Nanos", "--event-id", "a", *site_zone) == 0
    )
    assert [t["title"] for t in _event(site, "a")["talks"]] == [
        "A Modular Approach to Effortless and Dependency-Aware Unikernel Building"
    ]
    # Any value within one kind; every kind given must match.
    args = ["--speaker", "ntoutsos", "--speaker", "MAINAS", "--event-id", "b", *site_zone]
    assert _import(site, source, *args) == 0
    assert len(_event(site, "b")["talks"]) == 2
    args = ["--speaker", "ntoutsos", "--speaker", "mainas", "--track", "microkernel", *site_zone]
    assert _import(site, source, *args, "--event-id", "c") == 0
    assert [t["room"] for t in _event(site, "c")["talks"]] == ["UD2.208 (Decroly)"]
    assert _import(site, source, "--id", "10864", "--event-id", "d", *site_zone) == 0
    assert [t["room"] for t in _event(site, "d")["talks"]] == ["UB2.252A (Lameere)"]
    slug = (
        "fosdem-2024-3456-a-modular-approach-to-effortless-and-dependency-aware-unikernel-building"
    )
    assert _import(site, source, "--id", slug, "--event-id", "e", *site_zone) == 0
    assert [t["duration"] for t in _event(site, "e")["talks"]] == [20]
    capsys.readouterr()
    assert _import(site, source, "--track", "no such track", "--event-id", "f") == 0
    assert f"podium: warning: no talk of {source} matches the filters" in capsys.readouterr().err


def test_ids_do_not_depend_on_filters(site: Path) -> None:
    source = str(_need(XML / "2007.xml"))
    assert _import(site, source, "--event-id", "all", *BRUSSELS) == 0
    everything = {t["title"]: t["id"] for t in _event(site, "all")["talks"]}
    (site / "data/events/all.yml").unlink()
    assert _import(site, source, "--track", "Desktop", "--event-id", "some", *BRUSSELS) == 0
    some = _event(site, "some")["talks"]
    assert some and all(everything[t["title"]] == t["id"] for t in some)
    assert everything["AIGLX"] == "aiglx"  # FOSDEM 2007 has no slugs: the title's


def test_fosdem_video_urls_are_percent_encoded(site: Path) -> None:
    source = str(_need(XML / "2023.xml"))
    assert _import(site, source, "--speaker", "Daniel Stone", "--event-id", "g", *BRUSSELS) == 0
    talks = _event(site, "g")["talks"]
    videos = [t["video"] for t in talks if "video" in t]
    # schedule.xml: https://video.fosdem.org/2023/K.1.105 (La Fontaine)/graphics_a_frames_journey.webm
    assert (
        "https://video.fosdem.org/2023/K.1.105%20(La%20Fontaine)/graphics_a_frames_journey.webm"
        in videos
    )
    assert _import(site, source, "--id", "keynotes_welcome", "--event-id", "h", *BRUSSELS) == 0
    (welcome,) = _event(site, "h")["talks"]
    assert welcome["slides"].endswith("/2023_02_04_FOSDEM_Welcome_opening_talk.pdf")
    assert welcome["id"] == "keynotes-welcome"


def test_pretalx_fosdem_2026_keeps_session_urls(site: Path) -> None:
    source = str(_need(XML / "2026.xml"))
    assert _import(site, source, "--id", "8376") == 0
    event = _event(site, "fosdem-2026")
    assert event["timezone"] == "Europe/Brussels"
    assert event["url"] == "https://fosdem.org/2026/schedule/"
    (talk,) = event["talks"]
    assert talk["id"] == "sfkntz-welcome-to-fosdem-2026"
    assert talk["url"] == "https://fosdem.org/2026/schedule/event/SFKNTZ-welcome_to_fosdem_2026/"


def test_relative_frab_attachments_resolve_against_the_session(site: Path) -> None:
    source = str(_need(JSON / "frab-camp2019.json"))
    assert _import(site, source, "--id", "10178", "--event-id", "camp") == 0
    (talk,) = _event(site, "camp")["talks"]
    assert talk["slides"].startswith(
        "https://fahrplan.events.ccc.de/system/event_attachments/attachments/000/003/792/"
    )


HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Hostile Con</title><start>2024-05-01</start></conference>
  <day index="1" date="2024-05-01">
    <room name="A &quot;room&quot;">
      <event id="7"><start>10:00</start><duration>00:30</duration><room>A</room>
        <slug>Not An Id!</slug>
        <title>&lt;img src=x onerror=alert(1)&gt; talk: "quoted" # not a comment</title>
        <track>Security</track>
        <abstract>&lt;p onclick="alert(1)"&gt;Hi &lt;script&gt;alert(1)&lt;/script&gt;&lt;a href="javascript:alert(1)"&gt;click&lt;/a&gt; and &lt;a href="https://ok.example/a b"&gt;ok&lt;/a&gt;&lt;/p&gt;&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;&lt;p&gt;&amp;lt;b&amp;gt; stays text&lt;/p&gt;</abstract>
        <persons><person id="1">Eve &lt;b onmouseover=alert(1)&gt;</person></persons>
        <links><link href="javascript:alert(1)">Video recording</link></links>
      </event>
    </room>
  </day>
</schedule>
"""


def test_hostile_schedule_text_is_cleaned_and_bad_links_dropped(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "hostile.xml"
    source.write_text(HOSTILE, "utf-8")
    assert _import(site, str(source), *BRUSSELS) == 0
    err = capsys.readouterr().err
    # The video is not written: the warning points at its talk in the written file.
    lines = (site / "data/events/hostile-con.yml").read_text("utf-8").splitlines()
    talk_line = next(n for n, line in enumerate(lines, 1) if line.startswith("  - title:"))
    assert (
        f"data/events/hostile-con.yml:{talk_line}:5: warning: talks[0].video: dropped: scheme "
        "'javascript' not allowed — use an http(s) URL"
    ) in err.splitlines()
    (talk,) = _event(site, "hostile-con")["talks"]
    assert talk["id"] == "not-an-id"
    assert talk["title"] == '<img src=x onerror=alert(1)> talk: "quoted" # not a comment'
    assert talk["speakers"] == ["Eve <b onmouseover=alert(1)>"]
    assert "video" not in talk
    assert talk["abstract"] == ("Hi click and [ok](https://ok.example/a%20b)\n\n&lt;b> stays text")
    assert "javascript" not in (site / "data/events/hostile-con.yml").read_text("utf-8")
    assert _errors_of(site, "hostile-con") == []


def test_merge_keeps_hand_written_values(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(_need(XML / "2024.xml"))
    path = site / "data/events/fosdem-2024.yml"
    before = yaml.safe_load(path.read_text("utf-8"))
    # Remove a value the schedule has, to see it filled in.
    path.write_text(path.read_text("utf-8").replace("    room: UD2.208 (Decroly)\n", ""), "utf-8")
    assert _import(site, source, "--speaker", "Nanos", "--id", "10876", "--id", "10519") == 0
    err = capsys.readouterr().err
    assert "0 talk(s) added, 1 completed, 0 unchanged" in err
    assert _import(site, source, "--id", "10519") == 0
    assert "1 talk(s) added" in capsys.readouterr().err
    text = path.read_text("utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/event.json\n# FOSDEM 2024: the two talks"
    )
    after = yaml.safe_load(text)
    for key in ("summary", "description", "tags", "posts", "url", "location"):
        assert after[key] == before[key]
    assert after["talks"][1] == before["talks"][1]  # the room came back, as it was
    assert after["talks"][0] == before["talks"][0]
    assert after["talks"][1]["video"] == "https://live.fosdem.org/watch/ud2208"
    assert after["talks"][1]["id"] == "bunny-fosdem-2024"
    assert after["talks"][2]["title"] == (
        "Bridging Research and Open Source: the genesis of Gephi Lite"
    )
    assert len(after["talks"]) == 3
    assert _errors_of(site, "fosdem-2024") == []


def test_merge_rules() -> None:
    existing = {
        "title": "Mine",
        "kind": "meetup",
        "location": {"name": "Here"},
        "talks": [{"title": "Talk A", "video": "https://v.example/a"}, {"title": "Kept"}],
    }
    imported = {
        "title": "Theirs",
        "kind": "conference",
        "start": "2024-01-01",
        "location": {"name": "There", "city": "Brussels"},
        "talks": [
            {"title": "talk a", "id": "x-1", "room": "R", "video": "https://v.example/other"},
            {"title": "New", "id": "new"},
        ],
    }
    merged, report = merge(existing, imported)
    assert merged["title"] == "Mine" and merged["kind"] == "meetup"
    assert merged["start"] == "2024-01-01"
    assert merged["location"] == {"name": "Here", "city": "Brussels"}
    assert merged["talks"] == [
        {"title": "Talk A", "video": "https://v.example/a", "room": "R"},
        {"title": "Kept"},
        {"title": "New", "id": "new"},
    ]
    assert (report.added, report.filled, report.unchanged) == (1, 1, 0)
    assert existing["talks"][0] == {"title": "Talk A", "video": "https://v.example/a"}


def test_dry_run_prints_and_writes_nothing(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(_need(XML / "2024.xml"))
    path = site / "data/events/fosdem-2024.yml"
    before = path.read_bytes()
    assert _import(site, source, "--id", "10519", "--dry-run") == 0
    out, err = capsys.readouterr()
    assert path.read_bytes() == before
    assert "genesis of Gephi Lite" in out
    assert out.startswith("# yaml-language-server:")
    assert "nothing written" in err
    assert _import(site, source, "--event-id", "new-one", "--dry-run", *BRUSSELS) == 0
    assert not (site / "data/events/new-one.yml").exists()


def test_a_result_that_fails_validation_is_not_written(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(_need(XML / "2024.xml"))
    path = site / "data/events/fosdem-2024.yml"
    path.write_text(path.read_text("utf-8").replace("kind: conference", "kind: conferense"))
    before = path.read_bytes()
    assert _import(site, source, "--id", "10519") == 1
    err = capsys.readouterr().err
    assert (
        "data/events/fosdem-2024.yml:6:7: error: kind: unknown value 'conferense' (did you mean "
        "'conference'? allowed: conference, meetup, workshop, webinar, hackathon, other)"
    ) in err
    assert "data/events/fosdem-2024.yml was not written" in err
    assert path.read_bytes() == before


def test_unreadable_input_exits_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(site, str(site / "nope.xml")) == 2
    assert "nope.xml: no such file" in capsys.readouterr().err
    invalid = _need(JSON / "invalid-example.json")
    assert _import(site, str(invalid)) == 2
    assert 'rooms.Winterchaos[0].id: expected an integer, got the text "2814"' in (
        capsys.readouterr().err
    )
    assert _import(site, str(_need(XML / "2024.xml")), "--event-id", "Bad Id") == 2
    assert "must match [a-z0-9][a-z0-9-]*" in capsys.readouterr().err
    broken = site / "data/events/fosdem-2024.yml"
    broken.write_text("title: [unclosed\n")
    assert _import(site, str(_need(XML / "2024.xml"))) == 2
    assert "cannot be merged into; fix it first" in capsys.readouterr().err


def test_dump_is_safe_yaml_in_readme_order() -> None:
    event = {
        "talks": [{"abstract": "a\n\nb", "speakers": ["A: b", "#c"], "title": "x: y"}],
        "start": "2024-01-01",
        "title": "T",
        "kind": "meetup",
    }
    text = dump_event(event)
    assert text.splitlines()[:4] == [
        "# yaml-language-server: $schema=../../schemas/event.json",
        "title: T",
        "kind: meetup",
        "start: 2024-01-01",
    ]
    assert "  - title: 'x: y'\n    speakers: ['A: b', '#c']\n    abstract: |-\n" in text
    assert yaml.safe_load(text)["talks"][0]["abstract"] == "a\n\nb"


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        (
            "<p>One</p><p>Two <em>three</em> <strong>four</strong></p>",
            "One\n\nTwo *three* **four**",
        ),
        ("<p>use <code>a*b</code></p>", "use `a*b`"),
        ('<a href="mailto:x@example.org">mail</a>', "[mail](mailto:x@example.org)"),
        ('<a href="/relative">rel</a> <a href="data:text/html,x">d</a>', "rel d"),
        ("<ul><li>a</li><li>b <i>c</i></li></ul>", "- a\n- b *c*"),
        ("<ol><li>a</li><li>b</li></ol>", "1. a\n2. b"),
        ("<pre><code>x = 1\n  y</code></pre>", "```\nx = 1\n  y\n```"),
        ("<h2>Head</h2><p>1. not a list * [x]</p>", "**Head**\n\n1\\. not a list \\* \\[x\\]"),
        ("<p>a<br>b</p><style>p{}</style><script>x()</script><img src=x onerror=y>", "a\nb"),
        ("<blockquote><p>q</p></blockquote>", "> q"),
        ("<p>\tTabs\x0b and\u2028 controls  </p>", "Tabs and controls"),
    ],
)
def test_html_becomes_safe_markdown(html: str, markdown: str) -> None:
    assert to_markdown(html) == markdown


def test_markdown_input_is_kept_but_defused() -> None:
    text = "Uses [Gluon](https://gluon.example/) and [x](javascript:alert(1)) <script>\r\n"
    assert to_markdown(text) == "Uses [Gluon](https://gluon.example/) and x &lt;script>"
    assert to_markdown("[r]: javascript:alert(1)\n\nok") == "ok"


# --- speakers: a handle is written {name: …}, never mistaken for a person id ----------------


def test_speaker_entries_never_write_a_handle_as_an_id() -> None:
    people = People(
        {
            "simon-kuenzer": Person("simon-kuenzer", "Simon Kuenzer"),
            "ada": Person("ada", "Ada Lovelace"),
        }
    )
    assert speaker_entry("Simon Kuenzer", people) == "simon-kuenzer"  # a person's name: the id
    assert speaker_entry("simon kuenzer", people) == "simon-kuenzer"  # case is ignored
    assert speaker_entry("Jane Doe", people) == "Jane Doe"  # no id-like look: as it is
    assert speaker_entry("jinxx", people) == {"name": "jinxx"}  # looks like an id
    assert speaker_entry("1peter10", people) == {"name": "1peter10"}
    # A speaker called like someone's id is not that person: a name, not the id.
    assert speaker_entry("ada", people) == {"name": "ada"}
    assert speaker_entry("Ada", people) == {"name": "Ada"}


PLAIN_NAMES = """\
title: Names
kind: meetup
start: 2024-05-01
timezone: Europe/Brussels
talks:
  - title: One
    speakers: [{name: jinxx}, jinxx, {name: Simon Kuenzer}, {name: simon-kuenzer}]
  - title: Two
    speakers:
      - {nmae: jinxx}
      - {name: 3}
      - {}
"""


def test_the_plain_name_form_validates_and_never_names_an_id(site: Path) -> None:
    path = site / "data/events/names.yml"
    path.write_text(PLAIN_NAMES, "utf-8")
    assert _problems_of(site, "names") == [
        "data/events/names.yml:7:31: warning: talks[0].speakers[1]: unknown person 'jinxx' "
        "(people are listed in data/people.yml); shown as plain text",
        # {nmae: …}: both problems, each where it is (the unknown key at the key).
        "data/events/names.yml:10:9: error: talks[1].speakers[0].name: required",
        "data/events/names.yml:10:10: error: talks[1].speakers[0].nmae: unknown key",
        "data/events/names.yml:11:16: error: talks[1].speakers[1].name: expected text, got the "
        'number 3 — write name: "3"',
        "data/events/names.yml:12:9: error: talks[1].speakers[2].name: required",
    ]
    path.write_text(PLAIN_NAMES.split("  - title: Two")[0], "utf-8")
    (talk,) = _loaded(site, "names").talks
    assert talk.speakers == (
        Speaker("jinxx", None),
        Speaker("jinxx", None),
        Speaker("Simon Kuenzer", "simon-kuenzer"),  # a name still finds its person
        Speaker("simon-kuenzer", None),  # an id in {name: …} is only a name
    )


def test_camp2019_handles_become_plain_names_without_warnings(site: Path) -> None:
    source = str(_need(JSON / "frab-camp2019.json"))
    assert _import(site, source, "--track", "CCC", "--event-id", "camp") == 0
    text = (site / "data/events/camp.yml").read_text("utf-8")
    assert "    speakers: [{name: jinxx}, {name: smtw}]\n" in text
    opening = _talk(_event(site, "camp"), "Opening Ceremony")
    assert opening["speakers"] == [{"name": "jinxx"}, {"name": "smtw"}]
    assert _problems_of(site, "camp") == []
    loaded = next(t for t in _loaded(site, "camp").talks if t.title == "Opening Ceremony")
    assert loaded.speakers == (Speaker("jinxx", None), Speaker("smtw", None))


# --- time zones: the schedule's zone, else its offsets, else --timezone; never a guess -------

UTC = dt.UTC


def _utc_site(site: Path) -> Path:
    config = site / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "timezone: Europe/Brussels" in text
    config.write_text(text.replace("timezone: Europe/Brussels", "timezone: UTC"), "utf-8")
    return site


def _event_files(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "data/events").iterdir())


def test_no_zone_and_no_offsets_stops_and_asks_for_timezone(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(_need(XML / "2023.xml"))
    before = _event_files(site)
    for extra in ((), ("--dry-run",)):
        assert _import(site, source, *extra) == 2
        out, err = capsys.readouterr()
        assert (out, err.splitlines()) == (
            "",
            [
                f"{source}:3:3: error: conference: the schedule names no time zone and its talk "
                "times (2023-02-04 09:30 …) have no UTC offset — pass --timezone ZONE, such as "
                "--timezone Europe/Brussels"
            ],
        )
        assert _event_files(site) == before


@pytest.mark.parametrize("schedule", ["2023.xml", "2026.xml"])
def test_an_unknown_timezone_is_one_line_and_writes_nothing(
    site: Path, schedule: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(_need(XML / schedule))
    before = _event_files(site)
    assert _import(site, source, "--timezone", "Mars/Olympus") == 2
    assert capsys.readouterr().err.splitlines() == [
        "podium: --timezone Mars/Olympus: unknown IANA zone 'Mars/Olympus' — give an IANA zone name"
    ]
    assert _import(site, source, "--timezone", "Europe/Bruxelles") == 2
    assert capsys.readouterr().err.splitlines() == [
        "podium: --timezone Europe/Bruxelles: unknown IANA zone 'Europe/Bruxelles' (did you mean "
        "'Europe/Brussels'?) — give an IANA zone name"
    ]
    assert _event_files(site) == before


def test_timezone_gives_times_without_offset_their_zone(site: Path) -> None:
    source = str(_need(XML / "2023.xml"))
    _utc_site(site)
    assert _import(site, source, "--id", "keynotes_welcome", "--event-id", "w", *BRUSSELS) == 0
    text = (site / "data/events/w.yml").read_text("utf-8")
    assert "\ntimezone: Europe/Brussels\n" in text
    assert "    start: 2023-02-04T09:30:00\n" in text
    (talk,) = _loaded(site, "w").talks
    assert talk.start is not None
    assert talk.start.astimezone(UTC) == dt.datetime(2023, 2, 4, 8, 30, tzinfo=UTC)
    assert _problems_of(site, "w") == []


def test_the_schedule_zone_is_written_with_local_times(site: Path) -> None:
    source = str(_need(XML / "2026.xml"))
    _utc_site(site)
    assert _import(site, source, "--id", "8376") == 0
    text = (site / "data/events/fosdem-2026.yml").read_text("utf-8")
    assert "\ntimezone: Europe/Brussels\n" in text
    assert "    start: 2026-01-31T09:30:00\n" in text
    (talk,) = _loaded(site, "fosdem-2026").talks
    assert talk.start is not None
    assert talk.start.astimezone(UTC) == dt.datetime(2026, 1, 31, 8, 30, tzinfo=UTC)


def test_offsets_are_kept_when_the_schedule_names_no_zone(site: Path) -> None:
    source = str(_need(JSON / "pretalx-rc3.json"))
    _utc_site(site)
    assert _import(site, source, "--event-id", "rc3") == 0
    text = (site / "data/events/rc3.yml").read_text("utf-8")
    event = _event(site, "rc3")
    assert "timezone" not in event
    assert "    start: 2020-12-27T11:30:00+01:00\n" in text
    # On a UTC site the first talk is at 10:30 UTC (dropping +01:00 made it 11:30: one hour late).
    gluon = next(t for t in _loaded(site, "rc3").talks if t.title.startswith("Der faule Admin"))
    assert gluon.start is not None
    assert gluon.start.astimezone(UTC) == dt.datetime(2020, 12, 27, 10, 30, tzinfo=UTC)
    assert _problems_of(site, "rc3") == []
    # With --timezone the file gets that zone and its wall-clock times, the same instants.
    (site / "data/events/rc3.yml").unlink()
    assert _import(site, source, "--event-id", "rc3", "--timezone", "Europe/Berlin") == 0
    text = (site / "data/events/rc3.yml").read_text("utf-8")
    assert "\ntimezone: Europe/Berlin\n" in text
    assert "    start: 2020-12-27T11:30:00\n" in text
    gluon = next(t for t in _loaded(site, "rc3").talks if t.title.startswith("Der faule Admin"))
    assert gluon.start is not None
    assert gluon.start.astimezone(UTC) == dt.datetime(2020, 12, 27, 10, 30, tzinfo=UTC)


def test_a_merge_writes_times_in_the_zone_of_the_file(site: Path) -> None:
    source = str(_need(JSON / "pretalx-rc3.json"))
    _utc_site(site)
    path = site / "data/events/rc3.yml"
    # The file's own zone wins: imported times are written as its wall-clock times.
    path.write_text("title: rC3\nkind: conference\nstart: 2020-12-27\ntimezone: Asia/Tokyo\n")
    assert _import(site, source, "--event-id", "rc3", "--id", "15") == 0
    assert len(_event(site, "rc3")["talks"]) == 1
    assert "    start: 2020-12-27T19:30:00\n" in path.read_text("utf-8")
    assert _event(site, "rc3")["timezone"] == "Asia/Tokyo"
    # A file without timezone: whose own times are in the site's zone: none is added (it
    # would move them); the imported times keep their offsets.
    mine = "  - title: Mine\n    start: 2020-12-27T09:00:00\n    duration: 30\n"
    path.write_text("title: rC3\nkind: conference\nstart: 2020-12-27\ntalks:\n" + mine)
    args = ("--event-id", "rc3", "--id", "15", "--timezone", "Europe/Berlin")
    assert _import(site, source, *args) == 0
    text = path.read_text("utf-8")
    assert "timezone" not in _event(site, "rc3")
    assert mine in text
    assert "    start: 2020-12-27T11:30:00+01:00\n" in text
    starts = {t.title: t.start for t in _loaded(site, "rc3").talks}
    assert starts["Mine"] == dt.datetime(2020, 12, 27, 9, 0, tzinfo=UTC)
    assert _problems_of(site, "rc3") == []
    # A file with dates only takes the schedule's zone.
    path.write_text("title: rC3\nkind: conference\nstart: 2020-12-27\n")
    assert _import(site, source, *args) == 0
    assert _event(site, "rc3")["timezone"] == "Europe/Berlin"
    assert "    start: 2020-12-27T11:30:00\n" in path.read_text("utf-8")


def _schedule(tmp_path: Path, events: str, conference: str = "") -> Path:
    path = tmp_path / "schedule.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<schedule>\n'
        "  <conference><title>Small Con</title><start>2024-03-30</start><end>2024-10-28</end>"
        f"<city>Brussels</city>{conference}</conference>\n"
        f'  <day index="1" date="2024-03-31">\n    <room name="A">\n{events}    </room>\n'
        "  </day>\n</schedule>\n",
        "utf-8",
    )
    return path


def _xml_event(key: int, title: str, start: str, date: str = "", extra: str = "") -> str:
    when = f"<date>{date}</date>" if date else ""
    return (
        f'      <event id="{key}">{when}<start>{start}</start><duration>00:30</duration>\n'
        f"        <title>{title}</title>{extra}</event>\n"
    )


def test_dst_edges_keep_an_offset_or_are_left_out_with_a_positioned_note(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = (
        _xml_event(1, "Skipped hour", "02:30")  # 2024-03-31 02:30 does not exist in Brussels
        + _xml_event(2, "Twice", "02:30", "2024-10-27T02:30:00")  # happens twice
        + _xml_event(3, "Second", "02:30", "2024-10-27T02:30:00+01:00")  # exact: the second
    )
    zone = "<time_zone_name>Europe/Brussels</time_zone_name>"
    source = _schedule(tmp_path, events, zone)
    assert _import(site, str(source)) == 0
    err = capsys.readouterr().err.splitlines()
    text = (site / "data/events/small-con.yml").read_text("utf-8")
    talks = {t["title"]: t for t in _event(site, "small-con")["talks"]}
    assert "start" not in talks["Skipped hour"]
    assert "    start: 2024-10-27T02:30:00+02:00\n" in text  # the first 02:30, said exactly
    assert "    start: 2024-10-27T02:30:00+01:00\n" in text
    lines = text.splitlines()
    twice = lines.index("    start: 2024-10-27T02:30:00+02:00") + 1
    index = {t["title"]: n for n, t in enumerate(_event(site, "small-con")["talks"])}
    skipped = lines.index("  - title: Skipped hour") + 1
    assert [line for line in err if ": warning: " in line] == sorted(
        [
            f"data/events/small-con.yml:{twice}:12: warning: talks[{index['Twice']}].start: the "
            "schedule's 2024-10-27T02:30:00 is ambiguous in Europe/Brussels (clocks go back "
            "03:00→02:00); written as the first, 2024-10-27T02:30:00+02:00 — check it",
            f"data/events/small-con.yml:{skipped}:5: warning: talks[{index['Skipped hour']}]."
            "start: the schedule's 2024-03-31T02:30:00 does not exist in Europe/Brussels "
            "(clocks jump 02:00→03:00); left out",
        ],
        key=lambda line: int(line.split(":")[1]),
    )
    assert _problems_of(site, "small-con") == []


def test_naive_times_are_read_in_the_schedule_zone_then_written_in_the_file_zone(
    site: Path, tmp_path: Path
) -> None:
    zone = "<time_zone_name>Europe/Brussels</time_zone_name>"
    source = _schedule(tmp_path, _xml_event(1, "T", "10:00"), zone)
    path = site / "data/events/small-con.yml"
    path.write_text("title: Small Con\nkind: conference\nstart: 2024-03-30\ntimezone: UTC\n")
    assert _import(site, str(source)) == 0
    # 10:00 in Brussels (summer time from that morning) is 08:00 in the file's UTC.
    assert "    start: 2024-03-31T08:00:00\n" in path.read_text("utf-8")
    # Without a zone in the schedule, the file's zone reads its times: no --timezone needed.
    source = _schedule(tmp_path, _xml_event(1, "T", "10:00"))
    path.write_text("title: Small Con\nkind: conference\nstart: 2024-03-30\ntimezone: UTC\n")
    assert _import(site, str(source)) == 0
    assert "    start: 2024-03-31T10:00:00\n" in path.read_text("utf-8")
    assert _problems_of(site, "small-con") == []


def test_an_unknown_schedule_zone_asks_for_timezone(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zone = "<time_zone_name>Europe/Brusels</time_zone_name>"
    source = _schedule(tmp_path, _xml_event(1, "T", "10:00"), zone)
    assert _import(site, str(source)) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{source}:3:3: error: conference.time_zone_name: unknown IANA zone 'Europe/Brusels' "
        "(did you mean 'Europe/Brussels'?), and its talk times (2024-03-31 10:00 …) have no UTC "
        "offset — pass --timezone ZONE, such as --timezone Europe/Brussels"
    ]
    assert not (site / "data/events/small-con.yml").exists()
    # Offsets everywhere: nothing to ask, the times say it all.
    offsets = _schedule(tmp_path, _xml_event(1, "T", "10:00", "2024-03-31T10:00:00+02:00"), zone)
    assert _import(site, str(offsets)) == 0
    assert "    start: 2024-03-31T10:00:00+02:00\n" in (
        site / "data/events/small-con.yml"
    ).read_text("utf-8")


# --- every message the importer prints has its place -------------------------------------


def test_importer_notes_point_at_the_written_field(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(_need(XML / "2026.xml"))
    assert _import(site, source) == 0
    err = capsys.readouterr().err.splitlines()
    warnings = [line for line in err if "warning" in line]
    assert warnings and all(WARNING_LINE.match(line) for line in warnings), warnings
    shortened = next(line for line in warnings if ".abstract: shortened to" in line)
    where, rest = shortened.split(": warning: ")
    _, line, col = where.split(":")
    field = rest.split(":")[0]
    assert where.startswith("data/events/fosdem-2026.yml:")
    number = int(field.removeprefix("talks[").split("]")[0])
    # The position is the abstract of that very talk in the written file.
    path = site / "data/events/fosdem-2026.yml"
    lines = path.read_text("utf-8").splitlines()
    assert lines[int(line) - 1].startswith("    abstract: ")
    assert lines[int(line) - 1][int(col) - 1 :] == "|-"
    title_line = max(n for n in range(int(line)) if lines[n].startswith("  - title: "))
    talk = _event(site, "fosdem-2026")["talks"][number]
    assert yaml.safe_load(lines[title_line].removeprefix("  - title: ")) == talk["title"]
    assert talk["abstract"].endswith("\n\n…")
    assert f"the schedule has {len(talk['abstract'])}" not in rest
    assert _problems_of(site, "fosdem-2026") == []


def test_a_skipped_session_is_reported_at_its_place_in_the_schedule(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zone = "<time_zone_name>Europe/Brussels</time_zone_name>"
    source = _schedule(tmp_path, _xml_event(7, "Kept", "10:00") + _xml_event(8, " ", "11:00"), zone)
    assert _import(site, str(source)) == 0
    lines = source.read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if '<event id="8">' in text)
    assert f"{source}:{line}:7: warning: schedule event 8: skipped: no title" in (
        capsys.readouterr().err.splitlines()
    )


def test_invisible_characters_are_removed_with_a_note(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zone = "<time_zone_name>Europe/Brussels</time_zone_name>"
    extra = "<persons><person id='1'>Bob\u202e</person></persons>"
    event = _xml_event(1, "Zero\u200bwidth", "10:00", extra=extra)
    assert _import(site, str(_schedule(tmp_path, event, zone))) == 0
    err = capsys.readouterr().err.splitlines()
    (talk,) = _event(site, "small-con")["talks"]
    assert (talk["title"], talk["speakers"]) == ("Zerowidth", ["Bob"])
    lines = (site / "data/events/small-con.yml").read_text("utf-8").splitlines()
    title = lines.index("  - title: Zerowidth") + 1
    speakers = lines.index("    speakers: [Bob]") + 1
    assert (
        f"data/events/small-con.yml:{title}:12: warning: talks[0].title: removed the "
        "invisible character(s) U+200B"
    ) in err
    assert (
        f"data/events/small-con.yml:{speakers}:15: warning: talks[0].speakers: removed the "
        "invisible character(s) U+202E"
    ) in err
    assert _problems_of(site, "small-con") == []


def test_a_note_about_a_value_the_file_keeps_is_not_printed(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "<p>" + "word " * 1100 + "</p>"
    zone = "<time_zone_name>Europe/Brussels</time_zone_name>"
    extra = f"<abstract>{long.replace('<', '&lt;').replace('>', '&gt;')}</abstract>"
    source = _schedule(tmp_path, _xml_event(1, "Long", "10:00", extra=extra), zone)
    path = site / "data/events/small-con.yml"
    path.write_text(
        "title: Small Con\nkind: conference\nstart: 2024-03-30\n"
        "talks:\n  - title: Long\n    abstract: Mine, by hand.\n"
    )
    assert _import(site, str(source)) == 0
    assert "shortened" not in capsys.readouterr().err
    assert _event(site, "small-con")["talks"][0]["abstract"] == "Mine, by hand."
    path.unlink()
    assert _import(site, str(source)) == 0
    assert "talks[0].abstract: shortened to " in capsys.readouterr().err


def test_comments_are_told_apart_from_hashes_in_values() -> None:
    text = (
        "# yaml-language-server: $schema=x\n# header\ntitle: 'C # sharp'\n"
        "talks:\n  - title: x\n    abstract: |-\n      Issue #12 and\n      # not a comment\n"
    )
    assert not other_comments(text)
    assert other_comments(text + "tags: [a] # a comment\n")
    assert other_comments(text + "# a comment line\n")


def test_every_time_and_duration_is_kept_or_reported_and_the_file_has_the_usual_mode(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = (
        '      <event id="1"><start>25:99</start><duration>00:30</duration>\n'
        "        <title>Bad start</title></event>\n"
        '      <event id="2"><start>10:00</start><duration>half an hour</duration>\n'
        "        <title>Bad duration</title></event>\n"
        '      <event id="3"><start>11:00</start><duration>30:00</duration>\n'
        "        <title>Too long</title></event>\n"
    )
    zone = "<time_zone_name>Europe/Brussels</time_zone_name>"
    assert _import(site, str(_schedule(tmp_path, events, zone))) == 0
    err = capsys.readouterr().err.splitlines()
    # Talks without a start go last; a talk whose duration was dropped is also one with a
    # start and no length (the schedule check says what that means).
    assert [line for line in err if "dropped" in line] == [
        "data/events/small-con.yml:10:5: warning: talks[0].duration: dropped: 'half an hour'"
        " is not HH:MM",
        "data/events/small-con.yml:14:5: warning: talks[1].duration: dropped: 1800 minutes"
        " is not from 1 to 1440",
        "data/events/small-con.yml:18:5: warning: talks[2].start: dropped: '25:99' is not a"
        " date and time",
    ]
    missing = [line.split(": warning: ")[1].split(":")[0] for line in err if "missing" in line]
    assert missing == ["talks[0].duration", "talks[1].duration"]
    path = site / "data/events/small-con.yml"
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
