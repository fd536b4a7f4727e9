"""View models: exactly what each Podium template receives.

Templates get small frozen dataclasses with every URL already relative to
the page being rendered, so ``templates/`` holds no logic and the template
contract is visible in this one file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from podium.catalog import Catalog, Post
from podium.i18n import Language, english
from podium.posts import Status
from podium.routing import (
    TAGS_URL,
    archive_url,
    blog_page_url,
    category_url,
    person_url,
    tag_url,
)
from podium.urls import is_external, rebase_html, relative_url


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
    avatar: str | None = None
    """The person's picture, relative to the page (or an http(s) URL)."""
    initials: str = ""
    """Shown instead of a picture: up to two letters of the name."""


@dataclass(frozen=True)
class ImageView:
    """A post's cover on its cards."""

    src: str
    alt: str
    width: int | None = None
    height: int | None = None


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
    categories: tuple[Link, ...] = ()
    pinned: bool = False
    image: ImageView | None = None


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
    categories: tuple[TagCount, ...] = ()


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


@dataclass(frozen=True)
class CategoryPageView:
    name: str
    posts: tuple[PostView, ...]
    pager: Pager
    blog: Link


@dataclass(frozen=True)
class RelatedLink:
    """A related post at the end of a post."""

    link: Link
    date: Moment


@functools.lru_cache(maxsize=4096)
def moment(when: dt.datetime, with_time: bool, language: Language | None = None) -> Moment:
    # A post's date is shown on its page, its listings, tags and archive: format it once.
    lang = language or english()
    text = lang.date_time(when) if with_time else lang.date(when.date())
    return Moment(when.isoformat(), text)


def initials(name: str) -> str:
    """Up to two letters standing for a person without a picture: ``Ada Lovelace`` -> ``AL``."""
    return "".join(word[:1] for word in name.split()[:2]).upper()


def avatar_src(avatar: str | None, page_url: str) -> str | None:
    """A person's picture for a page: http(s) as written, a local one relative to the page."""
    if not avatar:
        return None
    return avatar if is_external(avatar) else relative_url(avatar.lstrip("/"), page_url)


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
        categories = self.catalog.categories
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
                    avatar_src(a.person.avatar if a.person else None, page_url),
                    initials(a.name),
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
            categories=tuple(
                Link(relative_url(self.category_url(slug), page_url), categories[slug].name)
                for slug in post.category_slugs
                if slug in categories
            ),
            pinned=post.meta.pin,
            image=self.cover(post, page_url),
        )

    def cover(self, post: Post, page_url: str) -> ImageView | None:
        image = post.meta.image
        if not image:
            return None
        src = image if is_external(image) else relative_url(image.lstrip("/"), page_url)
        width, height = post.image_size or (None, None)
        return ImageView(src, post.meta.image_alt or post.title, width, height)

    def category_url(self, slug: str, number: int = 1) -> str:
        return category_url(self.catalog.settings.blog_dir, slug, number)

    def category_counts(self, page_url: str) -> tuple[TagCount, ...]:
        return tuple(
            TagCount(Link(relative_url(self.category_url(c.slug), page_url), c.name), c.count)
            for c in self.catalog.categories.values()
        )

    def category_page(self, slug: str, number: int, page_url: str) -> CategoryPageView:
        category = self.catalog.categories[slug]
        chunks = self.catalog.paginate(category.posts)
        return CategoryPageView(
            name=category.name,
            posts=tuple(self.post_view(p, page_url) for p in chunks[number - 1]),
            pager=self._pager(number, len(chunks), lambda n: self.category_url(slug, n), page_url),
            blog=Link(relative_url(self.blog_url(1), page_url), "Blog"),
        )

    def _pager(self, number: int, count: int, url_of: Callable[[int], str], page_url: str) -> Pager:
        pages = tuple(Link(relative_url(url_of(n), page_url), str(n)) for n in range(1, count + 1))
        newer = pages[number - 2] if number > 1 else None
        older = pages[number] if number < count else None
        return Pager(newer, older, pages if len(pages) > 1 else (), number)

    def related(self, post: Post) -> tuple[RelatedLink, ...]:
        return tuple(
            RelatedLink(
                Link(relative_url(other.url, post.url), other.title),
                moment(other.meta.date, False),
            )
            for other in self.catalog.related(post)
        )

    def neighbours(self, post: Post) -> tuple[Link | None, Link | None]:
        newer, older = self.catalog.neighbours(post)

        def link(other: Post | None) -> Link | None:
            return Link(relative_url(other.url, post.url), other.title) if other else None

        return link(newer), link(older)

    def blog_page(self, number: int, page_url: str) -> BlogPageView:
        chunks = self.catalog.blog_pages()
        return BlogPageView(
            posts=tuple(self.post_view(p, page_url) for p in chunks[number - 1]),
            pager=self._pager(number, len(chunks), self.blog_url, page_url),
            archive=Link(
                relative_url(archive_url(self.catalog.settings.blog_dir), page_url),
                self.language.gettext("Archive"),
            ),
            categories=self.category_counts(page_url),
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
