"""BAD-INPUT F (payloads in every output context) and J (build-level cases) on real builds.

Every payload goes into every string field at once (tests/payloads.py); the
build is then parsed page by page with html5lib and compared with a baseline
build of the same site: same count of <script> elements and on* attributes on
every page, the payload as DOM text in headings, JSON-LD and the search index
parse, feeds parse with bozo == 0, calendars parse with the same VEVENTs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from tests.conftest import BuildFailed, SiteFactory, broken_links, build_site, post, write_site
from tests.payloads import CONFIG, EVENT_ID, Shape, check_site, payload_files, shape

PAYLOADS = {
    "F1-img-onerror": "<img src=x onerror=alert(1)>",
    "F2-attribute-break": '"><script>alert(1)</script>',
    "F3-single-quote": "' onmouseover='alert(1)",
    "F4-script-close": "</script><script>alert(1)</script>",
    "F5-bold-handler": "Alice <b onmouseover=alert(1)>",
    "F6-svg-onload": "<svg onload=alert(1)>",
    "F7-jinja": "{{ config }} {% include 'x' %} ${{ github.token }}",
    "F10-ics-specials": "Room A; Building B, 2nd floor \\ back",
    "F11-emoji-cjk-combining": "🎉 会議 Zoë e\u0301 " + "字" * 40,
    "ics-backslash-n": "C:\\New\\Nope",
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Shape:
    root = tmp_path_factory.mktemp("baseline")
    write_site(root, payload_files("Baseline text"), CONFIG)
    return shape(build_site(root))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_payload_in_every_field_is_text_in_every_output(
    site: SiteFactory, baseline: Shape, payload: str
) -> None:
    built = site(payload_files(payload), CONFIG)
    assert built.warnings == []
    check_site(built, payload, baseline)


def test_f1_f5_no_injected_element_and_names_read_back(site: SiteFactory) -> None:
    from bs4 import BeautifulSoup

    payload = "<img src=x onerror=alert(1)>"
    built = site(payload_files(payload), CONFIG)
    for html in built.site.rglob("*.html"):
        page = BeautifulSoup(html.read_text("utf-8"), "html5lib")
        assert not [img for img in page.find_all("img") if img.has_attr("onerror")], html
    page = BeautifulSoup(built.html("blog/payload/"), "html5lib")
    assert page.title is not None and page.title.get_text() == f"{payload} - Fixture"
    authors = [a.get_text() for a in page.select(".podium-post__header .podium-author")]
    assert authors == [payload, payload]  # the person (name = payload) and the plain name
    assert all(img.get("alt") in (None, "", payload) for img in page.find_all("img"))
    caption = BeautifulSoup(built.html(f"events/{EVENT_ID}/"), "html5lib").find("figcaption")
    assert caption is not None and caption.get_text(strip=True) == payload


def test_f4_json_ld_and_search_index_escape_script_close(site: SiteFactory) -> None:
    payload = "</script><script>alert(1)</script>"
    built = site(payload_files(payload), CONFIG)
    for url in ("blog/payload/", f"events/{EVENT_ID}/", "talks/the-talk/"):
        html = built.html(url)
        start = html.index('<script type="application/ld+json">')
        raw = html[start : html.index("</script>", start)]
        assert "\\u003c/script\\u003e" in raw, url
        assert json.loads(raw.split(">", 1)[1])
    index = json.loads((built.site / "search/search_index.json").read_text("utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    # MkDocs' search index holds titles as HTML: escaped, never raw markup.
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in titles
    assert not any("<script" in doc["title"] or "<script" in doc["text"] for doc in index["docs"])


def test_f9_newlines_never_make_calendar_components(site: SiteFactory) -> None:
    files = payload_files("Plain")
    evil = "Talk\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned"
    event = (
        "title: Conf\nkind: conference\nstart: 2024-02-03\ntimezone: Europe/Brussels\n"
        f"description: {json.dumps(evil)}\n"
        f"talks:\n  - title: T\n    start: 2024-02-03T10:00:00\n    abstract: {json.dumps(evil)}\n"
    )
    files[f"data/events/{EVENT_ID}.yml"] = event
    built = site(files, CONFIG)
    cal = Calendar.from_ical((built.site / f"events/{EVENT_ID}.ics").read_bytes())
    vevents = list(cal.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in vevents] == ["Conf", "T"]
    assert "pwned" not in {str(e["SUMMARY"]) for e in vevents}


def test_f9_newline_in_a_title_is_an_error(site: SiteFactory) -> None:
    files = payload_files("Plain")
    files["data/events/bad.yml"] = (
        'title: "Talk\\r\\nEND:VEVENT"\nkind: meetup\nstart: 2024-02-03\n'
        'talks:\n  - title: "T\\nSUMMARY:pwned"\n'
    )
    with pytest.raises(BuildFailed) as failed:
        site(files, CONFIG)
    text = "\n".join(failed.value.messages)
    assert "data/events/bad.yml:1:8: error: title: must be a single line" in text
    assert "data/events/bad.yml:5:12: error: talks[0].title: must be a single line" in text


def test_f10_location_text_escaping(site: SiteFactory) -> None:
    files = payload_files("Plain")
    files["data/events/hall.yml"] = (
        "title: Hall\nkind: meetup\nstart: 2024-02-03\n"
        'location: {name: "Room A; Building B, 2nd floor \\\\ back"}\n'
    )
    built = site(files, CONFIG)
    raw = (built.site / "events/hall.ics").read_bytes().decode("utf-8")
    assert "LOCATION:Room A\\; Building B\\, 2nd floor \\\\ back\r\n" in raw


# -- J: build-level cases --------------------------------------------------------------------


def test_j3_one_broken_post_among_many_fails_and_names_every_broken_file(
    site: SiteFactory,
) -> None:
    files: dict[str, str | bytes] = {"content/index.md": "# Home\n"}
    for i in range(100):
        files[f"content/blog/p{i:03d}.md"] = post(f"Post {i}", "2024-01-01")
    files["content/blog/p050.md"] = "---\ntitle: Broken\ndate: 2024-02-30\n---\n"
    files["content/blog/p077.md"] = "---\ntitle: Also broken\ndate: 2024-01-01\ntags: x\n---\n"
    with pytest.raises(BuildFailed) as failed:
        site(files)
    text = "\n".join(failed.value.messages) + str(failed.value)
    assert "content/blog/p050.md:3:7: error: date: 2024-02-30 is not a real date" in text
    assert "content/blog/p077.md:4:7: error: tags: expected a list, got a string" in text
    assert "Traceback" not in text


def test_j4_warnings_only_pass_and_fail_under_strict(site: SiteFactory) -> None:
    files = {"content/blog/p.md": post("P", "2024-01-01", tgas=["x"])}
    built = site(files)
    assert "content/blog/p.md:4:1: warning: tgas: unknown key (did you mean 'tags'?)" in (
        built.warnings
    )
    with pytest.raises(BuildFailed) as failed:
        site(files, strict=True)
    assert "Aborted with 1 warnings in strict mode!" in str(failed.value)


@pytest.mark.parametrize("posts", ["none", "all-drafts"])
def test_j5_zero_posts_and_zero_events(site: SiteFactory, posts: str) -> None:
    files: dict[str, str | bytes] = {"content/index.md": "# Home\n"}
    if posts == "all-drafts":
        files["content/blog/d.md"] = post("Draft", "2024-01-01", draft=True)
        files["content/blog/f.md"] = post("Future", "2099-01-01")
    built = site(files, CONFIG)
    for name in ("feed.xml", "rss.xml"):
        parsed = feedparser.parse((built.site / name).read_bytes())
        assert parsed.bozo == 0 and parsed.entries == []
    assert not built.exists("events.ics")  # RFC 5545 needs at least one component
    assert built.exists("events/index.html") and built.exists("blog/index.html")
    assert broken_links(built) == []


def test_j7_site_url_without_trailing_slash(site: SiteFactory) -> None:
    files = payload_files("Plain")
    built = site(files, {**CONFIG, "site_url": "https://org.github.io/repo"})
    assert broken_links(built) == []
    not_found = built.html("404.html")
    assert 'href="/repo/assets/' in not_found or "https://org.github.io/repo/assets/" in not_found
    feed = feedparser.parse((built.site / "feed.xml").read_bytes())
    links = [e.link for e in feed.entries]
    assert "https://org.github.io/repo/blog/payload/" in links
    cal = Calendar.from_ical((built.site / "events.ics").read_bytes())
    urls = {str(e["URL"]) for e in cal.walk("VEVENT")}
    assert f"https://org.github.io/repo/events/{EVENT_ID}/" in urls


@pytest.fixture
def source_date_epoch() -> Iterator[None]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    yield
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


def _files(site_dir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site_dir).as_posix(): p.read_bytes()
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


def test_j8_two_builds_are_byte_identical(tmp_path: Path, source_date_epoch: None) -> None:
    outputs = []
    for name in ("one", "two"):
        files = payload_files("Same <content> & co")
        for i in range(12):  # equal dates, several tags: stable order of ties
            files[f"content/blog/tie-{i:02d}.md"] = post(
                f"Tie {i}", "2024-01-01", tags=[f"t{i % 3}", "Shared", "shared"]
            )
        (tmp_path / name).mkdir()
        write_site(tmp_path / name, files, CONFIG)
        outputs.append(_files(build_site(tmp_path / name, now="2026-01-01").site))
    one, two = outputs
    assert sorted(one) == sorted(two)
    differ = [rel for rel in one if one[rel] != two[rel]]
    assert differ == []
