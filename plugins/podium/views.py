"""View models: exactly what each Podium template receives.

Templates get small frozen dataclasses with every URL already relative to
the page being rendered, so ``templates/`` holds no logic and the template
contract is visible in this one file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from podium.catalog import Catalog, Post
from podium.i18n import Language, english
from podium.posts import Status
from podium.routing import TAGS_URL, archive_url, blog_page_url, person_url, tag_url
from podium.urls import rebase_html, relative_url


@dataclass(frozen=True)
class Rendered:
    """A post's Markdown rendered once: excerpt HTML (for the post's own URL) and reading time."""

    excerpt: str
    minutes: int
    truncated: bool
    content: str = ""
    """The whole post as rendered (for full-content feeds)."""


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class Moment:
    iso: str
    text: str


@dataclass(frozen=True)
class AuthorView:
    name: str
    role: str | None
    href: str | None
    """The person's page, when the site has people pages (podium/events)."""


@dataclass(frozen=True)
class PostView:
    """A post as shown in a card (listings) or in its own header."""

    title: str
    href: str
    date: Moment
    updated: Moment | None
    authors: tuple[AuthorView, ...]
    tags: tuple[Link, ...]
    minutes: int
    excerpt: Markup
    truncated: bool
    status: str
    """'published', 'draft' or 'scheduled' (the latter two only under `mkdocs serve`)."""


@dataclass(frozen=True)
class Pager:
    newer: Link | None
    older: Link | None
    pages: tuple[Link, ...]
    current: int


@dataclass(frozen=True)
class BlogPageView:
    posts: tuple[PostView, ...]
    pager: Pager
    archive: Link


@dataclass(frozen=True)
class YearView:
    year: int
    posts: tuple[PostView, ...]


@dataclass(frozen=True)
class TagCount:
    link: Link
    count: int


@dataclass(frozen=True)
class TagPageView:
    name: str
    description: str | None
    posts: tuple[PostView, ...]
    index: Link


@functools.lru_cache(maxsize=4096)
def moment(when: dt.datetime, with_time: bool, language: Language | None = None) -> Moment:
    # A post's date is shown on its page, its listings, tags and archive: format it once.
    lang = language or english()
    text = lang.date_time(when) if with_time else lang.date(when.date())
    return Moment(when.isoformat(), text)


class Views:
    """Builds view models for one catalog; URLs relative to the page being rendered."""

    def __init__(
        self,
        catalog: Catalog,
        rendered: Mapping[str, Rendered],
        language: Language | None = None,
    ) -> None:
        self.catalog = catalog
        self.rendered = rendered
        self.language = language or english()

    def post_view(self, post: Post, page_url: str) -> PostView:
        done = self.rendered.get(post.src_uri, Rendered("", 1, False))
        tags = self.catalog.tags
        return PostView(
            title=post.title,
            href=relative_url(post.url, page_url),
            date=moment(post.meta.date, post.meta.date_has_time, self.language),
            updated=moment(post.meta.updated, False, self.language) if post.meta.updated else None,
            authors=tuple(
                AuthorView(
                    a.name,
                    a.person.role if a.person else None,
                    relative_url(person_url(a.person.id), page_url)
                    if a.person and self.catalog.settings.event_pages
                    else None,
                )
                for a in post.authors
            ),
            tags=tuple(
                Link(relative_url(tag_url(slug), page_url), tags[slug].name)
                for slug in post.tag_slugs
                if slug in tags
            ),
            minutes=done.minutes,
            # The excerpt was rendered for the post's own URL; its links must work here too.
            excerpt=Markup(rebase_html(done.excerpt, post.url, page_url)),
            truncated=done.truncated,
            status=post.status.value,
        )

    def neighbours(self, post: Post) -> tuple[Link | None, Link | None]:
        newer, older = self.catalog.neighbours(post)

        def link(other: Post | None) -> Link | None:
            return Link(relative_url(other.url, post.url), other.title) if other else None

        return link(newer), link(older)

    def blog_page(self, number: int, page_url: str) -> BlogPageView:
        chunks = self.catalog.blog_pages()
        pages = tuple(
            Link(relative_url(self.blog_url(n), page_url), str(n))
            for n in range(1, len(chunks) + 1)
        )
        newer = pages[number - 2] if number > 1 else None
        older = pages[number] if number < len(chunks) else None
        return BlogPageView(
            posts=tuple(self.post_view(p, page_url) for p in chunks[number - 1]),
            pager=Pager(newer, older, pages if len(pages) > 1 else (), number),
            archive=Link(
                relative_url(archive_url(self.catalog.settings.blog_dir), page_url),
                self.language.gettext("Archive"),
            ),
        )

    def blog_url(self, number: int) -> str:
        return blog_page_url(self.catalog.settings.blog_dir, number)

    def archive(self, page_url: str) -> tuple[YearView, ...]:
        return tuple(
            YearView(year, tuple(self.post_view(p, page_url) for p in posts))
            for year, posts in self.catalog.archive()
        )

    def tag_index(self, page_url: str) -> tuple[TagCount, ...]:
        return tuple(
            TagCount(Link(relative_url(tag_url(t.slug), page_url), t.name), t.count)
            for t in self.catalog.tags.values()
        )

    def tag_page(self, slug: str, page_url: str) -> TagPageView:
        tag = self.catalog.tags[slug]
        return TagPageView(
            name=tag.name,
            description=tag.description,
            posts=tuple(self.post_view(p, page_url) for p in tag.posts),
            index=Link(relative_url(TAGS_URL, page_url), self.language.gettext("All tags")),
        )


def banner(status: Status, language: Language | None = None) -> str | None:
    lang = language or english()
    if status is Status.DRAFT:
        return lang.gettext(
            "DRAFT: this post is not published (draft: true); only `mkdocs serve` shows it."
        )
    if status is Status.SCHEDULED:
        return lang.gettext(
            "SCHEDULED: this post is dated in the future; it is published on its date."
        )
    return None
