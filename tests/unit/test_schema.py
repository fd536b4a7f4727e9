"""The JSON Schemas for editors: generated from the validating models, committed, and true."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from podium import cli
from podium.problems import Problems
from podium.schema import SCHEMAS, schemas
from podium.yamlsafe import load_yaml
from tests.conftest import REPO


def _load(path: Path) -> object:
    data, _ = load_yaml(path.read_text("utf-8"), path.name, Problems())
    return data


def test_committed_schemas_match_the_models() -> None:
    for name, schema in schemas().items():
        committed = json.loads((REPO / "schemas" / name).read_text("utf-8"))
        assert committed == schema, f"schemas/{name} is stale: run `podium schema schemas`"


def test_example_data_files_validate_and_point_at_their_schema() -> None:
    targets = dict.fromkeys((REPO / "data/events").glob("*.yml"), "event.json")
    targets[REPO / "data/people.yml"] = "people.json"
    targets[REPO / "data/tags.yml"] = "tags.json"
    for path, name in targets.items():
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(name), path
        schema_file = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema_file == (REPO / "schemas" / name).resolve()
        jsonschema.validate(_load(path), json.loads(schema_file.read_text("utf-8")))


@pytest.mark.parametrize(
    ("name", "text", "complaint"),
    [
        (
            "event.json",
            "title: x\nkind: conferense\nstart: 2024-01-01\n",
            "'conferense' is not one of",
        ),
        (
            "event.json",
            "title: x\nkind: meetup\nstart: 2024-01-01\ntgas: [a]\n",
            "Additional properties",
        ),
        (
            "event.json",
            "title: x\nkind: meetup\nstart: 2024-01-01\ntalks:\n  - {title: t, duration: 0}\n",
            "less than the minimum",
        ),
        (
            "event.json",
            "title: x\nkind: meetup\nstart: 2024-01-01\nurl: ftp://x\n",
            "does not match",
        ),
        ("people.json", "ada:\n  name: Ada\n  rol: x\n", "Additional properties"),
        ("people.json", "ada:\n  role: x\n", "'name' is a required property"),
    ],
)
def test_schemas_reject_what_the_build_rejects(name: str, text: str, complaint: str) -> None:
    data, _ = load_yaml(text, "x.yml", Problems())
    with pytest.raises(jsonschema.ValidationError) as info:
        jsonschema.validate(data, schemas()[name])
    assert complaint in info.value.message


def test_podium_schema_writes_every_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["schema", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(SCHEMAS)
    assert capsys.readouterr().out.count("\n") == len(SCHEMAS)
