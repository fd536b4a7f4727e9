"""The category pages of `podium/posts`: ``blog/category/<slug>/`` (+ ``page/N/``)."""

from __future__ import annotations

from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from podium.mkdocs.session import Generated, Session
from podium.routing import category_src

OWNER = "podium/posts"


def add_category_pages(session: Session, files: Files, config: MkDocsConfig) -> None:
    """One page per category, paginated like the blog index (``per_page``)."""
    catalog = session.catalog
    for category in catalog.categories.values():
        count = len(catalog.paginate(category.posts))
        for number in range(1, count + 1):
            src = category_src(catalog.settings.blog_dir, category.slug, number)
            title = f"Category: {category.name}"
            if number > 1:
                title += f", page {number}"
            key = f"{category.slug}/{number}"
            generated = Generated(
                "category",
                key,
                partial(_body, session, category.slug, number),
                partial(_inputs, session, category.slug, number),
            )
            session.add_page(
                files, config, src, title, generated, owner=OWNER, in_nav=False, searchable=False
            )


def _inputs(session: Session, slug: str, number: int, url: str) -> object:
    catalog = session.catalog
    category = catalog.categories[slug]
    pages = catalog.paginate(category.posts)
    options = (catalog.settings.event_pages, catalog.settings.blog_dir)
    return (slug, category.name, number, url, len(pages), options, session.shown(pages[number - 1]))


def _body(session: Session, slug: str, number: int, url: str) -> str:
    view = session.views().category_page(slug, number, url)
    return str(session.renderer.render("category.html", view=view))
