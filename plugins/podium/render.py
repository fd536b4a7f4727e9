"""Podium's templates: an autoescaping Jinja environment of its own.

MkDocs' theme environment does not autoescape, which is how Material ends up
printing titles raw.  Podium's fragments are rendered here with autoescape
on; a site can override any template by putting a file with the same name
under ``overrides/podium/``.  No content string is ever compiled as a template.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


class Renderer:
    """Renders ``podium/*.html`` templates from the site's overrides, then Podium's own."""

    def __init__(self, override_dirs: Sequence[Path] = ()) -> None:
        loaders = [FileSystemLoader(str(d)) for d in override_dirs if d.is_dir()]
        self.env = Environment(
            loader=ChoiceLoader([*loaders, FileSystemLoader(str(TEMPLATES))]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, template: str, /, **context: Any) -> Markup:
        return Markup(self.env.get_template(f"podium/{template}").render(**context))
