"""The reader's language: Babel's dates and numbers, the catalogues and the extract command."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from lxml import html as lxml_html

from podium.i18n import LANGUAGES, LOCALES, Language, catalogue_path, supported
from podium.i18n.__main__ import main, missing_by_language, update
from podium.i18n.extract import podium_messages, template_messages, unique
from podium.render import Renderer

THIN = "\u2009"
DAY = dt.date(2024, 2, 3)
EVENING = dt.datetime(2024, 2, 3, 18, 25, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("code", "date", "same_month", "two_months", "date_time", "number"),
    [
        (
            "en",
            "3 February 2024",
            f"3{THIN}–{THIN}4 Feb 2024",
            f"30 Sept{THIN}–{THIN}2 Oct 2024",
            "3 February 2024, 18:25",
            "4,000",
        ),
        (
            "de",
            "3. Februar 2024",
            "3.–4. Feb. 2024",
            f"30. Sept.{THIN}–{THIN}2. Okt. 2024",
            "3. Februar 2024, 18:25",
            "4.000",
        ),
        (
            "fr",
            "3 février 2024",
            "3–4 févr. 2024",
            f"30 sept.{THIN}–{THIN}2 oct. 2024",
            "3 février 2024, 18:25",
            "4\u202f000",
        ),
        (
            "es",
            "3 de febrero de 2024",
            "3–4 de febrero de 2024",
            f"30 de septiembre{THIN}–{THIN}2 de octubre de 2024",
            "3 de febrero de 2024, 18:25",
            "4.000",
        ),
        (
            "it",
            "3 febbraio 2024",
            "03–04 feb 2024",
            f"30 set{THIN}–{THIN}02 ott 2024",
            "3 febbraio 2024, 18:25",
            "4.000",
        ),
        (
            "pt",
            "3 de fevereiro de 2024",
            f"3{THIN}–{THIN}4 de fev. de 2024",
            f"30 de set.{THIN}–{THIN}2 de out. de 2024",
            "3 de fevereiro de 2024 18:25",
            "4.000",
        ),
        (
            "nl",
            "3 februari 2024",
            "3–4 feb 2024",
            f"30 sep{THIN}–{THIN}2 okt 2024",
            "3 februari 2024, 18:25",
            "4.000",
        ),
        (
            "ro",
            "3 februarie 2024",
            "3–4 feb. 2024",
            f"30 sept.{THIN}–{THIN}2 oct. 2024",
            "3 februarie 2024, 18:25",
            "4.000",
        ),
        (
            "el",
            "3 Φεβρουαρίου 2024",
            "3–4 Φεβ 2024",
            "30 Σεπ – 2 Οκτ 2024",
            "3 Φεβρουαρίου 2024, 6:25\u202fμ.μ.",
            "4.000",
        ),
    ],
)
def test_dates_ranges_times_and_numbers_come_from_babel(
    code: str, date: str, same_month: str, two_months: str, date_time: str, number: str
) -> None:
    lang = Language(code)
    assert lang.date(DAY) == date
    assert lang.date_range(DAY, None) == date
    assert lang.date_range(DAY, DAY) == date
    assert lang.date_range(DAY, dt.date(2024, 2, 4)) == same_month
    assert lang.date_range(dt.date(2024, 9, 30), dt.date(2024, 10, 2)) == two_months
    assert lang.date_time(EVENING) == date_time
    assert lang.number(4000) == number


def test_plural_forms_follow_each_language() -> None:
    ro = Language("ro")
    forms = [ro.ngettext("%(num)s talk", "%(num)s talks", n) for n in (1, 2, 19, 20, 101)]
    assert forms == [
        "1 prezentare",
        "2 prezentări",
        "19 prezentări",
        "20 de prezentări",
        "101 prezentări",
    ]
    fr = Language("fr")
    assert [fr.ngettext("%(num)s post", "%(num)s posts", n) for n in (0, 1, 2)] == [
        "0 article",
        "1 article",
        "2 articles",
    ]
    # Numbers inside messages are written as the language writes them.
    assert Language("de").ngettext("%(num)s post", "%(num)s posts", 4000) == "4.000 Beiträge"


def test_language_codes_map_to_catalogues() -> None:
    assert supported("de") == "de"
    assert supported("pt-BR") == "pt"
    assert supported("pt_BR") == "pt"
    assert supported("ja") is None
    assert supported("xx") is None
    assert Language("xx").code == "en"
    assert Language("xx").gettext("Continue reading") == "Continue reading"


def test_every_message_has_an_entry_in_every_catalogue() -> None:
    """Every _()/ngettext() string of Podium's templates and code, translated everywhere."""
    assert len(unique(podium_messages())) > 80
    missing = missing_by_language()
    assert sorted(missing) == sorted(c for c in LANGUAGES if c != "en")
    report = "\n".join(
        f"{catalogue_path(code).relative_to(LOCALES.parent)}: missing {msgid!r}"
        for code, ids in missing.items()
        for msgid in ids
    )
    assert report == "", (
        "run `python -m podium.i18n extract`, then fill in the empty msgstr:\n" + report
    )


def test_catalogues_are_po_files_without_compiled_copies() -> None:
    assert not list(LOCALES.rglob("*.mo"))
    for code in LANGUAGES[1:]:
        with catalogue_path(code).open("rb") as handle:
            catalogue = read_po(handle)
        assert str(catalogue.locale) == code
        assert not [m.id for m in catalogue if m.id and m.fuzzy]


def test_extract_adds_new_messages_and_lists_them_exactly(tmp_path: Path) -> None:
    root = tmp_path / "locales"
    shutil.copytree(LOCALES, root)
    de = catalogue_path("de", root)
    text = de.read_text("utf-8")
    # Drop one translation and one whole entry, as after a merge that adds strings.
    text = text.replace('msgstr "Weiterlesen"', 'msgstr ""')
    start = text.index('msgid "Nobody yet."')
    end = text.index("\n\n", start)
    de.write_text(text[:start] + text[end + 2 :], "utf-8")
    missing = missing_by_language(root)
    assert missing["de"] == ["Continue reading", "Nobody yet."]
    assert all(ids == [] for code, ids in missing.items() if code != "de")
    update(root)
    with de.open("rb") as handle:
        catalogue = read_po(handle)
    assert catalogue.get("Nobody yet.") is not None
    assert catalogue.get("Nobody yet.").string == ""
    assert catalogue.get("Older posts").string == "Ältere Beiträge"  # kept
    assert missing_by_language(root)["de"] == ["Continue reading", "Nobody yet."]


def test_extract_check_is_clean_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--check"]) == 0
    assert capsys.readouterr().out == ""


def test_templates_print_translated_and_escaped(tmp_path: Path) -> None:
    renderer = Renderer(language=Language("de"))
    post = {
        "title": "<b>x</b>",
        "href": "p/",
        "status": "published",
        "excerpt": "",
        "tags": (),
        "authors": (),
        "updated": None,
        "minutes": 3,
        "date": {"iso": "2024-02-03", "text": "3. Februar 2024"},
        "image": None,
        "categories": (),
    }
    out = renderer.render("block.html", name="posts", posts=[post], more="blog/")
    tree = lxml_html.fragment_fromstring(str(out), create_parent="div")
    more = tree.xpath("//p[@class='podium-card__more']/a")[0]
    assert more.text == "Weiterlesen"
    assert more.get("aria-label") == "Weiterlesen: <b>x</b>"  # escaped, not markup
    assert tree.xpath("//a[@class='podium-block__more']")[0].text == "Alle Beiträge"
    assert tree.xpath("//span[contains(@class,'readtime')]")[0].text == "3 Min. Lesezeit"


def test_a_template_message_without_translation_is_found(tmp_path: Path) -> None:
    source = '<p>{{ _("Read on") }}</p>\n<p>{{ ngettext("%(num)s cat", "%(num)s cats", n) }}</p>'
    found = list(template_messages(source, tmp_path / "x.html"))
    assert [(f.msgid, f.plural, f.line) for f in found] == [
        ("Read on", None, 1),
        ("%(num)s cat", "%(num)s cats", 2),
    ]
    assert Language("de").missing([f.msgid for f in found]) == ["Read on", "%(num)s cat"]
    assert Language("en").missing([f.msgid for f in found]) == []


def test_the_serve_error_overlay_speaks_the_language() -> None:
    from podium.problems import Problem

    problems = [
        Problem("content/blog/a.md", 2, 0, "error", "tags", "expected a list"),
        Problem("content/blog/b.md", 3, 0, "warning", "tgas", "unknown key"),
    ]
    for code, expected in (
        ("en", "Podium found 1 error and 1 warning in the content; this preview shows"),
        ("de", "Podium hat 1 Fehler und 1 Warnung im Inhalt gefunden; diese Vorschau zeigt"),
    ):
        out = Renderer(language=Language(code)).render("errors.html", problems=problems)
        tree = lxml_html.fragment_fromstring(str(out), create_parent="div")
        summary = " ".join(tree.xpath("//p")[0].text_content().split())
        assert summary.startswith(expected), summary
        assert tree.xpath("//p/code/text()") == ["mkdocs build"]
        items = tree.xpath("//li/text()")
        assert items == [str(p) for p in problems]  # the messages themselves stay as written
