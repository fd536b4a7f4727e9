"""`podium/events`: events/, talks/ and people/ pages from data/, out of the shared catalog.

The catalog (events, talks, people, and their links to posts) is read by
`podium/posts` in the same pass as the posts; this plugin adds the pages and
fills them when templates render.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from podium.events import Speaker
from podium.eventviews import event_url, person_url, talk_url
from podium.memo import digest
from podium.mkdocs.files import Body, add_page
from podium.mkdocs.head import absolute, insert_head, page_address, site_root
from podium.mkdocs.options import EventsOptions
from podium.mkdocs.posts_plugin import PostsPlugin, find_posts_plugin
from podium.searchentries import event_entry, person_entry, talk_entry
from podium.seo import event_data, json_ld_script, person_data, talk_data
from podium.urls import relative_url


def calendar_stamp(now: dt.datetime) -> dt.datetime:
    """DTSTAMP of every component: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return now.astimezone(dt.UTC)


class EventsPlugin(BasePlugin[EventsOptions]):
    """Event listings and pages, the talks catalog, people pages."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[str, str | None]] = {}

    def posts(self, config: MkDocsConfig) -> PostsPlugin:
        return find_posts_plugin(config, "podium/events")

    @event_priority(40)  # after podium/posts has built the catalog (priority 50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        catalog = self.posts(config).catalog
        self._pages = {}

        def page(src: str, title: str, kind: str, key: str | None, in_nav: bool) -> None:
            # Indexes only list what the event, talk and person pages already put in search.
            add_page(
                files,
                config,
                src,
                title,
                in_nav=in_nav,
                owner="podium/events",
                searchable=key is not None,
            )
            self._pages[src] = (kind, key)

        page("events/index.md", "Events", "events", None, True)
        for event in catalog.events:
            page(f"events/{event.id}/index.md", event.title, "event", event.id, False)
        page("talks/index.md", "Talks", "talks", None, True)
        for talk in catalog.talks:
            page(f"talks/{talk.id}/index.md", talk.title, "talk", talk.id, False)
        page("people/index.md", "People", "people", None, True)
        for person in catalog.people.by_id.values():
            page(f"people/{person.id}/index.md", person.name, "person", person.id, False)
        return files

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.posts(config).event_pages = True
        self.posts(config).calendars = self.config.calendars
        if self.config.calendars and not site_root(config):
            raise PluginError(
                "podium/events: calendars need absolute links: set site_url in mkdocs.yml "
                "(e.g. site_url: https://example.org/) or turn them off with calendars: false"
            )
        return config

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        entry = self._pages.get(page.file.src_uri)
        url = page_address(config, page)
        if entry is None or url is None or not output:
            return output
        kind, key = entry
        catalog = self.posts(config).catalog
        names = {p.id: p.name for p in catalog.people.by_id.values()}

        def person(pid: str) -> str | None:
            return absolute(config, person_url(pid))

        data = None
        if kind == "event" and (event := catalog.event(key or "")):
            data = event_data(
                event,
                url=url,
                talk_url=lambda t: absolute(config, talk_url(t)) or "",
                person_url=person,
                speaker_names=names,
            )
        elif kind == "talk" and (talk := catalog.talk(key or "")):
            event = catalog.event(talk.event_id)
            if event:
                data = talk_data(
                    talk,
                    event,
                    url=url,
                    event_url=absolute(config, event_url(event.id)) or "",
                    person_url=person,
                    speaker_names=names,
                )
        elif kind == "person" and (someone := catalog.people.by_id.get(key or "")):
            data = person_data(someone, url=url, same_as=[u for _, u in someone.links])
        return insert_head(output, json_ld_script(data)) if data else output

    def _write_calendars(self, config: MkDocsConfig) -> None:
        # icalendar is only needed here; see podium/posts' feeds.
        from podium.calendar import CalendarInfo, event_calendar, events_calendar

        posts = self.posts(config)
        catalog = posts.catalog
        root = site_root(config)
        assert root is not None  # checked in on_config
        info = CalendarInfo(root, config.site_name, calendar_stamp(catalog.settings.now))
        site_dir = Path(config.site_dir)

        def page(event_id: str) -> str:
            return absolute(config, event_url(event_id)) or ""

        def talk_page(talk_id: str) -> str:
            return absolute(config, talk_url(talk_id)) or ""

        def speaker(s: Speaker) -> str:
            person = catalog.people.by_id.get(s.person_id) if s.person_id else None
            return person.name if person else s.ref

        cache = posts.serve_cache
        names = sorted((p.id, p.name) for p in catalog.people.by_id.values())

        def remembered(path: str, key: str, make: Callable[[], bytes | None]) -> bytes | None:
            # Under serve, a calendar whose event did not change is not generated again.
            if cache is None:
                return make()
            found = cache.files.get(path)
            if found is not None and found[0] == key:
                return found[1]
            data = make()
            if data is not None:
                cache.files[path] = (key, data)
            return data

        base = digest(root, config.site_name, names)
        everything = remembered(
            "events.ics",
            digest(base, catalog.events),
            lambda: events_calendar(info, catalog.events, page),
        )
        if everything is not None:
            write_file(everything, str(site_dir / "events.ics"))
        for event in catalog.events:
            data = remembered(
                f"events/{event.id}.ics",
                digest(base, event),
                partial(event_calendar, info, event, page, talk_page, speaker),
            )
            if data is not None:
                write_file(data, str(site_dir / "events" / f"{event.id}.ics"))

    @event_priority(60)  # before podium/posts turns bodies into pages (priority 0)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        posts = self.posts(config)
        if self.config.calendars:
            posts.write_alongside(partial(self._write_calendars, config))
        cache = posts.serve_cache
        version = self._inputs(posts) if cache is not None else ""
        for src, (kind, key) in self._pages.items():
            file = files.get_file_from_path(src)
            if file is None or file.page is None:
                continue
            url = file.page.url
            if cache is None:
                posts.set_body(src, partial(self._body, posts, kind, key, url))
                continue
            # Under serve: a page whose inputs are unchanged keeps last build's body.
            stamp = digest(version, kind, key, url, self._posts_shown(posts, kind, key))
            found = cache.bodies.get(src)
            if found is None or found[0] != stamp:
                found = cache.bodies[src] = (stamp, self._body(posts, kind, key, url))
            posts.set_body(src, found[1])
        return env

    def _inputs(self, posts: PostsPlugin) -> str:
        """What every event, talk and people page may show: events, people, tag names."""
        catalog = posts.catalog
        return digest(
            catalog.events,
            sorted(catalog.people.by_id.items()),
            sorted((t.slug, t.name) for t in catalog.tags.values()),
            catalog.settings.now.date(),
            self.config.calendars,
            self.config.talks_filters,
        )

    def _posts_shown(self, posts: PostsPlugin, kind: str, key: str | None) -> list[object]:
        """The posts a page lists: editing any other post leaves the page as it was."""
        catalog = posts.catalog
        if kind == "event":
            shown = catalog.posts_about(key or "")
        elif kind == "person":
            shown = catalog.posts_by_author(key or "")
        elif kind == "people":  # counts only
            return [
                (p.src_uri, [a.person.id for a in p.authors if a.person]) for p in catalog.posts
            ]
        else:
            return []
        return [
            (p.url, p.title, p.meta.date, [a.person.id for a in p.authors if a.person])
            for p in shown
        ]

    def _body(self, posts: PostsPlugin, kind: str, key: str | None, url: str) -> Body:
        views = posts.event_views(calendars=self.config.calendars)
        render = posts.renderer.render
        catalog = posts.catalog
        if kind == "events":
            body = render(
                "events.html",
                upcoming=[views.card(e, url) for e in catalog.upcoming()],
                calendar=relative_url("events.ics", url)
                if self.config.calendars and catalog.events
                else None,
                past=[(y, [views.card(e, url) for e in es]) for y, es in catalog.past_by_year()],
            )
            return Body(str(body))
        if kind == "talks":
            talks = tuple(views.talk(t, url) for t in catalog.talks)
            filters = views.filters(talks) if self.config.talks_filters else None
            return Body(str(render("talks.html", talks=talks, filters=filters)))
        if kind == "people":
            return Body(str(render("people.html", people=views.people(url))))
        # One page per event, talk or person: its own search entry, not a parse of its HTML.
        if kind == "event":
            event = catalog.event(key or "")
            if event is None:
                raise PluginError(f"podium/events: no event {key!r}; this is a bug in Podium")
            view = views.event(event, url)
            return Body(str(render("event.html", view=view)), [event_entry(view, url)])
        if kind == "talk":
            talk = catalog.talk(key or "")
            if talk is None:
                raise PluginError(f"podium/events: no talk {key!r}; this is a bug in Podium")
            talk_view = views.talk(talk, url)
            return Body(str(render("talk.html", talk=talk_view)), [talk_entry(talk_view, url)])
        person = views.person(key or "", url)
        return Body(str(render("person.html", person=person)), [person_entry(person, url)])
