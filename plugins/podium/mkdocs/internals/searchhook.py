"""Podium's own search entries for the pages it generates, given to Material's search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.structure.pages import Page

from podium.searchentries import SearchEntry


def index_own_entries(
    plugins: Any,
    take: Callable[[Page], list[SearchEntry] | None],
    keep: Callable[[list[SearchEntry]], None],
) -> list[dict[str, Any]] | None:
    """Pages for which ``take`` has entries hand them to ``keep`` instead of being parsed.

    Returns the index's list of entries, where the kept entries go at the end of
    the build (they may come from the process that built those pages, see
    :mod:`podium.mkdocs.background`); None, and every page is parsed as before,
    when the search plugin is absent or looks different.  The index is wrapped on
    this build's instance only (Material makes a new one for every build).
    """
    found = material_index(plugins)
    if found is None:
        return None
    index, add, entries = found

    def add_entry(page: Page) -> None:
        own = take(page)
        if own is None:
            add(page)
        elif not (page.meta.get("search") or {}).get("exclude"):
            keep([dict(entry) for entry in own])

    index.add_entry_from_context = add_entry
    return entries


def material_index(
    plugins: Any,
) -> tuple[Any, Callable[[Page], None], list[dict[str, Any]]] | None:
    """Material's search index of this build, its page indexer and its entries; None if
    the plugin is absent or looks different (then nothing of it is touched)."""
    search = next((p for p in plugins.values() if hasattr(p, "search_index")), None)
    index = getattr(search, "search_index", None)
    add = getattr(index, "add_entry_from_context", None)
    entries = getattr(index, "entries", None)
    if index is None or add is None or not isinstance(entries, list):
        return None
    return index, add, entries
