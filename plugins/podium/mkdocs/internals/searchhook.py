"""This build's Material search index, for the serve cache to replay unchanged pages.

Hack: reads ``search_index`` of Material's search plugin and its
``SearchIndex.add_entry_from_context`` and ``entries``; checked against
mkdocs-material 9.8.1. When the plugin is absent or looks different, None.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from mkdocs.structure.pages import Page


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
        logging.getLogger("mkdocs.plugins.podium").debug("podium: no Material search index")
        return None
    return index, add, entries
