"""Podium's templates: an autoescaping Jinja environment of its own.

MkDocs' theme environment does not autoescape, which is how Material ends up
printing titles raw.  Podium's fragments are rendered here with autoescape
on; a site can override any template by putting a file with the same name
under ``overrides/podium/``.  No content string is ever compiled as a template.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from podium.i18n import Language, english

TEMPLATES = Path(__file__).parent / "templates"


class Renderer:
    """Renders ``podium/*.html`` templates from the site's overrides, then Podium's own."""

    def __init__(
        self,
        override_dirs: Sequence[Path] = (),
        *,
        remembered: dict[str, Markup] | None = None,
        remember: dict[str, Markup] | None = None,
        bytecode: BytecodeCache | None = None,
        language: Language | None = None,
    ) -> None:
        # ``remembered`` holds the previous build's fragments; ``remember`` collects this
        # build's, so fragments nobody asks for any more are dropped after one build.
        self._remembered = remembered
        self._memo = remember
        loaders = [FileSystemLoader(str(d)) for d in override_dirs if d.is_dir()]
        self.env = Environment(
            loader=ChoiceLoader([*loaders, FileSystemLoader(str(TEMPLATES))]),
            autoescape=True,
            undefined=StrictUndefined,
            # A Renderer lives for one build: checking every template's mtime on every
            # render (thousands per build) bought nothing.
            auto_reload=False,
            bytecode_cache=bytecode,  # under serve: compiled once, not on every rebuild
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.i18n"],
        )
        # Every string a template prints goes through ``_()``/``ngettext()``, translated by
        # the build's language (theme.language); numbers as that language writes them.
        self.language = language or english()
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            self.language.gettext, self.language.ngettext, newstyle=True
        )
        self.env.globals["number"] = self.language.number
        self.env.globals["lang"] = self.language.code

    def render(self, template: str, /, **context: Any) -> Markup:
        if self._memo is None:
            return self._render(template, context)
        # View models are frozen dataclasses: their pickle captures everything a fragment
        # shows, and pickling (C) is several times faster than repr() on large listings.
        key = hashlib.blake2b(
            pickle.dumps((template, sorted(context.items())), protocol=5), digest_size=20
        ).hexdigest()
        found = self._memo.get(key)
        if found is None and self._remembered is not None:
            found = self._remembered.get(key)
        if found is None:
            found = self._render(template, context)
        self._memo[key] = found
        return found

    def _render(self, template: str, context: dict[str, Any]) -> Markup:
        return Markup(self.env.get_template(f"podium/{template}").render(**context))
