"""What the core needs to know about one build, independent of MkDocs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """The inputs of one build: folders, URL rules, time zone and "now"."""

    root: Path
    """The project folder (where mkdocs.yml lives); messages name files relative to it."""
    content_dir: Path
    data_dir: Path
    now: dt.datetime
    timezone: dt.tzinfo = dt.UTC
    blog_dir: str = "blog"
    post_url: str | None = None
    per_page: int = 10
    preview: bool = False
    """True under `mkdocs serve`: drafts and scheduled posts are shown with a banner."""
    event_pages: bool = False
    """True when podium/events builds events/, talks/ and people/, so other pages link there."""
    external_links: Mapping[str, str] = field(default_factory=dict)
    """Site-relative links that resolve to pages elsewhere (posts not migrated)."""
    categories_allowed: tuple[str, ...] = ()
    """The only categories posts may name (Material's option); empty: any."""
    date_from: tuple[str, ...] = ()
    """Where a post without ``date`` takes it from: other front-matter keys, ``:filename``."""
    shortcodes_dir: Path | None = None
    """The site's own shortcodes, one Jinja template per name (None: only the built-in ones)."""

    def watched_folders(self) -> list[Path]:
        """Folders outside the content whose edits change the build, for a preview server.

        The shortcodes folder may not exist yet (the author adds the first template while
        previewing): then its nearest existing parent inside the project is watched, never
        the project itself (the built site is written there).
        """
        folders = [self.data_dir] if self.data_dir.is_dir() else []
        folder = self.shortcodes_dir
        root = self.root.resolve()
        while folder is not None and not folder.is_dir() and folder.resolve() != root:
            folder = folder.parent
        if folder is not None and folder.is_dir() and folder.resolve() != root:
            folders.append(folder)
        return folders

    def rel(self, path: Path) -> str:
        """A path as it appears in messages: relative to the project, with '/'."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
