"""What a reader does, in a real Chromium, on the example site served under a sub-path.

Every page type at desktop and phone width, light and dark (axe, sideways scrolling,
requests to other hosts, screenshots) is checked once, in test_design.py."""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

from tests.browser.harness import DESKTOP, PHONE


def test_from_a_post_to_its_tag_and_its_event(site_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(site_url + "blog/2022-10-14-unikraft-community-meetup-22/")
    page.locator(".podium-post__header a.podium-tag", has_text="Community").click()
    page.wait_for_url(re.compile(r"/podium/tags/community/$"))
    assert page.locator(".podium-tag__posts .podium-card__title a").first.inner_text() == (
        "Unikraft Community Meet-up '22"
    )
    page.go_back()
    page.locator(".podium-post__events a", has_text="Unikraft Community Meet-up '22").click()
    page.wait_for_url(re.compile(r"/podium/events/unikraft-meetup-2022/$"))
    assert page.locator(".podium-talks--event > li").count() == 5
    assert page.locator(".podium-gallery figure").count() == 3


def test_from_a_talk_to_its_speaker(site_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(site_url + "talks/urunc-fosdem-2024/")
    page.get_by_role("link", name="Georgios Ntoutsos").click()
    page.wait_for_url(re.compile(r"/podium/people/georgios-ntoutsos/$"))
    assert "From Containers to Unikernels" in page.locator(".podium-person").inner_text()


def visible_talks(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "li.podium-talk:not([hidden]) .podium-talk__title a", "els => els.map(e => e.textContent)"
    )


def test_filtering_the_catalog_is_a_shareable_link(site_url: str, visit: Any) -> None:
    v = visit(viewport=DESKTOP)
    page = v.page
    page.goto(site_url + "talks/")
    assert len(visible_talks(page)) == 7
    page.fill("input[name=speaker]", "Simon Kuenzer")  # a name from its list
    assert visible_talks(page) == ["Musl support in Unikraft"]
    # The address follows once the page is idle (podium.js: after the list is painted).
    page.wait_for_url(re.compile(r"/talks/\?speaker=simon-kuenzer$"))
    page.fill("input[name=speaker]", "")
    page.select_option("select[name=year]", "2024")
    page.get_by_role("checkbox", name="Video").check()
    page.wait_for_url(re.compile(r"/talks/\?year=2024&has=video$"))
    shared = page.url
    assert len(visible_talks(page)) == 2
    fresh = visit(viewport=DESKTOP).page
    fresh.goto(shared)
    assert len(visible_talks(fresh)) == 2
    assert fresh.locator("select[name=year]").input_value() == "2024"
    assert fresh.get_by_role("checkbox", name="Video").is_checked()
    page.reload()
    assert len(visible_talks(page)) == 2
    assert v.errors == []


def test_filters_have_labels_and_work_from_the_keyboard(site_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(site_url + "talks/")
    for name in ("event", "year", "track", "tag"):
        assert page.locator(f"label:has(select[name={name}])").count() == 1
    assert page.locator("label:has(input[name=speaker][list])").count() == 1
    page.focus("select[name=year]")
    page.keyboard.press("ArrowDown")  # the first year after "All"
    assert page.locator("select[name=year]").input_value() == "2024"
    assert len(visible_talks(page)) == 2
    page.locator("input[name=has][value=video]").press("Space")
    page.wait_for_url(re.compile(r"has=video$"))


def test_three_clicks_from_home_to_a_talks_slides_and_recording(site_url: str, visit: Any) -> None:
    page = visit(viewport=PHONE, is_mobile=True, has_touch=True).page
    page.goto(site_url)
    page.locator(".podium-block--talks .podium-talk__title a").first.click()
    page.wait_for_url(re.compile(r"/podium/talks/[a-z0-9-]+/$"))
    slides = page.get_by_role("link", name="Slides")
    recording = page.get_by_role("link", name="Watch the recording")
    assert slides.get_attribute("href").endswith(".pdf")
    assert recording.get_attribute("href").startswith("https://live.fosdem.org/watch/")


def test_every_talks_slides_and_recording_within_three_clicks_on_a_phone(
    site_url: str, visit: Any
) -> None:
    """Home → the hero's "Talks and recordings" (1) → a talk's Slides (2), or its Video (2)
    → the player or "Watch the recording" (3); found by role and name, as a screen reader would."""
    page = visit(viewport=PHONE, is_mobile=True, has_touch=True).page
    page.goto(site_url)
    titles = None
    checked = 0
    while True:
        page.goto(site_url)
        page.get_by_role("link", name="Talks and recordings").click()  # click 1
        page.wait_for_url(re.compile(r"/podium/talks/$"))
        items = page.locator("li.podium-talk")
        if titles is None:
            titles = [t.strip() for t in items.locator(".podium-talk__title").all_inner_texts()]
            assert titles, "the catalog lists no talk"
        if checked == len(titles):
            break
        title = titles[checked]
        item = items.filter(has=page.get_by_role("heading", name=title, exact=True))
        has = (item.get_attribute("data-has") or "").split()
        slides = page.get_by_role("link", name=f"Slides: {title}", exact=True)
        video = page.get_by_role("link", name=f"Video: {title}", exact=True)
        assert slides.count() == ("slides" in has), title
        assert video.count() == ("video" in has), title
        if "slides" in has:  # click 2 reaches the slides: an address to open, visible and tappable
            assert slides.is_visible() and slides.get_attribute("href"), title
            box = slides.bounding_box()
            assert box and box["height"] >= 20 and box["x"] + box["width"] <= PHONE["width"], title
        if "video" in has:
            video.click()  # click 2
            page.wait_for_url(re.compile(r"/podium/talks/[a-z0-9-]+/#video$"))
            section = page.locator("#video")
            player = section.get_by_role("button", name=re.compile("^Load video"))
            watch = section.get_by_role("link", name="Watch the recording")
            native = section.locator("video[controls]")
            assert player.count() + watch.count() + native.count() == 1, title
            assert section.is_visible(), title  # click 3 plays it or opens it
        checked += 1
    assert checked == 7


def test_searching_a_speaker_reaches_their_page(site_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(site_url)
    page.locator(".md-search__input").click()
    # Typed like a reader: Material's search listens to key events, not to a value change.
    page.keyboard.type("Kuenzer", delay=40)
    result = page.locator(".md-search-result__link", has_text="Simon Kuenzer").first
    result.wait_for()
    result.click()
    page.wait_for_url(re.compile(r"/podium/people/simon-kuenzer/"))


def test_feeds_and_calendars_are_findable(site_url: str, visit: Any) -> None:
    page = visit(viewport=DESKTOP).page
    page.goto(site_url)
    links = page.locator(".podium-block--subscribe a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["feed.xml", "rss.xml", "events.ics"]
    discovered = page.eval_on_selector_all(
        'link[rel~="alternate"][type]', "els => els.map(e => e.getAttribute('type'))"
    )
    assert discovered == ["application/atom+xml", "application/rss+xml"]
    for href in hrefs:
        with urllib.request.urlopen(site_url + href) as response:
            assert response.status == 200
            assert response.read(64)
    page.goto(site_url + "events/fosdem-2024/")
    assert page.get_by_role("link", name="Add to calendar (.ics)").get_attribute("href") == (
        "../fosdem-2024.ics"
    )
    # The schedule for conference apps, and each track's calendar, from the event page.
    for name in ("schedule.xml", "schedule.json", "Talks of Containers devroom (.ics)"):
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        with urllib.request.urlopen(f"{site_url}events/fosdem-2024/{href}") as response:
            assert response.status == 200 and response.read(64)
    # A talk's "Add to calendar" is the talk alone; the whole event is beside it.
    page.goto(site_url + "talks/urunc-fosdem-2024/")
    own = page.get_by_role("link", name="Add to calendar (.ics)", exact=True)
    assert own.get_attribute("href") == "../urunc-fosdem-2024.ics"
    whole = page.get_by_role("link", name="Whole event (.ics)", exact=True)
    assert whole.get_attribute("href") == "../../events/fosdem-2024.ics"
    with urllib.request.urlopen(site_url + "talks/urunc-fosdem-2024.ics") as response:
        assert response.read().count(b"BEGIN:VEVENT") == 1


def test_search_index_is_served(site_url: str) -> None:
    with urllib.request.urlopen(site_url + "search/search_index.json") as response:
        index = json.load(response)
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert {"talks/urunc-fosdem-2024/", "people/simon-kuenzer/"} <= locations


STUB = "<!doctype html><title>player</title><p>A stand-in for the video player.</p>"


def test_a_video_loads_only_after_a_click(tmp_path: Any, visit: Any) -> None:
    from tests.browser.harness import free_port, serve
    from tests.conftest import build_site, post, write_site

    body = 'Watch:\n\n{{< youtube id="w7Ft2ymGmfc" title="Unikernels in 5 minutes" >}}\n'
    port = free_port()
    files = {"content/index.md": "# Home\n", "content/blog/v.md": post("V", "2024-01-01", body)}
    # The site's own address is the loopback one, as the example site's in the harness.
    write_site(tmp_path, files, {"site_url": f"http://127.0.0.1:{port}/podium/"})
    site = build_site(tmp_path).site
    # The player host is answered locally (never the real one) so the click can be followed.
    v = visit(viewport=PHONE, is_mobile=True, stubs={"www.youtube-nocookie.com": STUB})
    with serve(site, port) as base:
        v.page.goto(base + "blog/v/", wait_until="networkidle")
        assert v.page.locator("iframe").count() == 0
        assert v.stubbed == [], "nothing may load from the video host before the click"
        assert v.page.locator(".podium-embed").evaluate(
            "e => e.getBoundingClientRect().width <= document.documentElement.clientWidth"
        )
        button = v.page.get_by_role("button", name="Load video: Unikernels in 5 minutes")
        button.click()
        frame = v.page.locator(".podium-embed iframe")
        assert frame.get_attribute("title") == "Unikernels in 5 minutes"
        assert frame.get_attribute("src") == (
            "https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc?autoplay=1"
        )
        v.page.frame_locator(".podium-embed iframe").get_by_text("A stand-in").wait_for()
        assert v.stubbed == ["https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc?autoplay=1"]


def test_no_page_fetches_the_sitemap_for_feed_links(site_url: str, visit: Any) -> None:
    # Material fetches sitemap.xml for every link[rel=alternate] (it takes them for language
    # versions); the feed links are rel="alternate feed", so a page load fetches none.
    tab = visit(viewport=DESKTOP)
    fetched: list[str] = []
    tab.page.on("request", lambda r: fetched.append(r.url) if "sitemap" in r.url else None)
    for path in ("", "blog/", "events/"):
        tab.page.goto(site_url + path)
        tab.page.wait_for_load_state("networkidle")
    assert fetched == []
    assert tab.page.eval_on_selector_all("link[rel=alternate]", "els => els.length") == 0
