"""Fixture builds of the event catalog: listings, event, talk and people pages, filters, links."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import BuildFailed, Built, SiteFactory, broken_links, post, resolves

PLUGINS = [
    "search",
    {"podium/posts": {"timezone": "Europe/Brussels"}},
    "podium/events",
    "podium/tags",
]
PEOPLE = (
    "simon-kuenzer:\n  name: Simon Kuenzer\n  role: CTO\n"
    "ada:\n  name: Ada <Lovelace>\n  avatar: /img/ada.png\n  links: {github: https://github.com/ada}\n"
)
CONF = """
title: Conf 2024
kind: conference
start: 2024-02-03
end: 2024-02-04
timezone: Europe/Brussels
location: {name: ULB, city: Brussels, country: Belgium, url: "https://www.openstreetmap.org/?q=ULB"}
url: https://conf.example.org/
description: |
  A **free** event. <script>alert(1)</script>
tags: [Unikernels]
talks:
  - title: Containers to Unikernels
    id: urunc
    speakers: [simon-kuenzer, Jane Doe]
    track: Containers devroom
    track_url: https://conf.example.org/track/containers/
    room: UB2.252A
    slides: /slides/urunc.pdf
    video: https://www.youtube.com/watch?v=w7Ft2ymGmfc
    start: 2024-02-03T18:25:00
    duration: 30
    abstract: |
      We present `urunc` and [the repo](https://github.com/urunc-dev/urunc).
    tags: [urunc, unikernels]
  - title: Bunny builds
    id: bunny
    speakers: [ada]
    track: Microkernel devroom
    video: https://video.example.org/bunny.webm
    start: 2024-02-03T18:40:00
  - title: Lightning
    id: lightning
    speakers: [Someone Else]
    video: https://live.example.org/watch/room
posts: [blog/conf-recap.md]
"""
MEETUP = """
title: Meet-up 2022
kind: meetup
start: 2022-10-14
end: 2022-10-16
location: {city: Sinaia, country: Romania}
photos:
  - src: /img/team.jpg
    caption: The hiking team
talks:
  - title: Musl
    speakers: [simon-kuenzer]
"""
FUTURE = "title: Summit 2026\nkind: workshop\nstart: 2026-06-01\n"
SOON = "title: Soon 2026\nkind: webinar\nstart: 2026-02-01T18:00:00\nonline: true\n"


def catalog_site(site: SiteFactory, **kwargs: object) -> Built:
    files = {
        "content/index.md": "# Home\n",
        "data/people.yml": PEOPLE,
        "data/events/conf-2024.yml": CONF,
        "data/events/meetup-2022.yml": MEETUP,
        "data/events/summit-2026.yml": FUTURE,
        "data/events/soon-2026.yml": SOON,
        "content/img/ada.png": b"\x89PNG\r\n\x1a\n",
        "content/img/team.jpg": b"\xff\xd8\xff",
        "content/slides/urunc.pdf": b"%PDF-1.4",
        "content/blog/conf-recap.md": post(
            "Conf recap", "2024-02-07", authors=["ada"], tags=["unikernels"]
        ),
        "content/blog/meetup.md": post("Meet-up recap", "2022-10-20", event="meetup-2022"),
    }
    return site(files, {"plugins": PLUGINS}, **kwargs)  # type: ignore[arg-type]


def soup(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(url), "html.parser")


def test_events_listing_upcoming_soonest_first_then_past_by_year(site: SiteFactory) -> None:
    built = catalog_site(site, now="2026-01-15")
    page = soup(built, "events/")
    upcoming = [
        a.get_text() for a in page.select(".podium-events__upcoming .podium-event-card__title a")
    ]
    assert upcoming == ["Soon 2026", "Summit 2026"]
    years = [h.get_text() for h in page.select(".podium-events__year")]
    assert years == ["2024", "2022"]
    past = [a.get_text() for a in page.select(".podium-events__past .podium-event-card__title a")]
    assert past == ["Conf 2024", "Meet-up 2022"]
    conf = page.select(".podium-events__past .podium-event-card")[0]
    meta = conf.select_one(".podium-meta")
    assert meta is not None
    assert meta.select_one("time").get_text() == "3\u2009–\u20094 Feb 2024"  # Babel (CLDR) interval
    assert conf.select_one(".podium-event-card__place").get_text() == "ULB, Brussels, Belgium"
    assert conf.select_one(".podium-event-card__talks").get_text() == "3 talks"
    assert {b.get_text() for b in conf.select(".podium-has")} == {"Slides", "Video"}


def test_podium_now_moves_events_from_upcoming_to_past(site: SiteFactory) -> None:
    built = catalog_site(site, now="2026-07-01")
    page = soup(built, "events/")
    assert page.select(".podium-events__upcoming .podium-event-card") == []
    assert [h.get_text() for h in page.select(".podium-events__year")] == ["2026", "2024", "2022"]


def test_event_page_has_dates_place_talks_by_track_photos_and_posts(site: SiteFactory) -> None:
    built = catalog_site(site)
    page = soup(built, "events/conf-2024/")
    facts = {dt.get_text(): dd for dt, dd in zip(page.select("dt"), page.select("dd"), strict=True)}
    assert facts["When"].get_text(" ", strip=True) == "3\u2009–\u20094 Feb 2024 (Europe/Brussels)"
    assert facts["Where"].select_one("a")["href"] == "https://www.openstreetmap.org/?q=ULB"
    description = page.select_one(".podium-event__description")
    assert description is not None and description.strong is not None
    assert description.find("script") is None
    tracks = [h.get_text(" ", strip=True) for h in page.select(".podium-event__track")]
    counts = [len(ul.select(":scope > li")) for ul in page.select(".podium-talks--event")]
    assert tracks == [
        f"Containers devroom {counts[0]} talk",
        f"Microkernel devroom {counts[1]} talk",
    ]
    assert counts == [1, 1, 1]  # the third: talks without a track, under no heading
    posts = page.select(".podium-event__posts a")
    assert [a.get_text() for a in posts] == ["Conf recap"]
    assert all(resolves(built, "events/conf-2024/", str(a["href"])) for a in posts)
    meetup = soup(built, "events/meetup-2022/")
    assert meetup.find("a", string="Map")["href"] == (
        "https://www.openstreetmap.org/search?query=Sinaia%2C%20Romania"
    )
    photo = meetup.select_one(".podium-gallery__item")
    assert photo is not None and photo.figcaption is not None
    assert photo.figcaption.get_text() == "The hiking team"
    assert photo.img["alt"] == "The hiking team"
    assert resolves(built, "events/meetup-2022/", str(photo.img["src"]))
    assert [a.get_text() for a in meetup.select(".podium-event__posts a")] == ["Meet-up recap"]


def test_talk_page_embeds_load_nothing_before_a_click(site: SiteFactory) -> None:
    built = catalog_site(site)
    page = soup(built, "talks/urunc/")
    assert page.find("iframe") is None
    embed = page.select_one("[data-podium-embed]")
    assert embed is not None
    assert embed["data-podium-embed"] == "https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc"
    assert embed["data-podium-title"] == "Video: Containers to Unikernels"
    assert embed.a["href"] == "https://www.youtube.com/watch?v=w7Ft2ymGmfc"
    slides = page.find("a", string="Slides")
    assert slides is not None and resolves(built, "talks/urunc/", str(slides["href"]))
    when = page.select_one(".podium-event__facts time")
    assert when is not None and when["datetime"] == "2024-02-03T18:25:00+01:00"
    abstract = page.select_one(".podium-talk__abstract")
    assert (
        abstract is not None and abstract.code is not None and abstract.code.get_text() == "urunc"
    )
    speakers = page.select(".podium-speaker")
    assert [(s.name, s.get_text()) for s in speakers] == [
        ("a", "Simon Kuenzer"),
        ("span", "Jane Doe"),
    ]
    video = soup(built, "talks/bunny/").select_one("video")
    assert video is not None and video["src"] == "https://video.example.org/bunny.webm"
    plain = soup(built, "talks/lightning/")
    assert plain.find("video") is None and plain.select_one("[data-podium-embed]") is None
    assert (
        plain.find("a", string="Watch the recording")["href"]
        == "https://live.example.org/watch/room"
    )


def test_talks_catalog_is_a_complete_list_with_filter_data(site: SiteFactory) -> None:
    built = catalog_site(site)
    page = soup(built, "talks/")
    form = page.select_one("form[data-podium-filters]")
    assert form is not None and form.has_attr("hidden")
    items = page.select("li.podium-talk")
    assert [i.select_one(".podium-talk__title a").get_text() for i in items] == [
        "Containers to Unikernels",
        "Bunny builds",
        "Lightning",
        "Musl",
    ]
    first = items[0]
    assert first["data-event"] == "conf-2024"
    assert first["data-year"] == "2024"
    assert first["data-track"] == "containers-devroom"
    assert first["data-speaker"] == "simon-kuenzer jane-doe"
    assert first["data-tag"] == "urunc unikernels"
    assert first["data-has"] == "slides video"
    assert items[3]["data-has"] == ""
    options = {s["name"]: [o["value"] for o in s.select("option")] for s in form.select("select")}
    assert options["event"] == ["", "conf-2024", "meetup-2022"]
    assert options["year"] == ["", "2024", "2022"]
    speakers = [o["data-key"] for o in form.select("datalist#podium-speakers option")]
    assert speakers == ["ada", "jane-doe", "simon-kuenzer", "someone-else"]
    labels = [label.get_text(" ", strip=True) for label in form.select("label")]
    assert labels[0].startswith("Search talks") and labels[1].startswith("Event")
    for item in items:
        assert resolves(built, "talks/", str(item.select_one(".podium-talk__title a")["href"]))


def test_people_pages_list_posts_and_talks_across_events(site: SiteFactory) -> None:
    built = catalog_site(site)
    simon = soup(built, "people/simon-kuenzer/")
    talks = [a.get_text() for a in simon.select(".podium-talk__title a")]
    assert talks == ["Containers to Unikernels", "Musl"]
    ada = soup(built, "people/ada/")
    assert ada.h1 is not None and ada.h1.get_text(strip=True).startswith("Ada <Lovelace>")
    assert [a.get_text() for a in ada.select(".podium-person__posts a")] == ["Conf recap"]
    avatar = ada.select_one("img.podium-avatar")
    assert avatar is not None and resolves(built, "people/ada/", str(avatar["src"]))
    assert ada.select_one(".podium-person__links a")["href"] == "https://github.com/ada"
    index = soup(built, "people/")
    assert [a.get_text() for a in index.select(".podium-person-card > a")] == [
        "Ada <Lovelace>",
        "Simon Kuenzer",
    ]


def test_posts_show_event_cards_and_link_authors(site: SiteFactory) -> None:
    built = catalog_site(site)
    recap = soup(built, "blog/conf-recap/")
    card = recap.select_one(".podium-post__events .podium-event-card__title a")
    assert card is not None and card.get_text() == "Conf 2024"
    assert resolves(built, "blog/conf-recap/", str(card["href"]))
    author = recap.select_one(".podium-post__header a.podium-author")
    assert author is not None and resolves(built, "blog/conf-recap/", str(author["href"]))
    meetup = soup(built, "blog/meetup/")
    assert [
        a.get_text() for a in meetup.select(".podium-post__events .podium-event-card__title a")
    ] == ["Meet-up 2022"]


def test_tag_pages_list_posts_events_and_talks_together(site: SiteFactory) -> None:
    built = catalog_site(site)
    page = soup(built, "tags/unikernels/")
    assert [a.get_text() for a in page.select(".podium-tag__posts .podium-card__title a")] == [
        "Conf recap"
    ]
    assert [
        a.get_text() for a in page.select(".podium-tag__events .podium-event-card__title a")
    ] == ["Conf 2024"]
    assert [a.get_text() for a in page.select(".podium-tag__talks .podium-talk__title a")] == [
        "Containers to Unikernels"
    ]
    count = {
        li.a.get_text(): li.select_one(".podium-tag-index__count").get_text()
        for li in soup(built, "tags/").select(".podium-tag-index li")
    }
    assert count["unikernels"] == "3"


def test_every_internal_link_resolves_to_a_built_file(site: SiteFactory) -> None:
    assert broken_links(catalog_site(site)) == []


def test_a_broken_event_file_is_reported_and_the_others_stay(site: SiteFactory) -> None:
    files = {
        "data/events/good.yml": "title: Good\nkind: meetup\nstart: 2024-01-01\n",
        "data/events/bad.yml": "title: Bad\nkind: conferense\nstart: 2024-01-01\n",
    }
    try:
        site(files, {"plugins": PLUGINS})
    except BuildFailed as failed:
        message = next(m for m in failed.messages if m.startswith("Podium found"))
        assert message.splitlines()[1:] == [
            "data/events/bad.yml:2:7: error: kind: unknown value 'conferense' (did you mean "
            "'conference'? allowed: conference, meetup, workshop, webinar, hackathon, other)"
        ]
    else:
        raise AssertionError("a content error must stop the build")


def test_pages_embed_catalog_blocks(site: SiteFactory) -> None:
    files = {
        "content/index.md": (
            "# Home\n\n<!-- podium:posts 1 -->\n\n<!-- podium:events -->\n\n"
            "<!-- podium:talks 5 -->\n\n<!-- podium:subscribe -->\n\n<!-- podium:nope -->\n"
        ),
        "data/events/conf-2024.yml": CONF,
        "data/events/summit-2026.yml": FUTURE,
        "data/people.yml": PEOPLE,
        "content/img/ada.png": b"\x89PNG\r\n\x1a\n",
        "content/slides/urunc.pdf": b"%PDF-1.4",
        "content/blog/a.md": post("Older", "2024-01-01"),
        "content/blog/conf-recap.md": post("Newest", "2024-02-01"),
    }
    built = site(files, {"plugins": PLUGINS}, now="2026-01-01")
    page = soup(built, "")
    assert [a.get_text() for a in page.select(".podium-block--posts .podium-card__title a")] == [
        "Newest"
    ]
    assert [
        a.get_text() for a in page.select(".podium-block--events .podium-event-card__title a")
    ] == ["Summit 2026"]
    assert [a.get_text() for a in page.select(".podium-block--talks .podium-talk__title a")] == [
        "Containers to Unikernels",
        "Bunny builds",
        "Lightning",
    ]
    links = {a.get_text(): a["href"] for a in page.select(".podium-block--subscribe a")}
    assert links == {
        "Blog feed (Atom)": "feed.xml",
        "Blog feed (RSS)": "rss.xml",
        "Events calendar (iCal)": "events.ics",
    }
    for a in page.select(".podium-block a"):
        assert resolves(built, "", str(a["href"])), a
    assert (
        "content/index.md:11:1: warning: unknown block 'podium:nope' (supported: podium:posts, podium:events, podium:talks, podium:subscribe)"
        in built.warnings
    )
