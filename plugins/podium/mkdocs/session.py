"""One build's shared state: the catalog, the renderer, the views and the generated pages.

`podium/posts` creates a :class:`Session` in ``on_config`` (first, by priority)
and every Podium plugin finds it through the config's plugin registry with
:func:`session_of`; no plugin imports or calls another.  Each plugin registers
its own pages (``src_uri → kind, key, render, inputs``) and outputs (feeds,
calendars) here.  A new session is made for every build, so nothing of one
build (a flag, a page, a view) survives into the next; only the serve cache,
kept by `podium/posts` while `mkdocs serve` runs, outlives a build on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from podium.catalog import Catalog, Post, Preview
from podium.eventviews import EventViews
from podium.i18n import Language, english
from podium.memo import digest
from podium.mkdocs.files import Body, add_page
from podium.mkdocs.internals import Speed
from podium.mkdocs.internals.servereuse import OutputReuse
from podium.mkdocs.options import PostsOptions
from podium.mkdocs.servecache import ServeCache
from podium.outputs import Outputs
from podium.problems import Problem
from podium.render import Renderer
from podium.searchentries import SearchEntry
from podium.views import Rendered, Views

OWNER = "podium/posts"


@dataclass(frozen=True)
class Generated:
    """A page a plugin generated: what it is and how its body is made."""

    kind: str
    key: str | None
    render: Callable[[str], str | Body]
    """The body for the page's URL."""
    inputs: Callable[[str], object] | None = None
    """Everything the body shows (for the URL): under serve an unchanged body is reused."""


@dataclass
class Session:
    """Everything one build of a Podium site shares between its plugins."""

    options: PostsOptions
    renderer: Renderer
    speed: Speed
    cache: ServeCache | None = None
    """What `mkdocs serve` keeps between rebuilds; None for `mkdocs build`."""
    config_signature: str = ""
    event_pages: bool = False
    """podium/events is on: events/, talks/ and people/ exist to link to."""
    calendars: bool = False
    """podium/events writes events.ics."""
    errors: list[Problem] = field(default_factory=list)
    """Under serve: every problem of this build, shown on every page."""
    pages: dict[str, Generated] = field(default_factory=dict)
    writers: list[Callable[[], None]] = field(default_factory=list)
    """Outputs that need the catalog and the rendered posts (feeds)."""
    early_writers: list[Callable[[], None]] = field(default_factory=list)
    """Outputs that need only the catalog (calendars, schedule exports)."""
    rendered: dict[str, Rendered] = field(default_factory=dict)
    frames: dict[str, tuple[str, str]] = field(default_factory=dict)
    """A post's header and footer, framed in after search has indexed the post."""
    previews: dict[str, Preview] = field(default_factory=dict)
    md_keys: dict[str, str] = field(default_factory=dict)
    """Under serve: each post's digest of (Markdown, configuration)."""
    bodies: dict[str, str | Body | Callable[[], str | Body]] = field(default_factory=dict)
    """Generated pages' bodies: rendered when built, or (serve) at on_env."""
    own_entries: list[SearchEntry] = field(default_factory=list)
    """Search entries of generated pages, added to the index at the end of the build."""
    reuse: OutputReuse | None = None
    """Under serve with the speed layer: the reuse of unchanged whole pages."""
    nav: Any = None
    outputs: Outputs = field(default_factory=Outputs)
    """Who writes each output path (podium.outputs): pages, redirects, feeds, calendars."""
    output_problems: list[str] = field(default_factory=list)
    language: Language = field(default_factory=english)
    """The reader's language (theme.language): messages, dates and numbers."""
    _catalog: Catalog | None = None
    _event_views: dict[bool, EventViews] = field(default_factory=dict)
    _shown: dict[str, str] = field(default_factory=dict)

    @property
    def preview(self) -> bool:
        return self.cache is not None

    @property
    def catalog(self) -> Catalog:
        """The frozen catalog of this build; only available from on_files on."""
        if self._catalog is None:
            raise PluginError("podium: the catalog is read in on_files; it is not ready yet")
        return self._catalog

    @catalog.setter
    def catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def post(self, src_uri: str) -> Post | None:
        return self._catalog.post(src_uri) if self._catalog is not None else None

    def views(self) -> Views:
        return Views(self.catalog, self.rendered, self.language)

    def event_views(self, *, calendars: bool = False) -> EventViews:
        """One per build (and calendar setting): it remembers what every talk shows."""
        found = self._event_views.get(calendars)
        if found is None:
            found = self._event_views[calendars] = EventViews(
                self.catalog, calendars=calendars, language=self.language
            )
        return found

    def add_page(
        self,
        files: Files,
        config: MkDocsConfig,
        src_uri: str,
        title: str,
        page: Generated,
        *,
        owner: str,
        in_nav: bool,
        searchable: bool,
    ) -> None:
        """A generated page: its file in the build, and how its body is made."""
        if src_uri in self.pages:
            raise PluginError(f"podium: two generated pages at {src_uri}; this is a bug in Podium")
        make_page = self.speed.make_page
        add_page(
            files,
            config,
            src_uri,
            title,
            in_nav=in_nav,
            owner=owner,
            searchable=searchable,
            make_page=make_page,
        )
        self.pages[src_uri] = page

    def claim_output(self, dest: str, owner: str) -> None:
        """Take a file this build writes itself (a feed, a calendar, an export) for ``owner``;
        a clash with another output is reported when the files are complete."""
        problem = self.outputs.claim(dest, owner)
        if problem:
            self.output_problems.append(problem)

    def shown(self, posts: Iterable[Post]) -> list[object]:
        """Everything a listing shows of ``posts``: what a serve-cached body is keyed by."""
        return [self._shown_one(p) for p in posts]

    def _shown_one(self, post: Post) -> object:
        found = self._shown.get(post.src_uri)
        if found is None:
            tags = self.catalog.tags
            categories = self.catalog.categories
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
                [(s, c.name) for s in post.category_slugs if (c := categories.get(s))],
                post.image_size,
                [a.person.avatar for a in post.authors if a.person],
                self.rendered.get(post.src_uri),
            )
        return found


def session_of(config: MkDocsConfig, needed_by: str) -> Session:
    """The build's session, kept by podium/posts, found through MkDocs' plugin registry."""
    owner = config.plugins.get(OWNER)
    if owner is None:
        raise PluginError(f"{needed_by} needs {OWNER}: add '- {OWNER}' to plugins in mkdocs.yml")
    session = getattr(owner, "session", None)
    if not isinstance(session, Session):
        raise PluginError(f"{needed_by}: the Podium session is not ready before on_config")
    return session
