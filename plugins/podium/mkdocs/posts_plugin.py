"""`podium/posts`: posts under blog/, the blog index, pages, archive and alias redirects.

A thin adapter (literate-nav's shape): each hook calls one named function of
:mod:`podium.mkdocs.blog`, :mod:`~podium.mkdocs.generated` or
:mod:`~podium.mkdocs.pagehead`.  This plugin makes the build's
:class:`~podium.mkdocs.session.Session` in ``on_config``, which the other
Podium plugins find through the config; under `mkdocs serve` it also keeps the
serve cache (one per mkdocs.yml) from one rebuild to the next.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from podium.mkdocs import blog, generated, notfound
from podium.mkdocs.feedwriter import write_feeds
from podium.mkdocs.options import PostsOptions
from podium.mkdocs.pagehead import decorate
from podium.mkdocs.servecache import ServeCache
from podium.mkdocs.session import Session


class PostsPlugin(BasePlugin[PostsOptions]):
    """Turns content/blog/*.md into a blog; keeps each build's session."""

    def __init__(self) -> None:
        self._serving = False
        self._caches: dict[str, ServeCache] = {}
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """This build's session; made in on_config."""
        if self._session is None:
            raise PluginError("podium/posts: the session is not ready before on_config")
        return self._session

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    @event_priority(100)  # first: every other Podium plugin finds the session from here on
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._session = None
        self._session = blog.start_session(self.config, config, self._serve_cache(config))
        return config

    def _serve_cache(self, config: MkDocsConfig) -> ServeCache | None:
        if not self._serving:
            return None
        # MkDocs keeps this object for the whole process, whatever site it builds.
        key = str(Path(config.config_file_path or ".").resolve())
        return self._caches.setdefault(key, ServeCache())

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        session = self.session
        session.reuse = session.speed.output_reuse(session.cache)
        if session.reuse is not None:
            session.reuse.stash_previous(config)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # Edits of people.yml, tags.yml or a shortcode template must rebuild like a post edit.
        for folder in blog.settings(self.session, config).watched_folders():
            server.watch(str(folder))
        return server

    @event_priority(50)  # before podium/tags and podium/events, which read the catalog
    def _read(self, files: Files, *, config: MkDocsConfig) -> Files:
        blog.read_catalog(self.session, files, config)
        if self.config.feeds:
            self.session.writers.append(partial(self._write_feeds, config))
        return files

    @event_priority(-100)  # last: every plugin has added its files
    def _guard(self, files: Files, *, config: MkDocsConfig) -> Files:
        blog.guard_outputs(self.session, files, config)
        generated.start_early(self.session)  # every output is claimed: calendars can be written
        return files

    on_files = CombinedEvent(_read, _guard)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.session.nav = nav
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        return blog.post_markdown(self.session, markdown, page)

    @event_priority(100)  # first: the rendered Markdown is what the serve cache keeps
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return blog.post_content(self.session, html, page)

    def _prepare(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        generated.prepare_pages(self.session, env, config, files)
        return env

    @event_priority(-100)  # last: every plugin has registered its pages and outputs
    def _start_alongside(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        generated.start_alongside(self.session, env, config, files)
        return env

    on_env = CombinedEvent(_prepare, _start_alongside)

    @event_priority(100)  # before the search plugin indexes the page
    def _add_body(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated.add_body(self.session, context, page)
        return context

    @event_priority(-100)  # after the search plugin has indexed the post's own text
    def _frame_post(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        blog.frame_post(self.session, page)
        return context

    on_page_context = CombinedEvent(_add_body, _frame_post)

    @event_priority(100)  # first: keep the template's output, before any plugin changes it
    def _remember_output(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.session.reuse is not None:
            self.session.reuse.remember(page.file.src_uri, output)
        return output

    def _decorate(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return decorate(self.session, output, page, config)

    @event_priority(-100)  # last: every plugin has seen this page
    def _let_go(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        generated.let_go(self.session, page)
        return output

    on_post_page = CombinedEvent(_remember_output, _decorate, _let_go)

    @event_priority(100)  # first: every other plugin's post_build sees the whole site
    def _finish_alongside(self, *, config: MkDocsConfig) -> None:
        generated.finish_alongside(self.session)

    @event_priority(-100)  # last: the search plugin has written its index
    def _finish(self, *, config: MkDocsConfig) -> None:
        session = self.session
        generated.index_own_entries(session, config)
        if session.reuse is not None:
            session.reuse.finish(config)
        elif session.cache is not None:
            session.cache.finish(set())

    on_post_build = CombinedEvent(_finish_alongside, _finish)

    def on_pre_template(self, template: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        return notfound.template(template, template_name, config.theme.custom_dir)

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        notfound.add_context(self.session, context, template_name)
        return context

    def on_build_error(self, *, error: Exception) -> None:
        if self._session is not None:
            self._session.speed.alongside.abandon()

    def _write_feeds(self, config: MkDocsConfig) -> None:
        session = self.session
        write_feeds(
            config,
            session.catalog,
            session.rendered,
            size=self.config.feed_size,
            full=self.config.feed_content == "full",
            store=session.cache.files if session.cache is not None else None,
            language=session.language,
        )
