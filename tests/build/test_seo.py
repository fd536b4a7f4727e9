"""Structured data, previews and feed discovery in every page's <head>."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildFailed, SiteFactory, post

PAYLOAD = "</script><script>alert(1)</script> & <b>"
PLUGINS = ["search", {"podium/posts": {}}, "podium/events", "podium/tags"]
EVENT = f"""
title: "{PAYLOAD}"
kind: conference
start: 2024-02-03
end: 2024-02-04
location: {{name: ULB, city: Brussels, country: Belgium}}
talks:
  - title: Talk one
    id: one
    speakers: [ada, Jane Doe]
    start: 2024-02-03T10:00:00
    duration: 30
"""


def ld(html: str) -> list[dict[str, object]]:
    page = BeautifulSoup(html, "html5lib")
    return [json.loads(s.string or "") for s in page.select('script[type="application/ld+json"]')]


def test_json_ld_and_meta_survive_hostile_titles(site: SiteFactory) -> None:
    files = {
        "content/index.md": "# Home\n",
        "data/people.yml": "ada:\n  name: Ada\n  role: Engineer\n  links: {github: https://github.com/ada}\n",
        "data/events/conf.yml": EVENT,
        "content/blog/p.md": post(PAYLOAD, "2024-02-07", authors=["ada"], tags=["x"], event="conf"),
    }
    built = site(files, {"plugins": PLUGINS})
    html = built.html("blog/p/")
    page = BeautifulSoup(html, "html5lib")
    assert [s for s in page.find_all("script") if "alert(1)" in (s.string or "")] == [
        s for s in page.find_all("script") if s.get("type") == "application/ld+json"
    ]
    (posting,) = ld(html)
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == PAYLOAD
    assert posting["url"] == "https://example.org/sub/blog/p/"
    assert posting["datePublished"] == "2024-02-07T00:00:00+00:00"
    assert posting["author"] == [
        {"@type": "Person", "name": "Ada", "url": "https://example.org/sub/people/ada/"}
    ]
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:title"] == PAYLOAD
    assert og["og:type"] == "article"
    assert og["og:url"] == "https://example.org/sub/blog/p/"
    canonical = page.select_one('link[rel="canonical"]')
    assert canonical is not None and canonical["href"] == "https://example.org/sub/blog/p/"
    (event,) = ld(built.html("events/conf/"))
    assert event["@type"] == "Event"
    assert event["name"] == PAYLOAD
    assert event["startDate"] == "2024-02-03"
    assert event["endDate"] == "2024-02-04"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {
        "@type": "Place",
        "name": "ULB",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Brussels",
            "addressCountry": "Belgium",
        },
    }
    # A sub-event is what a listing needs (name, start, URL, its room or else the event's
    # place); the rest is on its page.
    (sub,) = event["subEvent"]  # type: ignore[misc]
    assert sub == {
        "@type": "Event",
        "name": "Talk one",
        "url": "https://example.org/sub/talks/one/",
        "startDate": "2024-02-03T10:00:00+00:00",
        "location": event["location"],
    }
    (talk,) = ld(built.html("talks/one/"))
    assert talk["name"] == "Talk one"
    assert talk["startDate"] == "2024-02-03T10:00:00+00:00"
    assert talk["endDate"] == "2024-02-03T10:30:00+00:00"
    assert talk["performer"] == [
        {"@type": "Person", "name": "Ada", "url": "https://example.org/sub/people/ada/"},
        {"@type": "Person", "name": "Jane Doe"},
    ]
    (person,) = ld(built.html("people/ada/"))
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Ada",
        "url": "https://example.org/sub/people/ada/",
        "jobTitle": "Engineer",
        "sameAs": ["https://github.com/ada"],
    }
    (talk_page,) = ld(built.html("talks/one/"))
    assert talk_page["superEvent"] == {
        "@type": "Event",
        "name": PAYLOAD,
        "url": "https://example.org/sub/events/conf/",
    }


def test_every_page_advertises_the_feeds(site: SiteFactory) -> None:
    built = site({"content/index.md": "# Home\n", "content/blog/p.md": post("P", "2024-01-01")})
    for url in ("", "blog/", "blog/p/", "tags/"):
        page = BeautifulSoup(built.html(url), "html.parser")
        links = {link["type"]: link["href"] for link in page.select('link[rel~="alternate"][type]')}
        assert links == {
            "application/atom+xml": "https://example.org/sub/feed.xml",
            "application/rss+xml": "https://example.org/sub/rss.xml",
        }, url


@pytest.mark.parametrize("plugin", ["podium/posts", "podium/events"])
def test_missing_site_url_is_a_clear_configuration_error(site: SiteFactory, plugin: str) -> None:
    plugins = ["podium/posts", plugin] if plugin != "podium/posts" else ["podium/posts"]
    config: dict[str, object] = {"plugins": plugins, "site_url": None}
    if plugin == "podium/events":
        config["plugins"] = [{"podium/posts": {"feeds": False}}, "podium/events"]
    with pytest.raises(BuildFailed) as info:
        site({"content/blog/p.md": post("P", "2024-01-01")}, config)
    assert "set site_url in mkdocs.yml" in str(info.value)


def test_without_feeds_and_calendars_no_site_url_is_needed(site: SiteFactory) -> None:
    config = {
        "site_url": None,
        "plugins": [{"podium/posts": {"feeds": False}}, {"podium/events": {"calendars": False}}],
    }
    built = site({"content/blog/p.md": post("P", "2024-01-01")}, config)
    page = BeautifulSoup(built.html("blog/p/"), "html.parser")
    assert page.select('link[rel~="alternate"][type]') == []
    assert page.select('script[type="application/ld+json"]') == []


def test_search_indexes_posts_events_and_talks_never_drafts(site: SiteFactory) -> None:
    files = {
        "content/index.md": "# Home\n",
        "data/people.yml": "ada:\n  name: Ada Lovelace\n",
        "data/events/conf.yml": EVENT.replace(f'"{PAYLOAD}"', "Conf 2024")
        + "    abstract: Analytical engines in production.\n    tags: [engines]\n",
        "content/blog/p.md": post("Published post", "2024-02-07", "Unique published words."),
        "content/blog/d.md": post("Draft post", "2024-02-08", "Secret draft words.", draft=True),
    }
    built = site(files, {"plugins": PLUGINS})
    index = json.loads((built.site / "search/search_index.json").read_text("utf-8"))
    by_location: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        by_location[page] = by_location.get(page, "") + " " + doc["title"] + " " + doc["text"]
    assert "Unique published words" in by_location["blog/p/"]
    assert "Conf 2024" in by_location["events/conf/"]
    talk = by_location["talks/one/"]
    assert "Talk one" in talk and "Ada Lovelace" in talk and "Analytical engines" in talk
    assert "engines" in talk
    assert "Ada Lovelace" in by_location["people/ada/"]
    assert not any("Secret draft" in text or "Draft post" in text for text in by_location.values())
    assert "blog/d/" not in by_location


def test_talk_event_and_person_pages_have_one_clean_entry_each(site: SiteFactory) -> None:
    files = {
        "content/index.md": "# Home\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n",
        "data/people.yml": "ada:\n  name: Ada Lovelace\n  role: Engine <whisperer>\n",
        "data/events/conf.yml": EVENT
        + "    track: Engines\n    tags: [engines]\n"
        + "    abstract: 'Read [the notes](https://example.org/n) <script>x()</script> `code`.'\n",
    }
    built = site(files, {"plugins": PLUGINS})
    docs = json.loads((built.site / "search/search_index.json").read_text("utf-8"))["docs"]
    by_page: dict[str, list[dict[str, str]]] = {}
    for doc in docs:
        by_page.setdefault(doc["location"].split("#")[0], []).append(doc)
    # A Markdown page is still parsed by Material's search: one entry per heading.
    assert [d["title"] for d in by_page[""]] == ["Home", "First", "Second"]
    (talk,) = by_page["talks/one/"]
    assert talk["title"] == "Talk one"
    assert talk["text"].startswith("<p>Ada Lovelace, Jane Doe · ")
    assert " · Engines · Saturday 3 February 2024, 10:00" in talk["text"]
    assert "engines</p>" in talk["text"]
    assert "Read the notes" in talk["text"] and "<code>code</code>" in talk["text"]
    assert "<a" not in talk["text"] and "<script" not in talk["text"] and "x()" not in talk["text"]
    (event,) = by_page["events/conf/"]
    assert event["title"] == "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;"
    assert "ULB, Brussels, Belgium" in event["text"]
    (person,) = by_page["people/ada/"]
    assert person["title"] == "Ada Lovelace"
    assert person["text"] == "<p>Engine &lt;whisperer&gt; · Talk one</p>"
    # Listings stay out: they only repeat what these entries hold.
    assert not any(page.startswith(("talks/#", "tags/")) for page in by_page)
    assert "talks/" not in by_page and "people/" not in by_page and "events/" not in by_page
