"""What `podium/posts` does in each MkDocs event: the session, the catalog, posts and listings.

Plain functions of the session, each called from one hook of the plugin; the
core (catalog, views, templates) does the work, this module tells MkDocs where
posts go and what each generated page shows.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from podium.balance import balance_problem, balanced
from podium.catalog import build_catalog
from podium.dates import DateError, now
from podium.excerpts import excerpt_html, excerpt_warning, reading_minutes
from podium.memo import digest
from podium.mkdocs.categorypages import add_category_pages
from podium.mkdocs.crawlers import add_robots
from podium.mkdocs.files import add_file, move
from podium.mkdocs.head import site_root
from podium.mkdocs.internals import Speed
from podium.mkdocs.internals.servestrict import keep_serving_under_strict
from podium.mkdocs.language import build_language, warn_untranslated
from podium.mkdocs.options import PostsOptions
from podium.mkdocs.servecache import RenderedMarkdown, ServeCache, config_signature
from podium.mkdocs.session import Generated, Session
from podium.outputs import THEME_OUTPUTS
from podium.postmeta import PASS_THROUGH
from podium.posts import Status
from podium.problems import Problem, Problems
from podium.render import TEMPLATES, Renderer
from podium.routing import (
    ATOM_FEED_PATH,
    RSS_FEED_PATH,
    archive_src,
    blog_page_src,
    redirect_path,
    tag_feed_path,
)
from podium.settings import Settings
from podium.siteoptions import (
    KNOWN,
    PostsValues,
    check_plugins_listed_once,
    check_posts_options,
    read_config_file,
    site_settings,
)
from podium.symlinks import under_any
from podium.urls import relative_url
from podium.views import Rendered, banner

# Under mkdocs.plugins.* so that --strict counts the warnings; no prefix, so each line
# starts with file:line like a compiler message.
log = logging.getLogger("mkdocs.plugins.podium")

ASSETS = Path(__file__).resolve().parent.parent / "assets"
OWNER = "podium/posts"


def start_session(options: PostsOptions, config: MkDocsConfig, cache: ServeCache | None) -> Session:
    """Check the options and make this build's session (``cache`` under serve)."""
    check_options(options, config)
    if options.feeds and not site_root(config):
        raise PluginError(
            "podium/posts: feeds need absolute links: set site_url in mkdocs.yml "
            "(e.g. site_url: https://example.org/) or turn them off with feeds: false"
        )
    theme_dirs = [Path(d) for d in config.theme.dirs]
    # Podium's templates join the theme's last, so MkDocs can use podium/cached.html.
    if str(TEMPLATES) not in config.theme.dirs:
        config.theme.dirs.append(str(TEMPLATES))
    speed = Speed(config, enabled=options.speedups, parallel=options.parallel)
    language = build_language(config)
    signature = ""
    if cache is not None:
        if config.strict:
            # The preview shows every problem on every page; it must never wait on them.
            keep_serving_under_strict()
        signature = config_signature(config)
        cache.start(signature)
        # Under serve the same fragments come back every rebuild: reuse them.
        renderer = Renderer(
            theme_dirs,
            remembered=cache.fragments,
            remember=cache.next_fragments,
            bytecode=cache.bytecode,
            language=language,
        )
    else:
        renderer = Renderer(theme_dirs, language=language)
    warn_untranslated(language, renderer.env, Path(config.config_file_path or ".").resolve().parent)
    for sheet in ("assets/podium/podium.css", "assets/podium/podium-agenda.css"):
        if sheet not in config.extra_css:
            config.extra_css.append(sheet)
    for script in ("assets/podium/podium.js", "assets/podium/podium-agenda.js"):
        if script not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(script)
    return Session(options, renderer, speed, cache, config_signature=signature, language=language)


def check_options(options: PostsOptions, config: MkDocsConfig) -> None:
    """The options, PODIUM_NOW and the plugin list, by the same code as `podium check`."""
    problems = Problems()
    path = Path(config.config_file_path or "mkdocs.yml")
    written = read_config_file(path, path.name, problems)
    check_plugins_listed_once(written, problems)
    check_posts_options(
        dict(options), written, problems, root=path.resolve().parent, unknown_keys=False
    )
    try:
        now(tz=dt.UTC)
    except DateError as exc:
        problems.error("PODIUM_NOW", 0, 0, "", str(exc).removeprefix("PODIUM_NOW: "))
    errors = problems.errors
    if errors:
        raise PluginError("podium/posts: wrong options:\n" + "\n".join(map(str, errors)))


def settings(session: Session, config: MkDocsConfig) -> Settings:
    values = PostsValues(**{name: session.options[name] for name in KNOWN})
    return site_settings(
        values,
        root=Path(config.config_file_path).resolve().parent,
        content_dir=Path(config.docs_dir).resolve(),
        preview=session.preview,
        event_pages=session.event_pages,
    )


def read_catalog(session: Session, files: Files, config: MkDocsConfig) -> None:
    """Collect, validate, freeze: the catalog of this build; posts moved to their URLs."""
    problems = Problems()
    site = settings(session, config)
    sources = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
    memo = session.cache.catalog if session.cache is not None else None
    catalog = build_catalog(site, sources, problems, memo=memo)
    # Under `mkdocs serve` a mistake must not stop the server: the errors are logged and
    # shown on every page, and everything valid is still served (BAD-INPUT J1, J3).
    session.errors = report(problems, fatal=not session.preview)
    session.catalog = catalog
    if catalog.outside_links:
        docs = os.path.relpath(Path(config.docs_dir).resolve(), site.root.resolve())
        for linked in files:
            shown = Path(docs, linked.src_uri).as_posix()
            if under_any(shown, list(catalog.outside_links)):
                linked.inclusion = InclusionLevel.EXCLUDED
    _place_broken_posts(session, files)
    for post in (*catalog.posts, *catalog.hidden):
        file = files.get_file_from_path(post.src_uri)
        if file is None:
            continue
        move(file, post.dest_uri, post.url)
        # The catalog has read the front matter already: MkDocs gets the processed body
        # (no second, pure-Python YAML parse; TOML front matter never shows up as text).
        file.content_string = post.markdown
        cached = None
        if session.cache is not None:
            key = digest(post.markdown, session.config_signature)
            session.md_keys[post.src_uri] = key
            cached = session.cache.markdown.get(key)
        session.speed.post_page(file, config, cached)
        published = post.status is Status.PUBLISHED
        file.inclusion = InclusionLevel.NOT_IN_NAV if published else InclusionLevel.DRAFT
    _add_listings(session, files, config)
    add_category_pages(session, files, config)
    add_robots(files, config)
    _add_redirects(session, files, config)
    for name in ("podium.css", "podium.js", "podium-agenda.css", "podium-agenda.js"):
        text = (ASSETS / name).read_text("utf-8")
        add_file(files, config, f"assets/podium/{name}", text, owner=OWNER)


def _place_broken_posts(session: Session, files: Files) -> None:
    """A post with broken front matter: shown by the preview at its URL, else left out."""
    catalog = session.catalog
    blog = catalog.settings.blog_dir + "/"
    previews = {p.src_uri: p for p in catalog.broken} if session.preview else {}
    for doc in files.documentation_pages():
        src = doc.src_uri
        is_post = src.startswith(blog) and src != blog + "index.md" and doc.generated_by is None
        if not is_post or catalog.post(src) is not None:
            continue
        shown = previews.get(src)
        if shown is None:
            doc.inclusion = InclusionLevel.EXCLUDED  # it would render as raw text
            continue
        # The preview shows what is valid of it, under the error panel.
        move(doc, shown.dest_uri, shown.url)
        doc.content_string = shown.markdown
        doc.inclusion = InclusionLevel.NOT_IN_NAV
    session.previews = previews


def _add_listings(session: Session, files: Files, config: MkDocsConfig) -> None:
    blog = session.catalog.settings.blog_dir
    pages = session.catalog.blog_pages()
    listings = []
    gettext = session.language.gettext
    for number in range(1, len(pages) + 1):
        src = blog_page_src(blog, number)
        title = gettext("Blog") if number == 1 else gettext("Blog, page %(num)s") % {"num": number}
        listings.append((src, title, "blog", number))
    listings.append((archive_src(blog), gettext("Archive"), "archive", 0))
    for src, title, kind, number in listings:
        generated = Generated(
            kind,
            str(number),
            partial(_listing, session, kind, number),
            partial(_listing_inputs, session, kind, number),
        )
        in_nav = kind == "blog" and number == 1
        session.add_page(
            files, config, src, title, generated, owner=OWNER, in_nav=in_nav, searchable=False
        )


def _listing_inputs(session: Session, kind: str, number: int, url: str) -> object:
    catalog = session.catalog
    pages = catalog.blog_pages()
    listed = catalog.posts if kind == "archive" else pages[number - 1]
    options = (session.options.feeds, catalog.settings.event_pages, catalog.settings.blog_dir)
    categories = [(c.slug, c.name, c.count) for c in catalog.categories.values()]
    return (kind, number, url, len(pages), options, categories, session.shown(listed))


def _listing(session: Session, kind: str, number: int, url: str) -> str:
    render = session.renderer.render
    if kind == "archive":
        return str(render("archive.html", years=session.views().archive(url)))
    feeds = (
        {"atom": relative_url(ATOM_FEED_PATH, url), "rss": relative_url(RSS_FEED_PATH, url)}
        if session.options.feeds
        else None
    )
    return str(render("blog.html", view=session.views().blog_page(number, url), feeds=feeds))


def _add_redirects(session: Session, files: Files, config: MkDocsConfig) -> None:
    catalog = session.catalog
    site_url = (config.site_url or "").rstrip("/")
    by_url = {p.url: p for p in (*catalog.posts, *catalog.hidden)}
    for redirect in catalog.redirects:
        post = by_url[redirect.target]
        href = relative_url(redirect.target, redirect.url)
        canonical = f"{site_url}/{redirect.target}" if site_url else href
        html = session.renderer.render(
            "redirect.html", title=post.title, href=href, canonical=canonical
        )
        add_file(files, config, redirect_path(redirect.url), str(html), owner=OWNER)


def guard_outputs(session: Session, files: Files, config: MkDocsConfig) -> None:
    """Every output of the build inside site_dir, and each written by one source (podium.outputs):
    a last check once every plugin has added its files, before anything is written."""
    catalog = session.catalog
    docs = Path(config.docs_dir).resolve()
    if session.options.feeds:
        session.claim_output(ATOM_FEED_PATH, OWNER)
        session.claim_output(RSS_FEED_PATH, OWNER)
        for tag in catalog.tags.values():
            if any(p.status is Status.PUBLISHED for p in tag.posts):
                session.claim_output(tag_feed_path(tag.slug), OWNER)
    for theme_output in THEME_OUTPUTS[1:]:
        session.claim_output(theme_output, "MkDocs")
    for file in files:
        written = file.inclusion.is_in_serve() if session.preview else file.inclusion.is_included()
        if not written:
            continue
        if file.generated_by is not None:
            owner = f"{file.generated_by} ({file.src_uri})"
        elif Path(file.src_dir or "").resolve() == docs:
            owner = catalog.settings.rel(docs / file.src_uri)
        else:
            owner = f"the theme ({file.src_uri})"
        session.claim_output(file.dest_uri, owner)
    if session.output_problems:
        raise PluginError("Podium: outputs clash:\n" + "\n".join(session.output_problems))


def post_markdown(session: Session, markdown: str, page: Page) -> str:
    """A post's Markdown and meta: its own title and description, and the pass-through keys
    (``hide``, ``search``, …) that MkDocs and Material read from the page's meta."""
    src = page.file.src_uri
    post = session.post(src)
    if post is None:
        shown = session.previews.get(src)
        if shown is None:
            return markdown
        page.meta = {"title": Markup(escape(shown.title))}
        return shown.markdown
    meta: dict[str, Any] = {k: v for k, v in post.passthrough.items() if k in PASS_THROUGH}
    meta["title"] = Markup(escape(post.title))
    if post.meta.description:
        meta["description"] = Markup(escape(post.meta.description))
    page.meta = meta
    return post.markdown


def post_content(session: Session, html: str, page: Page) -> str:
    """Once a post's Markdown is rendered: its excerpt, reading time, header and footer."""
    post = session.post(page.file.src_uri)
    if post is None:
        return html
    replayed = session.speed.replayed_minutes(page)
    if replayed is not None:
        minutes = replayed  # the Markdown was rendered by the last rebuild under serve
    else:
        minutes = reading_minutes(html)
        key = session.md_keys.get(post.src_uri)
        if session.cache is not None and key:
            anchors = frozenset(page.present_anchor_ids or ())
            session.cache.markdown[key] = RenderedMarkdown(html, page.toc, anchors, minutes)
    excerpt = excerpt_html(html, post.meta.description)
    truncated = excerpt != html.strip()
    problem = balance_problem(excerpt)
    if problem:
        excerpt = balanced(excerpt)
        log.warning(str(excerpt_warning(session.catalog.settings, post, problem)))
    session.rendered[post.src_uri] = Rendered(
        excerpt=excerpt,
        minutes=minutes,
        truncated=truncated,
        content=html if session.options.feed_content == "full" else "",
    )
    views = session.views()
    newer, older = views.neighbours(post)
    events = session.event_views().post_events(post) if session.event_pages else ()
    render = session.renderer.render
    header = render(
        "post_header.html",
        post=views.post_view(post, post.url),
        banner=banner(post.status, session.language),
        events=events,
    )
    footer = render("post_footer.html", newer=newer, older=older, related=views.related(post))
    session.frames[post.src_uri] = (str(header), str(footer))
    return html


def frame_post(session: Session, page: Page) -> None:
    # Like Material's blog, the search index holds what the author wrote, not the
    # date, authors and neighbours around it (people and tags have pages of their
    # own); parsing them into every post's entry cost a fifth of the search plugin.
    frame = session.frames.pop(page.file.src_uri, None)
    if frame is not None:
        header, footer = frame
        page.content = f'<article class="podium-post">{header}\n{page.content}\n{footer}</article>'


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
