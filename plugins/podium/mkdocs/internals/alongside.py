"""What Podium builds alongside MkDocs' pages, and what the parent does meanwhile.

Hack: the child builds pages with ``mkdocs.commands.build._build_page``, and
the parent's page loop skips them through an instance attribute that shadows
``Files.documentation_pages`` (the loop is its only caller passing
``inclusion``); checked against MkDocs 1.6.1 and ProperDocs 1.6. Without
``_build_page``, or with the speed layer off, nothing forks: the pages are
built by MkDocs as usual and the writers run at the end of the build.

See :mod:`podium.mkdocs.internals.background` for why and how.  Under ``mkdocs
build`` the second process builds every page Podium generated (with
MkDocs' own page builder, so every plugin's page events run for them,
once) and runs the writers (feeds, calendars).  The parent leaves those
pages out of the loop in which MkDocs builds pages: for the rest of this
build, ``files.documentation_pages(inclusion=...)`` (the form that loop
uses) leaves them out, while the form templates use (the sitemap) still
lists every page; the method is restored before any ``post_build``.
Without a second process the pages are built by MkDocs as usual and the
writers run at the end.

Podium's own search entries for the generated pages are kept aside and
added to the search index at the end, in page order, wherever they were
made: the index is the same either way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from podium.mkdocs.internals.background import Background
from podium.searchentries import SearchEntry


class Alongside:
    """One build's work alongside MkDocs' pages: writers, and the pages given to the child."""

    def __init__(self) -> None:
        self.background = Background()
        self.early = Background()
        """The writers that need only the catalog, started before MkDocs reads the pages."""
        self.writers: list[Callable[[], None]] = []
        self.entries: list[tuple[str, list[SearchEntry]]] = []
        """Podium's search entries of the generated pages built in this process, by source."""
        self.elsewhere: set[str] = set()
        """Sources of the pages the second process builds (nothing is rendered for them here)."""
        self._files: Files | None = None
        self._order: dict[str, int] = {}

    def keep_entries(self, src: str, entries: list[SearchEntry]) -> None:
        self.entries.append((src, entries))

    def start(
        self,
        *,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation | None,
        env: Environment,
        generated: set[str],
    ) -> None:
        """Start the second process (or keep the work for the end when there can be none)."""
        fork = Background.can_fork() and _page_builder() is not None
        pages = _child_share(files, generated) if fork and nav is not None else []
        work: list[Callable[[], None]] = []
        if pages and nav is not None:
            work.append(partial(_build_pages, pages, config, files, nav, env))
        work += self.writers
        self.writers = []
        if not self.background.start(work, lambda: self.entries, fork=fork):
            return
        self.entries = []  # the child reports those kept so far
        self.elsewhere = {page.file.src_uri for page in pages}
        self._files = files
        loop = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self._order = {file.src_uri: n for n, file in enumerate(loop)}
        _leave_out(files, self.elsewhere)

    def start_early(self, writers: list[Callable[[], None]]) -> None:
        """Writers that need only the catalog (calendars, schedule exports) start in a second
        process now, while this one converts every page's Markdown (one core, else idle);
        where nothing can fork they join the writers of the end."""
        if not self.early.start(writers, lambda: None, fork=True):
            self.early.abandon()
            self.writers.extend(writers)

    def keep_for_the_end(self) -> None:
        """The writers run at the end of the build, in this process (serve, parallel: false)."""
        self.background.start(self.writers, lambda: self.entries, fork=False)
        self.writers = []

    def finish(self) -> list[SearchEntry]:
        """Wait for the work (BackgroundFailed if it failed); the search entries kept."""
        try:
            self.early.finish()
            kept = self.background.finish()
            if kept is not self.entries:  # from the child: both processes built pages
                kept = [*(kept or []), *self.entries]
                kept.sort(key=lambda each: self._order.get(each[0], len(self._order)))
        finally:
            self._forget()
        return [entry for _src, entries in kept or [] for entry in entries]

    def abandon(self) -> None:
        self.early.abandon()
        self.background.abandon()
        self._forget()

    def _forget(self) -> None:
        self.elsewhere = set()
        self.entries = []
        self._order = {}
        if self._files is not None:
            vars(self._files).pop("documentation_pages", None)  # the class's method again
            self._files = None


def _leave_out(files: Files, sources: set[str]) -> None:
    """MkDocs' page loop (the only caller that passes ``inclusion``) skips ``sources``."""
    real = files.documentation_pages

    def documentation_pages(
        *, inclusion: Callable[[InclusionLevel], bool] | None = None
    ) -> Sequence[File]:
        if inclusion is None:
            return real()
        return [f for f in real(inclusion=inclusion) if f.src_uri not in sources]

    files.documentation_pages = documentation_pages  # type: ignore[method-assign]


CHILD_COST, PARENT_COST = 2, 4
"""What a generated page (listing, event, talk, person) costs to build, counted in posts'
pages: about 2 in the child, which shares its views of talks and events between its many
pages, and 4 here, where its few pages compute them again (measured at N = 1000: 4.3 and
9 ms, against 2.4 ms for a post, with Material)."""


def _child_share(files: Files, generated: set[str]) -> list[Page]:
    """The generated pages the child builds: about half the work of the page loop, so that
    both processes end together; this process builds the others with its own pages (posts,
    home).  Taken evenly along the list (listings, events, talks and people differ in
    cost), and fixed by the counts, so the same for every build."""
    included = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [f.page for f in included if f.src_uri in generated and f.page is not None]
    if not pages:
        return []
    own = len(included) - len(pages)
    # share * CHILD_COST = own + (len(pages) - share) * PARENT_COST: both end together
    share = min(len(pages), (own + PARENT_COST * len(pages)) // (CHILD_COST + PARENT_COST))
    # Page n goes to the child when the running quota share * n / len(pages) steps up.
    total = len(pages)
    return [page for n, page in enumerate(pages) if (n + 1) * share // total > n * share // total]


def _page_builder() -> Callable[..., None] | None:
    """MkDocs' own page builder, where MkDocs 1.6 has it."""
    from mkdocs.commands import build

    found: Callable[..., None] | None = getattr(build, "_build_page", None)
    if not callable(found):
        logging.getLogger("mkdocs.plugins.podium").debug(
            "podium: no mkdocs.commands.build._build_page; generated pages built in one process"
        )
        return None
    return found


def _build_pages(
    pages: list[Page], config: MkDocsConfig, files: Files, nav: Navigation, env: Environment
) -> None:
    build_page = _page_builder()
    assert build_page is not None  # checked before forking
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for page in pages:
        build_page(page, config, doc_files, nav, env)
