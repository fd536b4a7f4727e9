"""`podium/tags`: tags/ with counts and one page per tag, from the shared catalog.

The catalog belongs to `podium/posts`; this plugin finds it through MkDocs'
plugin registry, so the two work in either order in mkdocs.yml.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from podium.memo import digest
from podium.mkdocs.files import add_page
from podium.mkdocs.options import TagsOptions
from podium.mkdocs.posts_plugin import PostsPlugin, find_posts_plugin
from podium.posts import Status
from podium.urls import relative_url


class TagsPlugin(BasePlugin[TagsOptions]):
    """Tag index and tag pages listing everything with that tag."""

    def __init__(self) -> None:
        self._pages: dict[str, str | None] = {}
        self._posts: PostsPlugin | None = None

    def posts_plugin(self, config: MkDocsConfig) -> PostsPlugin:
        return find_posts_plugin(config, "podium/tags")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._posts = self.posts_plugin(config)
        return config

    @event_priority(40)  # after podium/posts has built the catalog (priority 50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._pages = {}
        if not self.config.enabled:
            return files
        catalog = self.posts_plugin(config).catalog
        add_page(
            files,
            config,
            "tags/index.md",
            "Tags",
            in_nav=True,
            owner="podium/tags",
            searchable=False,
        )
        self._pages["tags/index.md"] = None
        for tag in catalog.tags.values():
            src = f"tags/{tag.slug}/index.md"
            # The title is set from the catalog later; a generated file never carries content text.
            add_page(
                files,
                config,
                src,
                f"Tag: {tag.name}",
                in_nav=False,
                owner="podium/tags",
                searchable=False,
            )
            self._pages[src] = tag.slug
        return files

    @event_priority(60)  # before podium/posts turns bodies into pages (priority 0)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        posts = self.posts_plugin(config)
        # Under serve, what tag pages show of events, talks and people (one digest for all).
        catalog = posts.catalog
        side = (
            digest(catalog.events, sorted(catalog.people.by_id.items()))
            if posts.serve_cache
            else ""
        )
        for src, slug in self._pages.items():
            file = files.get_file_from_path(src)
            if file is None or file.page is None:
                continue
            url = file.page.url
            posts.set_body(
                src,
                partial(self._body, posts, slug, url),
                inputs=posts.serve_cache and self._inputs(posts, slug, url, side),
            )
        return env

    def _inputs(self, posts: PostsPlugin, slug: str | None, url: str, side: str) -> object:
        """Everything a tag page (or the tag index) shows."""
        catalog = posts.catalog
        settings = (posts.config.feeds, posts.event_pages, catalog.settings.event_pages)
        if slug is None:
            return (url, [(t.slug, t.name, t.count) for t in catalog.tags.values()])
        tag = catalog.tags[slug]
        return (
            url,
            settings,
            side,
            tag.slug,
            tag.name,
            tag.description,
            posts.shown(tag.posts),
            [e.id for e in tag.events],
            [t.id for t in tag.talks],
        )

    def _body(self, posts: PostsPlugin, slug: str | None, url: str) -> str:
        views = posts.views()
        if slug is None:
            return str(posts.renderer.render("tags.html", tags=views.tag_index(url)))
        events_side = posts.event_views() if posts.event_pages else None
        tag = posts.catalog.tags[slug]
        has_feed = posts.config.feeds and any(p.status is Status.PUBLISHED for p in tag.posts)
        return str(
            posts.renderer.render(
                "tag.html",
                view=views.tag_page(slug, url),
                events=[events_side.card(e, url) for e in tag.events] if events_side else [],
                talks=[events_side.talk(t, url) for t in tag.talks] if events_side else [],
                feed=relative_url(f"tags/{slug}/feed.xml", url) if has_feed else None,
            )
        )
