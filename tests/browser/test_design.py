"""The designer's review (issue 15), in a real Chromium: every page type in English and
German, light and dark, at desktop and phone width, screenshotted, checked with axe, for
sideways scrolling and for requests to other hosts; then one test per item."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import screenshot_dir
from tests.browser.harness import (
    DESKTOP,
    HOST,
    PAGE_TYPES,
    PHONE,
    PREFIX,
    free_port,
    serious_violations,
    serve,
)
from tests.conftest import REPO, build_site

# Every page type, both events (a conference's tracks and a meet-up's photos) and the 404.
PAGES = {
    **PAGE_TYPES,
    "event": "events/fosdem-2024/",
    "meetup": PAGE_TYPES["event"],
    "404": "404.html",
}
LISTINGS = ("blog/", "blog/archive/", "events/", "talks/", "people/", "tags/", "tags/community/")
LANGUAGES = ("en", "de")


def build_in(dest: Path, port: int, language: str) -> Path:
    """The example site with ``theme.language`` set, its site_url the loopback sub-path."""
    for name in ("content", "data", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    text = text.replace(
        "site_url: https://example.org/", f"site_url: http://{HOST}:{port}{PREFIX}", 1
    )
    assert text.count("\n  language: en ") == 1
    text = text.replace("\n  language: en ", f"\n  language: {language} ", 1)
    (dest / "mkdocs.yml").write_text(text, "utf-8")
    built = build_site(dest, strict=True)
    assert built.warnings == []
    return built.site


@pytest.fixture(scope="module")
def sites(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The example site in each language, each served at its own port; English is the
    session's site (tests/browser/conftest.py), which is the same build."""
    port = free_port()
    built = build_in(tmp_path_factory.mktemp("design-de"), port, "de")
    with serve(built, port) as de:
        yield {"en": site_url, "de": de}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_is_private_axe_clean_and_fits(
    sites: dict[str, str], visit: Any, lang: str, scheme: str
) -> None:
    """Every page, once per language and scheme, at desktop and phone width: the
    palette follows prefers-color-scheme, axe finds nothing serious (at the phone width
    too, in English and light), nothing scrolls sideways at 375 px, and no request
    leaves 127.0.0.1. The screenshots are for review."""
    base = sites[lang]
    expected = "slate" if scheme == "dark" else "default"
    desktop = visit(viewport=DESKTOP, color_scheme=scheme)
    phone = visit(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True)
    found: dict[str, list[str]] = {}
    for name, url in PAGES.items():
        desktop.page.goto(base + url, wait_until="networkidle")
        assert desktop.page.locator("html").get_attribute("lang") == lang
        assert desktop.page.locator("body").get_attribute("data-md-color-scheme") == expected
        desktop.page.screenshot(
            path=screenshot_dir() / f"design-{name}-{lang}-{scheme}-desktop.png",
            full_page=True,
            animations="disabled",
        )
        bad = serious_violations(desktop.page)
        if bad:
            found[name] = bad
        phone.page.goto(base + url, wait_until="networkidle")
        assert phone.page.locator("body").get_attribute("data-md-color-scheme") == expected
        phone.page.screenshot(
            path=screenshot_dir() / f"design-{name}-{lang}-{scheme}-phone.png",
            full_page=True,
            animations="disabled",
        )
        overflow = phone.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (
            f"{name} ({lang}, {scheme}): {overflow}px of sideways scrolling at 375 px"
        )
        if (lang, scheme) == ("en", "light"):
            bad = serious_violations(phone.page)
            if bad:
                found[f"{name} (phone)"] = bad
    for tab in (desktop, phone):
        assert tab.outside == [], "no request may leave 127.0.0.1 when a page loads"
        assert tab.errors == []
    assert found == {}


def lefts(page: Any, selector: str) -> list[float]:
    return page.eval_on_selector_all(
        selector, "els => els.map(e => Math.round(e.getBoundingClientRect().left * 10) / 10)"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("size", [DESKTOP, PHONE])
def test_archive_is_a_grid_whose_titles_line_up(
    sites: dict[str, str], visit: Any, lang: str, size: dict[str, int]
) -> None:
    v = visit(viewport=size)
    v.page.goto(sites[lang] + "blog/archive/")
    dates = lefts(v.page, ".podium-archive__item > time")
    titles = lefts(v.page, ".podium-archive__title")
    assert len(dates) == len(titles) == 2  # the two seed posts, in two different years
    assert len(set(dates)) == 1, dates
    assert len(set(titles)) == 1, titles  # across years too: one grid
    assert titles[0] > dates[0]
    widths = v.page.eval_on_selector_all(
        ".podium-archive__item > time", "els => els.map(e => e.getClientRects().length)"
    )
    assert widths == [1, 1]  # a date never breaks inside


@pytest.mark.parametrize("url", LISTINGS)
def test_listing_pages_have_no_navigation_sidebar(
    sites: dict[str, str], visit: Any, url: str
) -> None:
    v = visit(viewport=DESKTOP)
    v.page.goto(sites["en"] + url)
    assert v.page.locator(".md-sidebar--primary").is_hidden(), url
    # A page of the site's own nav keeps it.
    v.page.goto(sites["en"] + "")
    assert v.page.locator(".md-sidebar--primary").count() == 1


CHIP_STYLE = """els => els.map(e => { const s = getComputedStyle(e); return [s.fontSize, s.fontWeight,
  s.paddingTop, s.paddingLeft, s.borderTopWidth, s.borderTopStyle, s.borderTopLeftRadius, s.color,
  s.textDecorationLine, getComputedStyle(e, '::before').maskImage !== 'none'].join(' '); })"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_slides_and_video_chips_have_one_style_everywhere(
    sites: dict[str, str], visit: Any, scheme: str
) -> None:
    v = visit(viewport=DESKTOP, color_scheme=scheme)
    styles: dict[str, set[str]] = {}
    for url in (
        "",
        "events/",
        "events/fosdem-2024/",
        "talks/",
        "people/simon-kuenzer/",
        "tags/unikraft/",
    ):
        v.page.goto(sites["en"] + url)
        for kind in ("slides", "video"):
            for style in v.page.eval_on_selector_all(f".podium-has--{kind}", CHIP_STYLE):
                styles.setdefault(style, set()).add(f"{url or 'home'} {kind}")
    assert len(styles) == 1, styles
    (only,) = styles
    assert only.endswith("true")  # every chip has its icon
    assert {s.split()[1] for s in next(iter(styles.values()))} == {"slides", "video"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_and_counts_never_break_inside(sites: dict[str, str], visit: Any, lang: str) -> None:
    v = visit(viewport=PHONE, is_mobile=True)
    checked = 0
    for url in (
        "",
        "blog/",
        "blog/archive/",
        "events/",
        "events/fosdem-2024/",
        PAGE_TYPES["post"],
        "talks/",
        "people/",
        "tags/",
        PAGE_TYPES["talk"],
    ):
        v.page.goto(sites[lang] + url)
        rows = v.page.eval_on_selector_all(
            ".podium-date, .podium-count",
            """els => els.filter(e => e.offsetParent !== null).map(e => {
                 const rects = e.getClientRects(); const line = parseFloat(getComputedStyle(e).lineHeight);
                 return [e.textContent.trim(), rects.length, e.getBoundingClientRect().height, line]; })""",
        )
        for text, rects, height, line in rows:
            assert rects == 1, (url, text)
            assert height <= line * 1.2 + 1, (url, text, height, line)
        checked += len(rows)
    assert checked > 20


def test_event_page_hierarchy(sites: dict[str, str], visit: Any) -> None:
    v = visit(viewport=DESKTOP)
    v.page.goto(sites["en"] + "events/fosdem-2024/")
    tracks = v.page.locator("h3.podium-event__track")
    assert tracks.count() == 2
    for i in range(tracks.count()):
        assert tracks.nth(i).locator(".podium-count").inner_text() == "1 talk"
    items = v.page.locator(".podium-event__talks li.podium-talk")
    assert items.count() == 2
    for i in range(items.count()):
        item = items.nth(i)
        assert item.locator("h4.podium-talk__title").count() == 1  # under its track's h3
        assert item.locator(".podium-talk__track").count() == 0  # the heading says it
        meta = item.locator(".podium-meta > :not(.podium-yourtime)").evaluate_all(
            "els => els.map(e => e.className)"
        )
        assert meta == ["podium-date", "podium-talk__room", "podium-talk__speakers"]
    label = v.page.locator(".podium-tagline__label")
    assert label.inner_text() == "Tags" and label.is_visible()
    labelled = v.page.locator(".podium-tagline ul.podium-tags").get_attribute("aria-labelledby")
    assert labelled == label.get_attribute("id")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_talk_page_has_one_recording_action_and_one_row_of_actions(
    sites: dict[str, str], visit: Any, lang: str
) -> None:
    v = visit(viewport=DESKTOP)
    for url in ("talks/urunc-fosdem-2024/", "talks/bunny-fosdem-2024/"):
        v.page.goto(sites[lang] + url)
        recording = v.page.locator(
            "a.podium-button--video, .podium-embed, video.podium-video, a[href='#video']"
        )
        assert recording.count() == 1, url
        tops = v.page.eval_on_selector_all(
            ".podium-talk__links .md-button",
            "els => els.map(e => Math.round(e.getBoundingClientRect().top))",
        )
        assert len(tops) >= 2 and len(set(tops)) == 1, (url, tops)


def test_home_has_no_empty_upcoming_events_section(sites: dict[str, str], visit: Any) -> None:
    v = visit(viewport=DESKTOP)
    for lang in LANGUAGES:
        v.page.goto(sites[lang] + "")
        text = v.page.locator(".md-content__inner").inner_text()
        assert "Upcoming events" not in text and "No upcoming events" not in text
        assert v.page.locator(".podium-block--events").count() == 0
        assert v.page.locator(".podium-block--talks li.podium-talk").count() >= 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_works_from_any_depth(sites: dict[str, str], visit: Any, lang: str) -> None:
    base = sites[lang]
    v = visit(viewport=DESKTOP)
    body = (v.page.request.get(base + "404.html")).body()

    def not_found(route: Any) -> None:  # what GitHub Pages does for a missing URL
        route.fulfill(status=404, content_type="text/html", body=body)

    v.context.route(base + "no/such/deep/page/", not_found)
    expected = {
        "en": ("Page not found", ["Home", "Blog", "Events", "Talks"]),
        "de": ("Seite nicht gefunden", ["Startseite", "Blog", "Veranstaltungen", "Vorträge"]),
    }[lang]
    targets = {
        "Home": "",
        "Startseite": "",
        "Blog": "blog/",
        "Events": "events/",
        "Veranstaltungen": "events/",
        "Talks": "talks/",
        "Vorträge": "talks/",
    }
    v.page.goto(base + "no/such/deep/page/")
    assert v.page.locator(".podium-not-found h1").inner_text() == expected[0]
    assert v.page.locator(".podium-not-found__links a").all_inner_texts() == expected[1]
    # Its styles load from the deep URL too.
    assert (
        v.page.evaluate(
            "getComputedStyle(document.querySelector('.podium-not-found__links')).display"
        )
        == "flex"
    )
    for text in expected[1]:
        v.page.goto(base + "no/such/deep/page/")
        with v.page.expect_navigation():
            v.page.locator(".podium-not-found__links a", has_text=text).first.click()
        assert v.page.url == base + targets[text]
        assert v.page.locator(".md-content__inner").count() == 1
    v.page.goto(base + "no/such/deep/page/")
    v.page.locator("#podium-404-q").fill("urunc")
    with v.page.expect_navigation():
        v.page.locator(".podium-not-found__search button").click()
    assert v.page.url == base + "?q=urunc"
    # Material's search opens with the query (its `q` parameter).
    v.page.wait_for_function("document.querySelector('.md-search__input').value === 'urunc'")
    # The deep URL answered 404 on purpose: that is the one console error expected here.
    v.errors[:] = [e for e in v.errors if "no/such/deep/page/" not in e]
