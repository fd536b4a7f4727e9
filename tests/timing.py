"""A wall-clock guard for tests of linear-time behaviour (ReDoS, alias bombs)."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

LINEAR_BOUND = 5.0
"""Seconds allowed for the pathological inputs: linear code takes well under one,
while backtracking or alias expansion on them would run for minutes. This is a
guard against blow-ups, not a speed measurement (that is `make bench`)."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail if the block runs longer than ``seconds``; SIGALRM stops a runaway block."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"took longer than {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(int(seconds) + 1)
    started = time.perf_counter()
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert time.perf_counter() - started < seconds
