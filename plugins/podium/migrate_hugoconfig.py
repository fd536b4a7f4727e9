"""A Hugo site's configuration and URL rules, as ``podium import hugo`` needs them.

The configuration is ``hugo.toml|yaml|yml|json`` or ``config.toml|yaml|yml|json`` at the site's
root, or the files of ``config/_default/`` (``config.toml`` at its root, every other file, such
as ``params.toml`` or ``languages.toml``, under the key of its name), merged as Hugo does.  Keys
are case-insensitive in Hugo, so they are folded to lower case here.

:func:`hugo_url` computes where Hugo publishes a regular page: its ``url`` front matter, else
the ``[permalinks]`` pattern of its section (``/:year/:month/:title/``), else its path with
``slug`` replacing the last segment; paths are sanitised and lower-cased as Hugo's ``MakePath``
does (spaces become ``-``, other punctuation than ``. _ - + ~ # @`` is dropped).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from podium.migrate_write import MigrateError, yaml_error

CONFIG_NAMES = tuple(
    f"{stem}.{ext}" for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")
)
DEFAULT_TAXONOMIES = {"tag": "tags", "category": "categories"}
POST_SECTIONS = ("posts", "post", "blog", "news", "articles")
"""Sections Hugo themes use for posts, when ``params.mainSections`` names none."""


def _fold(value: object) -> object:
    if isinstance(value, dict):
        return {str(k).lower(): _fold(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fold(v) for v in value]
    return value


def _read(path: Path, shown: str) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MigrateError(
            f"{shown}:1: error: not valid UTF-8 (byte {exc.start}); save as UTF-8"
        ) from None
    except OSError as exc:
        raise MigrateError(f"{shown}: error: cannot read ({exc.strerror})") from None
    try:
        if path.suffix == ".toml":
            data: object = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text) if text.strip() else {}
        else:
            data = yaml.safe_load(text) or {}
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        at = f":{where[1]}:{where[2]}" if where else ""
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise MigrateError(f"{shown}{at}: error: TOML: {message}") from None
    except json.JSONDecodeError as exc:
        raise MigrateError(f"{shown}:{exc.lineno}:{exc.colno}: error: JSON: {exc.msg}") from None
    except yaml.YAMLError as exc:
        raise yaml_error(shown, exc) from None
    if not isinstance(data, dict):
        raise MigrateError(f"{shown}:1: error: the configuration must be a table of settings")
    folded = _fold(data)
    assert isinstance(folded, dict)
    return folded


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base.setdefault(key, value)


def config_files(site: Path) -> list[Path]:
    """The configuration files Hugo would read, in the order it merges them."""
    for name in CONFIG_NAMES:
        if (site / name).is_file():
            return [site / name]
    folder = site / "config" / "_default"
    if folder.is_dir():
        found = sorted(
            p for p in folder.iterdir() if p.suffix in (".toml", ".yaml", ".yml", ".json")
        )
        root = [p for p in found if p.stem in ("hugo", "config")]
        return root + [p for p in found if p not in root]
    return []


def read_config(site: Path, shown: str) -> tuple[dict[str, Any], list[str]]:
    """The merged configuration and the files it came from (shown relative to ``shown``)."""
    files = config_files(site)
    if not files:
        names = ", ".join(CONFIG_NAMES[:2] + CONFIG_NAMES[4:6])
        raise MigrateError(
            f"{shown} is not a Hugo site: it has none of {names}, … nor config/_default/ "
            "— pass the folder that holds the Hugo site's configuration"
        )
    merged: dict[str, Any] = {}
    shown_files = []
    for path in files:
        rel = path.relative_to(site).as_posix()
        shown_files.append(rel)
        data = _read(path, posixpath.join(shown, rel))
        if path.stem in ("hugo", "config"):
            _merge(merged, data)
        else:
            section = path.stem.lower()
            if section in ("menu", "menus"):
                section = "menus"
            _merge(merged, {section: data})
    return merged, shown_files


@dataclass(frozen=True)
class HugoConfig:
    """The parts of a Hugo configuration an import carries or reports."""

    title: str | None
    base_url: str | None
    timezone: str | None
    taxonomies: dict[str, str]
    permalinks: dict[str, str]
    content_dir: str
    language: str | None
    language_prefix: str
    other_languages: tuple[str, ...]
    static_dirs: tuple[str, ...]
    main_sections: tuple[str, ...]
    lower_paths: bool
    ugly_urls: bool
    description: str | None
    theme: tuple[str, ...] = ()
    date_from: tuple[str, ...] = ()
    """Where a post without ``date`` takes it from (``[frontmatter] date``, :default expanded)."""
    date_sources_dropped: tuple[str, ...] = ()
    """Date sources Podium cannot read (``:fileModTime``, ``:git``)."""
    raw: dict[str, Any] = field(default_factory=dict)


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, str | int))
    return ()


_HUGO_DATE_DEFAULT = ("date", "publishDate", "pubDate", "published", "lastmod", "modified")
"""Hugo's ``:default`` for a page's date."""


def _date_sources(data: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Hugo's date sources as Podium's ``date_from``, and the ones Podium has no equivalent for.

    ``date`` is listed only where a source comes before it (Podium reads it first otherwise).
    """
    front = data.get("frontmatter") if isinstance(data.get("frontmatter"), dict) else {}
    assert isinstance(front, dict)
    sources: list[str] = []
    dropped: list[str] = []
    for source in _strings(front.get("date")) or (":default",):
        expanded = _HUGO_DATE_DEFAULT if source.lower() == ":default" else (source,)
        for one in expanded:
            if one.lower() == ":filename":
                one = ":filename"
            elif one.startswith(":"):
                dropped.append(one)
                continue
            if (one.lower() != "date" or sources) and one not in sources:
                sources.append(one)
    return tuple(sources), tuple(dropped)


def hugo_config(data: dict[str, Any], shown: str) -> HugoConfig:
    """Interpret the merged configuration; a value of the wrong type is an error."""

    def text(key: str, where: dict[str, Any] = data) -> str | None:
        value = where.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise MigrateError(f"{shown}: error: {key}: expected text, got {value!r}")
        return value

    languages = data.get("languages") if isinstance(data.get("languages"), dict) else {}
    assert isinstance(languages, dict)
    default_language = (text("defaultcontentlanguage") or "en").lower()
    language_conf = languages.get(default_language) or {}
    if not isinstance(language_conf, dict):
        language_conf = {}
    content_dir = (text("contentdir", language_conf) or text("contentdir") or "content").strip("/")
    taxonomies = data.get("taxonomies", DEFAULT_TAXONOMIES)
    if not isinstance(taxonomies, dict):
        raise MigrateError(f"{shown}: error: taxonomies: expected a table, got {taxonomies!r}")
    permalinks = data.get("permalinks") or {}
    if not isinstance(permalinks, dict):
        raise MigrateError(f"{shown}: error: permalinks: expected a table, got {permalinks!r}")
    # Hugo 0.112+ nests them by kind: [permalinks.page] posts = "…"; take the pages' patterns.
    if isinstance(permalinks.get("page"), dict):
        permalinks = permalinks["page"]
    params = data.get("params") if isinstance(data.get("params"), dict) else {}
    assert isinstance(params, dict)
    in_subdir = bool(data.get("defaultcontentlanguageinsubdir")) and bool(languages)
    static = data.get("staticdir", "static")
    base_url = text("baseurl")
    date_from, dropped_dates = _date_sources(data)
    if base_url and not urlsplit(base_url).scheme.startswith("http"):
        base_url = None
    return HugoConfig(
        title=text("title", language_conf) or text("title"),
        base_url=base_url,
        timezone=text("timezone"),
        taxonomies={str(k): str(v) for k, v in taxonomies.items() if isinstance(v, str)},
        permalinks={str(k): str(v) for k, v in permalinks.items() if isinstance(v, str)},
        content_dir=content_dir,
        language=default_language if languages else None,
        language_prefix=f"{default_language}/" if in_subdir else "",
        other_languages=tuple(sorted(k for k in languages if k != default_language)),
        static_dirs=_strings(static) or ("static",),
        main_sections=_strings(params.get("mainsections")),
        lower_paths=not data.get("disablepathtolower", False),
        ugly_urls=bool(data.get("uglyurls", False)),
        description=text("description", params) or text("description"),
        theme=_strings(data.get("theme")),
        date_from=date_from,
        date_sources_dropped=dropped_dates,
        raw=data,
    )


# -- URLs ------------------------------------------------------------------------------------------

_ALLOWED = set("./\\_#+~-@")


def make_path(value: str, lower: bool = True) -> str:
    """Hugo's ``MakePath``: keep letters, digits, marks and ``./\\_#+~-@``; a run of spaces
    becomes ``-``; anything else is dropped; then lower case."""
    out: list[str] = []
    hyphen = False
    for char in value:
        category = unicodedata.category(char)
        if char in _ALLOWED or category[0] in "LM" or category == "Nd":
            if hyphen:
                out.append("-")
                hyphen = False
            out.append(char)
        elif char.isspace() and out:
            hyphen = True
    result = "".join(out)
    return result.lower() if lower else result


@dataclass(frozen=True)
class PageFacts:
    """What Hugo's URL of a page depends on."""

    rel: str  # the file's path under the content dir, e.g. post/x.md or post/x/index.md
    title: str
    date: dt.datetime | None
    slug: str | None
    url: str | None


def _name_of(rel: str) -> tuple[str, str]:
    """The section path and the page's name (a bundle's is its folder's)."""
    directory, _, name = rel.rpartition("/")
    name = name.rsplit(".", 1)[0]
    if name == "index" and directory:
        directory, _, name = directory.rpartition("/")
    return directory, name


def _expand(pattern: str, page: PageFacts, lower: bool) -> str:
    directory, name = _name_of(page.rel)
    section = page.rel.split("/", 1)[0] if "/" in page.rel else ""
    date = page.date or dt.datetime(1, 1, 1)
    title = make_path(page.title, lower=True)
    slug = make_path(page.slug, lower=True) if page.slug else title
    values = {
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "monthname": date.strftime("%B").lower(),
        "day": f"{date.day:02d}",
        "weekday": str(date.isoweekday() % 7),
        "weekdayname": date.strftime("%A").lower(),
        "yearday": str(date.timetuple().tm_yday),
        "section": section,
        "sections": directory,
        "title": title,
        "slug": slug,
        "filename": make_path(name, lower=True),
        "contentbasename": make_path(name, lower=True),
        "slugorfilename": make_path(page.slug, lower=True) if page.slug else make_path(name),
        "slugorcontentbasename": make_path(page.slug) if page.slug else make_path(name),
    }

    def token(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key not in values:
            raise KeyError(key)
        return values[key]

    return re.sub(r":([a-zA-Z]+)", token, pattern)


def hugo_url(page: PageFacts, config: HugoConfig) -> str:
    """The path Hugo publishes ``page`` at, without a leading '/', ending in '/'.

    Raises KeyError for a permalink token Hugo has but this reimplementation does not.
    """
    section = page.rel.split("/", 1)[0] if "/" in page.rel else ""
    if page.url:
        path = page.url
    elif section in config.permalinks:
        path = _expand(config.permalinks[section], page, config.lower_paths)
    else:
        directory, name = _name_of(page.rel)
        last = page.slug or name
        path = f"{directory}/{last}" if directory else last
        path = make_path(path, lower=config.lower_paths)
    path = path.strip("/")
    if not page.url:
        path = config.language_prefix + path
    return path + "/" if not path.endswith(".html") else path


TOKENS_TO_PODIUM = {
    "year": "{year}",
    "month": "{month}",
    "day": "{day}",
    "slug": "{slug}",
    "title": "{title}",
    "filename": "{file}",
    "contentbasename": "{file}",
}


def podium_post_url(pattern: str, section: str) -> str | None:
    """Hugo's permalink pattern as Podium's ``post_url``, or None when a token has no
    Podium equivalent (then posts keep their paths and every old URL is a redirect)."""
    ok = True

    def token(match: re.Match[str]) -> str:
        nonlocal ok
        key = match.group(1).lower()
        if key == "section":
            return section
        if key not in TOKENS_TO_PODIUM:
            ok = False
            return ""
        return TOKENS_TO_PODIUM[key]

    result = re.sub(r":([a-zA-Z]+)", token, pattern).strip("/")
    return result if ok and result else None
