"""Shared pieces for validating data files with pydantic and reporting like a compiler.

pydantic's own messages ("Input should be a valid string") are rewritten into
the user's terms, and each error is placed at the YAML position of the value
(or of its nearest ancestor, for a missing key).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from podium.dates import describe
from podium.positions import PathKey, Positions, dotted
from podium.problems import Problems
from podium.sources import decode_source
from podium.text import slug_problem, text_problem
from podium.yamlsafe import load_yaml

Model = TypeVar("Model", bound=BaseModel)


def fail(message: str, *within: str | int) -> PydanticCustomError:
    """A validation error whose message is shown to the user as it is.

    ``within`` names the part of the value it is about (a key or an index), so
    the error points at ``links.linkedin`` rather than at ``links``.
    """
    # The message goes through the context, never the template: content may hold braces.
    return PydanticCustomError("podium", "{text}", {"text": message, "within": list(within)})


def text_field(value: object) -> object:
    """A ``mode="before"`` validator for one-line display text."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(f"expected text, got {describe(value)} — quote it")
    problem = text_problem(value)
    if problem:
        raise fail(problem)
    return value.strip()


def slug_field(value: object, *, dots: bool = False) -> object:
    """A ``mode="before"`` validator for an id or slug written by hand (it becomes a URL);
    ``dots``: a post's slug, which may hold ``.`` and ``_`` as well (see ``slug_problem``)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(f"expected text, got {describe(value)} — quote it")
    problem = slug_problem(value, dots=dots)
    if problem:
        raise fail(problem)
    return value


def _message(err: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    given = err.get("input")
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown key{hint}"
    if kind in ("string_type", "str_type"):
        return f"expected text, got {describe(given)} — quote it"
    if kind in ("dict_type", "model_type"):
        return f"expected a mapping, got {describe(given)}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, got {describe(given)}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"expected true or false, got {describe(given)}"
    if kind == "podium":
        return str(err["ctx"]["text"])
    return str(err["msg"]).removeprefix("Value error, ")


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in (annotation, *args) if hasattr(a, "model_fields")), None)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def report_validation(
    model: type[Model],
    data: object,
    positions: Positions,
    prefix: PathKey,
    shown: str,
    problems: Problems,
    context: dict[str, Any] | None = None,
) -> Model | None:
    """Validate ``data`` (found at ``prefix`` in the file) and report every error."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not str(p).startswith("function-"))
            loc += tuple((err.get("ctx") or {}).get("within", ()))
            path = prefix + loc
            if err["type"] == "extra_forbidden":
                line, col = positions.key(path)
            else:
                line, col = positions.value(path)
            problems.error(shown, line, col, dotted(path), _message(err, model, tuple(loc)))
        return None


def load_data_file(
    path: Path, shown: str, problems: Problems, *, what: str
) -> tuple[dict[str, object], Positions] | None:
    """Read a YAML data file whose root must be a mapping; None after reporting."""
    text = decode_source(path.read_bytes(), shown, problems)
    if text is None:
        return None
    data, positions = load_yaml(text, shown, problems)
    if data is None:
        if not any(p.path == shown for p in problems):
            problems.error(shown, 1, 0, "", f"empty {what}")
        return None
    if not isinstance(data, dict):
        problems.error(shown, *positions.root, "", f"{what} must be key: value pairs")
        return None
    return data, positions
