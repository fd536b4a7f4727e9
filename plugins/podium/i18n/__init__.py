"""The reader's language: Podium's message catalogues and Babel's dates and numbers.

Each language's catalogue is a ``.po`` file kept in the repository
(``podium/locales/<lang>/LC_MESSAGES/podium.po``), read with Babel at start-up
(no compiled ``.mo`` files).  A site may add or override messages with its own
``podium/locales/<lang>/LC_MESSAGES/podium.po`` in a theme folder (``overrides/``).
Dates, date ranges, times and numbers come from Babel (CLDR), never from
hand-written month names.  English is the source language: a message without
a translation is shown as written.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_interval, format_time, get_datetime_format
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "podium"
SOURCE = "en"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ro", "el")
"""Languages Podium has a catalogue for (English is the source language)."""
_FORMAT_LOCALES = {"en": "en_GB"}
"""Babel's "en" is American (February 3, 2024); Podium's English keeps day-month-year."""


def catalogue_path(code: str, root: Path = LOCALES) -> Path:
    return root / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def supported(code: str) -> str | None:
    """The catalogue for a Material language code (``de``, ``pt-BR``), or None."""
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


@functools.lru_cache(maxsize=16)
def _read(path: Path, mtime: float) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, domain=DOMAIN)


def read_catalogue(path: Path) -> Catalog | None:
    """The catalogue at ``path`` (parsed once per version of the file), or None."""
    if not path.is_file():
        return None
    return _read(path, path.stat().st_mtime)


def _translated(message: object) -> bool:
    string = getattr(message, "string", None)
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


class Language:
    """One build's language: its messages (Podium's plus the site's) and its formats."""

    def __init__(self, code: str = SOURCE, site_dirs: Sequence[Path] = ()) -> None:
        self.code = supported(code) or SOURCE
        self.locale = Locale.parse(_FORMAT_LOCALES.get(self.code, self.code))
        self.name = Locale.parse(self.code).get_display_name("en") or self.code
        self.sources: list[Path] = []
        paths = [catalogue_path(self.code)]
        paths += [catalogue_path(self.code, Path(d) / "podium" / "locales") for d in site_dirs]
        # The site's catalogues come after Podium's: their translations win.
        found: dict[str, tuple[Any, Any]] = {}
        for path in paths:
            catalogue = read_catalogue(path)
            if catalogue is None:
                continue
            self.sources.append(path)
            for message in catalogue:
                if message.id and _translated(message) and not message.fuzzy:
                    singular = message.id if isinstance(message.id, str) else message.id[0]
                    found[singular] = (message.id, message.string)
        merged = Catalog(locale=self.code, domain=DOMAIN)
        for msgid, string in found.values():
            merged.add(msgid, string)
        self.known = frozenset(found)
        """The messages (singular msgids) this language has a translation of."""
        buffer = BytesIO()
        write_mo(buffer, merged)
        buffer.seek(0)
        self.translations = Translations(buffer, domain=DOMAIN)

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for ``n``, with ``%(num)s`` already written as the language writes numbers."""
        text = self.translations.ngettext(singular, plural, n)
        return text.replace("%(num)s", self.number(n)) if isinstance(n, int) else text

    def missing(self, messages: Iterable[str]) -> list[str]:
        """The ones of ``messages`` this language shows in English (none for English)."""
        if self.code == SOURCE:
            return []
        return [m for m in dict.fromkeys(messages) if m not in self.known]

    def number(self, n: float) -> str:
        return format_decimal(n, locale=self.locale)

    def date(self, day: dt.date) -> str:
        """``3 February 2024``, ``3. Februar 2024``, ``3 février 2024``."""
        return format_date(day, "long", locale=self.locale)

    def time(self, when: dt.time | dt.datetime) -> str:
        if isinstance(when, dt.datetime):
            when = when.timetz()
        return format_time(when.replace(tzinfo=None), "short", locale=self.locale)

    def date_time(self, when: dt.datetime) -> str:
        """A date and a time of day, joined the way the language joins them."""
        glue = get_datetime_format("medium", locale=self.locale)
        text = str(glue).replace("'", "")
        return text.replace("{1}", self.date(when.date())).replace("{0}", self.time(when))

    def date_range(self, start: dt.date, end: dt.date | None) -> str:
        """One day, or the shortest range the language writes (``3–4 Feb 2024``)."""
        if end is None or end == start:
            return self.date(start)
        return format_interval(start, end, "yMMMMd", locale=self.locale)


@functools.lru_cache(maxsize=1)
def english() -> Language:
    """Podium's source language, for views made without a language."""
    return Language(SOURCE)
