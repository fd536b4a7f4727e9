"""The GitHub Pages workflow that `podium new site` writes passes every test of the repository's own.

Each ``test_*`` of ``test_workflow.py`` runs here a second time, with its ``WORKFLOW`` pointed at
the generated ``.github/workflows/pages.yml``; the two files pin the same action commits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from podium.sitescaffold import new_site
from tests.unit import test_workflow as repository

for _name in dir(repository):
    if _name.startswith("test_"):
        globals()[_name] = getattr(repository, _name)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("new-site") / "site"
    new_site(root, dt.date(2026, 3, 14))
    return root / ".github" / "workflows" / "pages.yml"


@pytest.fixture(autouse=True)
def _point_at_the_generated_workflow(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setattr(repository, "WORKFLOW", generated)
    yield


def _pins(path: Path) -> set[str]:
    return set(re.findall(r"uses:\s*(\S+@[0-9a-f]{40} # v[\d.]+)", path.read_text("utf-8")))


def test_same_action_pins_as_the_repository(generated: Path) -> None:
    ours = Path(repository.REPO) / ".github" / "workflows" / "pages.yml"
    assert _pins(generated) == _pins(ours) and len(_pins(ours)) == 5
