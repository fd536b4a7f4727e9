"""Material's blog features on a fixture site: categories, pinned posts, related posts, covers.

One site is built once for the module (building is the slow part) and read back
with lxml and feedparser; the bad values each get their own small build.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from lxml import html as lxml_html
from PIL import Image

from tests.conftest import BuildFailed, Built, build_site, post, resolves, write_site

PLUGINS = ["search", {"podium/posts": {"per_page": 2}}, "podium/events", "podium/tags"]
EVENT = """
title: Meetup
kind: meetup
start: 2024-01-20
location: {name: Hall, city: Sinaia, country: Romania}
"""


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


FILES: dict[str, str | bytes] = {
    "content/index.md": "# Home\n\n## Latest\n\n<!-- podium:posts 5 -->\n",
    "content/images/cover.png": png(640, 400),
    "data/events/meetup.yml": EVENT,
    "data/people.yml": "ada:\n  name: Ada Lovelace\n",
    # Newest first: e, d, c, b, a.  'a' is pinned, so it leads page 1 although it is oldest.
    "content/blog/a.md": post(
        "Alpha", "2024-01-01", categories=["News"], tags=["rust"], pin=True, event="meetup"
    ),
    "content/blog/b.md": post(
        "Beta",
        "2024-02-01",
        categories=["News", "Releases"],
        tags=["rust", "python"],
        image="/images/cover.png",
        image_alt="A red square",
    ),
    "content/blog/c.md": post(
        "Gamma", "2024-03-01", tags=["python"], image="https://cdn.example.org/c.jpg"
    ),
    "content/blog/d.md": post("Delta", "2024-04-01", categories=["news"], event="meetup"),
    "content/blog/e.md": post("Epsilon", "2024-05-01", categories=["News"], authors=["ada"]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("material-blog")
    write_site(root, FILES, {"plugins": PLUGINS})
    yield build_site(root)


def page(built: Built, url: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(built.html(url))


def titles(built: Built, url: str) -> list[str]:
    return [a.text_content() for a in page(built, url).cssselect(".podium-card__title > a")]


def test_a_page_per_category_paginated_newest_first(built: Built) -> None:
    assert titles(built, "blog/category/news/") == ["Epsilon", "Delta"]
    assert titles(built, "blog/category/news/page/2/") == ["Beta", "Alpha"]
    assert titles(built, "blog/category/releases/") == ["Beta"]
    assert not built.exists("blog/category/news/page/3/index.html")
    second = page(built, "blog/category/news/page/2/")
    assert second.findtext(".//h1") == "Category: News, page 2"
    for a in second.cssselect(".podium-pager a"):
        assert resolves(built, "blog/category/news/page/2/", a.get("href")), a.get("href")


def test_the_blog_index_lists_categories_and_each_post_links_its_own(built: Built) -> None:
    index = page(built, "blog/")
    listed = {
        a.text_content(): (a.get("href"), a.getnext().text_content())
        for a in index.cssselect(".podium-categories-nav a.podium-category")
    }
    assert listed == {"News": ("category/news/", "4"), "Releases": ("category/releases/", "1")}
    header = page(built, "blog/b/").cssselect(".podium-post__header")[0]
    links = header.cssselect(".podium-categories a")
    assert [a.text_content() for a in links] == ["News", "Releases"]
    for a in links:
        assert resolves(built, "blog/b/", a.get("href"))
    tags = page(built, "tags/")
    assert [a.text_content() for a in tags.cssselect(".podium-tag-index--categories a")] == [
        "News",
        "Releases",
    ]


def test_a_pinned_post_leads_the_first_page_only_and_is_marked(built: Built) -> None:
    assert titles(built, "blog/") == ["Alpha", "Epsilon"]
    assert titles(built, "blog/page/2/") == ["Delta", "Gamma"]
    assert titles(built, "blog/page/3/") == ["Beta"]
    first = page(built, "blog/")
    pinned = first.cssselect(".podium-card--pinned")
    assert [c.cssselect(".podium-card__title > a")[0].text_content() for c in pinned] == ["Alpha"]
    assert pinned[0].cssselect(".podium-badge--pinned")[0].text_content() == "Pinned"
    # Elsewhere (category pages, archive) the post keeps its place by date, unmarked.
    assert page(built, "blog/category/news/page/2/").cssselect(".podium-badge--pinned") == []


def test_related_posts_share_event_then_categories_then_tags(built: Built) -> None:
    def related(url: str) -> list[str]:
        return [a.text_content() for a in page(built, url).cssselect(".podium-related li > a")]

    # Alpha: Delta shares the event and News (3 + 2); Beta shares News and rust (2 + 1);
    # Epsilon shares News (2); Gamma shares nothing.
    assert related("blog/a/") == ["Delta", "Beta", "Epsilon"]
    assert related("blog/c/") == ["Beta"]
    heading = page(built, "blog/a/").cssselect(".podium-related h2")[0]
    assert heading.text_content() == "Related posts"
    for a in page(built, "blog/a/").cssselect(".podium-related a"):
        assert resolves(built, "blog/a/", a.get("href"))


@pytest.mark.parametrize("url", ["blog/page/3/", "blog/category/news/page/2/", "tags/rust/", ""])
def test_a_local_cover_shows_on_every_card_with_alt_size_and_lazy_loading(
    built: Built, url: str
) -> None:
    card = next(
        c
        for c in page(built, url).cssselect(".podium-card")
        if c.cssselect(".podium-card__title > a")[0].text_content() == "Beta"
    )
    (img,) = card.cssselect("img.podium-card__image")
    assert img.get("alt") == "A red square"
    assert img.get("loading") == "lazy"
    assert (img.get("width"), img.get("height")) == ("640", "400")
    assert resolves(built, url, img.get("src"))


def test_a_remote_cover_keeps_its_url_and_the_title_as_alt(built: Built) -> None:
    card = page(built, "blog/page/2/").cssselect(".podium-card")[1]
    (img,) = card.cssselect("img.podium-card__image")
    assert img.get("src") == "https://cdn.example.org/c.jpg"
    assert img.get("alt") == "Gamma"
    assert img.get("width") is None
    assert page(built, "blog/category/releases/").cssselect(".podium-card")[0] is not None
    no_cover = page(built, "blog/").cssselect(".podium-card")[1]
    assert no_cover.cssselect("img") == []


def test_feeds_carry_categories_and_a_feed_level_author(built: Built) -> None:
    atom = feedparser.parse((built.site / "feed.xml").read_bytes())
    assert atom.bozo == 0, atom.get("bozo_exception")
    entries = {e.title: e for e in atom.entries}
    assert [t.term for t in entries["Beta"].tags] == ["News", "Releases", "rust", "python"]
    rss = feedparser.parse((built.site / "rss.xml").read_bytes())
    assert rss.bozo == 0
    # The display name is the spelling used most often ("News" three times, "news" once).
    assert [t.term for t in {e.title: e for e in rss.entries}["Delta"].tags] == ["News"]
    # RFC 4287 §4.1.1: every atom:entry has an author, or the feed has one. Only Epsilon
    # has an author of its own; the others rely on the feed's.
    root = lxml_html.etree.fromstring((built.site / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.xpath("a:author/a:name/text()", namespaces=ns) == ["Fixture"]
    without = [
        e for e in root.xpath("a:entry", namespaces=ns) if not e.xpath("a:author", namespaces=ns)
    ]
    assert len(without) == 4
    for rel in ("tags/rust/feed.xml",):
        tag_root = lxml_html.etree.fromstring((built.site / rel).read_bytes())
        assert tag_root.xpath("a:author/a:name/text()", namespaces=ns) == ["Fixture"]


def test_bad_categories_pins_and_people_are_each_reported_at_their_line(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "data/people.yml": "ada:\n  name: Ada\n  avatar: /images/ada.png\ngrace:\n  name: Grace\n  bio: 42\n",
        "content/blog/p.md": "---\ntitle: P\ndate: 2024-01-01\ncategories: [News, Cooking]\n---\nBody.\n",
        "content/blog/q.md": '---\ntitle: Q\ndate: 2024-01-01\npin: "yes"\n---\nBody.\n',
    }
    config = {"plugins": ["search", {"podium/posts": {"categories_allowed": ["News"]}}]}
    write_site(tmp_path, files, config)
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    text = "\n".join(failed.value.messages)
    for expected in (
        "content/blog/p.md:4:20: error: categories[1]: 'Cooking' is not in categories_allowed"
        " (allowed: News)",
        'content/blog/q.md:4:6: error: pin: expected true or false, got the text "yes"',
        "data/people.yml:3:11: error: ada.avatar: 'images/ada.png' not found under content/",
        "data/people.yml:6:8: error: grace.bio: expected Markdown text, got the number 42"
        " — quote it",
    ):
        assert expected in text
