"""Virtual pages: the one place Podium adds files to a MkDocs build."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel


def add_page(
    files: Files,
    config: MkDocsConfig,
    src_uri: str,
    content: str,
    *,
    in_nav: bool,
    owner: str,
    searchable: bool = True,
) -> File:
    """Add a generated page (or file) unless the site already has one at that path.

    Listings (``searchable=False``) stay out of the search index: they only repeat
    what the posts, events and talks they list already put there.
    """
    if not searchable:
        content = "---\nsearch:\n  exclude: true\n---\n" + content
    existing = files.get_file_from_path(src_uri)
    if existing is not None and existing.generated_by is None:
        return existing
    if existing is not None:
        raise PluginError(f"{owner}: two generated files at {src_uri}; this is a bug in Podium")
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    file.generated_by = owner
    files.append(file)
    return file


def move(file: File, dest_uri: str, url: str) -> None:
    """Publish ``file`` at another URL (posts with `post_url` or `slug`)."""
    file.dest_uri = dest_uri
    file.url = url or "./"
    file.abs_dest_path = os.path.normpath(Path(file.dest_dir, dest_uri))


def markdown_text(value: str) -> str:
    """Text safe to place in a generated Markdown heading: HTML- and Markdown-escaped."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|" else ch for ch in escaped)
