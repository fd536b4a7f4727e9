"""Podium's own search entries are appended to Material's index as Material would write it."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from podium.mkdocs.generated import index_own_entries

CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]}
OWN = [{"location": "talks/a/", "title": "Ünïcode <b>", "text": "x"}]


def _material(docs: list[dict[str, Any]]) -> bytes:
    # What material/plugins/search/plugin.py writes.
    data = {"config": CONFIG, "docs": docs}
    return json.dumps(data, separators=(",", ":"), default=str).encode("utf-8")


@pytest.mark.parametrize(
    "written",
    [
        _material([{"location": "", "title": "Home", "text": "hi"}]),
        _material([]),
        json.dumps({"config": CONFIG, "docs": []}, indent=1).encode("utf-8"),  # another layout
    ],
)
def test_entries_join_the_index_as_one_index_of_every_entry(tmp_path: Path, written: bytes) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_bytes(written)
    before = json.loads(written)["docs"]
    session: Any = SimpleNamespace(own_entries=OWN)
    index_own_entries(session, SimpleNamespace(site_dir=str(tmp_path)))  # type: ignore[arg-type]
    assert index.read_bytes() == _material([*before, *OWN])


def test_nothing_to_add_or_no_index_leaves_the_site_alone(tmp_path: Path) -> None:
    session: Any = SimpleNamespace(own_entries=OWN)
    index_own_entries(session, SimpleNamespace(site_dir=str(tmp_path)))  # type: ignore[arg-type]
    assert not (tmp_path / "search").exists()
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_bytes(_material([]))
    index_own_entries(SimpleNamespace(own_entries=[]), SimpleNamespace(site_dir=str(tmp_path)))  # type: ignore[arg-type]
    assert index.read_bytes() == _material([])
