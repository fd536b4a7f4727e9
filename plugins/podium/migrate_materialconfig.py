"""A Material blog's configuration and URL rules, as ``podium import material-blog`` needs them.

The site's mkdocs.yml is read with its ``!!python/name:`` values kept as they are (never
run); the blog plugin's options decide where posts are (``blog_dir``, ``post_dir``) and their
URLs: :func:`material_url` computes a post's URL as the plugin does (``post_url_format`` with
``{date}`` in ``post_url_date_format``, a Babel pattern, ``{slug}``, ``{file}``,
``{categories}``), and :func:`podium_template` spells the same as Podium's ``post_url`` when
Podium's tokens can.
"""

from __future__ import annotations

import datetime as dt
import importlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from markdown.extensions.toc import slugify as toc_slugify

from podium.migrate_write import ConfigLoader, MigrateError, Plan, Tagged, yaml_error

_DATE_TOKENS = {"yyyy": "{year}", "MM": "{month}", "dd": "{day}"}


def plugin_options(config: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any] | None:
    for entry in config.get("plugins") or []:
        if isinstance(entry, str) and entry in names:
            return {}
        if isinstance(entry, dict):
            for name in names:
                if name in entry:
                    return dict(entry[name] or {})
    return None


def read_mkdocs_config(path: Path, shown: str) -> dict[str, Any]:
    if not path.is_file():
        raise MigrateError(f"{shown}: no such file — pass the blog site's mkdocs.yml")
    try:
        data = yaml.load(path.read_text("utf-8-sig"), Loader=ConfigLoader)
    except UnicodeDecodeError:
        raise MigrateError(f"{shown}:1: error: not valid UTF-8; save it as UTF-8") from None
    except yaml.YAMLError as exc:
        raise yaml_error(shown, exc) from None
    if not isinstance(data, dict):
        raise MigrateError(f"{shown}:1: error: a mkdocs.yml is a mapping of settings")
    return data


@dataclass(frozen=True)
class BlogConfig:
    """The Material blog plugin's options that decide where posts are and their URLs."""

    blog_dir: str
    post_dir: str
    url_format: str
    date_format: str
    authors_file: str
    slugify: Callable[[str, str], str]
    separator: str


def _slugify_of(value: object, plan: Plan, shown: str) -> Callable[[str, str], str]:
    if isinstance(value, Tagged) and value.tag.startswith("tag:yaml.org,2002:python/name:"):
        dotted = value.tag.removeprefix("tag:yaml.org,2002:python/name:")
        module, _, name = dotted.rpartition(".")
        try:
            found = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            plan.note(shown, 0, "blog.post_slugify", f"cannot import {dotted}; using toc.slugify")
        else:
            return found  # type: ignore[no-any-return]
    elif value is not None:
        plan.note(shown, 0, "blog.post_slugify", "not understood; using toc.slugify")
    return toc_slugify


def blog_config(options: dict[str, Any], plan: Plan, shown: str) -> BlogConfig:
    blog_dir = str(options.get("blog_dir", "blog")).strip("/") or "."

    def fill(value: str) -> str:
        return posixpath.normpath(value.replace("{blog}", blog_dir)).strip("/")

    return BlogConfig(
        blog_dir=blog_dir,
        post_dir=fill(str(options.get("post_dir", "{blog}/posts"))),
        url_format=str(options.get("post_url_format", "{date}/{slug}")),
        date_format=str(options.get("post_url_date_format", "yyyy/MM/dd")),
        authors_file=fill(str(options.get("authors_file", "{blog}/.authors.yml"))),
        slugify=_slugify_of(options.get("post_slugify"), plan, shown),
        separator=str(options.get("post_slugify_separator", "-")),
    )


def podium_template(blog: BlogConfig) -> str | None:
    """Material's post URL as Podium's ``post_url``, or None when a part has no equivalent."""
    parts = []
    for match in re.finditer(r"([A-Za-z])\1*|[^A-Za-z]+", blog.date_format):
        run = match.group(0)
        if run[0].isalpha():
            if run not in _DATE_TOKENS:
                return None  # MMMM, EEE, …: a Babel field Podium's tokens cannot spell
            parts.append(_DATE_TOKENS[run])
        else:
            parts.append(run)
    date = "".join(parts)
    url = blog.url_format.replace("{date}", date)
    if "{categories}" in url:
        return None
    prefix = "" if blog.blog_dir == "." else blog.blog_dir + "/"
    return (prefix + url).strip("/")


def material_url(
    blog: BlogConfig, *, date: dt.date, slug: str, file: str, categories: list[str]
) -> str:
    """Where Material's blog plugin publishes a post (``blog/2023/10/02/slug/``)."""
    parts = {
        "date": format_date(date, blog.date_format, locale="en"),
        "slug": slug,
        "file": file,
        "categories": "/".join(blog.slugify(c, blog.separator) for c in categories[:1]),
    }
    path = blog.url_format
    for key, value in parts.items():
        path = path.replace("{" + key + "}", value)
    prefix = "" if blog.blog_dir == "." else blog.blog_dir + "/"
    return posixpath.normpath(prefix + path.strip("/")).strip("/") + "/"
