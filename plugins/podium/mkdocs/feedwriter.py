"""Atom and RSS feeds of the blog and of every tag, written into the site.

``podium.feeds`` (feedgen, lxml) is imported inside these functions only: it
loads in the process that writes the feeds (see :mod:`podium.mkdocs.internals.background`),
not in the one that builds the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig

from podium.catalog import Catalog, Post
from podium.i18n import Language, english
from podium.memo import digest, remembered
from podium.mkdocs.head import absolute, site_root
from podium.outputs import write_output
from podium.posts import Status
from podium.routing import ATOM_FEED_PATH, RSS_FEED_PATH, tag_feed_path
from podium.urls import is_external
from podium.views import Rendered

if TYPE_CHECKING:
    from podium.feeds import FeedEntry, FeedInfo


def write_feeds(
    config: MkDocsConfig,
    catalog: Catalog,
    rendered: Mapping[str, Rendered],
    *,
    size: int,
    full: bool,
    store: dict[str, tuple[str, bytes]] | None,
    language: Language | None = None,
) -> None:
    """feed.xml, rss.xml and tags/<slug>/feed.xml; ``store`` is the serve cache's
    (a feed whose entries did not change is not generated again), None for a build."""
    from podium.feeds import FeedInfo, atom_feed, rss_feed

    root = site_root(config)
    assert root is not None  # checked in on_config
    # Drafts and scheduled posts never reach a feed, not even under `mkdocs serve`.
    published = [p for p in catalog.posts if p.status is Status.PUBLISHED]
    size = max(1, size)
    site_dir = Path(config.site_dir)

    def entry(post: Post) -> FeedEntry:
        return feed_entry(config, catalog, post, rendered.get(post.src_uri), full=full)

    def write(rel: str, make: Callable[..., bytes], info: FeedInfo, chosen: list[Any]) -> None:
        # Under serve, a feed whose entries did not change is not generated again.
        stamp = digest(make.__name__, info, chosen) if store is not None else ""
        data = remembered(store, rel, stamp, partial(make, info, chosen))
        write_output(site_dir, rel, data)

    entries = {p.src_uri: entry(p) for p in published[:size]}
    description = config.site_description or config.site_name
    author = config.site_author or config.site_name
    code = (language or english()).code
    info = FeedInfo(
        config.site_name, root, root + ATOM_FEED_PATH, description, author=author, language=code
    )
    chosen = [entries[p.src_uri] for p in published[:size]]
    write(ATOM_FEED_PATH, atom_feed, info, chosen)
    write(RSS_FEED_PATH, rss_feed, replace(info, feed_url=root + RSS_FEED_PATH), chosen)
    for tag in catalog.tags.values():
        tagged = [p for p in tag.posts if p.status is Status.PUBLISHED][:size]
        if not tagged:
            continue
        tag_info = FeedInfo(
            f"{config.site_name}: {tag.name}",
            root,
            root + tag_feed_path(tag.slug),
            tag.description
            or (language or english()).gettext("Posts tagged %(name)s") % {"name": tag.name},
            author=author,
            language=code,
        )
        tag_entries = [entries.get(p.src_uri) or entry(p) for p in tagged]
        write(tag_feed_path(tag.slug), atom_feed, tag_info, tag_entries)


def feed_entry(
    config: MkDocsConfig, catalog: Catalog, post: Post, rendered: Rendered | None, *, full: bool
) -> FeedEntry:
    from podium.feeds import FeedEntry

    url = absolute(config, post.url) or post.url
    return FeedEntry(
        id=url,
        title=post.title,
        url=url,
        published=post.meta.date,
        updated=post.meta.updated,
        authors=tuple(a.name for a in post.authors),
        tags=tuple(catalog.tags[s].name for s in post.tag_slugs if s in catalog.tags),
        summary_html=rendered.excerpt if rendered else "",
        content_html=rendered.content if rendered and full else None,
        image=image_url(config, post),
        categories=tuple(
            catalog.categories[s].name for s in post.category_slugs if s in catalog.categories
        ),
    )


def image_url(config: MkDocsConfig, post: Post) -> str | None:
    """The absolute URL of a post's ``image`` (feeds, og:image), or None."""
    image = post.meta.image
    if not image:
        return None
    if is_external(image):
        return image
    return absolute(config, image.lstrip("/"))
