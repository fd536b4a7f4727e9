"""People pages (bio, avatars, labelled links) and what validators check: feeds, JSON-LD,
robots.txt, sitemap dates and heading levels, on one fixture site built once."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from tests.conftest import Built, build_site, post, resolves, write_site

PLUGINS = ["search", {"podium/posts": {}}, "podium/events", "podium/tags"]


def png(size: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), (20, 90, 200)).save(out, format="PNG")
    return out.getvalue()


PEOPLE = """
ada:
  name: Ada Lovelace
  role: Engine whisperer
  avatar: /images/people/ada.png
  bio: |
    Writes **notes** on the [Analytical Engine](https://example.org/engine).
  links:
    linkedin: https://www.linkedin.com/in/ada/
    github: https://github.com/ada
    website: https://ada.example.org/
grace:
  name: Grace Hopper
  avatar: https://cdn.example.org/grace.jpg
linus:
  name: Linus Torvalds
"""
CONF = """
title: Conf
kind: conference
start: 2024-02-03
end: 2024-02-04
location: {name: ULB, city: Brussels, country: Belgium}
talks:
  - title: In the hall
    id: hall
    speakers: [ada, linus, Jane Doe]
    start: 2024-02-03T10:00:00
    duration: 30
    track: Main
"""
WEBINAR = """
title: Webinar
kind: webinar
start: 2024-03-05T18:00:00
online: true
url: https://meet.example.org/w
talks:
  - title: On the air
    id: air
    speakers: [grace]
"""
FILES: dict[str, str | bytes] = {
    "content/index.md": "# Home\n\n## Upcoming\n\n<!-- podium:events 3 -->\n",
    "content/images/people/ada.png": png(64),
    "data/people.yml": PEOPLE,
    "data/events/conf.yml": CONF,
    "data/events/webinar.yml": WEBINAR,
    "content/blog/by-ada.md": post(
        "By Ada", "2024-02-07", authors=["ada"], updated="2024-02-20", event="conf"
    ),
    "content/blog/nobody.md": post("By nobody", "2024-01-07", tags=["x"]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("people")
    write_site(root, FILES, {"plugins": PLUGINS})
    yield build_site(root)


def page(built: Built, url: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(built.html(url))


def ld(built: Built, url: str) -> list[dict[str, object]]:
    return [
        json.loads(s.text or "")
        for s in page(built, url).xpath('//script[@type="application/ld+json"]')
    ]


def test_a_person_page_shows_avatar_bio_and_links_named_after_their_sites(built: Built) -> None:
    person = page(built, "people/ada/").cssselect(".podium-person")[0]
    (img,) = person.cssselect("img.podium-avatar")
    assert img.get("alt") == "Ada Lovelace"
    assert resolves(built, "people/ada/", img.get("src"))
    bio = person.cssselect(".podium-person__bio")[0]
    assert bio.cssselect("strong")[0].text_content() == "notes"
    assert bio.cssselect("a")[0].get("href") == "https://example.org/engine"
    links = [(a.text_content(), a.get("href")) for a in person.cssselect(".podium-person__links a")]
    assert links == [
        ("LinkedIn", "https://www.linkedin.com/in/ada/"),
        ("GitHub", "https://github.com/ada"),
        ("Website", "https://ada.example.org/"),
    ]
    assert person.cssselect("ul.podium-person__links") == []  # no bullet list
    linus = page(built, "people/linus/").cssselect(".podium-person")[0]
    assert linus.cssselect("img") == []
    assert linus.cssselect(".podium-avatar--initials")[0].text_content() == "LT"


def test_no_zero_counts_on_the_people_index(built: Built) -> None:
    cards = {
        c.cssselect("a")[0].text_content(): c.cssselect(".podium-person-card__counts")
        for c in page(built, "people/").cssselect(".podium-person-card")
    }
    assert [c.text_content() for c in cards["Ada Lovelace"]] == ["1 post, 1 talk"]
    assert [c.text_content() for c in cards["Linus Torvalds"]] == ["1 talk"]
    assert [c.text_content() for c in cards["Grace Hopper"]] == ["1 talk"]
    assert "0 post" not in built.html("people/") and "0 talk" not in built.html("people/")


def test_speakers_and_authors_are_shown_with_avatars_or_initials(built: Built) -> None:
    speakers = page(built, "talks/hall/").cssselect(".podium-speakers li")
    shown = []
    for li in speakers:
        img = li.cssselect("img.podium-avatar")
        shown.append(
            (
                li.cssselect(".podium-speaker")[0].text_content(),
                img[0].get("src") if img else li.cssselect(".podium-avatar--initials")[0].text,
            )
        )
    assert shown == [
        ("Ada Lovelace", "../../images/people/ada.png"),
        ("Linus Torvalds", "LT"),
        ("Jane Doe", "JD"),
    ]
    air = page(built, "talks/air/").cssselect(".podium-speakers img")
    assert [i.get("src") for i in air] == ["https://cdn.example.org/grace.jpg"]
    byline = page(built, "blog/by-ada/").cssselect(".podium-post__header .podium-meta__authors")[0]
    avatar = byline.cssselect("img.podium-avatar")[0]
    assert avatar.get("alt") == ""  # the name beside it says who it is
    assert resolves(built, "blog/by-ada/", avatar.get("src"))


def test_talk_json_ld_says_where_how_and_that_it_is_scheduled(built: Built) -> None:
    (hall,) = ld(built, "talks/hall/")
    assert hall["location"] == {
        "@type": "Place",
        "name": "ULB",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Brussels",
            "addressCountry": "Belgium",
        },
    }
    assert hall["eventStatus"] == "https://schema.org/EventScheduled"
    assert hall["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    (air,) = ld(built, "talks/air/")
    assert air["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/w"}
    assert air["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    (event,) = ld(built, "events/conf/")
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    for sub in event["subEvent"]:  # type: ignore[attr-defined]
        assert sub["location"]["@type"] == "Place"


def test_a_post_without_authors_is_by_the_site_never_an_empty_list(built: Built) -> None:
    (posting,) = ld(built, "blog/nobody/")
    assert posting["author"] == [
        {"@type": "Organization", "name": "Fixture", "url": "https://example.org/sub/"}
    ]
    (by_ada,) = ld(built, "blog/by-ada/")
    assert [a["name"] for a in by_ada["author"]] == ["Ada Lovelace"]  # type: ignore[attr-defined]


def test_robots_txt_points_at_the_sitemap(built: Built) -> None:
    text = (built.site / "robots.txt").read_text("utf-8")
    assert text.splitlines() == [
        "User-agent: *",
        "Allow: /",
        "",
        "Sitemap: https://example.org/sub/sitemap.xml",
    ]


def test_a_robots_txt_of_the_site_is_kept(tmp_path: Path) -> None:
    own = "User-agent: *\nDisallow: /drafts/\n"
    files = {"content/robots.txt": own, "content/blog/p.md": post("P", "2024-01-01")}
    write_site(tmp_path, files, {})
    built = build_site(tmp_path)
    assert (built.site / "robots.txt").read_text("utf-8") == own


def test_sitemap_dates_come_from_each_pages_own_date(built: Built) -> None:
    root = etree.fromstring((built.site / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    dates = {
        u.findtext("s:loc", namespaces=ns).removeprefix("https://example.org/sub/"): u.findtext(
            "s:lastmod", namespaces=ns
        )
        for u in root.findall("s:url", ns)
    }
    assert dates["blog/by-ada/"] == "2024-02-20"  # updated
    assert dates["blog/nobody/"] == "2024-01-07"  # date
    assert dates["blog/"] == "2024-02-20"  # its newest post
    assert dates["events/conf/"] == "2024-02-04"  # the event's last day
    assert dates["talks/hall/"] == "2024-02-04"
    assert dates["talks/air/"] == "2024-03-05"
    assert dates["tags/x/"] == "2024-01-07"
    assert dates["people/ada/"] == "2024-02-20"


PODIUM_PAGES = [
    "",
    "blog/",
    "blog/by-ada/",
    "blog/archive/",
    "events/",
    "events/conf/",
    "talks/hall/",
    "people/",
    "people/ada/",
    "tags/",
    "tags/x/",
]


@pytest.mark.parametrize("url", PODIUM_PAGES)
def test_no_heading_level_is_skipped(built: Built, url: str) -> None:
    content = page(built, url).cssselect(".md-content")[0]
    levels = [int(h.tag[1]) for h in content.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels and levels[0] == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, (url, levels)
