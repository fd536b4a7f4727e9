"""The speed layer: every use of a private MkDocs, Material or Jinja internal, in one place.

Each module here marks its use ``Hack:`` with the versions it was checked
against and guards it: when the internal is not there (another release,
another engine such as ProperDocs), the plain path runs instead and one debug
line says so.  :class:`Speed` is the only door the adapter uses; with the
option ``speedups: false`` of `podium/posts` it opens none of them, and the
site is built with public plugin APIs only (same bytes, slower).

The uses that are not about speed, :mod:`.servestrict` and :mod:`.sitemapdates`, stay
on either way.
"""

from __future__ import annotations

import logging
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from podium.mkdocs.internals.alongside import Alongside
from podium.mkdocs.internals.generatedpage import GeneratedPage
from podium.mkdocs.internals.postpage import PostPage, SharedConverter
from podium.mkdocs.internals.servereuse import CachedPage, OutputReuse, memoize_search
from podium.mkdocs.internals.thememo import memoize_theme
from podium.mkdocs.servecache import ServeCache

log = logging.getLogger("mkdocs.plugins.podium")


class Speed:
    """This build's speed-ups, or none of them (``enabled=False``)."""

    def __init__(self, config: MkDocsConfig, *, enabled: bool, parallel: bool) -> None:
        self.enabled = enabled
        self.parallel = enabled and parallel
        self.alongside = Alongside()
        self._converter = SharedConverter(config) if enabled else None
        if not enabled:
            log.debug("podium: speedups: false, the speed layer is off")

    def make_page(
        self, title: str, file: File, config: MkDocsConfig, meta: dict[str, object]
    ) -> None:
        """A generated page without a Markdown converter (see add_page's plain path)."""
        if self.enabled:
            GeneratedPage(title, file, config, meta)

    def post_page(self, file: File, config: MkDocsConfig, cached: Any | None) -> None:
        """A post converted by the build's shared converter, or replayed from serve."""
        if not self.enabled:
            return
        if cached is not None:
            CachedPage(file, config, cached)
        elif self._converter is not None:
            PostPage(file, config, self._converter)

    def replayed_minutes(self, page: Any) -> int | None:
        """The reading time of a post whose Markdown the last rebuild rendered, else None."""
        return page.minutes if isinstance(page, CachedPage) else None

    def prepare_env(self, env: Environment, nav: Any, config: MkDocsConfig) -> None:
        if self.enabled and nav is not None:
            memoize_theme(env, nav, config)

    def output_reuse(self, cache: ServeCache | None) -> OutputReuse | None:
        return OutputReuse(cache) if self.enabled and cache is not None else None

    def memoize_search(self, plugins: Any, cache: ServeCache, unchanged: set[str]) -> None:
        if self.enabled:
            memoize_search(plugins, cache, unchanged)
