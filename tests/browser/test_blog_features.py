"""Categories, pins, covers, related posts and people in a real Chromium: axe stays clean,
nothing overflows a phone, no request leaves the site (issue 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import tests.build.test_material_blog as blog
import tests.build.test_people_and_standards as people
from tests.browser.harness import AXE_JS, DESKTOP, PHONE

PAGES = [
    "",
    "blog/",
    "blog/b/",
    "blog/category/news/",
    "tags/",
    "people/",
    "people/ada/",
    "talks/hall/",
]


def files() -> dict[str, str | bytes]:
    merged = {**blog.FILES, **{k: v for k, v in people.FILES.items() if k.startswith("data/")}}
    merged["content/images/people/ada.png"] = people.FILES["content/images/people/ada.png"]
    # Nothing may load from another host: the remote cover and avatar stay out of this one.
    merged["content/blog/c.md"] = blog.post("Gamma", "2024-03-01", tags=["python"])
    merged["data/people.yml"] = str(people.PEOPLE).replace(
        "  avatar: https://cdn.example.org/grace.jpg\n", ""
    )
    merged.pop("data/events/webinar.yml")
    return merged


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from tests.browser.conftest import _chromium_or_skip
    from tests.browser.harness import free_port, serve
    from tests.conftest import build_site, write_site

    _chromium_or_skip()
    root: Path = tmp_path_factory.mktemp("blog-features")
    port = free_port()
    config = {"site_url": f"http://127.0.0.1:{port}/podium/", "plugins": blog.PLUGINS}
    write_site(root, files(), config)
    site = build_site(root).site
    with serve(site, port) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_the_new_pages(
    base: str, visit: Any, scheme: str
) -> None:
    v = visit(viewport=DESKTOP, color_scheme=scheme)
    found = {}
    for url in PAGES:
        v.page.goto(base + url, wait_until="load")
        v.page.add_script_tag(path=str(AXE_JS))
        result = v.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        bad = [
            f"{x['id']} ({x['impact']}): {[n['target'] for n in x['nodes']][:3]}"
            for x in result["violations"]
            if x["impact"] in ("serious", "critical")
        ]
        if bad:
            found[url] = bad
    assert found == {}


def test_covers_and_avatars_fit_a_phone(base: str, visit: Any) -> None:
    v = visit(viewport=PHONE, is_mobile=True, has_touch=True)
    for url in PAGES:
        v.page.goto(base + url, wait_until="networkidle")
        overflow = v.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url}: {overflow}px of horizontal scrolling at 375 px"
    v.page.goto(base + "blog/page/3/", wait_until="networkidle")
    cover = v.page.locator("img.podium-card__image")
    assert cover.evaluate("i => i.complete && i.naturalWidth") == 640
    box = cover.bounding_box()
    assert box is not None and 0 < box["width"] <= PHONE["width"]
    assert v.outside == []
