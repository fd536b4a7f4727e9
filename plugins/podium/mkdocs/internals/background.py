"""Work done by a second process while MkDocs builds the pages it keeps.

Podium's generated pages (listings, events, talks, people, tags), its feeds
and its calendars need only what exists when MkDocs starts writing pages:
the catalog, every post's rendered Markdown, the navigation and the theme.
So ``mkdocs build`` forks once there; the child builds and writes them
while the parent builds every other page, and the parent collects the
child's result before any plugin's ``post_build`` looks at the site.  On a
machine with two cores their cost leaves the wall time.

What the child produces besides files comes back through a pipe as JSON:
its result (Podium's search entries for the pages it built) and every
warning it logged, which the parent logs again, so ``--strict`` counts them.
A failure comes back as its traceback and fails the build.  Where
``os.fork`` does not exist (Windows), when another thread runs, and under
``mkdocs serve`` (whose server runs threads, and whose cache must see the
results), the same work runs in the parent at the end of the build.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

Work = Callable[[], None]
Result = Callable[[], Any]


class BackgroundFailed(Exception):
    """The child failed; the message is its traceback."""


class _Keep(logging.Handler):
    """Keeps the child's warnings, to be logged again by the parent."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class Background:
    """At most one batch of work at a time, in a child process when it can be."""

    def __init__(self) -> None:
        self._pid: int | None = None
        self._pipe: int | None = None
        self._inline: tuple[list[Work], Result] | None = None

    @staticmethod
    def can_fork() -> bool:
        # A thread holding a lock at the fork would leave it held in the child forever:
        # only a single-threaded build forks (mkdocs build is, unless a plugin starts one).
        return hasattr(os, "fork") and threading.active_count() == 1

    def start(self, work: list[Work], result: Result, *, fork: bool) -> bool:
        """Start ``work``; True when it runs in a child process now."""
        self.abandon()
        if not work or not fork or not self.can_fork():
            self._inline = (list(work), result)
            return False
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            os._exit(_child(work, result, write))
        os.close(write)
        self._pid, self._pipe = pid, read
        return True

    def finish(self) -> Any:
        """Wait for the work and return its result; BackgroundFailed if it failed."""
        if self._inline is not None:
            work, result = self._inline
            self._inline = None
            try:
                for step in work:
                    step()
                return result()
            except Exception:  # reported as the child's would be
                raise BackgroundFailed(traceback.format_exc()) from None
        if self._pid is None or self._pipe is None:
            return None
        pid, pipe = self._pid, self._pipe
        self._pid = self._pipe = None
        with os.fdopen(pipe, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
        try:
            report = json.loads(data)
        except ValueError:
            raise BackgroundFailed(f"the second process ended with status {status}") from None
        for name, level, message in report.get("warnings", []):
            logging.getLogger(name).log(level, message)
        if "error" in report:
            raise BackgroundFailed(report["error"])
        return report.get("result")

    def abandon(self) -> None:
        """Forget inline work; reap a child without looking at its result (build errors)."""
        self._inline = None
        if self._pid is not None and self._pipe is not None:
            os.close(self._pipe)
            os.waitpid(self._pid, 0)
        self._pid = self._pipe = None


def _child(work: list[Work], result: Result, pipe: int) -> int:
    """Run in the child: do the work, report through ``pipe``, return the exit status."""
    keep = _Keep()
    for name in ("mkdocs", "properdocs"):  # ProperDocs logs its own warnings under its name
        logger = logging.getLogger(name)
        logger.handlers = [keep]
        logger.propagate = False
    report: dict[str, Any] = {}
    status = 0
    try:
        for step in work:
            step()
        report["result"] = result()
    except BaseException:  # everything, so the parent always hears of it
        report["error"] = traceback.format_exc()
        status = 1
    report["warnings"] = keep.records
    try:
        with os.fdopen(pipe, "wb") as stream:
            stream.write(json.dumps(report).encode("utf-8"))
    except BaseException:
        status = 2
    sys.stdout.flush()
    sys.stderr.flush()
    return status
