"""Feeds and calendars from real builds, parsed back with feedparser and icalendar."""

from __future__ import annotations

import datetime as dt

import feedparser
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.conftest import Built, SiteFactory, post, resolves

PLUGINS = [
    "search",
    {"podium/posts": {"timezone": "Europe/Brussels"}},
    "podium/events",
    "podium/tags",
]
EVENT = """
title: Conf 2024
kind: conference
start: 2024-04-18
end: 2024-04-21
timezone: Europe/Brussels
location: {name: "Room A; Building B, 2nd floor", city: Brussels}
talks:
  - title: Timed talk
    id: timed
    start: 2024-04-18T18:25:00
    duration: 30
  - title: Untimed talk
    id: untimed
"""


def blog(site: SiteFactory, **kwargs: object) -> Built:
    body = "Intro with ![chart](/img/chart.png) and [a link](/blog/old.md).\n\n<!-- more -->\n\nRest of the post."
    files = {
        "content/index.md": "# Home\n",
        "content/img/chart.png": b"\x89PNG\r\n\x1a\n",
        "content/blog/old.md": post("Old post", "2024-01-01T09:00:00+01:00", tags=["news"]),
        "content/blog/new.md": post(
            "New <post> & co", "2024-03-01", body, tags=["News", "rust"], authors=["Ada"]
        ),
        "content/blog/draft.md": post("Draft post", "2024-03-02", draft=True, tags=["news"]),
        "content/blog/later.md": post("Future post", "2030-01-01", tags=["news"]),
        "data/events/conf-2024.yml": EVENT,
    }
    config = kwargs.pop("config", None) or {"plugins": PLUGINS}
    return site(files, config, **kwargs)  # type: ignore[arg-type]


def parse(built: Built, rel: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((built.site / rel).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def test_atom_and_rss_list_published_posts_newest_first_with_absolute_links(
    site: SiteFactory,
) -> None:
    built = blog(site)
    for rel in ("feed.xml", "rss.xml"):
        feed = parse(built, rel)
        assert [e.title for e in feed.entries] == ["New <post> & co", "Old post"], rel
        new, old = feed.entries
        assert new.link == "https://example.org/sub/blog/new/"
        assert old.link == "https://example.org/sub/blog/old/"
        published = dt.datetime(*old.published_parsed[:6], tzinfo=dt.UTC)
        assert published == dt.datetime(2024, 1, 1, 8, 0, tzinfo=dt.UTC)
        summary = BeautifulSoup(new.summary, "html.parser")
        assert summary.img["src"] == "https://example.org/sub/img/chart.png"
        assert summary.a["href"] == "https://example.org/sub/blog/old/"
        assert "Rest of the post" not in new.summary
        assert [a.name for a in new.authors] == ["Ada"]
        assert {t.term for t in new.tags} == {"News", "rust"}


def test_drafts_and_future_posts_never_reach_a_feed_even_under_serve(site: SiteFactory) -> None:
    built = blog(site, serve=True)
    titles = [e.title for e in parse(built, "feed.xml").entries]
    assert titles == ["New <post> & co", "Old post"]
    assert [e.title for e in parse(built, "tags/news/feed.xml").entries] == [
        "New <post> & co",
        "Old post",
    ]


def test_tag_feeds_and_discovery(site: SiteFactory) -> None:
    built = blog(site)
    rust = parse(built, "tags/rust/feed.xml")
    assert rust.feed.title == "Fixture: rust"
    assert [e.title for e in rust.entries] == ["New <post> & co"]
    page = BeautifulSoup(built.html("tags/rust/"), "html.parser")
    hrefs = [
        link["href"] for link in page.select('link[rel~="alternate"][type="application/atom+xml"]')
    ]
    # Only the site-wide feed: Material fetches sitemap.xml from the folder of every
    # rel=alternate link, and tags/<slug>/sitemap.xml does not exist (a 404 in the console).
    assert hrefs == ["https://example.org/sub/feed.xml"]
    visible = page.find("a", string="Feed of this tag")
    assert visible is not None and resolves(built, "tags/rust/", str(visible["href"]))
    subscribe = BeautifulSoup(built.html("blog/"), "html.parser").select(".podium-subscribe a")
    assert [a.get_text() for a in subscribe] == ["Atom feed", "RSS feed"]
    assert all(resolves(built, "blog/", str(a["href"])) for a in subscribe)


def test_full_content_feeds(site: SiteFactory) -> None:
    config = {"plugins": [{"podium/posts": {"feed_content": "full"}}, "podium/tags"]}
    built = blog(site, config=config)
    new = parse(built, "feed.xml").entries[0]
    assert "Rest of the post" in new.content[0].value


def test_empty_blog_gives_valid_empty_feeds(site: SiteFactory) -> None:
    built = site({"content/index.md": "# Home\n"})
    for rel in ("feed.xml", "rss.xml"):
        assert parse(built, rel).entries == []


def test_calendars_import_with_the_right_instants(site: SiteFactory) -> None:
    built = blog(site)
    everything = Calendar.from_ical((built.site / "events.ics").read_bytes())
    (event,) = everything.walk("VEVENT")
    assert str(event["UID"]) == "event-conf-2024@example.org"
    assert event.decoded("DTSTART") == dt.date(2024, 4, 18)
    assert event.decoded("DTEND") == dt.date(2024, 4, 22)  # RFC 5545: the end is exclusive
    raw = (built.site / "events/conf-2024.ics").read_bytes()
    assert b"LOCATION:Room A\\; Building B\\, 2nd floor\\, Brussels" in raw
    one = Calendar.from_ical(raw)
    events = one.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Conf 2024", "Timed talk"]
    talk = events[1]
    assert talk.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2024, 4, 18, 16, 25, tzinfo=dt.UTC
    )
    assert talk.decoded("DTEND") - talk.decoded("DTSTART") == dt.timedelta(minutes=30)
    assert [str(tz["TZID"]) for tz in one.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert str(talk["URL"]) == "https://example.org/sub/talks/timed/"


def test_add_to_calendar_links_point_at_the_files(site: SiteFactory) -> None:
    built = blog(site)
    for url in ("events/conf-2024/", "talks/timed/"):
        link = BeautifulSoup(built.html(url), "html.parser").select_one("a.podium-calendar")
        assert link is not None and resolves(built, url, str(link["href"])), url
    assert (
        BeautifulSoup(built.html("talks/untimed/"), "html.parser").select_one("a.podium-calendar")
        is None
    )
    subscribe = BeautifulSoup(built.html("events/"), "html.parser").select_one(
        ".podium-subscribe a"
    )
    assert subscribe is not None and resolves(built, "events/", str(subscribe["href"]))


def test_no_events_means_no_events_ics_and_no_subscribe_link(site: SiteFactory) -> None:
    built = site({"content/index.md": "# Home\n"}, {"plugins": PLUGINS})
    assert not (built.site / "events.ics").exists()
    assert (
        BeautifulSoup(built.html("events/"), "html.parser").select_one(".podium-subscribe") is None
    )
