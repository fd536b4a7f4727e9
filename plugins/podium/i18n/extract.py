"""Which messages Podium prints: found in the templates and in the Python code.

Templates are read with Jinja's own ``extract_translations`` (what the i18n
extension translates), Python with Babel's extractor (``gettext``/``ngettext``
calls).  The build uses this to warn about messages without a translation;
``python -m podium.i18n extract`` uses it to add new messages to every
catalogue; the tests use it to check every catalogue is complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import extract_from_file
from jinja2 import Environment

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
KEYWORDS = {"gettext": None, "ngettext": (1, 2)}


@dataclass(frozen=True)
class Found:
    """A message as written, and where: ``plural`` is set for ``ngettext``."""

    msgid: str
    plural: str | None
    path: Path
    line: int


def _env() -> Environment:
    return Environment(extensions=["jinja2.ext.i18n"])


def template_messages(source: str, path: Path, env: Environment | None = None) -> Iterator[Found]:
    """The messages of one template's source."""
    # extract_translations is added to Environment by the i18n extension.
    extract = (env or _env()).extract_translations  # type: ignore[attr-defined]
    for line, _function, message in extract(source):
        if isinstance(message, str):
            yield Found(message, None, path, line)
        else:
            strings = [m for m in message if isinstance(m, str)]
            if strings:
                yield Found(strings[0], strings[1] if len(strings) > 1 else None, path, line)


def python_messages(path: Path) -> Iterator[Found]:
    for line, message, _comments, _context in extract_from_file(
        "python", str(path), keywords=KEYWORDS
    ):
        if isinstance(message, str):
            yield Found(message, None, path, line)
        elif message and message[0]:
            yield Found(message[0], message[1] if len(message) > 1 else None, path, line)


def podium_messages(package: Path = PACKAGE) -> list[Found]:
    """Every message Podium's own templates and code print, in file order."""
    env = _env()
    found: list[Found] = []
    for path in sorted((package / "templates").rglob("*.html")):
        found += template_messages(path.read_text(encoding="utf-8"), path, env)
    for path in sorted(package.rglob("*.py")):
        if "gettext(" in path.read_text(encoding="utf-8"):
            found += python_messages(path)
    return found


def unique(found: Iterable[Found]) -> dict[str, Found]:
    """The first place of each message id."""
    out: dict[str, Found] = {}
    for item in found:
        out.setdefault(item.msgid, item)
    return out
