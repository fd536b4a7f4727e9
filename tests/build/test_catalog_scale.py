"""A conference at full size, built with the shipped mkdocs.yml (strict): the catalog's filter
markup, page weights, the event page's table of contents and the search entries.

Two sites: a generated 900-talk conference (tests/bigevent.py), always; and the whole FOSDEM
2026 schedule imported with `podium import schedule` when ../shared/corpus is here.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.bigevent import write_big_event
from tests.build.test_import_builds import fresh_site
from tests.conftest import Built, FosdemSite, build_site

KB = 1024
# Material's search splits an entry's words at spaces and hyphens (its default separator).
SEPARATOR = re.compile(r"[\s\-]+")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = fresh_site(tmp_path_factory.mktemp("big") / "site")
    write_big_event(root, 900)
    built = build_site(root, strict=True)
    assert built.warnings == []
    return built


@pytest.fixture(scope="module")
def fosdem(fosdem_2026: FosdemSite) -> Built:
    """The session's FOSDEM 2026 build (tests/conftest.py): strict, without a warning."""
    return fosdem_2026.built


def soup(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(url), "html.parser")


def event_data(built: Built) -> dict[str, Any]:
    (path,) = (built.root / "data/events").glob("*.yml")
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    data["id"] = path.stem
    return data


def json_ld_blocks(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return [s.string or "" for s in page.select('script[type="application/ld+json"]')]


def check_weights(built: Built) -> dict[str, int]:
    """The budgets of a conference's pages; returns the sizes, for the message."""
    event = event_data(built)
    talks = event["talks"]
    event_html = built.html(f"events/{event['id']}/")
    blocks = json_ld_blocks(event_html)
    sizes = {
        "event page": len(event_html.encode()),
        "largest JSON-LD": max(len(b.encode()) for b in blocks),
        "catalog gzipped": len(gzip.compress(built.html("talks/").encode(), 9)),
    }
    assert sizes["event page"] <= 400 * KB, sizes
    assert sizes["largest JSON-LD"] <= 100 * KB, sizes
    assert sizes["catalog gzipped"] <= 150 * KB, sizes
    # Every talk is a sub-event of the one event (blocks merged by @id), without its abstract.
    parsed = [json.loads(b) for b in blocks]
    url = parsed[0]["url"]
    assert parsed[0]["@type"] == "Event" and all(p.get("@id") == url for p in parsed)
    subs = [s for p in parsed for s in p.get("subEvent", [])]
    assert len(subs) == len(talks)
    assert {s["url"].rsplit("/", 2)[-2] for s in subs} == {t["id"] for t in talks}
    for sub, talk in zip(subs, talks, strict=True):
        assert sub["name"] == talk["title"]
        assert sub["startDate"][:16] == str(talk["start"])[:16].replace(" ", "T")
        assert sub["location"] == {"@type": "Place", "name": talk["room"]}
        assert "description" not in sub
    return sizes


def test_a_900_talk_conference_stays_within_its_page_weights(big: Built) -> None:
    check_weights(big)


def test_the_fosdem_2026_import_stays_within_its_page_weights(fosdem: Built) -> None:
    sizes = check_weights(fosdem)
    assert len(json_ld_blocks(fosdem.html("events/fosdem-2026/"))) > 1, sizes


def test_catalog_rows_carry_their_filter_keys_and_the_list_is_complete(big: Built) -> None:
    page = soup(big, "talks/")
    form = page.select_one("form[data-podium-filters]")
    assert form is not None and form.has_attr("hidden")  # shown by podium.js only
    rows = page.select("ul[data-podium-talks] > li.podium-talk")
    assert len(rows) == 900 and not any(r.has_attr("hidden") for r in rows)
    talks = {t["id"]: t for t in event_data(big)["talks"]}
    for row in rows:
        href = str(row.select_one(".podium-talk__title a")["href"])
        talk = talks[href.strip("/").split("/")[-1]]
        assert row["data-day"] == str(talk["start"])[:10]
        assert row["data-room"] == re.sub(r"[^a-z0-9]+", "-", talk["room"].lower()).strip("-")
        assert row["data-text"] == " ".join(
            f"{talk['title']} {talk['speakers'][0]}".lower().split()
        )
        assert row.select_one(".podium-talk__room").get_text() == talk["room"]
    # Catalog titles are the level under the page's h1.
    assert {h.name for h in page.select(".podium-talk__title")} == {"h2"}
    days = form.select("select[name=day] optgroup")
    assert [g["label"] for g in days] == ["Big Conference 2026"]
    assert [(o["value"], o.get_text()) for o in days[0].select("option")] == [
        ("2026-01-31", "Saturday 31 January 2026"),
        ("2026-02-01", "Sunday 1 February 2026"),
    ]
    rooms = [o.get_text() for o in form.select("select[name=room] option")][1:]
    assert len(rooms) == 64 and "UA2.2.118 (Henriot)" in rooms
    speaker = form.select_one("input[name=speaker]")
    assert speaker is not None and form.select_one(f"datalist#{speaker['list']}") is not None
    assert form.select_one("label:has(> input[name=text][type=search])") is not None


def test_the_text_key_folds_accents_as_the_script_does() -> None:
    from podium.talkfilters import fold

    assert fold("  Raphaël  GOMÈS ") == "raphael gomes"
    assert fold("Ｆｕｌｌ ｗｉｄｔｈ ﬁ") == "full width fi"
    script = (Path(__file__).parents[2] / "plugins/podium/assets/podium.js").read_text("utf-8")
    assert 'normalize("NFKD")' in script and "toLowerCase()" in script


def toc_links(page: BeautifulSoup) -> list[tuple[str, str, int]]:
    """(href, text, depth) of the page's table of contents in Material's sidebar."""
    nav = page.select_one("nav.md-nav--secondary")
    assert nav is not None, "no table of contents"
    found = []
    for link in nav.select("a.md-nav__link"):
        depth = len(link.find_parents("ul")) - 1
        found.append((str(link["href"]), " ".join(link.get_text().split()), depth))
    return found


def test_every_track_of_the_event_is_in_its_table_of_contents(fosdem: Built) -> None:
    page = soup(fosdem, "events/fosdem-2026/")
    headings = page.select("h3.podium-event__track")
    assert len(headings) >= 60
    links = toc_links(page)
    assert links[0] == ("#talks", "Talks", 0)
    for count in page.select("h3.podium-event__track .podium-count"):
        count.decompose()  # "45 talks" follows the name in the heading, not in the TOC
    tracks = [(f"#{h['id']}", " ".join(h.get_text().split()), 1) for h in headings]
    assert links[1 : 1 + len(tracks)] == tracks
    assert len({h["id"] for h in headings}) == len(headings)


def test_track_names_are_escaped_and_unique_in_the_toc(tmp_path: Path) -> None:
    root = fresh_site(tmp_path / "site")
    event = {
        "title": "Tiny",
        "kind": "meetup",
        "start": "2026-03-01",
        "talks": [
            {"title": "One", "track": "<b>Rust</b> & C"},
            {"title": "Two", "track": "Rust & C"},
            {"title": "Three", "track": "Rust, C"},  # the same slug: a second anchor
            {"title": "Four"},  # no track: no heading, no entry
        ],
    }
    (root / "data/events/tiny.yml").write_text(yaml.safe_dump(event), "utf-8")
    built = build_site(root, strict=True)
    page = soup(built, "events/tiny/")
    assert toc_links(page) == [
        ("#talks", "Talks", 0),
        ("#track-b-rust-b-c", "<b>Rust</b> & C", 1),
        ("#track-rust-c", "Rust & C", 1),
        ("#track-rust-c-2", "Rust, C", 1),
    ]
    assert page.select_one("nav.md-nav--secondary b") is None  # text, never markup


def tokens(entry: dict[str, str]) -> set[str]:
    text = BeautifulSoup(entry["text"], "html.parser").get_text(" ")
    return {t.lower() for t in SEPARATOR.split(text) if t}


def test_rooms_tracks_and_days_are_words_in_the_search_index(fosdem: Built) -> None:
    index = json.loads((fosdem.site / "search/search_index.json").read_text("utf-8"))
    entries = {d["location"]: d for d in index["docs"]}
    talks = {t["id"]: t for t in event_data(fosdem)["talks"]}
    for word, room in (
        ("henriot", "UA2.118 (Henriot)"),
        ("lameere", "UB2.252A (Lameere)"),
        ("k.1.105", "K.1.105 (La Fontaine)"),
        ("fontaine", "K.1.105 (La Fontaine)"),
    ):
        found = {loc.split("/")[1] for loc, e in entries.items() if word in tokens(e)}
        in_room = {i for i, t in talks.items() if t.get("room") == room}
        assert in_room and in_room <= found, word
    depage = {i for i, t in talks.items() if "Depage" in (t.get("room") or "")}
    assert depage and all("depage" in tokens(entries[f"talks/{i}/"]) for i in depage)
    for talk_id, talk in list(talks.items())[:50]:
        words = tokens(entries[f"talks/{talk_id}/"])
        day = "saturday" if str(talk["start"]).startswith("2026-01-31") else "sunday"
        assert day in words, talk_id
        track = {w.lower() for w in re.split(r"[\s\-()\[\]{}<>/\\,;:|\"]+", talk["track"]) if w}
        assert track <= words, talk_id


def test_search_words_split_brackets_and_keep_names() -> None:
    from podium.searchentries import words

    assert words("K.1.105 (La Fontaine)") == "K.1.105 La Fontaine"
    assert words("Radio(SDR)/DSP, [x]") == "Radio SDR DSP x"
    assert words("C++ & Rust") == "C++ & Rust"
    assert words("()") is None and words(None) is None


def test_json_ld_blocks_split_between_sub_events_and_stay_whole() -> None:
    from podium.seo import json_ld_script, split_blocks

    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Conf",
        "url": "https://example.org/events/conf/",
        "subEvent": [{"@type": "Event", "name": f"talk {i} " + "x" * 300} for i in range(100)],
    }
    blocks = split_blocks(data, limit=4000)
    assert len(blocks) > 5
    assert all(len(json_ld_script(b).encode()) <= 4000 for b in blocks)
    assert [s for b in blocks for s in b.get("subEvent", [])] == data["subEvent"]
    assert all(b["@id"] == data["url"] and b["@context"] == data["@context"] for b in blocks)
    assert blocks[0]["name"] == "Conf" and "name" not in blocks[1]
    # A sub-event larger than the limit still goes out whole, in a block of its own.
    huge = {**data, "subEvent": [{"name": "y" * 5000}, {"name": "z"}]}
    assert [len(b.get("subEvent", [])) for b in split_blocks(huge, limit=4000)] == [1, 1]
    assert split_blocks({**data, "subEvent": []}) == [{**data, "subEvent": []}]
