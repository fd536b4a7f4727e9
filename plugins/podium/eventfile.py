"""Writing ``data/events/<id>.yml`` from code: dump, merge with a hand-edited file, validate.

* :func:`dump_event` writes YAML with :func:`yaml.dump` on a safe dumper (never
  string templates of values), keys in the order of the README, short lists
  in flow style (``speakers: [a, {name: b}]``), multi-line text as ``|``
  block scalars, date-times as ``2024-02-03T18:25:00`` (with their offset
  when they have one: ``2020-12-27T11:30:00+01:00``), and the
  ``# yaml-language-server`` header so editors validate the file.
* :func:`merge` puts imported data into an existing file without losing
  anything written by hand: **existing values win**; imported values only
  fill keys that are absent (or ``null``), also inside ``location`` and inside
  each talk.  Talks are matched by id (an explicit ``id:``, else the slug of
  the title), else by title; a matched talk keeps its id.  Talks not in the
  import stay, new ones are appended.  The file's leading comment lines are
  kept; comments further down cannot survive re-dumping, which
  :func:`other_comments` detects so the command can say so.
* :func:`validate` runs the event loader (:func:`podium.events.load_events`)
  over the text in a scratch copy of the data folder, against the site's
  real content/ (local slides, photos, posts) and people, so a file is
  written only if the build would accept it.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from podium.events import load_events
from podium.paths import ContentTree
from podium.people import People, load_people
from podium.positions import Positions
from podium.problems import Problem, Problems
from podium.settings import Settings
from podium.sources import decode_source
from podium.text import slugify
from podium.yamlsafe import load_yaml

SCHEMA_HEADER = "# yaml-language-server: $schema=../../schemas/event.json"
EVENT_KEYS = (
    "title",
    "kind",
    "start",
    "end",
    "timezone",
    "location",
    "online",
    "url",
    "summary",
    "description",
    "tags",
    "talks",
    "photos",
    "posts",
)
TALK_KEYS = (
    "title",
    "id",
    "subtitle",
    "speakers",
    "track",
    "track_url",
    "room",
    "url",
    "slides",
    "video",
    "start",
    "duration",
    "abstract",
    "tags",
)
LOCATION_KEYS = ("name", "address", "city", "country", "url")
_WHEN = re.compile(
    r"\d{4}-\d{2}-\d{2}([Tt ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?"
)


class _When(str):
    """A date or date-time read back as text: written plain (``2024-02-03``), as by hand."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists inside mappings are indented (`talks:` / `  - title: …`), as written by hand.
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _when(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(value))


def _datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _flat_item(value: object) -> str | None:
    """The text of a list item that may go in a flow list (``{name: x}`` speakers too)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict) and list(value) == ["name"] and isinstance(value["name"], str):
        return "{name: " + value["name"] + "}"
    return None


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    items = [_flat_item(v) for v in value]
    texts = [t for t in items if t is not None]
    short = len(texts) == len(items) and sum(len(t) + 2 for t in texts) <= 80
    simple = short and not any("\n" in t for t in texts)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=simple)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_When, _when)
_Dumper.add_representer(dt.datetime, _datetime)
_Dumper.add_representer(list, _list)


def _ordered(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    out = {k: data[k] for k in keys if k in data}
    out.update((k, v) for k, v in data.items() if k not in out)
    return out


def _when_text(value: object) -> object:
    if isinstance(value, str) and type(value) is str and _WHEN.fullmatch(value.strip()):
        return _When(value.strip())
    return value


def _prepared(event: dict[str, Any]) -> dict[str, Any]:
    out = _ordered(event, EVENT_KEYS)
    for key in ("start", "end"):
        if key in out:
            out[key] = _when_text(out[key])
    if isinstance(out.get("location"), dict):
        out["location"] = _ordered(out["location"], LOCATION_KEYS)
    if isinstance(out.get("talks"), list):
        talks = []
        for talk in out["talks"]:
            if isinstance(talk, dict):
                talk = _ordered(talk, TALK_KEYS)
                if "start" in talk:
                    talk["start"] = _when_text(talk["start"])
            talks.append(talk)
        out["talks"] = talks
    return out


def dump_event(event: dict[str, Any], header: Iterable[str] = ()) -> str:
    """The YAML text of an event file: header comment lines, then the data."""
    lines = [line.rstrip() for line in header if line.strip()]
    if not any(line.startswith("# yaml-language-server:") for line in lines):
        lines.insert(0, SCHEMA_HEADER)
    body = yaml.dump(
        _prepared(event),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
        indent=2,
    )
    return "\n".join(lines) + "\n" + body


def header_lines(text: str) -> list[str]:
    """The comment lines at the top of a file (kept when it is rewritten)."""
    header: list[str] = []
    for line in text.split("\n"):
        if line.startswith("#"):
            header.append(line)
        elif line.strip():
            break
    return header


_COMMENT_START = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)


def other_comments(text: str) -> bool:
    """True if the file has comment lines or end-of-line comments below its header.

    A ``#`` counts only outside every value (an abstract's ``C #1`` is no comment):
    the YAML scanner gives the extent of each scalar.
    """
    lines = text.split("\n")
    skip = 0
    while skip < len(lines) and (not lines[skip].strip() or lines[skip].startswith("#")):
        skip += 1
    body = sum(len(line) + 1 for line in lines[:skip])
    hashes = [m.start() for m in _COMMENT_START.finditer(text, body)]
    if not hashes:
        return False
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        spans = [
            (token.start_mark.index, token.end_mark.index)
            for token in yaml.scan(text, Loader=loader)
            if isinstance(token, yaml.ScalarToken)
        ]
    except yaml.YAMLError:
        return True
    starts = [start for start, _ in spans]
    for at in hashes:
        inside = bisect.bisect_right(starts, at) - 1
        if inside < 0 or not spans[inside][0] <= at < spans[inside][1]:
            return True
    return False


@dataclass(frozen=True)
class Existing:
    """An event file already on disk, parsed."""

    text: str
    data: dict[str, Any]
    positions: Positions


def read_existing(path: Path, shown: str, problems: Problems) -> Existing | None:
    """The parsed file, or None after recording why it cannot be merged into."""
    text = decode_source(path.read_bytes(), shown, problems)
    if text is None:
        return None
    before = len(problems)
    data, positions = load_yaml(text, shown, problems)
    if len(problems) > before:
        return None
    if data is None:
        return Existing(text, {}, positions)
    if not isinstance(data, dict):
        problems.error(shown, *positions.root, "", "an event file must be key: value pairs")
        return None
    talks = data.get("talks")
    if talks is not None and not isinstance(talks, list):
        problems.error(shown, *positions.value(("talks",)), "talks", "expected a list of talks")
        return None
    return Existing(text, data, positions)


@dataclass
class MergeReport:
    """What a merge did, for the command's summary line."""

    added: int = 0
    filled: int = 0
    unchanged: int = 0
    placed: list[int] = dataclasses.field(default_factory=list)
    """Where each imported talk is in the merged ``talks`` list, in import order."""


def _fold(text: object) -> str:
    return unicodedata.normalize("NFC", str(text)).casefold().strip()


def _talk_id(talk: dict[str, Any]) -> str:
    given = talk.get("id")
    if isinstance(given, str) and given.strip():
        return given.strip()
    return slugify(str(talk.get("title") or ""))


def _fill(target: dict[str, Any], source: dict[str, Any], skip: Iterable[str] = ()) -> bool:
    changed = False
    for key, value in source.items():
        if key in skip or value is None:
            continue
        if target.get(key) is None:
            target[key] = value
            changed = True
        elif key == "location" and isinstance(target[key], dict) and isinstance(value, dict):
            inner = dict(target[key])
            if _fill(inner, value):
                target[key] = inner
                changed = True
    return changed


def merge(existing: dict[str, Any], imported: dict[str, Any]) -> tuple[dict[str, Any], MergeReport]:
    """``existing`` with the absent values of ``imported`` filled in (see the module notes)."""
    result = dict(existing)
    _fill(result, imported, skip=("talks",))
    report = MergeReport()
    talks = [dict(t) if isinstance(t, dict) else t for t in (existing.get("talks") or [])]
    by_id: dict[str, dict[str, Any]] = {}
    by_title: dict[str, dict[str, Any]] = {}
    for talk in talks:
        if isinstance(talk, dict):
            by_id.setdefault(_talk_id(talk), talk)
            by_title.setdefault(_fold(talk.get("title") or ""), talk)
    where = {id(t): n for n, t in enumerate(talks)}
    for new in imported.get("talks") or []:
        match = by_id.get(_talk_id(new)) or by_title.get(_fold(new.get("title") or ""))
        if match is None:
            report.placed.append(len(talks))
            talks.append(dict(new))
            report.added += 1
            continue
        report.placed.append(where[id(match)])
        if _fill(match, new, skip=("id",)):
            report.filled += 1
        else:
            report.unchanged += 1
    if talks or "talks" in existing or "talks" in imported:
        result["talks"] = talks
    return result, report


def post_sources(settings: Settings) -> frozenset[str]:
    """Content-relative paths of every post, as the catalog sees them (for ``posts:``)."""
    blog = settings.blog_dir.strip("/") + "/"
    folder = settings.content_dir / settings.blog_dir
    if not folder.is_dir():
        return frozenset()
    found = (p.relative_to(settings.content_dir).as_posix() for p in folder.rglob("*.md"))
    return frozenset(s for s in found if s != blog + "index.md")


def site_people(settings: Settings, tree: ContentTree) -> People:
    """data/people.yml of the site (its own problems are `podium check`'s business)."""
    return load_people(
        settings.data_dir / "people.yml", "data/people.yml", Problems(), tree.check_local
    )


def other_talk_ids(settings: Settings, event_id: str) -> set[str]:
    """Talk ids used by the other event files (explicit ids, else slugs of titles)."""
    folder = settings.data_dir / "events"
    ids: set[str] = set()
    if not folder.is_dir():
        return ids
    for path in sorted(folder.glob("*.yml")):
        if path.stem == event_id or not path.is_file():
            continue
        scratch = Problems()
        text = decode_source(path.read_bytes(), path.name, scratch)
        data, _ = load_yaml(text, path.name, scratch) if text is not None else (None, None)
        if isinstance(data, dict) and isinstance(data.get("talks"), list):
            ids.update(_talk_id(t) for t in data["talks"] if isinstance(t, dict))
    return ids - {""}


def validate(text: str, event_id: str, settings: Settings, tree: ContentTree) -> list[Problem]:
    """Every problem the build would report for ``text`` as ``data/events/<event_id>.yml``."""
    try:
        data_rel = settings.data_dir.resolve().relative_to(settings.root.resolve())
    except ValueError:
        data_rel = Path("data")
    people = site_people(settings, tree)
    problems = Problems()
    with tempfile.TemporaryDirectory(prefix="podium-import-") as scratch:
        root = Path(scratch)
        events = root / data_rel / "events"
        events.mkdir(parents=True)
        (events / f"{event_id}.yml").write_text(text, "utf-8")
        scratch_settings = dataclasses.replace(settings, root=root, data_dir=root / data_rel)
        load_events(scratch_settings, tree, people, post_sources(settings), problems)
    return problems.sorted()


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a crash leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # mkstemp makes the file 0600; a data file gets the usual mode (0666 less the umask).
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
