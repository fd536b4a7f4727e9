"""The example site and fixture sites built in the reader's language (`theme.language`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.build.test_example_site import copy_site
from tests.conftest import BuildFailed, Built, SiteFactory, build_site, post

FOSDEM = "blog/2024-02-07-fosdem-2024/"


def with_language(root: Path, language: str) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    shipped = "\n  language: en "
    assert text.count(shipped) == 1
    config.write_text(text.replace(shipped, f"\n  language: {language} "), "utf-8")
    return root


def language_line(root: Path) -> int:
    lines = (root / "mkdocs.yml").read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith("language:"))


def soup(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(url), "html.parser")


def text_of(built: Built, url: str, selector: str) -> list[str]:
    return [" ".join(e.get_text(" ").split()) for e in soup(built, url).select(selector)]


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = with_language(copy_site(tmp_path_factory.mktemp("de")), "de")
    return build_site(root, strict=True)


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = with_language(copy_site(tmp_path_factory.mktemp("fr")), "fr")
    return build_site(root, strict=True)


def test_german_example_site_builds_strict_in_german(german: Built) -> None:
    assert german.warnings == []
    assert soup(german, "").html["lang"] == "de"
    assert text_of(german, "blog/", ".podium-card__more a") == ["Weiterlesen", "Weiterlesen"]
    assert text_of(german, "blog/", ".podium-card time") == [
        "7. Februar 2024",
        "14. Oktober 2022, 09:00",
    ]
    assert text_of(german, "blog/", ".podium-pager__archive") == ["Archiv"]
    assert text_of(german, "blog/archive/", "h1") == ["Archiv"]
    assert text_of(german, "blog/archive/", ".podium-archive h2 .podium-count") == [
        "1 Beitrag",
        "1 Beitrag",
    ]
    event = "events/fosdem-2024/"
    assert text_of(german, event, ".podium-event__kind") == ["Konferenz"]
    assert text_of(german, event, ".podium-event__facts dt")[:2] == ["Wann", "Wo"]
    assert text_of(german, event, ".podium-event__facts time") == ["3.–4. Feb. 2024"]
    assert text_of(german, event, ".podium-event__track .podium-count") == [
        "1 Vortrag",
        "1 Vortrag",
    ]
    assert text_of(german, event, ".podium-tagline__label") == ["Schlagwörter"]
    talk = "talks/urunc-fosdem-2024/"
    assert text_of(german, talk, ".podium-event__facts dt") == [
        "Vortragende",
        "Veranstaltung",
        "Track",
        "Raum",
        "Wann",
    ]
    assert "3. Februar 2024, 18:25" in text_of(german, talk, ".podium-event__facts time")
    assert text_of(german, "talks/", ".podium-filter > span") == [
        "Vorträge durchsuchen",
        "Veranstaltung",
        "Jahr",
        "Tag",
        "Raum",
        "Track",
        "Vortragende",
        "Schlagwort",
    ]
    assert text_of(german, "404.html", ".podium-not-found h1") == ["Seite nicht gefunden"]
    counts = text_of(german, "people/", ".podium-person-card__counts")
    # A card counts what the person has: posts, talks or both (never "0 posts").
    assert counts and all("Beitr" in c or "Vortr" in c for c in counts)
    assert "1 Beitrag" in counts and "0" not in " ".join(counts)
    home = soup(german, "")
    assert [a.get_text(strip=True) for a in home.select(".podium-block__more")] == [
        "Alle Vorträge",
        "Alle Beiträge",
    ]
    assert [a.get_text(strip=True) for a in home.select(".podium-subscribe-link")] == [
        "Blog-Feed (Atom)",
        "Blog-Feed (RSS)",
        "Veranstaltungskalender (iCal)",
    ]
    # No English left in what Podium prints on its pages.
    for url in ("blog/", "blog/archive/", event, talk, "talks/", "people/", "tags/", "404.html"):
        body = " ".join(e.get_text(" ") for e in soup(german, url).select("article"))
        for english in (
            "Continue reading",
            "Talks",
            "When",
            "Speakers",
            "min read",
            "Page not found",
            "Archive ",
        ):
            assert english not in body, (url, english)


def test_french_example_site_builds_strict_in_french(french: Built) -> None:
    assert french.warnings == []
    assert soup(french, "").html["lang"] == "fr"
    assert text_of(french, "blog/", ".podium-card__more a") == ["Lire la suite", "Lire la suite"]
    assert text_of(french, FOSDEM, ".podium-post__header time") == ["7 février 2024"]
    assert text_of(french, "events/fosdem-2024/", ".podium-event__facts time") == ["3–4 févr. 2024"]
    assert text_of(french, "events/fosdem-2024/", ".podium-event__kind") == ["Conférence"]
    assert text_of(french, "events/unikraft-meetup-2022/", ".podium-event__kind") == ["Meetup"]
    assert text_of(french, "talks/", ".podium-filters button") == ["Effacer les filtres"]
    assert text_of(french, "tags/community/", "#tag-posts") == ["Articles"]


def test_an_unknown_language_is_a_warning_at_its_line_and_english(tmp_path: Path) -> None:
    root = with_language(copy_site(tmp_path), "xx")
    line = language_line(root)
    built = build_site(root)
    expected = (
        f"mkdocs.yml:{line}: warning: theme.language: unknown language 'xx' — use one of "
        "en, de, fr, es, it, pt, nl, ro, el; the site is shown in English"
    )
    assert built.warnings == [expected]
    assert soup(built, "").html["lang"] == "en"
    assert text_of(built, "blog/", ".podium-card__more a") == ["Continue reading"] * 2
    with pytest.raises(BuildFailed) as failed:
        build_site(root, strict=True)
    assert expected in failed.value.messages


def test_a_language_podium_has_no_catalogue_for_warns_once(tmp_path: Path) -> None:
    root = with_language(copy_site(tmp_path), "ja")
    built = build_site(root)
    assert built.warnings == [
        f"mkdocs.yml:{language_line(root)}: warning: theme.language: Podium has no 'ja' "
        "catalogue (it has en, de, fr, es, it, pt, nl, ro, el); Podium's text is shown in "
        "English — add overrides/podium/locales/ja/LC_MESSAGES/podium.po (see README)"
    ]
    assert soup(built, "").html["lang"] == "ja"  # Material's own strings stay Japanese
    assert text_of(built, "blog/", ".podium-card__more a") == ["Continue reading"] * 2


OVERRIDE = """\
{% if newer or older %}
<nav class="podium-prevnext" aria-label="{{ _('More posts') }}">
  {% if newer %}<a rel="prev" href="{{ newer.href }}">{{ _("Read on") }} {{ newer.text }}</a>{% endif %}
  {% if older %}<a rel="next" href="{{ older.href }}">{{ _("Read on") }} {{ older.text }}</a>{% endif %}
</nav>
{% endif %}
"""

POSTS = {
    "content/index.md": "# Home\n",
    "content/blog/a.md": post("First", "2024-01-01"),
    "content/blog/b.md": post("Second", "2024-01-02"),
    "content/blog/c.md": post("Third", "2024-01-03"),
}


def test_an_override_with_an_untranslated_string_warns_once_and_shows_english(
    site: SiteFactory,
) -> None:
    config = {
        "theme": {"name": "material", "font": False, "language": "de", "custom_dir": "overrides"}
    }
    built = site({**POSTS, "overrides/podium/post_footer.html": OVERRIDE}, config=config)
    assert built.warnings == [
        "overrides/podium/post_footer.html:3: warning: i18n: 'Read on' has no German (de) "
        "translation; shown in English — add it to "
        "overrides/podium/locales/de/LC_MESSAGES/podium.po"
    ]
    page = soup(built, "blog/b/")
    assert [a.get_text(" ", strip=True) for a in page.select(".podium-prevnext a")] == [
        "Read on Third",
        "Read on First",
    ]
    assert page.select_one(".podium-prevnext")["aria-label"] == "Weitere Beiträge"


SITE_PO = """\
msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Read on"
msgstr "Weiter geht's:"

msgid "Continue reading"
msgstr "Mehr lesen"
"""


def test_a_site_catalogue_adds_and_overrides_translations(site: SiteFactory) -> None:
    config = {
        "theme": {"name": "material", "font": False, "language": "de", "custom_dir": "overrides"}
    }
    files = {
        **POSTS,
        "overrides/podium/post_footer.html": OVERRIDE,
        "overrides/podium/locales/de/LC_MESSAGES/podium.po": SITE_PO,
    }
    built = site(files, config=config, strict=True)
    assert built.warnings == []
    page = soup(built, "blog/b/")
    assert [a.get_text(" ", strip=True) for a in page.select(".podium-prevnext a")] == [
        "Weiter geht's: Third",
        "Weiter geht's: First",
    ]
    assert text_of(built, "blog/", ".podium-card__more a") == ["Mehr lesen"] * 3
    assert text_of(built, "blog/", ".podium-pager__archive") == ["Archiv"]  # Podium's own


def test_feeds_carry_the_language_and_translated_descriptions(german: Built) -> None:
    import feedparser

    rss = feedparser.parse((german.site / "rss.xml").read_bytes())
    assert rss.bozo == 0 and rss.feed.language == "de"
    atom = feedparser.parse((german.site / "feed.xml").read_bytes())
    assert atom.bozo == 0 and atom.feed.language == "de"
    tagged = feedparser.parse((german.site / "tags/community/feed.xml").read_bytes())
    assert tagged.bozo == 0 and tagged.feed.language == "de"


def test_a_tag_feed_without_description_says_so_in_the_language(site: SiteFactory) -> None:
    import feedparser

    config = {"theme": {"name": "material", "font": False, "language": "fr"}}
    built = site({"content/blog/a.md": post("Un", "2024-01-01", tags=["python"])}, config=config)
    assert built.warnings == []
    feed = feedparser.parse((built.site / "tags/python/feed.xml").read_bytes())
    assert feed.bozo == 0
    assert feed.feed.subtitle == "Articles avec l’étiquette python"


def test_talk_descriptions_in_calendars_are_in_the_language(german: Built) -> None:
    import icalendar

    calendar = icalendar.Calendar.from_ical((german.site / "events/fosdem-2024.ics").read_bytes())
    talks = [c for c in calendar.walk("VEVENT") if "talk-" in str(c["UID"])]
    assert talks
    # A talk's own calendar and its track's say the same as the event's.
    ones = [
        german.site / f"talks/{str(t['UID']).split('@')[0].removeprefix('talk-')}.ics"
        for t in talks
    ]
    tracks = sorted((german.site / "events/fosdem-2024/tracks").glob("*.ics"))
    assert tracks
    for path in [*ones, *tracks]:
        talks += icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    for talk in talks:
        lines = str(talk["DESCRIPTION"]).splitlines()
        assert lines[0].startswith("Vortragende: ")
        assert "Veranstaltung: FOSDEM 2024" in lines


def test_the_404_page_is_podiums_unless_the_site_has_its_own(site: SiteFactory) -> None:
    config = {"theme": {"name": "material", "font": False, "custom_dir": "overrides"}}
    main = '{% extends "base.html" %}'
    built = site({"content/index.md": "# Home\n", "overrides/main.html": main}, config=config)
    page = soup(built, "404.html")
    assert [a["href"] for a in page.select(".podium-not-found__links a")] == ["/sub/", "/sub/blog/"]
    assert page.select_one("form[role=search]")["action"] == "/sub/"
    own = '{% extends "main.html" %}{% block content %}<h1>Our own 404</h1>{% endblock %}'
    built = site({"content/index.md": "# Home\n", "overrides/404.html": own}, config=config)
    page = soup(built, "404.html")
    assert page.select(".podium-not-found") == []
    assert [h.get_text() for h in page.select("article h1")] == ["Our own 404"]


def test_the_scripts_texts_come_translated_with_the_page(german: Built, french: Built) -> None:
    # podium-agenda.js (stars, the reader's time) reads its texts from #podium-text.
    for built, star, label in (
        (german, "Merken", "Merken: %(title)s"),
        (french, "Favori", "Favori : %(title)s"),
    ):
        for url in ("", "talks/urunc-fosdem-2024/"):
            script = soup(built, url).select_one("script#podium-text")
            assert script is not None, url
            texts = json.loads(script.get_text())
            assert (texts["star"], texts["starLabel"]) == (star, label)
            assert "%(zone)s" in texts["yourZone"]


def test_an_english_site_carries_no_script_texts(site: SiteFactory) -> None:
    built = site({"content/index.md": "# Home\n"})
    page = BeautifulSoup(built.html("index.html"), "html.parser")
    assert page.select_one("script#podium-text") is None
