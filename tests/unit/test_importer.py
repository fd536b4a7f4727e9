"""`podium import schedule`: conversion, filters, URLs, merge, dry run and validation."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from podium import cli
from podium.eventfile import dump_event, merge, post_sources, site_people
from podium.events import load_events
from podium.htmltext import to_markdown
from podium.paths import ContentTree
from podium.problems import Problems
from tests.conftest import CORPUS, REPO

XML = CORPUS / "fosdem-schedule-xml"
JSON = CORPUS / "c3voc-schedule-json" / "validator" / "json" / "examples"
ALL_SCHEDULES = [
    *(XML / n for n in ("2007.xml", "2023.xml", "2024.xml", "2026.xml")),
    *(
        JSON / n
        for n in (
            "frab-camp2019.json",
            "pretalx-democon.json",
            "pretalx-rc3.json",
            "hub-schedule2.json",
        )
    ),
]


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


def _errors_of(site: Path, event_id: str) -> list[str]:
    settings = cli.load_settings(site / "mkdocs.yml")
    tree = ContentTree(settings.content_dir)
    problems = Problems()
    load_events(settings, tree, site_people(settings, tree), post_sources(settings), problems)
    shown = f"data/events/{event_id}.yml"
    return [str(p) for p in problems.errors if p.path == shown]


def test_fosdem_2024_into_a_new_file(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _need(XML / "2024.xml")
    (site / "data/events/fosdem-2024.yml").unlink()
    assert _import(site, str(source)) == 0
    assert "wrote data/events/fosdem-2024.yml: 674 talk(s)" in capsys.readouterr().err
    text = (site / "data/events/fosdem-2024.yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/event.json\n")
    event = _event(site, "fosdem-2024")
    assert list(event)[:6] == ["title", "kind", "start", "end", "location", "talks"]
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


@pytest.mark.parametrize("source", ALL_SCHEDULES, ids=lambda p: p.name)
def test_every_schedule_imports_to_a_file_without_errors(site: Path, source: Path) -> None:
    _need(source)
    assert _import(site, str(source), "--event-id", "imported") == 0
    event = _event(site, "imported")
    assert event["kind"] == "conference"
    assert event["talks"]
    assert _errors_of(site, "imported") == []


def test_filters(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(_need(XML / "2024.xml"))
    assert _import(site, source, "--speaker", "Anastassios Nanos", "--event-id", "a") == 0
    assert [t["title"] for t in _event(site, "a")["talks"]] == [
        "A Modular Approach to Effortless and Dependency-Aware Unikernel Building"
    ]
    # Any value within one kind; every kind given must match.
    args = ["--speaker", "ntoutsos", "--speaker", "MAINAS", "--event-id", "b"]
    assert _import(site, source, *args) == 0
    assert len(_event(site, "b")["talks"]) == 2
    args = ["--speaker", "ntoutsos", "--speaker", "mainas", "--track", "microkernel"]
    assert _import(site, source, *args, "--event-id", "c") == 0
    assert [t["room"] for t in _event(site, "c")["talks"]] == ["UD2.208 (Decroly)"]
    assert _import(site, source, "--id", "10864", "--event-id", "d") == 0
    assert [t["room"] for t in _event(site, "d")["talks"]] == ["UB2.252A (Lameere)"]
    slug = (
        "fosdem-2024-3456-a-modular-approach-to-effortless-and-dependency-aware-unikernel-building"
    )
    assert _import(site, source, "--id", slug, "--event-id", "e") == 0
    assert [t["duration"] for t in _event(site, "e")["talks"]] == [20]
    capsys.readouterr()
    assert _import(site, source, "--track", "no such track", "--event-id", "f") == 0
    assert "warning: no talk matches the filters" in capsys.readouterr().err


def test_ids_do_not_depend_on_filters(site: Path) -> None:
    source = str(_need(XML / "2007.xml"))
    assert _import(site, source, "--event-id", "all") == 0
    everything = {t["title"]: t["id"] for t in _event(site, "all")["talks"]}
    (site / "data/events/all.yml").unlink()
    assert _import(site, source, "--track", "Desktop", "--event-id", "some") == 0
    some = _event(site, "some")["talks"]
    assert some and all(everything[t["title"]] == t["id"] for t in some)
    assert everything["AIGLX"] == "aiglx"  # FOSDEM 2007 has no slugs: the title's


def test_fosdem_video_urls_are_percent_encoded(site: Path) -> None:
    source = str(_need(XML / "2023.xml"))
    assert _import(site, source, "--speaker", "Daniel Stone", "--event-id", "g") == 0
    talks = _event(site, "g")["talks"]
    videos = [t["video"] for t in talks if "video" in t]
    # schedule.xml: https://video.fosdem.org/2023/K.1.105 (La Fontaine)/graphics_a_frames_journey.webm
    assert (
        "https://video.fosdem.org/2023/K.1.105%20(La%20Fontaine)/graphics_a_frames_journey.webm"
        in videos
    )
    assert _import(site, source, "--id", "keynotes_welcome", "--event-id", "h") == 0
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
    assert _import(site, str(source)) == 0
    err = capsys.readouterr().err
    assert (
        "data/events/hostile-con.yml: warning: talks[0].video: dropped: scheme 'javascript' not "
        "allowed — use an http(s) URL"
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
    assert _import(site, source, "--event-id", "new-one", "--dry-run") == 0
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
