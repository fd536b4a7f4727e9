"""``robots.txt`` pointing crawlers at MkDocs' sitemap, unless the site ships its own."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from podium.mkdocs.files import add_file
from podium.mkdocs.head import absolute
from podium.routing import ROBOTS_PATH, SITEMAP_PATH

OWNER = "podium/posts"


def robots_txt(sitemap: str | None) -> str:
    """Everything may be crawled; the sitemap's absolute URL when the site has a site_url."""
    lines = ["User-agent: *", "Allow: /"]
    if sitemap:
        lines += ["", f"Sitemap: {sitemap}"]
    return "\n".join(lines) + "\n"


def add_robots(files: Files, config: MkDocsConfig) -> None:
    """robots.txt at the site's root; a content/robots.txt of the site's own wins."""
    if files.get_file_from_path(ROBOTS_PATH) is not None:
        return
    add_file(files, config, ROBOTS_PATH, robots_txt(absolute(config, SITEMAP_PATH)), owner=OWNER)
