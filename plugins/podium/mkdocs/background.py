"""Feeds and calendars written by a second process while MkDocs builds the pages.

They need only the catalog and each post's rendered excerpt, both complete
before MkDocs builds the first page, and they write files nobody else
writes.  So ``mkdocs build`` forks once there: the child writes them while
the parent builds pages, and the parent collects the child's result at the
end of the build.  On a machine with two cores their cost leaves the wall
time.  Where ``os.fork`` does not exist (Windows), and under ``mkdocs
serve`` (whose server runs threads), the same work runs in the parent at
the end of the build, as it always could.

A failure in the child is never lost: its message comes back through a pipe
and is raised in the parent as a build error.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable

Work = Callable[[], None]


class Background:
    """At most one batch of work at a time, run in a child process when it can be."""

    def __init__(self) -> None:
        self._pid: int | None = None
        self._pipe: int | None = None
        self._inline: list[Work] = []

    def start(self, work: list[Work], *, fork: bool) -> None:
        self.finish()
        if not fork or not hasattr(os, "fork"):
            self._inline = list(work)
            return
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, report, and leave without cleanup handlers
            os.close(read)
            status = 0
            try:
                for step in work:
                    step()
            except BaseException:  # everything, so the parent always hears of it
                status = 1
                os.write(write, traceback.format_exc().encode("utf-8", "replace"))
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(write)
        self._pid, self._pipe = pid, read

    def finish(self) -> str | None:
        """Wait for the work; the child's error report, if it failed."""
        inline, self._inline = self._inline, []
        for step in inline:
            step()
        if self._pid is None or self._pipe is None:
            return None
        pid, pipe = self._pid, self._pipe
        self._pid = self._pipe = None
        chunks = []
        with os.fdopen(pipe, "rb") as stream:
            while chunk := stream.read(65536):
                chunks.append(chunk)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            return None
        report = b"".join(chunks).decode("utf-8", "replace").strip()
        return report or f"the process writing them ended with status {status}"
