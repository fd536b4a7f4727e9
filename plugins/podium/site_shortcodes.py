"""The site's own shortcodes: one Jinja template per name, as Hugo's ``layouts/shortcodes/``.

A Hugo theme brings shortcodes of its own (``alert``, ``notice``, ``tabs``); a site
that moves in keeps its posts unchanged by writing each as a template in the
``shortcodes`` folder (default ``overrides/shortcodes/``): ``alert.html`` serves
``{{< alert >}}``.  A template sees what Hugo's does, under Jinja names:

- ``get(key)`` -- a named argument, or ``get(0)`` a positional one ("" when absent);
- ``params`` (named arguments) and ``positional`` (the list), ``name``;
- ``inner`` -- the text between the opening and closing tag, its own shortcodes
  expanded.  A template that uses ``inner`` needs a closing tag, as in Hugo.

As in Hugo, ``{{% name %}}`` output is Markdown and ``{{< name >}}`` output is HTML
that Markdown leaves alone.  A template whose name is a component's (``Info.html``:
a capital letter, not an HTML element) also serves the MDX tags ``<Info>…</Info>`` and
``<Info />`` of posts from Next.js or Docusaurus: attributes are named arguments, the
children are ``inner`` and the output is Markdown, as MDX renders children (see
:mod:`podium.jsx`).  Templates are autoescaped (arguments are text, ``inner``
is not escaped) and an undefined name is an error, not an empty string.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    meta,
)
from jinja2 import Template as JinjaTemplate
from markupsafe import Markup

from podium.components import is_component
from podium.problems import Problems

SUFFIX = ".html"


class ShortcodeError(Exception):
    """A template that failed while rendering one call; the message is for the author."""


@dataclass(frozen=True)
class SiteShortcodes:
    """The templates of one site's shortcodes folder (none when it has no such folder)."""

    folder: str = ""
    """The folder as messages name it (relative to the project)."""
    templates: dict[str, JinjaTemplate] = field(default_factory=dict)
    paired: frozenset[str] = frozenset()
    """Names whose template uses ``inner``: their calls need a closing tag."""
    broken: frozenset[str] = frozenset()
    """Names whose template does not compile (reported at the template's line)."""
    fingerprint: str = ""
    """Changes when any template changes: part of the key of cached post bodies."""

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.templates) | self.broken

    @functools.cached_property
    def components(self) -> frozenset[str]:
        """Names an MDX component tag can call: ``Image.html`` serves ``<Image />`` too."""
        return frozenset(n for n in self.names if is_component(n))

    def render(self, name: str, positional: list[str], named: dict[str, str], inner: str) -> str:
        """The output of one call; :class:`ShortcodeError` when the template fails."""
        if name in self.broken:
            raise ShortcodeError(f"its template {self.folder}/{name}{SUFFIX} has an error")

        def get(key: int | str, default: str = "") -> str:
            if isinstance(key, int):
                return positional[key] if 0 <= key < len(positional) else default
            return named.get(key, default)

        try:
            return self.templates[name].render(
                name=name,
                get=get,
                params=dict(named),
                positional=list(positional),
                inner=Markup(inner),
            )
        except TemplateError as exc:
            raise ShortcodeError(f"{self.folder}/{name}{SUFFIX}: {exc.message}") from exc
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
            raise ShortcodeError(f"{self.folder}/{name}{SUFFIX}: {exc}") from exc


NONE = SiteShortcodes()


def load(
    folder: Path | None, shown: str, problems: Problems, *, builtin: tuple[str, ...] = ()
) -> SiteShortcodes:
    """Every ``*.html`` of ``folder``; a template that does not compile is an error at its line.

    A template named like a built-in shortcode (``builtin``) is not used: a warning says so.
    """
    if folder is None:
        return NONE
    files = sorted(p for p in folder.glob("*" + SUFFIX) if p.is_file()) if folder.is_dir() else []
    for path in files:
        name = path.name.removesuffix(SUFFIX)
        if name in builtin:
            message = f"'{name}' is built into Podium; this template is not used"
            problems.warning(f"{shown}/{path.name}", 1, 1, "shortcode template", message)
    files = [p for p in files if p.name.removesuffix(SUFFIX) not in builtin]
    if not files:
        return SiteShortcodes(folder=shown)
    texts = {p.name.removesuffix(SUFFIX): p.read_bytes() for p in files}
    fingerprint = hashlib.sha256(
        b"".join(name.encode() + b"\0" + text + b"\0" for name, text in texts.items())
    ).hexdigest()
    loaded = _compile(str(folder), shown, fingerprint, tuple(texts))
    for where, line, message in loaded.problems:
        problems.error(where, line, 1, "shortcode template", message)
    return loaded.shortcodes


@dataclass(frozen=True)
class _Loaded:
    shortcodes: SiteShortcodes
    problems: tuple[tuple[str, int, str], ...]


@functools.lru_cache(maxsize=4)
def _compile(folder: str, shown: str, fingerprint: str, names: tuple[str, ...]) -> _Loaded:
    # One environment per version of the folder: `mkdocs serve` recompiles only after an edit.
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    templates: dict[str, JinjaTemplate] = {}
    paired: set[str] = set()
    broken: set[str] = set()
    problems: list[tuple[str, int, str]] = []
    for name in names:
        source = (Path(folder) / (name + SUFFIX)).read_text("utf-8", "replace")
        try:
            tree = env.parse(source, name + SUFFIX)
            templates[name] = env.get_template(name + SUFFIX)
        except TemplateSyntaxError as exc:
            broken.add(name)
            problems.append((f"{shown}/{name}{SUFFIX}", exc.lineno or 1, exc.message or str(exc)))
            continue
        if "inner" in meta.find_undeclared_variables(tree):
            paired.add(name)
    return _Loaded(
        SiteShortcodes(shown, templates, frozenset(paired), frozenset(broken), fingerprint),
        tuple(problems),
    )
