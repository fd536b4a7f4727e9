"""`podium/tags`: tags/ with counts and one page per tag, from the build's session.

The catalog belongs to the session of `podium/posts`; this plugin finds it
through MkDocs' plugin registry, so the two work in either order in mkdocs.yml.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from podium.mkdocs.options import TagsOptions
from podium.mkdocs.session import session_of
from podium.mkdocs.tagpages import TagPages


class TagsPlugin(BasePlugin[TagsOptions]):
    """Tag index and tag pages listing everything with that tag."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        session_of(config, "podium/tags")  # says what to add when podium/posts is missing
        return config

    @event_priority(40)  # after podium/posts has built the catalog (priority 50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config.enabled:
            TagPages(session_of(config, "podium/tags")).register(files, config)
        return files
