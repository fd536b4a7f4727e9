"""`mkdocs serve` keeps answering whatever `strict` says.

Hack: MkDocs counts every warning and error logged under its logger with a
``CountHandler`` that ``mkdocs.commands.build.build`` adds before ``on_config``
when ``strict`` is set, and raises ``Abort`` at the end of the build. Under
`mkdocs serve` the live-reload server then "appears stuck until build errors
are resolved": every request waits. Podium shows its problems on every page
instead, so under serve that counter is told to count nothing; the terminal
still prints every line, and `mkdocs build --strict` is untouched.
Checked against MkDocs 1.6.1 (``mkdocs.utils.CountHandler``) and ProperDocs
1.6 (the same handler on its own logger). Without such a handler nothing
changes (one debug line).
"""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.plugins.podium")

ENGINE_LOGGERS = ("mkdocs", "properdocs")


class _CountNothing(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


def keep_serving_under_strict() -> bool:
    """Stop this build's strict-mode counters from counting; whether one was found."""
    found = False
    for name in ENGINE_LOGGERS:
        for handler in logging.getLogger(name).handlers:
            if type(handler).__name__ != "CountHandler" or not hasattr(handler, "get_counts"):
                continue
            found = True
            if not any(isinstance(f, _CountNothing) for f in handler.filters):
                handler.addFilter(_CountNothing())
    if not found:
        log.debug("podium: no strict-mode counter found; `strict` applies to serve as it is")
    return found
