"""The options of `podium/posts`, checked by one model for `podium check` and the build.

Both read mkdocs.yml's nodes (for ``mkdocs.yml:line:col`` in messages) and check
every option here: a wrong type or range is an error, never coerced (``per_page:
true`` is not 1) and never a traceback.  The options that shape output paths
(``blog_dir``, ``post_url``, ``data_dir``) are checked before anything is
written.  Core code: no MkDocs here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from podium.dates import DateError, describe, now, zone
from podium.problems import Problems
from podium.routing import TOKENS
from podium.settings import Settings

POSTS = "podium/posts"
PODIUM_PLUGINS = ("podium/posts", "podium/events", "podium/tags")

_TOKEN = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class PostsValues:
    """The checked options of `podium/posts` (defaults as in podium.mkdocs.options)."""

    blog_dir: str = "blog"
    data_dir: str = "data"
    post_url: str | None = None
    timezone: str = "UTC"
    per_page: int = 10
    external_links: Mapping[str, str] = field(default_factory=dict)
    shortcodes: str = "overrides/shortcodes"
    date_from: tuple[str, ...] = ()
    feeds: bool = True
    feed_content: str = "summary"
    feed_size: int = 20
    categories_allowed: tuple[str, ...] = ()
    parallel: bool = True
    speedups: bool = True


DEFAULTS = PostsValues()
KNOWN = tuple(PostsValues.__dataclass_fields__)


def site_settings(
    options: PostsValues,
    *,
    root: Path,
    content_dir: Path,
    preview: bool = False,
    event_pages: bool = False,
) -> Settings:
    """The core's :class:`Settings` for the options of `podium/posts` (the one mapping:
    `podium check`, the build and the tests read options the same way)."""
    tz = zone(options.timezone)
    return Settings(
        root=root,
        content_dir=content_dir,
        data_dir=(root / options.data_dir).resolve(),
        now=now(tz=tz),
        timezone=tz,
        blog_dir=options.blog_dir.strip("/"),
        post_url=options.post_url,
        per_page=options.per_page,
        preview=preview,
        event_pages=event_pages,
        external_links=dict(options.external_links),
        shortcodes_dir=(root / options.shortcodes).resolve(),
        categories_allowed=tuple(str(c) for c in options.categories_allowed),
        date_from=tuple(str(s) for s in options.date_from),
    )


@dataclass
class ConfigFile:
    """mkdocs.yml as nodes: where each plugin and option is written."""

    shown: str
    root: yaml.Node | None
    plugin_entries: list[tuple[str, yaml.Node, yaml.Node | None]] = field(default_factory=list)
    """(plugin name, where its name is written, its options node or None)."""

    def where(self, plugin: str, option: str | None = None) -> tuple[int, int]:
        for name, at, options in self.plugin_entries:
            if name != plugin:
                continue
            if option is not None and isinstance(options, yaml.MappingNode):
                for key, value in options.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == option:
                        # A block list or mapping starts on the next line: name the key's.
                        return _pos(value if isinstance(value, yaml.ScalarNode) else key)
            return _pos(at)
        if isinstance(self.root, yaml.MappingNode):
            for key, _value in self.root.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "plugins":
                    return _pos(key)
        return (1, 0)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_config_file(path: Path, shown: str, problems: Problems) -> ConfigFile:
    """mkdocs.yml's nodes (no tag is constructed, so ``!ENV`` and ``!!python/name`` are fine)."""
    try:
        root = yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        problems.error(shown, 1, 0, "", f"cannot read it: {exc}")
        return ConfigFile(shown, None)
    found = ConfigFile(shown, root)
    if root is not None and not isinstance(root, yaml.MappingNode):
        line, col = _pos(root)
        problems.error(shown, line, col, "", "must be key: value pairs (a mapping), not a list")
        return found
    plugins = None
    for key, value in root.value if root is not None else []:
        if isinstance(key, yaml.ScalarNode) and key.value == "plugins":
            plugins = value
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode):
                found.plugin_entries.append((str(item.value), item, None))
            elif isinstance(item, yaml.MappingNode):
                for key, value in item.value:
                    found.plugin_entries.append((str(key.value), key, value))
    elif isinstance(plugins, yaml.MappingNode):  # MkDocs also takes `plugins: {name: options}`
        for key, value in plugins.value:
            found.plugin_entries.append((str(key.value), key, value))
    return found


def check_plugins_listed_once(config: ConfigFile, problems: Problems) -> None:
    """Each Podium plugin at most once: MkDocs would run a second copy of it."""
    first: dict[str, int] = {}
    for name, at, _ in config.plugin_entries:
        line, col = _pos(at)
        if name in PODIUM_PLUGINS and name in first:
            problems.error(
                config.shown,
                line,
                col,
                "plugins",
                f"{name} is listed twice (first at line {first[name]}) — keep one",
            )
        first.setdefault(name, line)


def check_posts_options(
    values: Mapping[str, Any],
    config: ConfigFile,
    problems: Problems,
    *,
    root: Path,
    unknown_keys: bool = True,
    data_needed: bool = True,
) -> PostsValues:
    """Every option of podium/posts, checked; wrong ones are reported and keep their default.

    ``data_needed=False`` (``podium new``, ``podium import``): data_dir may be missing, those
    commands create it.
    """
    good: dict[str, Any] = {}

    def bad(option: str, message: str) -> None:
        line, col = config.where(POSTS, option)
        problems.error(config.shown, line, col, f"plugins.{POSTS}.{option}", message)

    for option, value in values.items():
        if option not in KNOWN:
            if unknown_keys:
                line, col = config.where(POSTS, option)
                problems.warning(
                    config.shown, line, col, f"plugins.{POSTS}.{option}", "unknown option"
                )
            continue
        check = _folder_for_data if option == "data_dir" and not data_needed else _CHECKS[option]
        problem = check(value, root)
        if problem:
            bad(option, problem)
        else:
            good[option] = value
    if "external_links" in good:
        good["external_links"] = dict(good["external_links"])
    if "categories_allowed" in good:
        good["categories_allowed"] = tuple(good["categories_allowed"])
    if "date_from" in good:
        good["date_from"] = tuple(good["date_from"])
    return PostsValues(**good)


def _text(value: object) -> str | None:
    return None if isinstance(value, str) else f"expected text, got {describe(value)}"


def _folder(value: object, root: Path, where: str = "under docs_dir") -> str | None:
    problem = _text(value)
    if problem:
        return problem
    text = str(value)
    if not text.isprintable():
        return f"must be a folder name without control characters (got {text!r})"
    parts = text.strip("/").split("/")
    if not text.strip("/") or text.strip() in (".", "./"):
        return f"must name a folder {where} (got {text!r})"
    if text.startswith("/") or "\\" in text or any(p in ("", ".", "..") for p in parts):
        return f"must be a relative folder without '.', '..' or '\\' (got {text!r})"
    return None


def _folder_for_data(value: object, root: Path) -> str | None:
    problem = _folder(value, root, "next to mkdocs.yml")
    if problem is None and (root / str(value)).is_file():
        return f"{value!r} is a file, not a folder (data_dir holds people.yml and events/)"
    return problem


def _shortcodes(value: object, root: Path) -> str | None:
    problem = _folder(value, root, "next to mkdocs.yml")
    if problem is None and (root / str(value)).is_file():
        return f"{value!r} is a file, not a folder (it holds one NAME.html per shortcode)"
    return problem


DATE_SOURCES = (":filename",)


def _date_from(value: object, root: Path) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return f"expected a list of front-matter keys or ':filename', got {describe(value)}"
    odd = [v for v in value if v.startswith(":") and v not in DATE_SOURCES]
    if odd:
        return f"{odd[0]!r} is not supported; list front-matter keys (publishDate) or ':filename'"
    return None


def _data_dir(value: object, root: Path) -> str | None:
    problem = _folder_for_data(value, root)
    if problem:
        return problem
    path = (root / str(value)).resolve()
    if not path.exists() and value != DEFAULTS.data_dir:  # a site without data is fine
        return f"no folder {value!r} next to mkdocs.yml (data_dir holds people.yml and events/)"
    return None


def post_url_problem(value: object, root: Path | None = None) -> str | None:
    """Why a `post_url` template is not usable, or None."""
    if value is None:
        return None
    problem = _text(value)
    if problem:
        return problem
    text = str(value)
    if not text.isprintable():
        return f"must be a URL path without control characters (got {text!r})"
    for token in _TOKEN.findall(text):
        if token not in TOKENS:
            allowed = ", ".join("{" + t + "}" for t in TOKENS)
            return f"unknown token {{{token}}} (allowed: {allowed})"
    parts = text.strip("/").split("/")
    if text.startswith("/") or "\\" in text or any(p in ("..", ".") for p in parts):
        return f"must be a relative path without '.', '..' or '\\' (got {text!r})"
    if not any(f"{{{token}}}" in text for token in ("slug", "title", "file")):
        return (
            f"must contain {{slug}}, {{title}} or {{file}}, so each post gets its own URL"
            f" (got {text!r})"
        )
    return None


def _zone(value: object, root: Path) -> str | None:
    problem = _text(value)
    if problem:
        return problem
    try:
        zone(str(value))
    except DateError as exc:
        return str(exc)
    return None


def _count(value: object, root: Path) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"expected a whole number of 1 or more, got {describe(value)}"
    if value < 1:
        return f"must be 1 or more, got {value}"
    return None


def _flag(value: object, root: Path) -> str | None:
    if not isinstance(value, bool):
        return f"expected true or false, got {describe(value)}"
    return None


def _feed_content(value: object, root: Path) -> str | None:
    if value not in ("summary", "full"):
        return f"expected 'summary' or 'full', got {describe(value)}"
    return None


def is_web_url(value: object) -> bool:
    """An absolute http(s) URL with a host; the scheme in any case (``HTTPS://`` too)."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _links(value: object, root: Path) -> str | None:
    if not isinstance(value, Mapping):
        return f"expected a mapping of link: https-URL, got {describe(value)}"
    for link, target in value.items():
        if not isinstance(link, str):
            return f"keys must be links as written in posts, got {describe(link)}"
        if not is_web_url(target):
            return f"{link}: {target!r} is not an http(s) URL"
    return None


def _names(value: object, root: Path) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return f"expected a list of category names, got {describe(value)}"
    return None


_CHECKS = {
    "blog_dir": _folder,
    "data_dir": _data_dir,
    "post_url": post_url_problem,
    "timezone": _zone,
    "per_page": _count,
    "feed_size": _count,
    "external_links": _links,
    "shortcodes": _shortcodes,
    "date_from": _date_from,
    "feeds": _flag,
    "parallel": _flag,
    "speedups": _flag,
    "feed_content": _feed_content,
    "categories_allowed": _names,
}
