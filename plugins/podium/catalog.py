"""The catalog: every post, person and tag of one build, read and checked once, then frozen.

This is the "collect → validate → freeze" step.  Pages, listings, feeds and
calendars are rendered from it; nothing scans all posts per page, everything
is looked up by key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote

from podium.blocks import check_blocks
from podium.categories import Category, build_categories, category_slugs, check_categories
from podium.events import Event, Talk, load_events
from podium.imagesizes import image_size
from podium.memo import CatalogMemo, digest
from podium.outputs import dest_problem
from podium.paths import ContentTree
from podium.people import People, Person, load_people
from podium.postmeta import PASS_THROUGH, PostMeta
from podium.posts import BrokenPost, ParsedPost, Status, process_body, read_post
from podium.problems import Problems
from podium.related import related_indices
from podium.routing import (
    TAGS_SRC,
    TAGS_URL,
    alias_problem,
    alias_url,
    archive_src,
    archive_url,
    blog_page_src,
    blog_page_url,
    dest_of,
    is_reserved,
    page_url,
    post_url,
)
from podium.settings import Settings
from podium.shortcodes import SUPPORTED
from podium.site_shortcodes import load as load_site_shortcodes
from podium.symlinks import check_links, under_any
from podium.tags import Tag, build_tags, load_tag_infos
from podium.text import tag_slug
from podium.urls import check_link_url, is_external

Item = TypeVar("Item")
_ID_SHAPED = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class Author:
    """A post's author: a person from people.yml, or a plain name."""

    name: str
    person: Person | None = None


@dataclass(frozen=True)
class Post:
    """A post ready to render."""

    src_uri: str
    shown: str
    url: str
    meta: PostMeta
    status: Status
    markdown: str
    authors: tuple[Author, ...]
    tag_slugs: tuple[str, ...]
    passthrough: Mapping[str, object] = field(default_factory=dict, hash=False, compare=False)
    """Front-matter keys that MkDocs or Material read themselves (``hide``, ``search``, …)."""
    category_slugs: tuple[str, ...] = ()
    image_size: tuple[int, int] | None = None
    """Width and height of a local cover image, when its header says."""

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def dest_uri(self) -> str:
        return dest_of(self.url)


@dataclass(frozen=True)
class Preview:
    """A post with errors in its front matter, shown by `mkdocs serve` at its URL with
    whatever of it is valid (the build itself stops on the errors)."""

    src_uri: str
    shown: str
    url: str
    title: str
    markdown: str

    @property
    def dest_uri(self) -> str:
        return dest_of(self.url)


@dataclass(frozen=True)
class Redirect:
    """An old URL (a post's alias) that forwards to the post."""

    url: str
    target: str


@dataclass(frozen=True)
class Catalog:
    """Everything of one build, frozen; built by :func:`build_catalog`."""

    settings: Settings
    posts: tuple[Post, ...]
    """Every post that is built (published; in preview also drafts and scheduled), newest first."""
    hidden: tuple[Post, ...]
    """Drafts and scheduled posts left out of this build."""
    people: People
    tags: Mapping[str, Tag[Post, Event, Talk]]
    redirects: tuple[Redirect, ...]
    events: tuple[Event, ...] = ()
    """Every valid event, by start date (then id)."""
    broken: tuple[Preview, ...] = ()
    """Posts whose front matter has errors (their errors are reported)."""
    outside_links: tuple[str, ...] = ()
    """Symbolic links (project-relative) that leave the repository: nothing is read through them."""
    by_src: Mapping[str, Post] = field(default_factory=dict)
    _index: Mapping[str, int] = field(default_factory=dict)
    _events: Mapping[str, Event] = field(default_factory=dict)
    _talks: Mapping[str, Talk] = field(default_factory=dict)
    _event_posts: Mapping[str, tuple[Post, ...]] = field(default_factory=dict)
    _post_events: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)
    _by_author: Mapping[str, tuple[Post, ...]] = field(default_factory=dict)
    _by_speaker: Mapping[str, tuple[Talk, ...]] = field(default_factory=dict)
    categories: Mapping[str, Category[Post]] = field(default_factory=dict)
    """Every category of the built posts, by name."""
    _related: Mapping[str, tuple[Post, ...]] = field(default_factory=dict)

    @property
    def talks(self) -> tuple[Talk, ...]:
        """Every talk of every event, newest event first, in programme order."""
        return tuple(t for e in reversed(self.events) for t in e.talks)

    def event(self, event_id: str) -> Event | None:
        return self._events.get(event_id)

    def talk(self, talk_id: str) -> Talk | None:
        return self._talks.get(talk_id)

    def posts_about(self, event_id: str) -> tuple[Post, ...]:
        """Built posts linked to an event, from either side, newest first."""
        return self._event_posts.get(event_id, ())

    def events_of(self, post: Post) -> tuple[Event, ...]:
        return self._post_events.get(post.src_uri, ())

    def is_upcoming(self, event: Event) -> bool:
        """Whether the event has not ended: its last day, in its own zone, is today or later."""
        today = self.settings.now.astimezone(event.start.tzinfo).date()
        return event.last_day >= today

    def upcoming(self) -> tuple[Event, ...]:
        """Events still to come or under way, soonest first."""
        return tuple(e for e in self.events if self.is_upcoming(e))

    def past_by_year(self) -> list[tuple[int, tuple[Event, ...]]]:
        """Past events grouped by year, newest first."""
        past = [e for e in reversed(self.events) if not self.is_upcoming(e)]
        return [(year, tuple(group)) for year, group in groupby(past, lambda e: e.start.year)]

    def talks_by_speaker(self, person_id: str) -> tuple[Talk, ...]:
        return self._by_speaker.get(person_id, ())

    def post(self, src_uri: str) -> Post | None:
        return self.by_src.get(src_uri)

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """(newer, older) of a built post."""
        index = self._index.get(post.src_uri)
        if index is None:
            return None, None
        newer = self.posts[index - 1] if index > 0 else None
        older = self.posts[index + 1] if index + 1 < len(self.posts) else None
        return newer, older

    def blog_pages(self) -> list[tuple[Post, ...]]:
        """The posts of blog/, blog/page/2/, …; pinned posts first; at least one page."""
        return self._blog_pages

    @cached_property
    def _blog_pages(self) -> list[tuple[Post, ...]]:
        # Asked for by every listing page: worked out once.
        pinned = tuple(p for p in self.posts if p.meta.pin)
        ordered = pinned + tuple(p for p in self.posts if not p.meta.pin) if pinned else self.posts
        return self.paginate(ordered)

    def paginate(self, posts: tuple[Post, ...]) -> list[tuple[Post, ...]]:
        """``posts`` in pages of ``per_page``; at least one (maybe empty) page."""
        size = max(1, self.settings.per_page)
        chunks = [posts[i : i + size] for i in range(0, len(posts), size)]
        return chunks or [()]

    def related(self, post: Post) -> tuple[Post, ...]:
        """At most three built posts sharing most (event, categories, tags) with ``post``."""
        return self._related.get(post.src_uri, ())

    def archive(self) -> list[tuple[int, tuple[Post, ...]]]:
        """Posts grouped by year, newest year first."""
        return [
            (year, tuple(group)) for year, group in groupby(self.posts, lambda p: p.meta.date.year)
        ]

    def posts_by_author(self, person_id: str) -> tuple[Post, ...]:
        return self._by_author.get(person_id, ())


def _newest_first(posts: Iterable[ParsedPost]) -> list[ParsedPost]:
    return sorted(posts, key=lambda p: (-p.meta.date.timestamp(), p.src_uri))


def build_catalog(
    settings: Settings,
    sources: Iterable[str],
    problems: Problems,
    *,
    tree: ContentTree | None = None,
    memo: CatalogMemo | None = None,
) -> Catalog:
    """Read and check every post among ``sources`` (content-relative .md paths).

    ``memo`` (under `mkdocs serve`) reuses the per-post work of earlier builds.
    """
    tree = tree or ContentTree(settings.content_dir)
    all_pages = frozenset(sources)
    blog = settings.blog_dir.strip("/") + "/"
    blog_index = blog_page_src(settings.blog_dir)
    # Nothing is read through a link that leaves the repository (BAD-INPUT H5).
    links = check_links([settings.content_dir, settings.data_dir], settings.root, problems)
    content_rel = settings.rel(settings.content_dir)
    post_srcs = sorted(
        s
        for s in all_pages
        if s.startswith(blog)
        and s != blog_index
        and s.endswith(".md")
        and not under_any(f"{content_rel}/{s}" if content_rel != "." else s, links)
    )
    nowhere = settings.data_dir / ".link leaving the repository"  # no such file: read as absent

    def data_file(name: str) -> Path:
        return nowhere if under_any(_shown(settings, name), links) else settings.data_dir / name

    _warn_dot_posts(settings, tree, blog, problems)
    people = load_people(
        data_file("people.yml"), _shown(settings, "people.yml"), problems, tree.check_local
    )
    tag_infos = load_tag_infos(data_file("tags.yml"), _shown(settings, "tags.yml"), problems)

    load = memo.events if memo else load_events
    events = load(settings, tree, people, frozenset(post_srcs), problems)
    parsed: list[ParsedPost] = []
    unparsed: list[BrokenPost] = []
    read = memo.read if memo else read_post
    shown_dir = settings.rel(settings.content_dir)
    for src in post_srcs:
        post = read(
            settings.content_dir / src,
            src,
            f"{shown_dir}/{src}" if shown_dir != "." else src,
            settings.timezone,
            problems,
            settings.date_from,
        )
        if isinstance(post, ParsedPost):
            parsed.append(post)
        else:
            unparsed.append(post)

    urls = _route(settings, parsed, all_pages - set(post_srcs), problems)
    _check_page_blocks(settings, all_pages - set(post_srcs), problems)
    generated = {
        blog_index: blog_page_url(settings.blog_dir),
        archive_src(settings.blog_dir): archive_url(settings.blog_dir),
        TAGS_SRC: TAGS_URL,
    }
    url_of_page = generated | {src: page_url(src) for src in all_pages} | dict(urls)
    redirects = _redirects(settings, parsed, urls, url_of_page, problems, tree)
    event_ids = _event_ids(settings)
    events_by_id = {e.id: e for e in events}

    built: list[Post] = []
    hidden: list[Post] = []
    # What every post body's processing depends on besides the post: pages, URLs, files.
    site_shortcodes = load_site_shortcodes(
        settings.shortcodes_dir,
        settings.rel(settings.shortcodes_dir) if settings.shortcodes_dir else "",
        problems,
        builtin=SUPPORTED,
    )
    site_sig = (
        digest(
            sorted(url_of_page.items()),
            tree.files(),
            sorted(settings.external_links.items()),
            site_shortcodes.fingerprint,
        )
        if memo
        else ""
    )
    for item in _newest_first(parsed):
        if item.src_uri not in urls:
            continue
        _check_events(item, event_ids, problems)
        image_size = _check_image(item, tree, problems)
        _check_tag_names(item, problems)
        check_categories(
            item.meta.categories,
            settings.categories_allowed,
            shown=item.shown,
            positions=item.raw.positions,
            problems=problems,
        )

        def process(local: Problems, item: ParsedPost = item) -> str:
            return process_body(
                item,
                url=urls[item.src_uri],
                pages=all_pages,
                tree=tree,
                url_of_page=url_of_page.get,
                external_links=settings.external_links,
                site_shortcodes=site_shortcodes,
                problems=local,
            )

        if memo is None:
            markdown = process(problems)
        else:
            key = digest(site_sig, item.src_uri, urls[item.src_uri], item.body, item.body_line)
            markdown = memo.body(key, item.src_uri, process, problems)
        status = item.status(settings.now)
        ready = Post(
            src_uri=item.src_uri,
            shown=item.shown,
            url=urls[item.src_uri],
            meta=item.meta,
            status=status,
            markdown=markdown,
            authors=_authors(item, people, problems),
            tag_slugs=_tag_slugs(item.meta.tags),
            passthrough={k: v for k, v in item.raw.data.items() if k in PASS_THROUGH},
            category_slugs=category_slugs(item.meta.categories),
            image_size=image_size,
        )
        (built if status is Status.PUBLISHED or settings.preview else hidden).append(ready)

    # A post with broken front matter still gets its body checked in the same run, so one
    # run reports all of a file's problems; the preview shows it at its plain URL.
    taken = set(urls.values())
    broken: list[Preview] = []
    for bad in unparsed:
        url = page_url(bad.src_uri)
        markdown = process_body(
            bad,
            url=url,
            pages=all_pages,
            tree=tree,
            url_of_page=url_of_page.get,
            external_links=settings.external_links,
            site_shortcodes=site_shortcodes,
            problems=problems,
        )
        if url not in taken:
            broken.append(Preview(bad.src_uri, bad.shown, url, bad.title, markdown))

    # Which tags a broken post or event file uses cannot be known: saying that a tag is
    # unused would only be noise beside the real error.
    if not unparsed and _event_ids(settings) <= {e.id for e in events}:
        used = [p.meta.tags for p in [*built, *hidden]]
        used += [e.tags for e in events] + [t.tags for e in events for t in e.talks]
        _check_unused_tags(tag_infos, used, settings, problems)
    tags = build_tags(
        [(p, p.meta.tags) for p in built],
        tag_infos,
        events=[(e, e.tags) for e in reversed(events)],
        talks=[(t, t.tags) for e in reversed(events) for t in e.talks],
    )
    event_posts, post_events = _link_posts_and_events(built, events_by_id)
    keys = [
        [
            *(("event", e.id) for e in post_events.get(p.src_uri, ())),
            *(("category", c) for c in p.category_slugs),
            *(("tag", t) for t in p.tag_slugs),
        ]
        for p in built
    ]
    related = {
        p.src_uri: tuple(built[j] for j in found)
        for p, found in zip(built, related_indices(keys), strict=True)
        if found
    }
    return Catalog(
        settings=settings,
        posts=tuple(built),
        hidden=tuple(hidden),
        people=people,
        tags=tags,
        redirects=tuple(redirects),
        events=tuple(events),
        broken=tuple(broken),
        outside_links=tuple(links),
        by_src={p.src_uri: p for p in [*built, *hidden]},
        _index={p.src_uri: i for i, p in enumerate(built)},
        _events=events_by_id,
        _talks={t.id: t for e in events for t in e.talks},
        _event_posts=event_posts,
        _post_events=post_events,
        _by_author=_index_by(built, lambda p: [a.person.id for a in p.authors if a.person]),
        _by_speaker=_index_by(
            [t for e in reversed(events) for t in e.talks],
            lambda t: [s.person_id for s in t.speakers if s.person_id],
        ),
        categories=build_categories(
            [(p, p.meta.categories) for p in built], settings.categories_allowed
        ),
        _related=related,
    )


def _warn_dot_posts(settings: Settings, tree: ContentTree, blog: str, problems: Problems) -> None:
    """MkDocs leaves out files and folders whose name starts with '.': say so for posts, in
    `podium check` and the build alike (check lists files itself, the build gets MkDocs')."""
    for directory, name in tree.files():
        path = f"{directory}/{name}" if directory else name
        parts = path.split("/")
        if not path.startswith(blog) or not name.endswith(".md"):
            continue
        if any(part.startswith(".") for part in parts):
            hidden = next(part for part in parts if part.startswith("."))
            problems.warning(
                settings.rel(settings.content_dir / path),
                1,
                0,
                "",
                f"ignored: MkDocs leaves out names that start with '.' ({hidden!r})"
                " — rename it to publish it, or move it out of the blog folder",
            )


def _index_by(
    items: Iterable[Item], keys: Callable[[Item], Iterable[str]]
) -> dict[str, tuple[Item, ...]]:
    index: dict[str, list[Item]] = {}
    for item in items:
        for key in dict.fromkeys(keys(item)):
            index.setdefault(key, []).append(item)
    return {k: tuple(v) for k, v in index.items()}


def _link_posts_and_events(
    posts: Iterable[Post], events: Mapping[str, Event]
) -> tuple[dict[str, tuple[Post, ...]], dict[str, tuple[Event, ...]]]:
    """Posts and events linked from either side (post `event:` or event `posts:`)."""
    named_by_events: dict[str, list[str]] = {}
    for event in events.values():
        for src in event.posts:
            named_by_events.setdefault(src, []).append(event.id)
    pairs: dict[str, list[str]] = {}
    for post in posts:
        ids = [*post.meta.event, *named_by_events.get(post.src_uri, ())]
        pairs[post.src_uri] = [i for i in dict.fromkeys(ids) if i in events]
    by_event: dict[str, list[Post]] = {}
    for post in posts:
        for event_id in pairs[post.src_uri]:
            by_event.setdefault(event_id, []).append(post)
    return (
        {k: tuple(v) for k, v in by_event.items()},
        {src: tuple(events[i] for i in ids) for src, ids in pairs.items() if ids},
    )


def _shown(settings: Settings, name: str) -> str:
    return settings.rel(settings.data_dir / name)


def _tag_slugs(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in (tag_slug(n) for n in names) if s))


def _route(
    settings: Settings, parsed: list[ParsedPost], other_pages: Iterable[str], problems: Problems
) -> dict[str, str]:
    """Each post's URL; collisions with posts, pages and generated sections are errors."""
    owners: dict[str, str] = {
        page_url(src): settings.rel(settings.content_dir / src) for src in other_pages
    }
    urls: dict[str, str] = {}
    for post in parsed:
        url = post_url(
            post.src_uri,
            title=post.meta.title,
            date=post.meta.date,
            slug=post.meta.slug,
            template=settings.post_url,
        )
        # A derived URL comes from the title (or the file name): point at the title line.
        line, col = post.raw.positions.value(("slug",) if post.meta.slug else ("title",))
        unsafe = dest_problem(dest_of(url))
        if unsafe:
            problems.error(post.shown, line, col, "", f"the URL {url!r}: {unsafe}")
            continue
        reserved = is_reserved(url, settings.blog_dir.strip("/"))
        if reserved:
            problems.error(
                post.shown,
                line,
                col,
                "slug" if post.meta.slug else "",
                f"the URL {url} is inside the generated section {reserved} — set a different slug",
            )
            continue
        if url in owners:
            problems.error(
                post.shown,
                line,
                col,
                "",
                f"{post.shown} and {owners[url]} both publish {url} — set a different slug",
            )
            continue
        owners[url] = post.shown
        urls[post.src_uri] = url
    return urls


def _redirects(
    settings: Settings,
    parsed: list[ParsedPost],
    urls: Mapping[str, str],
    url_of_page: Mapping[str, str],
    problems: Problems,
    tree: ContentTree,
) -> list[Redirect]:
    """The redirect of every alias of a built post; a draft's or scheduled post's aliases are
    checked like any other but publish nothing (not even "Redirecting to <title>")."""
    taken = {dest_of(url): src for src, url in url_of_page.items()}
    seen: dict[str, str] = {}
    redirects: list[Redirect] = []
    for post in parsed:
        if post.src_uri not in urls:
            continue
        built = settings.preview or post.status(settings.now) is Status.PUBLISHED
        for index, alias in enumerate(post.meta.aliases):
            line, col = post.raw.positions.value(("aliases", index))
            url = alias_url(alias, urls[post.src_uri])
            problem = alias_problem(alias) or _alias_target_problem(settings, url, taken, tree)
            if problem:
                problems.error(post.shown, line, col, f"aliases[{index}]", problem)
                continue
            if url in seen:
                problems.error(
                    post.shown,
                    line,
                    col,
                    f"aliases[{index}]",
                    f"{url} is already an alias of {seen[url]}",
                )
                continue
            seen[url] = post.shown
            if built:
                redirects.append(Redirect(url, urls[post.src_uri]))
    return redirects


def _alias_target_problem(
    settings: Settings, url: str, taken: Mapping[str, str], tree: ContentTree
) -> str | None:
    """Why an alias may not write its redirect at ``url``: a page, a file or a generated output."""
    if "%" in url:
        decoded = unquote(url)
        if {"..", "."} & set(decoded.strip("/").split("/")):
            return f"{url!r} decodes to {decoded!r}, which leaves its folder"
        return f"write it without %-escapes, as {decoded!r} (servers decode {url!r} to that)"
    reserved = is_reserved(url, settings.blog_dir)
    if reserved:
        return f"{url} is inside the generated section {reserved} — pick another old URL"
    dest = dest_of(url)
    page = taken.get(dest) or taken.get(dest_of(url.rstrip("/") + "/"))
    if page is not None:
        return f"{url} is already the page {settings.rel(settings.content_dir / page)}"
    if tree.exists(url.rstrip("/")):
        return f"{url} is already the file {settings.rel(settings.content_dir / url.rstrip('/'))}"
    return dest_problem(dest)


def _check_page_blocks(settings: Settings, pages: Iterable[str], problems: Problems) -> None:
    """Unknown `<!-- podium:… -->` blocks in the site's other Markdown pages."""
    for src in sorted(pages):
        if not src.endswith(".md"):
            continue
        try:
            text = (settings.content_dir / src).read_text("utf-8")
        except (OSError, UnicodeError):
            continue  # MkDocs reports a page it cannot read
        if "podium:" in text:
            check_blocks(text, settings.rel(settings.content_dir / src), 1, problems)


def _event_ids(settings: Settings) -> frozenset[str]:
    folder = settings.data_dir / "events"
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.stem for p in folder.glob("*.yml"))


def _check_events(post: ParsedPost, event_ids: frozenset[str], problems: Problems) -> None:
    key = "event" if "event" in post.raw.data else "events"
    for index, event in enumerate(post.meta.event):
        if event not in event_ids:
            path = (key,) if isinstance(post.raw.data.get(key), str) else (key, index)
            line, col = post.raw.positions.value(path)
            problems.error(post.shown, line, col, key, f"no event '{event}' in data/events/")


def _check_tag_names(post: ParsedPost, problems: Problems) -> None:
    """A tag without letters or digits has no slug, so no page: say so instead of dropping it."""
    for index, name in enumerate(post.meta.tags):
        if not tag_slug(name):
            line, col = post.raw.positions.value(("tags", index))
            problems.warning(
                post.shown,
                line,
                col,
                f"tags[{index}]",
                f"{name!r} has no letters or digits, so it gets no tag page — rename or remove it",
            )


def _check_image(post: ParsedPost, tree: ContentTree, problems: Problems) -> tuple[int, int] | None:
    """Report a bad cover image; the size of a good local one, when its header says."""
    image = post.meta.image
    if not image:
        return None
    line, col = post.raw.positions.value(("image",))
    if is_external(image):
        problem = check_link_url(image)
        found = None
    else:
        found, problem = tree.check_local(image)
    if problem:
        problems.error(post.shown, line, col, "image", problem)
    return image_size(tree.root / found) if found else None


def _authors(post: ParsedPost, people: People, problems: Problems) -> tuple[Author, ...]:
    key = "authors" if "authors" in post.raw.data else "author"
    single = isinstance(post.raw.data.get(key), str)
    authors: list[Author] = []
    for index, name in enumerate(post.meta.authors):
        person = people.find(name)
        if person:
            authors.append(Author(person.name, person))
            continue
        line, col = post.raw.positions.value((key,) if single else (key, index))
        suggestion = people.suggest(name)
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        where = f"{key}[{index}]" if not single else key
        message = f"unknown person '{name}' ({hint}people are listed in data/people.yml)"
        if _ID_SHAPED.fullmatch(name):
            problems.error(post.shown, line, col, where, message)
        else:
            problems.warning(post.shown, line, col, where, message + "; shown as plain text")
        authors.append(Author(name))
    return tuple(authors)


def _check_unused_tags(
    infos: Mapping[str, object],
    tag_lists: Iterable[Iterable[str]],
    settings: Settings,
    problems: Problems,
) -> None:
    used = {tag_slug(name) for names in tag_lists for name in names}
    for slug, info in infos.items():
        if slug not in used:
            line = getattr(info, "line", 1)
            col = getattr(info, "col", 0)
            problems.warning(
                _shown(settings, "tags.yml"),
                line,
                col,
                slug,
                "no post, event or talk uses this tag",
            )
