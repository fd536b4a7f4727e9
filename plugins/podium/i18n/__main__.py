"""``python -m podium.i18n extract``: add every new message to every catalogue.

New message ids are added with an empty translation (to fill in); ids no
template or module prints any more are kept, marked obsolete (``#~``), so a
translation is never lost by accident.  ``--check`` only lists what is missing
where and exits 1 when anything is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from podium.i18n import DOMAIN, LANGUAGES, LOCALES, SOURCE, catalogue_path
from podium.i18n.extract import PACKAGE, podium_messages, unique

COMMAND = "python -m podium.i18n extract"


def _location(path: Path) -> tuple[str, int]:
    return (path.relative_to(PACKAGE).as_posix(), 0)


def missing_by_language(root: Path = LOCALES) -> dict[str, list[str]]:
    """For each catalogue, the message ids Podium prints that it has no translation of."""
    wanted = unique(podium_messages())
    out: dict[str, list[str]] = {}
    for code in LANGUAGES:
        if code == SOURCE:
            continue
        path = catalogue_path(code, root)
        have: set[str] = set()
        if path.is_file():
            with path.open("rb") as handle:
                for m in read_po(handle, domain=DOMAIN):
                    if not m.id or m.fuzzy:
                        continue
                    strings = m.string if isinstance(m.string, tuple | list) else (m.string,)
                    if all(strings):
                        have.add(m.id if isinstance(m.id, str) else m.id[0])
        out[code] = [msgid for msgid in wanted if msgid not in have]
    return out


def update(root: Path = LOCALES) -> list[Path]:
    """Write every catalogue with every current message id (translations kept)."""
    wanted = unique(podium_messages())
    written = []
    for code in LANGUAGES:
        if code == SOURCE:
            continue
        path = catalogue_path(code, root)
        old = Catalog(locale=code, domain=DOMAIN)
        if path.is_file():
            with path.open("rb") as handle:
                old = read_po(handle, locale=code, domain=DOMAIN)
        # The header keeps its dates, so a run that adds nothing changes nothing.
        new = Catalog(
            locale=code,
            domain=DOMAIN,
            project="Podium",
            version="1",
            header_comment=f"# Podium's messages in {code}.\n# Update: {COMMAND}",
            creation_date=old.creation_date,
            revision_date=old.creation_date,
            language_team=f"{code} <https://github.com/>",
            fuzzy=False,
        )
        for msgid, found in wanted.items():
            key: str | tuple[str, str] = (msgid, found.plural) if found.plural else msgid
            before = old.get(msgid)
            string: str | tuple[str, ...] | list[str] = ""
            if before is not None and before.string:
                string = before.string
            if found.plural and not isinstance(string, tuple | list):
                string = ("",) * new.num_plurals
            elif not found.plural and isinstance(string, tuple | list):
                string = string[0]
            new.add(key, string, locations=[_location(found.path)])
        for message in old:
            if (
                message.id
                and (message.id if isinstance(message.id, str) else message.id[0]) not in wanted
            ):
                new.obsolete[message.id if isinstance(message.id, str) else message.id[0]] = message
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(
                handle, new, width=100, omit_header=False, sort_output=False, no_location=False
            )
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m podium.i18n")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("extract", help="add new messages to every catalogue")
    cmd.add_argument(
        "--check", action="store_true", help="list missing translations; change nothing"
    )
    args = parser.parse_args(argv)
    if not args.check:
        for path in update():
            print(f"updated {path}")
    missing = missing_by_language()
    for code, ids in missing.items():
        for msgid in ids:
            print(f"{catalogue_path(code).relative_to(PACKAGE.parent)}: missing: {msgid!r}")
    return 1 if any(missing.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
