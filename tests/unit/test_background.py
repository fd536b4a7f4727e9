"""The second process that builds Podium's pages alongside MkDocs: results, warnings, failures."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest

from podium.mkdocs.internals.background import Background, BackgroundFailed

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture(autouse=True)
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other tests of the session may leave idle threads behind (browsers, servers), which
    would make can_fork() refuse; here the fork itself is under test."""
    monkeypatch.setattr(Background, "can_fork", staticmethod(lambda: True))


def test_work_runs_in_a_child_and_its_result_and_warnings_come_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    parent = os.getpid()
    seen: list[int] = []

    def step() -> None:
        seen.append(os.getpid())
        (tmp_path / "out.txt").write_text(str(os.getpid()), "utf-8")
        logging.getLogger("mkdocs.plugins.test").warning("careful: %s", "here")

    background = Background()
    assert background.start([step], lambda: {"pids": seen}, fork=True) is True
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        result = background.finish()
    child = int((tmp_path / "out.txt").read_text("utf-8"))
    assert child != parent and result == {"pids": [child]}
    assert seen == []  # the parent never ran the step
    assert [(r.name, r.getMessage()) for r in caplog.records] == [
        ("mkdocs.plugins.test", "careful: here")
    ]
    assert background.finish() is None  # nothing left to wait for


def test_a_failure_in_the_child_comes_back_with_its_traceback() -> None:
    def step() -> None:
        raise ValueError("boom in the child")

    background = Background()
    background.start([step], lambda: None, fork=True)
    with pytest.raises(BackgroundFailed) as failed:
        background.finish()
    assert "Traceback" in str(failed.value)
    assert "ValueError: boom in the child" in str(failed.value)


def test_without_fork_the_work_waits_for_finish_and_runs_here(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    background = Background()
    started = background.start([lambda: out.write_text("x", "utf-8")], lambda: 42, fork=False)
    assert started is False and not out.exists()
    assert background.finish() == 42 and out.read_text("utf-8") == "x"


def test_a_failure_without_fork_is_reported_the_same_way() -> None:
    def step() -> None:
        raise ValueError("boom here")

    background = Background()
    background.start([step], lambda: None, fork=False)
    with pytest.raises(BackgroundFailed) as failed:
        background.finish()
    assert "ValueError: boom here" in str(failed.value)


def test_nothing_to_do_forks_nothing() -> None:
    background = Background()
    assert background.start([], lambda: ["kept"], fork=True) is False
    assert background.finish() == ["kept"]


def test_no_fork_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real can_fork
    alone = threading.active_count() == 1
    assert Background.can_fork() is alone
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert Background.can_fork() is False
        background = Background()
        assert background.start([lambda: None], lambda: None, fork=True) is False
        assert background.finish() is None
    finally:
        stop.set()
        thread.join()


def test_abandon_reaps_the_child_without_raising() -> None:
    def step() -> None:
        raise RuntimeError("nobody will read this")

    background = Background()
    background.start([step], lambda: None, fork=True)
    background.abandon()
    assert background.finish() is None
