"""Content strings render as text on every page Podium touches (Material prints titles raw)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import SiteFactory, post

PAYLOADS = {
    "generic": "Using Vec<T> in Rust",
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "quote": '"><script>alert(2)</script>',
    "single": "' onmouseover='alert(3)",
    "jinja": "{{ config }} {% include 'x' %} ${{ github.token }}",
}


def scripts_and_handlers(html: str) -> tuple[int, int]:
    page = BeautifulSoup(html, "html5lib")
    # JSON-LD is data, not code (test_seo checks it parses back to the same strings).
    scripts = len([s for s in page.find_all("script") if s.get("type") != "application/ld+json"])
    handlers = sum(1 for el in page.find_all(True) for attr in el.attrs if attr.startswith("on"))
    return scripts, handlers


def test_titles_tags_and_descriptions_render_as_text_everywhere(site: SiteFactory) -> None:
    files = {
        "content/index.md": "# Home\n\nWelcome.\n",
        "content/blog/base.md": post("Baseline", "2024-01-01"),
    }
    for i, (name, payload) in enumerate(PAYLOADS.items()):
        files[f"content/blog/{name}.md"] = post(
            payload,
            f"2024-02-{i + 1:02d}",
            tags=[payload],
            description=payload,
            authors=[payload.replace("\n", " ")],
        )
    built = site(files)
    baseline = scripts_and_handlers(built.html("blog/base/"))
    for name, payload in PAYLOADS.items():
        html = built.html(f"blog/{name}/")
        page = BeautifulSoup(html, "html5lib")
        assert page.title is not None
        assert page.title.get_text() == f"{payload} - Fixture", name
        header = page.select_one(".podium-post__header")
        assert header is not None and header.h1 is not None
        assert header.h1.get_text() == payload
        assert [a.get_text() for a in header.select(".podium-author")] == [payload]
        assert [a.get_text() for a in header.select(".podium-tag")] == [payload]
        meta = page.select_one('meta[name="description"]')
        assert meta is not None and meta["content"] == payload
        topic = page.select_one("[data-md-component=header-topic] .md-ellipsis")
        assert topic is not None and topic.get_text(strip=True) == payload.strip()
        assert scripts_and_handlers(html) == baseline, name
    for url in ("blog/", "blog/archive/", "tags/"):
        html = built.html(url)
        assert scripts_and_handlers(html) == scripts_and_handlers(built.html("blog/base/")), url
    listing = BeautifulSoup(built.html("blog/"), "html5lib")
    titles = {a.get_text() for a in listing.select(".podium-card__title a")}
    assert set(PAYLOADS.values()) <= titles
    tag_index = BeautifulSoup(built.html("tags/"), "html5lib")
    assert set(PAYLOADS.values()) <= {a.get_text() for a in tag_index.select(".podium-tag")}
    for a in tag_index.select(".podium-tag"):
        assert "<" not in str(a["href"]) and ">" not in str(a["href"])


def test_a_plain_page_title_with_angle_brackets_survives_in_nav_and_title(
    site: SiteFactory,
) -> None:
    files = {
        "content/index.md": "# Home\n",
        "content/generics.md": "---\ntitle: Using Vec<T> in Rust\n---\n\nText.\n",
    }
    built = site(files)
    page = BeautifulSoup(built.html("generics/"), "html5lib")
    assert page.title is not None and page.title.get_text() == "Using Vec<T> in Rust - Fixture"
    nav = {a.get_text(strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")}
    assert "Using Vec<T> in Rust" in nav
