"""What `podium/tags` registers: tags/ with counts and one page per tag."""

from __future__ import annotations

from functools import cached_property, partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from podium.memo import digest
from podium.mkdocs.session import Generated, Session
from podium.posts import Status
from podium.routing import TAGS_SRC, tag_feed_path, tag_src
from podium.urls import relative_url

OWNER = "podium/tags"


class TagPages:
    """One build's tag index and tag pages."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def register(self, files: Files, config: MkDocsConfig) -> None:
        gettext = self.session.language.gettext
        self.page(files, config, TAGS_SRC, gettext("Tags"), None)
        for tag in self.session.catalog.tags.values():
            # The title is set from the catalog; a generated file never carries content text.
            title = gettext("Tag: %(name)s") % {"name": tag.name}
            self.page(files, config, tag_src(tag.slug), title, tag.slug)

    def page(
        self, files: Files, config: MkDocsConfig, src: str, title: str, slug: str | None
    ) -> None:
        generated = Generated("tag", slug, partial(self.body, slug), partial(self.inputs, slug))
        self.session.add_page(
            files, config, src, title, generated, owner=OWNER, in_nav=slug is None, searchable=False
        )

    @cached_property
    def _side(self) -> str:
        """What tag pages show of events, talks and people (one digest for all)."""
        catalog = self.session.catalog
        return digest(catalog.events, sorted(catalog.people.by_id.items()))

    def inputs(self, slug: str | None, url: str) -> object:
        """Everything a tag page (or the tag index) shows."""
        session = self.session
        catalog = session.catalog
        if slug is None:
            categories = [(c.slug, c.name, c.count) for c in catalog.categories.values()]
            return (url, [(t.slug, t.name, t.count) for t in catalog.tags.values()], categories)
        tag = catalog.tags[slug]
        options = (session.options.feeds, session.event_pages, catalog.settings.event_pages)
        return (
            url,
            options,
            self._side,
            tag.slug,
            tag.name,
            tag.description,
            session.shown(tag.posts),
            [e.id for e in tag.events],
            [t.id for t in tag.talks],
        )

    def body(self, slug: str | None, url: str) -> str:
        session = self.session
        views = session.views()
        render = session.renderer.render
        if slug is None:
            categories = views.category_counts(url)
            return str(render("tags.html", tags=views.tag_index(url), categories=categories))
        side = session.event_views() if session.event_pages else None
        tag = session.catalog.tags[slug]
        has_feed = session.options.feeds and any(p.status is Status.PUBLISHED for p in tag.posts)
        return str(
            render(
                "tag.html",
                view=views.tag_page(slug, url),
                events=[side.card(e, url) for e in tag.events] if side else [],
                talks=[side.talk(t, url) for t in tag.talks] if side else [],
                feed=relative_url(tag_feed_path(slug), url) if has_feed else None,
            )
        )
