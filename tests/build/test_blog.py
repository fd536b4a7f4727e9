"""Fixture-site builds: blog index, pagination, archive, post pages, drafts, URLs, redirects."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildFailed, Built, SiteFactory, post


def soup(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(url), "html.parser")


def card_titles(built: Built, url: str) -> list[str]:
    return [a.get_text(strip=True) for a in soup(built, url).select(".podium-card__title a")]


def resolve(built: Built, page_url: str, href: str) -> bool:
    """Whether a relative href on page_url points at a built file."""
    target = (built.site / page_url / href.split("#")[0].split("?")[0]).resolve()
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


def test_blog_index_is_newest_first_and_paginated(site: SiteFactory) -> None:
    files = {f"content/blog/p{i}.md": post(f"Post {i}", f"2024-01-{i + 1:02d}") for i in range(5)}
    built = site(files, {"plugins": ["search", {"podium/posts": {"per_page": 2}}, "podium/tags"]})
    assert card_titles(built, "blog/") == ["Post 4", "Post 3"]
    assert card_titles(built, "blog/page/2/") == ["Post 2", "Post 1"]
    assert card_titles(built, "blog/page/3/") == ["Post 0"]
    assert not built.exists("blog/page/4/index.html")
    pager = soup(built, "blog/page/2/").select_one(".podium-pager")
    assert pager is not None
    links = {a.get_text(strip=True): a["href"] for a in pager.select("a")}
    assert links["Newer posts"] == "../../"
    assert links["Older posts"] == "../3/"
    for href in links.values():
        assert resolve(built, "blog/page/2/", str(href)), href


def test_archive_groups_by_year(site: SiteFactory) -> None:
    files = {
        "content/blog/a.md": post("Old", "2022-10-14"),
        "content/blog/b.md": post("Mid", "2023-05-01"),
        "content/blog/c.md": post("New", "2024-02-07"),
    }
    page = soup(site(files), "blog/archive/")
    years = [h.get_text(" ", strip=True) for h in page.select(".podium-archive__year h2")]
    assert years == ["2024 1 post", "2023 1 post", "2022 1 post"]
    assert [a.get_text() for a in page.select(".podium-archive__list a")] == ["New", "Mid", "Old"]


def test_post_page_has_dates_authors_tags_reading_time_and_neighbours(site: SiteFactory) -> None:
    files = {
        "data/people.yml": "ada:\n  name: Ada Lovelace\n  role: Engine whisperer\n",
        "content/blog/a.md": post("First", "2024-01-01"),
        "content/blog/b.md": post(
            "Second",
            "2024-02-01",
            "word " * 500,
            updated="2024-03-01",
            authors=["ada", "Grace Hopper"],
            tags=["Rust", "rust", "Python"],
        ),
        "content/blog/c.md": post("Third", "2024-03-01"),
    }
    built = site(files)
    page = soup(built, "blog/b/")
    header = page.select_one(".podium-post__header")
    assert header is not None
    assert header.h1 is not None and header.h1.get_text() == "Second"
    assert [t["datetime"] for t in header.select("time")] == [
        "2024-02-01T00:00:00+00:00",
        "2024-03-01T00:00:00+00:00",
    ]
    assert [a.get_text() for a in header.select(".podium-author")] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert header.select_one(".podium-meta__readtime").get_text() == "3 min read"
    tags = {a.get_text(): a["href"] for a in header.select(".podium-tag")}
    assert tags == {"Rust": "../../tags/rust/", "Python": "../../tags/python/"}
    nav = page.select_one(".podium-prevnext")
    assert nav is not None
    assert nav.select_one("[rel=prev]")["href"] == "../c/"
    assert nav.select_one("[rel=next]")["href"] == "../a/"
    assert any(
        "unknown person 'Grace Hopper'" in w and "content/blog/b.md:" in w for w in built.warnings
    )


def test_excerpt_links_and_images_work_on_every_listing(site: SiteFactory) -> None:
    body = "See ![chart](/images/chart.png) and [the other](/blog/a.md).\n\n<!-- more -->\n\nRest."
    files = {
        "content/images/chart.png": b"\x89PNG\r\n\x1a\n",
        "content/blog/a.md": post("A", "2024-01-01", tags=["x"]),
        "content/blog/b.md": post("B", "2024-02-01", body, tags=["x"]),
        "content/blog/c.md": post("C", "2024-03-01"),
    }
    built = site(files, {"plugins": ["search", {"podium/posts": {"per_page": 1}}, "podium/tags"]})
    for url in ("blog/page/2/", "tags/x/", "blog/b/"):
        page = soup(built, url)
        scope = page.select_one(".podium-card__excerpt") if url != "blog/b/" else page
        assert scope is not None, url
        img = scope.select_one('img[alt="chart"]')
        assert img is not None and resolve(built, url, str(img["src"])), (url, img)
        link = scope.find("a", string="the other")
        assert link is not None and resolve(built, url, str(link["href"])), (url, link)
    excerpt = soup(built, "blog/page/2/").select_one(".podium-card__excerpt")
    assert excerpt is not None and "Rest." not in excerpt.get_text()


def test_excerpt_falls_back_to_description_then_first_paragraph(site: SiteFactory) -> None:
    files = {
        "content/blog/a.md": post(
            "A", "2024-01-01", "First para.\n\nSecond para.", description="Desc <b>"
        ),
        "content/blog/b.md": post("B", "2024-01-02", "Only first.\n\nNot this."),
        "content/blog/c.md": "---\ntitle: C\ndate: 2024-01-03\n---\n",
    }
    page = soup(site(files), "blog/")
    excerpts = [e.get_text(strip=True) for e in page.select(".podium-card__excerpt")]
    assert excerpts == ["", "Only first.", "Desc <b>"]


def test_drafts_and_future_posts_are_absent_from_build(site: SiteFactory) -> None:
    files = {
        "content/blog/live.md": post("Live", "2024-01-01", tags=["t"]),
        "content/blog/draft.md": post(
            "Secret draft", "2024-01-02", draft=True, tags=["t", "only-draft"]
        ),
        "content/blog/later.md": post("Future post", "2030-01-01", tags=["t"]),
    }
    built = site(files, now="2026-01-01")
    everything = "".join(
        p.read_text("utf-8", "replace")
        for p in built.site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json")
    )
    assert "Live" in everything
    for hidden in ("Secret draft", "Future post", "only-draft", "blog/draft/", "blog/later/"):
        assert hidden not in everything, hidden
    assert not built.exists("blog/draft/index.html")
    assert not built.exists("tags/only-draft/index.html")
    index = json.loads((built.site / "search/search_index.json").read_text("utf-8"))
    assert {d["location"].split("#")[0] for d in index["docs"]} >= {"blog/live/"}
    assert not any("draft" in d["location"] or "later" in d["location"] for d in index["docs"])


def test_serve_shows_drafts_and_scheduled_with_banners(site: SiteFactory) -> None:
    files = {
        "content/blog/draft.md": post("Secret draft", "2024-01-02", draft=True),
        "content/blog/later.md": post("Future post", "2030-01-01"),
    }
    built = site(files, serve=True, now="2026-01-01")
    draft = soup(built, "blog/draft/").select_one(".podium-banner")
    later = soup(built, "blog/later/").select_one(".podium-banner")
    assert draft is not None and draft.get_text().startswith("DRAFT")
    assert later is not None and later.get_text().startswith("SCHEDULED")
    assert card_titles(built, "blog/") == ["Future post", "Secret draft"]


def test_podium_now_decides_what_is_scheduled(site: SiteFactory) -> None:
    files = {"content/blog/p.md": post("Soon", "2026-06-01")}
    assert card_titles(site(files, now="2026-05-31"), "blog/") == []


def test_podium_now_after_the_date_publishes(site: SiteFactory) -> None:
    files = {"content/blog/p.md": post("Soon", "2026-06-01")}
    assert card_titles(site(files, now="2026-06-02"), "blog/") == ["Soon"]


def test_post_url_tokens_slug_and_aliases(site: SiteFactory) -> None:
    files = {
        "content/blog/2024-03-03-hello.md": post(
            "Hello, World", "2024-03-03", aliases=["/old/hello/", "legacy.html"]
        ),
        "content/blog/other.md": post("Other", "2024-03-04", slug="custom"),
    }
    config = {
        "plugins": [
            {"podium/posts": {"post_url": "blog/{year}/{month}/{day}/{slug}/"}},
            "podium/tags",
        ]
    }
    built = site(files, config)
    assert built.exists("blog/2024/03/03/hello-world/index.html")
    assert built.exists("blog/2024/03/04/custom/index.html")
    redirect = BeautifulSoup((built.site / "old/hello/index.html").read_text(), "html.parser")
    assert redirect.select_one("link[rel=canonical]")["href"] == (
        "https://example.org/sub/blog/2024/03/03/hello-world/"
    )
    refresh = redirect.select_one("meta[http-equiv=refresh]")["content"]
    assert refresh == "0; url=../../blog/2024/03/03/hello-world/"
    # Relative, so beside the post's URL, as Hugo puts it (#14).
    assert (built.site / "blog/2024/03/03/legacy.html").is_file()


def test_two_posts_publishing_one_url_is_an_error_naming_both(site: SiteFactory) -> None:
    files = {
        "content/blog/a.md": post("A", "2024-03-03", slug="same"),
        "content/blog/b.md": post("B", "2024-03-03", slug="same"),
    }
    with pytest.raises(BuildFailed) as info:
        site(files)
    assert (
        "content/blog/b.md and content/blog/a.md both publish blog/same/ — set a different slug"
        in str(info.value)
    )


def test_posts_stay_out_of_the_navigation(site: SiteFactory) -> None:
    files = {"content/index.md": "# Home\n", "content/about.md": "# About\n"}
    files |= {f"content/blog/p{i}.md": post(f"Post {i}", "2024-01-01") for i in range(3)}
    page = soup(site(files), "about/")
    nav_links = {a.get_text(strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")}
    assert "About" in nav_links and "Blog" in nav_links
    assert not any(t.startswith("Post ") for t in nav_links)


def test_errors_are_reported_all_at_once(site: SiteFactory) -> None:
    files = {
        "content/blog/good.md": post("Good", "2024-01-01"),
        "content/blog/bad1.md": "---\ntitle: x\ndate: 2024-02-30\n---\n",
        "content/blog/bad2.md": "---\ntitle: y\ndate: 2024-01-01\ntags: python\n---\n",
    }
    with pytest.raises(BuildFailed) as info:
        site(files)
    message = next(m for m in info.value.messages if m.startswith("Podium found"))
    assert message.startswith("Podium found 2 errors in the content:")
    assert message.splitlines()[1:] == [
        "content/blog/bad1.md:3:7: error: date: 2024-02-30 is not a real date (day is out of range for month)",
        "content/blog/bad2.md:4:7: error: tags: expected a list, got a string — write tags: [python]",
    ]


def test_unknown_key_is_a_warning_that_fails_strict(site: SiteFactory) -> None:
    files = {"content/blog/p.md": "---\ntitle: x\ndate: 2024-01-01\ntgas: [a]\n---\n"}
    with pytest.raises(BuildFailed):
        site(files, strict=True)


def test_unknown_key_warning_names_the_closest_key(site: SiteFactory) -> None:
    files = {"content/blog/p.md": "---\ntitle: x\ndate: 2024-01-01\ntgas: [a]\nhide: [toc]\n---\n"}
    built = site(files)
    assert (
        "content/blog/p.md:4:1: warning: tgas: unknown key (did you mean 'tags'?)" in built.warnings
    )
    assert not any("hide" in w for w in built.warnings)


def test_toml_and_json_front_matter(site: SiteFactory) -> None:
    files = {
        "content/blog/t.md": '+++\ntitle = "Toml post"\ndate = 2024-05-01T10:00:00+02:00\ntags = ["a"]\n+++\nBody\n',
        "content/blog/j.md": '{\n  "title": "Json post",\n  "date": "2024-05-02",\n  "tags": ["a"]\n}\nBody\n',
    }
    built = site(files)
    assert card_titles(built, "tags/a/") == ["Json post", "Toml post"]
    times = [t["datetime"] for t in soup(built, "blog/").select(".podium-meta time")]
    assert times == ["2024-05-02T00:00:00+00:00", "2024-05-01T10:00:00+02:00"]


def test_no_shortcode_syntax_reaches_the_output(site: SiteFactory) -> None:
    body = 'Intro\n{{< figure src="/img/a.png" title="A & B" >}}\nLiteral: `{{</* figure src="x" */>}}`\n'
    files = {
        "content/img/a.png": b"\x89PNG\r\n\x1a\n",
        "content/blog/p.md": post("P", "2024-01-01", body),
    }
    built = site(files)
    page = soup(built, "blog/p/")
    figure = page.select_one("figure")
    assert figure is not None and figure.h4 is not None and figure.h4.get_text() == "A & B"
    assert resolve(built, "blog/p/", str(figure.img["src"]))
    code = page.select_one("article code")
    assert code is not None and code.get_text() == '{{< figure src="x" >}}'
    without_code = re.sub(r"<code>.*?</code>", "", built.html("blog/p/"), flags=re.S)
    assert "{{<" not in without_code and "{{%" not in without_code
