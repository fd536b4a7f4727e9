"""`podium/posts`: posts under blog/, the blog index, pages, archive and alias redirects.

A thin adapter: the catalog is built by the core early in ``on_files`` (collect,
validate, freeze); this module only tells MkDocs where posts go and fills
pages late, when every post's Markdown has been rendered once.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import shutil
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from podium.blocks import Block, replace_blocks
from podium.catalog import Catalog, Post, Preview, build_catalog
from podium.dates import DateError, now, zone
from podium.eventviews import EventViews
from podium.excerpts import excerpt_html, reading_minutes
from podium.memo import digest
from podium.mkdocs.alongside import Alongside
from podium.mkdocs.background import BackgroundFailed
from podium.mkdocs.feedwriter import image_url, write_feeds
from podium.mkdocs.files import Body, GeneratedPage, add_file, add_page, move
from podium.mkdocs.head import (
    absolute,
    feed_links,
    insert_after_body,
    insert_head,
    page_address,
    site_root,
)
from podium.mkdocs.internals.servestrict import keep_serving_under_strict
from podium.mkdocs.options import PostsOptions
from podium.mkdocs.postpage import PostPage, SharedConverter
from podium.mkdocs.searchhook import index_own_entries
from podium.mkdocs.servecache import (
    CachedPage,
    RenderedMarkdown,
    ServeCache,
    config_signature,
    memoize_search,
    move_back,
    nav_signature,
    serve_cache,
)
from podium.mkdocs.thememo import memoize_theme
from podium.posts import Status
from podium.problems import Problem, Problems
from podium.render import TEMPLATES, Renderer
from podium.routing import check_post_url_template, dest_of
from podium.searchentries import SearchEntry
from podium.seo import PageMeta, blog_posting, json_ld_script
from podium.settings import Settings
from podium.urls import relative_url
from podium.views import Rendered, Views, banner

# Under mkdocs.plugins.* so that --strict counts the warnings; no prefix, so each line
# starts with file:line like a compiler message.
log = logging.getLogger("mkdocs.plugins.podium")

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PASS_THROUGH_META = (
    "template",
    "hide",
    "search",
    "status",
    "icon",
    "subtitle",
    "comments",
    "social",
)


class PostsPlugin(BasePlugin[PostsOptions]):
    """Turns content/blog/*.md into a blog; owns the build's catalog."""

    def __init__(self) -> None:
        self.preview = False
        self.event_pages = False
        """Set by podium/events: the site has events/, talks/ and people/ pages to link to."""
        self.calendars = False
        """Set by podium/events: the site has events.ics."""
        self._catalog: Catalog | None = None
        self._renderer: Renderer | None = None
        self._rendered: dict[str, Rendered] = {}
        self._listings: dict[str, tuple[str, int]] = {}
        self._errors: list[Problem] = []
        """Under serve: every problem of this build, shown on every page."""
        self._bodies: dict[str, str | Body | Callable[[], str | Body]] = {}
        self._own_search: dict[str, list[SearchEntry]] = {}
        self._cache: ServeCache | None = None
        self._config_sig = ""
        self._md_keys: dict[str, str] = {}
        self._frames: dict[str, tuple[str, str]] = {}
        self._event_views: dict[bool, EventViews] = {}
        self._shown: dict[str, str] = {}
        self._side = Alongside()
        self._fingerprints: dict[str, str] = {}
        self._hits: dict[str, str] = {}
        self._stash: Path | None = None
        self._moves: list[str] = []
        self._quiet: _SkippedPages | None = None
        self._nav: Navigation | None = None
        self._previews: dict[str, Preview] = {}

    @property
    def catalog(self) -> Catalog:
        """The frozen catalog of this build; only available from on_files on."""
        if self._catalog is None:
            raise PluginError("podium/posts: the catalog is read in on_files; it is not ready yet")
        return self._catalog

    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            raise PluginError("podium/posts: templates are not ready before on_config")
        return self._renderer

    def views(self) -> Views:
        return Views(self.catalog, self._rendered)

    def event_views(self, *, calendars: bool = False) -> EventViews:
        """One per build (and calendar setting): it remembers what every talk shows."""
        found = self._event_views.get(calendars)
        if found is None:
            found = self._event_views[calendars] = EventViews(self.catalog, calendars=calendars)
        return found

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        problem = check_post_url_template(self.config.post_url) if self.config.post_url else None
        if problem:
            raise PluginError(f"podium/posts: post_url: {problem}")
        try:
            zone(self.config.timezone)
            now(tz=dt.UTC)
        except DateError as exc:
            raise PluginError(f"podium/posts: {exc}") from exc
        for target in self.config.external_links.values():
            if not str(target).startswith(("https://", "http://")):
                raise PluginError(f"podium/posts: external_links: {target!r} is not an http(s) URL")
        if self.config.feeds and not site_root(config):
            raise PluginError(
                "podium/posts: feeds need absolute links: set site_url in mkdocs.yml "
                "(e.g. site_url: https://example.org/) or turn them off with feeds: false"
            )
        theme_dirs = [Path(d) for d in config.theme.dirs]
        # Podium's templates join the theme's last, so MkDocs can use podium/cached.html.
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES))
        self._cache = None
        if self.preview and config.strict:
            # The preview shows every problem on every page; it must never wait on them.
            keep_serving_under_strict()
        if self.preview:
            self._cache = serve_cache(config)
            self._config_sig = config_signature(config)
            self._cache.start(self._config_sig)
            # Under serve the same fragments come back every rebuild: reuse them.
            self._renderer = Renderer(
                theme_dirs,
                remembered=self._cache.fragments,
                remember=self._cache.next_fragments,
                bytecode=self._cache.bytecode,
            )
        else:
            self._renderer = Renderer(theme_dirs)
        for css in ("assets/podium/podium.css",):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if "assets/podium/podium.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append("assets/podium/podium.js")
        return config

    def settings(self, config: MkDocsConfig) -> Settings:
        root = Path(config.config_file_path).resolve().parent
        tz = zone(self.config.timezone)
        return Settings(
            root=root,
            content_dir=Path(config.docs_dir).resolve(),
            data_dir=(root / self.config.data_dir).resolve(),
            now=now(tz=tz),
            timezone=tz,
            blog_dir=self.config.blog_dir.strip("/"),
            post_url=self.config.post_url,
            per_page=max(1, self.config.per_page),
            preview=self.preview,
            event_pages=self.event_pages,
            external_links=dict(self.config.external_links),
        )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Under serve: keep the previous site aside, so unchanged pages are moved back, not
        written again (MkDocs empties the site folder before every rebuild)."""
        self._stash = None
        self._moves = []
        if self._cache is None or not self._cache.outputs:
            return
        site = Path(config.site_dir)
        stash = site.with_name(site.name + ".podium-previous")
        shutil.rmtree(stash, ignore_errors=True)
        if site.is_dir():
            site.rename(stash)
            site.mkdir()
            self._stash = stash

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # Posts read people.yml and tags.yml: an edit there must rebuild like a post edit.
        data_dir = self.settings(config).data_dir
        if data_dir.is_dir():
            server.watch(str(data_dir))
        return server

    @event_priority(50)  # before podium/tags and any other plugin that reads the catalog
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._rendered = {}
        self._listings = {}
        self._bodies = {}
        self._own_search = {}
        self._md_keys = {}
        self._frames = {}
        self._event_views = {}
        self._shown = {}
        self._side.reset()
        self._fingerprints = {}
        self._hits = {}
        problems = Problems()
        settings = self.settings(config)
        sources = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
        memo = self._cache.catalog if self._cache is not None else None
        catalog = build_catalog(settings, sources, problems, memo=memo)
        # Under `mkdocs serve` a mistake must not stop the server: the errors are logged and
        # shown on every page, and everything valid is still served (BAD-INPUT J1, J3).
        self._errors = report(problems, fatal=not self.preview)
        self._catalog = catalog
        blog = settings.blog_dir + "/"
        previews = {p.src_uri: p for p in catalog.broken} if self.preview else {}
        for doc in files.documentation_pages():
            broken = doc.src_uri.startswith(blog) and doc.src_uri != blog + "index.md"
            if broken and doc.generated_by is None and catalog.post(doc.src_uri) is None:
                shown = previews.get(doc.src_uri)
                if shown is None:
                    # A post whose front matter is broken would render as raw text.
                    doc.inclusion = InclusionLevel.EXCLUDED
                    continue
                # The preview shows it at its URL with what is valid, under the error panel.
                move(doc, shown.dest_uri, shown.url)
                doc.content_string = shown.markdown
                doc.inclusion = InclusionLevel.NOT_IN_NAV
        self._previews = previews
        converter = SharedConverter(config)
        for post in (*catalog.posts, *catalog.hidden):
            file = files.get_file_from_path(post.src_uri)
            if file is None:
                continue
            move(file, post.dest_uri, post.url)
            # The catalog has read the front matter already: MkDocs gets the processed body
            # (no second, pure-Python YAML parse; TOML front matter never shows up as text).
            file.content_string = post.markdown
            if self._cache is not None:
                key = digest(post.markdown, self._config_sig)
                self._md_keys[post.src_uri] = key
                if key in self._cache.markdown:
                    CachedPage(file, config, self._cache.markdown[key])
            if file.page is None:
                PostPage(file, config, converter)
            published = post.status is Status.PUBLISHED
            file.inclusion = InclusionLevel.NOT_IN_NAV if published else InclusionLevel.DRAFT
        self._add_listings(files, config)
        self._add_redirects(files, config)
        for name in ("podium.css", "podium.js"):
            add_file(
                files,
                config,
                f"assets/podium/{name}",
                (ASSETS / name).read_text("utf-8"),
                owner="podium/posts",
            )
        return files

    def _add_listings(self, files: Files, config: MkDocsConfig) -> None:
        blog = self.catalog.settings.blog_dir
        pages = self.catalog.blog_pages()
        for number in range(1, len(pages) + 1):
            src = f"{blog}/index.md" if number == 1 else f"{blog}/page/{number}/index.md"
            title = "Blog" if number == 1 else f"Blog, page {number}"
            add_page(
                files,
                config,
                src,
                title,
                in_nav=number == 1,
                owner="podium/posts",
                searchable=False,
            )
            self._listings[src] = ("blog", number)
        src = f"{blog}/archive/index.md"
        add_page(
            files, config, src, "Archive", in_nav=False, owner="podium/posts", searchable=False
        )
        self._listings[src] = ("archive", 0)

    def _add_redirects(self, files: Files, config: MkDocsConfig) -> None:
        site_url = (config.site_url or "").rstrip("/")
        by_url = {p.url: p for p in (*self.catalog.posts, *self.catalog.hidden)}
        for redirect in self.catalog.redirects:
            post = by_url[redirect.target]
            href = relative_url(redirect.target, redirect.url)
            canonical = f"{site_url}/{redirect.target}" if site_url else href
            html = self.renderer.render(
                "redirect.html", title=post.title, href=href, canonical=canonical
            )
            add_file(files, config, dest_of(redirect.url), str(html), owner="podium/posts")

    def _post(self, page: Page) -> Post | None:
        if self._catalog is None:
            return None
        return self._catalog.post(page.file.src_uri)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        post = self._post(page)
        if post is None:
            shown = self._previews.get(page.file.src_uri)
            if shown is not None:
                page.meta = {"title": Markup(escape(shown.title))}
                return shown.markdown
            return markdown
        meta: dict[str, Any] = {k: v for k, v in page.meta.items() if k in PASS_THROUGH_META}
        meta["title"] = Markup(escape(post.title))
        if post.meta.description:
            meta["description"] = Markup(escape(post.meta.description))
        page.meta = meta
        return post.markdown

    @event_priority(100)  # first: the rendered Markdown is what the serve cache keeps
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        post = self._post(page)
        if post is None:
            return html
        key = self._md_keys.get(post.src_uri)
        if isinstance(page, CachedPage):
            minutes = page.minutes
        else:
            minutes = reading_minutes(html)
            if self._cache is not None and key:
                anchors = frozenset(page.present_anchor_ids or ())
                self._cache.markdown[key] = RenderedMarkdown(html, page.toc, anchors, minutes)
        excerpt = excerpt_html(html, post.meta.description)
        self._rendered[post.src_uri] = Rendered(
            excerpt=excerpt,
            minutes=minutes,
            truncated=excerpt != html.strip(),
            content=html if self.config.feed_content == "full" else "",
        )
        views = self.views()
        view = views.post_view(post, post.url)
        newer, older = views.neighbours(post)
        events = self.event_views().post_events(post) if self.event_pages else ()
        header = self.renderer.render(
            "post_header.html", post=view, banner=banner(post.status), events=events
        )
        footer = self.renderer.render("post_footer.html", newer=newer, older=older)
        self._frames[post.src_uri] = (str(header), str(footer))
        return html

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def _prepare_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self._cache is not None:
            env.bytecode_cache = self._cache.bytecode  # before any template is compiled
        if self._nav is not None:
            memoize_theme(env, self._nav, config)
        # Material prints page titles and descriptions unescaped (nav, <title>, header);
        # markupsafe.Markup makes both its raw and its `| e` uses safe.
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            if page.title is not None and not isinstance(page.title, Markup):
                page.title = Markup(escape(page.title))
            for key in ("title", "description"):
                value = page.meta.get(key)
                if isinstance(value, str) and not isinstance(value, Markup):
                    page.meta[key] = Markup(escape(value))
            if page.title is not None and "title" not in page.meta and not page.is_homepage:
                # Without meta.title Material's <title> prints `page.title | striptags`, and
                # striptags un-escapes: '</title><script>' would come back as markup.
                page.meta["title"] = page.title
        self._render_pages(files)
        if self._cache is not None:
            self._reuse_outputs(files)
            memoize_search(config.plugins, self._cache, self._hits)
        self._side.index = index_own_entries(
            config.plugins, self._take_search, self._side.keep_entries
        )
        return env

    def set_body(
        self,
        src_uri: str,
        html: str | Body | Callable[[], str | Body],
        *,
        inputs: object = None,
    ) -> None:
        """The Podium-rendered body of a generated page (podium/tags and podium/events set it).

        A callable is rendered when its page is built and dropped once written, so a
        build never holds every listing at once; under serve the bodies are rendered
        now, because the serve cache fingerprints them before any page is built, and
        a body whose ``inputs`` (everything it shows) are unchanged is not rendered again.
        """
        cache = self._cache
        if cache is not None and callable(html):
            stamp = digest(inputs) if inputs is not None else None
            found = cache.bodies.get(src_uri)
            if stamp is not None and found is not None and found[0] == stamp:
                html = found[1]
            else:
                html = html()
                if stamp is not None:
                    cache.bodies[src_uri] = (stamp, html)
        self._bodies[src_uri] = html

    def shown(self, posts: Iterable[Post]) -> list[object]:
        """Everything a listing shows of ``posts``: what a serve-cached body is keyed by."""
        return [self._shown_one(p) for p in posts]

    def _shown_one(self, post: Post) -> object:
        found = self._shown.get(post.src_uri)
        if found is None:
            tags = self.catalog.tags
            found = self._shown[post.src_uri] = digest(
                post.src_uri,
                post.url,
                post.title,
                post.meta,
                post.status,
                [
                    (a.name, a.person.id, a.person.role) if a.person else a.name
                    for a in post.authors
                ],
                [(s, tags[s].name) if s in tags else s for s in post.tag_slugs],
                self._rendered.get(post.src_uri),
            )
        return found

    def _take_search(self, page: Page) -> list[SearchEntry] | None:
        return self._own_search.pop(page.file.src_uri, None)

    def _render_pages(self, files: Files) -> None:
        """Listing bodies and catalog blocks, once every post's Markdown is rendered."""
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            url = page.url if page.url != "./" else ""
            if page.content and "<!-- podium:" in page.content:
                page.content = replace_blocks(page.content, partial(self._render_block, url=url))
            listing = self._listings.get(file.src_uri)
            if listing is None:
                continue
            self.set_body(
                file.src_uri,
                partial(self._listing, *listing, url),
                inputs=self._cache and self._listing_inputs(*listing, url),
            )

    def _listing_inputs(self, kind: str, number: int, url: str) -> object:
        catalog = self.catalog
        pages = catalog.blog_pages()
        listed = catalog.posts if kind == "archive" else pages[number - 1]
        settings = (self.config.feeds, catalog.settings.event_pages, catalog.settings.blog_dir)
        return (kind, number, url, len(pages), settings, self.shown(listed))

    def _listing(self, kind: str, number: int, url: str) -> str:
        if kind == "archive":
            return str(self.renderer.render("archive.html", years=self.views().archive(url)))
        feeds = (
            {"atom": relative_url("feed.xml", url), "rss": relative_url("rss.xml", url)}
            if self.config.feeds
            else None
        )
        return str(
            self.renderer.render("blog.html", view=self.views().blog_page(number, url), feeds=feeds)
        )

    def _reuse_outputs(self, files: Files) -> None:
        """Under serve: mark pages whose every input is unchanged since the last rebuild."""
        assert self._cache is not None
        nav = nav_signature(files)
        for file in files.documentation_pages():
            page = file.page
            src = file.src_uri
            if page is None or (src not in self._bodies and self._post(page) is None):
                continue
            meta = sorted((k, repr(v)) for k, v in page.meta.items())
            # A post's content is its Markdown (md key) wrapped in Podium's header and footer.
            key, frame = self._md_keys.get(src), self._frames.get(src)
            content = (key, *frame) if key and frame else page.content
            fingerprint = digest(
                self._config_sig,
                nav,
                page.url,
                str(page.title),
                meta,
                content,
                self._bodies.get(src),
                self._errors,
            )
            self._fingerprints[src] = fingerprint
            cached = self._cache.outputs.get(src)
            if cached is not None and cached[0] == fingerprint:
                page.meta["template"] = "podium/cached.html"
                if self._stash is not None and (self._stash / file.dest_uri).is_file():
                    # Empty output: MkDocs writes nothing; the previous file is moved back.
                    self._hits[src] = ""
                    self._moves.append(file.dest_uri)
                else:
                    self._hits[src] = cached[1]
        if self._moves:
            self._quiet = _SkippedPages({s for s, out in self._hits.items() if not out})
            logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    @event_priority(100)  # before the search plugin indexes the page
    def _add_body(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        src = page.file.src_uri
        cached = self._hits.get(src)
        if cached is not None:
            # Under serve, unchanged since the last rebuild: the output is replayed, and so
            # are the search entries; the content need not be looked at again.
            context["podium_cached"] = cached  # type: ignore[typeddict-unknown-key]
            body = self._bodies.get(src)
            if isinstance(body, Body) and body.search is not None:
                self._own_search[src] = body.search
            page.content = ""
            return context
        body = self._bodies.get(src)
        if callable(body):
            del self._bodies[src]  # rendered now, then let go with the page
            body = body()
        if isinstance(body, Body):
            if body.search is not None:
                self._own_search[src] = body.search
            body = body.html
        if body is not None:
            page.content = (page.content or "") + body
        return context

    @event_priority(-100)  # after the search plugin has indexed the post's own text
    def _frame_post(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Like Material's blog, the search index holds what the author wrote, not the
        # date, authors and neighbours around it (people and tags have pages of their
        # own); parsing them into every post's entry cost a fifth of the search plugin.
        frame = self._frames.pop(page.file.src_uri, None)
        if frame is not None:
            header, footer = frame
            page.content = (
                f'<article class="podium-post">{header}\n{page.content}\n{footer}</article>'
            )
        return context

    on_page_context = CombinedEvent(_add_body, _frame_post)

    def _render_block(self, block: Block, *, url: str) -> Markup:
        catalog = self.catalog
        views = self.views()
        context: dict[str, Any] = {"name": block.name, "more": None}
        events_side = self.event_views(calendars=self.calendars) if self.event_pages else None
        if block.name == "posts":
            context["posts"] = [views.post_view(p, url) for p in catalog.posts[: block.count]]
            context["more"] = relative_url(views.blog_url(1), url)
        elif block.name == "events":
            upcoming = catalog.upcoming()[: block.count] if events_side else ()
            context["events"] = [events_side.card(e, url) for e in upcoming] if events_side else []
            context["more"] = relative_url("events/", url) if events_side else None
        elif block.name == "talks":
            recorded = [t for t in catalog.talks if t.video][: block.count] if events_side else []
            context["talks"] = [events_side.talk(t, url) for t in recorded] if events_side else []
            context["more"] = relative_url("talks/", url) if events_side else None
        else:
            links = []
            if self.config.feeds:
                links += [
                    {
                        "href": relative_url("feed.xml", url),
                        "type": "application/atom+xml",
                        "text": "Blog feed (Atom)",
                    },
                    {
                        "href": relative_url("rss.xml", url),
                        "type": "application/rss+xml",
                        "text": "Blog feed (RSS)",
                    },
                ]
            if self.calendars and catalog.events:
                links.append(
                    {
                        "href": relative_url("events.ics", url),
                        "type": "text/calendar",
                        "text": "Events calendar (iCal)",
                    }
                )
            context["links"] = links
        return self.renderer.render("block.html", **context)

    @event_priority(100)  # first: keep the template's output, before any plugin changes it
    def _remember_output(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        src = page.file.src_uri
        fingerprint = self._fingerprints.get(src)
        if self._cache is not None and fingerprint and src not in self._hits:
            self._cache.outputs[src] = (fingerprint, output)
        return output

    def _decorate(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not output:
            return output  # a page moved back from the previous rebuild (serve)
        if self._errors:
            output = insert_after_body(
                output, str(self.renderer.render("errors.html", problems=self._errors))
            )
        extra = []
        post = self._post(page)
        url = page_address(config, page)
        if url is not None:
            title = post.title if post else html_text(page.title)
            description = post.meta.description if post else html_text(page.meta.get("description"))
            if post and not description:
                description = text_excerpt(self._rendered.get(post.src_uri))
            image = image_url(config, post) if post else None
            extra.append(
                PageMeta(
                    title=title,
                    url=url,
                    site_name=config.site_name,
                    description=description,
                    image=image,
                    kind="article" if post else "website",
                    published=post.meta.date if post else None,
                ).tags()
            )
            if post:
                extra.append(
                    json_ld_script(
                        blog_posting(
                            post,
                            url=url,
                            description=description,
                            image=image,
                            person_url=lambda pid: (
                                absolute(config, f"people/{pid}/") if self.event_pages else None
                            ),
                        )
                    )
                )
        if self.config.feeds:
            extra.append(
                feed_links(
                    config,
                    [
                        ("application/atom+xml", f"{config.site_name} (Atom)", "feed.xml"),
                        ("application/rss+xml", f"{config.site_name} (RSS)", "rss.xml"),
                    ],
                )
            )
        return insert_head(output, "\n".join(e for e in extra if e))

    @event_priority(-100)  # last: every plugin has seen this page
    def _let_go(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # A generated page's body is only needed until it is written: a large site has
        # megabytes of listings, which `mkdocs build` need not hold to the end.
        if self._cache is None and isinstance(page, GeneratedPage):
            page.content = ""
        return output

    on_post_page = CombinedEvent(_remember_output, _decorate, _let_go)

    @property
    def serve_cache(self) -> ServeCache | None:
        """What `mkdocs serve` keeps between rebuilds (None for `mkdocs build`)."""
        return self._cache

    @event_priority(-100)  # last: every plugin has used the fragments of this build
    def _finish_cache(self, *, config: MkDocsConfig) -> None:
        if self._cache is not None:
            self._cache.finish()
            # Only what this build fingerprinted can be moved back from its output next
            # time: a page it built otherwise (a broken post's preview) has other bytes.
            outputs = self._cache.outputs
            for src in [s for s in outputs if s not in self._fingerprints]:
                del outputs[src]
        if self._quiet is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
            self._quiet = None
        if self._stash is not None:
            move_back(self._stash, config.site_dir, self._moves)
            shutil.rmtree(self._stash, ignore_errors=True)
            self._stash = None

    def write_alongside(self, work: Callable[[], None]) -> None:
        """Output that needs only the catalog and the rendered posts (feeds, calendars):
        given in on_env, written alongside the pages (see podium.mkdocs.alongside)."""
        self._side.writers.append(work)

    @event_priority(-100)  # last: every plugin has given its work in on_env
    def _start_alongside(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.config.feeds and self._catalog is not None:
            self._side.writers.append(partial(self._write_feeds, config))
        if self._cache is not None:
            # Under serve: the cache must see every page, and the server runs threads.
            self._side.keep_for_the_end()
            return env
        if not self.config.parallel:
            self._side.keep_for_the_end()
            return env
        self._side.start(config=config, files=files, nav=self._nav, env=env)
        for src in self._side.elsewhere:
            self._bodies.pop(src, None)  # rendered by the second process
        return env

    on_env = CombinedEvent(_prepare_env, _start_alongside)

    @event_priority(100)  # first: every other plugin's post_build sees the whole site
    def _finish_alongside(self, *, config: MkDocsConfig) -> None:
        try:
            self._side.finish()
        except BackgroundFailed as failed:
            raise PluginError(f"podium: building alongside the pages failed:\n{failed}") from None

    def on_build_error(self, *, error: Exception) -> None:
        self._side.abandon()

    def _write_feeds(self, config: MkDocsConfig) -> None:
        write_feeds(
            config,
            self.catalog,
            self._rendered,
            size=self.config.feed_size,
            full=self.config.feed_content == "full",
            remembered=self._cache.files if self._cache is not None else None,
        )

    on_post_build = CombinedEvent(_finish_alongside, _finish_cache)


class _SkippedPages(logging.Filter):
    """Hides MkDocs' "Generated empty output" notes for pages moved back under serve."""

    def __init__(self, sources: set[str]) -> None:
        super().__init__()
        self.sources = sources

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '") and "Generated empty output" in message:
            return message.split("'", 2)[1] not in self.sources
        return True


def html_text(value: object) -> str:
    """Plain text of a title or description that MkDocs or Podium may have escaped."""
    return html.unescape(str(value)) if value else ""


def text_excerpt(rendered: Rendered | None, limit: int = 300) -> str | None:
    if rendered is None:
        return None
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", rendered.excerpt)).split())
    return (text[: limit - 1] + "…" if len(text) > limit else text) or None


def find_posts_plugin(config: MkDocsConfig, needed_by: str) -> PostsPlugin:
    """The build's podium/posts, owner of the catalog, found through MkDocs' plugin registry."""
    for plugin in config.plugins.values():
        if isinstance(plugin, PostsPlugin):
            return plugin
    raise PluginError(
        f"{needed_by} needs podium/posts: add '- podium/posts' to plugins in mkdocs.yml"
    )


def report(problems: Problems, *, fatal: bool = True) -> list[Problem]:
    """Warnings to the log (fatal under --strict); errors as one PluginError listing all.

    With ``fatal=False`` (mkdocs serve) errors are logged, not raised, and every problem is
    returned, for the panel the preview shows on every page.
    """
    for problem in problems.warnings:
        log.warning(str(problem))
    if not fatal:
        for problem in problems.errors:
            log.error(str(problem))
        return problems.sorted()
    errors = problems.errors
    if errors:
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        raise PluginError(f"Podium found {count} in the content:\n" + "\n".join(map(str, errors)))
    return []
