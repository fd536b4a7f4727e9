"""The example site: both seed posts, verbatim, built with --strict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO, SHARED, Built, broken_links, build_site

MEETUP = "blog/2022-10-14-unikraft-community-meetup-22/"
FOSDEM = "blog/2024-02-07-fosdem-2024/"
SEEDS = {
    "content/blog/2024-02-07-fosdem-2024.md": "000_218cf87da9327720.txt",
    "content/blog/2022-10-14-unikraft-community-meetup-22.md": "004_fe46bf242dfb8676.txt",
}


def copy_site(dest: Path) -> Path:
    for name in ("content", "data", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_site(copy_site(tmp_path_factory.mktemp("example")), strict=True)


def page(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(url), "html.parser")


def points_to_file(built: Built, url: str, ref: str) -> bool:
    target = (built.site / url / ref.split("#")[0]).resolve()
    return target.is_file() and target.is_relative_to(built.site.resolve())


def test_seed_posts_are_verbatim() -> None:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    for rel, seed in SEEDS.items():
        assert (REPO / rel).read_bytes() == (SHARED / "seeds" / seed).read_bytes(), rel


def test_builds_strict_without_warnings(example: Built) -> None:
    assert example.warnings == []
    for url in (
        "",
        "blog/",
        "blog/archive/",
        FOSDEM,
        MEETUP,
        "tags/",
        "tags/news/",
        "tags/community/",
    ):
        assert example.exists(url + "index.html"), url


def test_blog_index_lists_both_seeds_newest_first(example: Built) -> None:
    titles = [a.get_text() for a in page(example, "blog/").select(".podium-card__title a")]
    assert titles == ["FOSDEM 2024", "Unikraft Community Meet-up '22"]


def test_fosdem_post_images_float_and_resolve(example: Built) -> None:
    images = page(example, FOSDEM).select("article img")
    sources = [str(img["src"]) for img in images]
    assert sources == [
        "../../images/FOSDEM_venue.jpg#floatright",
        "../../images/FOSDEM_logo.svg.png#floatleft",
    ]
    assert all(points_to_file(example, FOSDEM, src) for src in sources)
    css = (example.site / "assets/podium/podium.css").read_text("utf-8")
    assert 'img[src$="#floatright"]' in css and 'img[src$="#floatleft"]' in css


def test_meetup_post_has_figures_author_tags_and_mapped_link(example: Built) -> None:
    html = page(example, MEETUP)
    figures = html.select("figure.podium-figure")
    assert [f.h4.get_text() for f in figures if f.h4] == [
        "Sinaia Community Meetup Hiking Team",
        "Sinaia Community Meetup Visiting Team",
        "Sinaia Community Meetup Main Presentation",
    ]
    for figure in figures:
        assert figure.img is not None and points_to_file(example, MEETUP, str(figure.img["src"]))
    assert [a.get_text() for a in html.select(".podium-post__header .podium-author")] == [
        "Andrei Mutu"
    ]
    assert [a.get_text() for a in html.select(".podium-post__header .podium-tag")] == ["Community"]
    here = html.find("a", string="here")
    assert here is not None
    assert here["href"] == "https://unikraft.org/blog/2022-10-14-unikraft-reaches-1k-github-stars"
    assert "{{<" not in example.html(MEETUP)


def test_posts_are_not_in_the_navigation(example: Built) -> None:
    nav = page(example, "").select("nav.md-nav--primary a.md-nav__link")
    hrefs = {str(a.get("href")) for a in nav}
    assert not any("2024-02-07" in h or "2022-10-14" in h for h in hrefs)
    assert any(h.rstrip("/").endswith("blog") for h in hrefs)


def test_verbatim_meetup_seed_warns_about_its_missing_post(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8").replace("!!python", "#"))
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "podium/posts" in entry:
            entry["podium/posts"].pop("external_links")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    built = build_site(root)
    ours = [w for w in built.warnings if w.startswith("content/")]
    assert ours == [
        "content/blog/2022-10-14-unikraft-community-meetup-22.md:29:55: warning: "
        "link 'blog/2022-10-14-unikraft-reaches-1k-github-stars/' does not resolve to a page "
        "or file under content/ (it points at 'blog/blog/2022-10-14-unikraft-reaches-1k-github-stars/') "
        "— fix the path, or map it to a URL with the podium/posts option external_links"
    ]


def test_every_internal_link_of_the_example_resolves(example: Built) -> None:
    assert broken_links(example) == []


def test_fosdem_event_has_both_talks_with_schedule_data(example: Built) -> None:
    html = page(example, "events/fosdem-2024/")
    titles = [a.get_text() for a in html.select(".podium-talks--event .podium-talk__title > a")]
    assert titles == [
        "From Containers to Unikernels: Navigating Integration Challenges in Cloud-Native "
        "Environments",
        "A Modular Approach to Effortless and Dependency-Aware Unikernel Building",
    ]
    urunc = page(example, "talks/urunc-fosdem-2024/")
    facts = {
        d.get_text(): v.get_text(" ", strip=True)
        for d, v in zip(urunc.select("dt"), urunc.select("dd"), strict=True)
    }
    # Each speaker with a picture or initials (aria-hidden) beside the name.
    assert facts["Speakers"] == "GN Georgios Ntoutsos IP Ioannis Plakas"
    assert [a.get_text() for a in urunc.select("dd .podium-speaker")] == [
        "Georgios Ntoutsos",
        "Ioannis Plakas",
    ]
    assert facts["Room"] == "UB2.252A (Lameere)"
    when = urunc.select_one("dd .podium-when time")
    assert when is not None and when["datetime"] == "2024-02-03T18:25:00+01:00"
    assert " ".join(facts["When"].split(" , ")) == "3 February 2024, 18:25 (CET) 30 min · Timetable"
    day = urunc.find("a", string="Timetable")
    assert day is not None and day["href"].endswith("events/fosdem-2024/timetable/2024-02-03/")
    links = {a.get_text(): a["href"] for a in urunc.select(".podium-talk__links a")}
    assert links["Slides"].endswith("/slides/22484/FOSDEM24-urunc_8aePu2M.pdf")
    assert links["Session page"].startswith(
        "https://fosdem.org/2024/schedule/event/fosdem-2024-3402-"
    )
    watch = urunc.find("a", string="Watch the recording")
    assert watch is not None and watch["href"] == "https://live.fosdem.org/watch/ub2252a"
    bunny = page(example, "talks/bunny-fosdem-2024/")
    track = bunny.find("a", string="Microkernel and Component-based OS devroom")
    assert (
        track is not None and track["href"] == "https://fosdem.org/2024/schedule/track/microkernel/"
    )


def test_meetup_event_has_five_talks_photos_and_its_post(example: Built) -> None:
    html = page(example, "events/unikraft-meetup-2022/")
    assert len(html.select(".podium-talks--event > li")) == 5
    speakers = [a.get_text() for a in html.select(".podium-speaker")]
    assert speakers == [
        "Răzvan Deaconescu",
        "Alexander Jung",
        "Simon Kuenzer",
        "Hugo Lefeuvre",
        "Michalis Pappas",
    ]
    captions = [f.get_text() for f in html.select(".podium-gallery figcaption")]
    assert captions == [
        "Sinaia Community Meetup Hiking Team",
        "Sinaia Community Meetup Visiting Team",
        "Sinaia Community Meetup Main Presentation",
    ]
    assert [a.get_text() for a in html.select(".podium-event__posts a")] == [
        "Unikraft Community Meet-up '22"
    ]
    post = page(example, MEETUP)
    cards = [a.get_text() for a in post.select(".podium-post__events .podium-event-card__title a")]
    assert cards == ["Unikraft Community Meet-up '22"]
    author = post.select_one(".podium-post__header a.podium-author")
    assert author is not None and author["href"] == "../../people/andrei-mutu/"


def test_example_site_works_under_a_sub_path(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    text = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("site_url: https://example.org/", "site_url: https://example.org/sub/"),
        "utf-8",
    )
    built = build_site(root, strict=True)
    assert broken_links(built) == []
    home = BeautifulSoup(built.html(""), "html.parser")
    canonical = home.select_one('link[rel="canonical"]')
    assert canonical is not None and canonical["href"] == "https://example.org/sub/"
    for page_file in built.site.rglob("*.html"):
        soup_ = BeautifulSoup(page_file.read_text("utf-8"), "html.parser")
        for el in soup_.select("[href], [src]"):
            ref = str(el.get("href") or el.get("src"))
            if page_file.name == "404.html":
                # Served at any depth, so its links are absolute, under the sub-path.
                assert not ref.startswith("/") or ref.startswith("/sub/"), ref
            else:
                assert not (ref.startswith("/") and not ref.startswith("//")), (page_file, ref)
