"""JSON Schemas of the data files, generated from the same models that validate them.

Editors with the YAML language server complete and check ``data/`` files
against these (the example files point at them with a
``# yaml-language-server: $schema=…`` comment); ``podium schema DIR`` writes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from podium.eventdata import EventData
from podium.people import PersonData
from podium.tags import TagData

SCHEMAS = ("event.json", "people.json", "tags.json")


def _keyed(title: str, description: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A mapping of id -> entry, the shape of people.yml and tags.yml."""
    defs = entry.pop("$defs", {})
    schema: dict[str, Any] = {
        "title": title,
        "description": description,
        "type": "object",
        "additionalProperties": entry,
    }
    if defs:
        schema["$defs"] = defs
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name, in draft 2020-12 (pydantic's dialect)."""
    event = EventData.model_json_schema()
    event["title"] = "Podium event (data/events/<id>.yml)"
    people = _keyed(
        "Podium people (data/people.yml)",
        "Each key is a person id, used in URLs (people/<id>/) and in authors/speakers.",
        PersonData.model_json_schema(),
    )
    tags = _keyed(
        "Podium tags (data/tags.yml)",
        "Each key is a tag (its slug is the identity); title and description are shown.",
        TagData.model_json_schema(),
    )
    out = {"event.json": event, "people.json": people, "tags.json": tags}
    for schema in out.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into ``folder`` (created if needed); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    return written
