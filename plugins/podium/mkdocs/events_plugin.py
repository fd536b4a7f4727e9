"""`podium/events`: events/, talks/ and people/ pages from data/, out of the build's session.

The catalog (events, talks, people, and their links to posts) is read by
`podium/posts` in the same pass as the posts; this plugin registers its pages
and calendars in the session (:mod:`podium.mkdocs.eventpages`), which renders
them when templates render.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from podium.mkdocs.eventpages import EventPages, structured_data
from podium.mkdocs.head import site_root
from podium.mkdocs.options import EventsOptions
from podium.mkdocs.session import session_of
from podium.mkdocs.timetablepages import TimetablePages

NAME = "podium/events"


class EventsPlugin(BasePlugin[EventsOptions]):
    """Event listings and pages, the talks catalog, people pages."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        session = session_of(config, NAME)
        session.event_pages = True
        session.calendars = self.config.calendars
        if self.config.calendars and not site_root(config):
            raise PluginError(
                "podium/events: calendars need absolute links: set site_url in mkdocs.yml "
                "(e.g. site_url: https://example.org/) or turn them off with calendars: false"
            )
        return config

    @event_priority(40)  # after podium/posts has built the catalog (priority 50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        EventPages(session_of(config, NAME), self.config).register(files, config)
        TimetablePages(session_of(config, NAME)).register(files, config)
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return structured_data(session_of(config, NAME), output, page, config)
