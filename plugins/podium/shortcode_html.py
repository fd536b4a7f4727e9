"""What each supported Hugo shortcode accepts, and the Markdown/HTML it becomes.

:mod:`podium.shortcodes` finds and parses shortcodes; this module holds the
argument specifications and the renderers for ``figure``, ``youtube``,
``vimeo`` and ``highlight`` (``ref``/``relref`` need the page catalogue and
are handled by the scanner).  Renderers validate every argument, report each
mistake through a callback, and return ``None`` when anything is wrong.  All
HTML is escaped with :func:`html.escape` and attributes are double-quoted.
Video embeds are :func:`podium.video.embed_html`, as on talk pages: they load
nothing from the video host until the reader clicks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from urllib.parse import unquote

from markupsafe import Markup

from podium.video import (
    HOST_NAMES,
    EmbedKind,
    embed_html,
    vimeo_embed_url,
    vimeo_watch_url,
    youtube_embed_url,
    youtube_watch_url,
)

Report = Callable[[int, str], None]
"""``report(offset, message)``: one problem at a body offset (the field is the shortcode name)."""


@dataclass(frozen=True)
class Arg:
    """One argument value and the body offset where the argument starts."""

    value: str
    offset: int
    at: int = -1
    """The body offset where the value itself starts (after ``key=`` and the quote)."""


@dataclass(frozen=True)
class Spec:
    """What one shortcode accepts."""

    name: str
    args: tuple[str, ...]
    positional: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    block: bool = True
    paired: bool = False


SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec(
            "figure",
            (
                *("src", "alt", "title", "caption", "attr", "attrlink", "link", "target", "rel"),
                *("width", "height", "class", "position", "loading"),
            ),
            required=("src",),
        ),
        Spec(
            "youtube",
            ("id", "title", "start", "end", "autoplay", "loading", "class"),
            positional=("id",),
            required=("id",),
        ),
        Spec(
            "vimeo",
            ("id", "title", "class", "loading", "allowFullScreen"),
            positional=("id",),
            required=("id",),
        ),
        Spec("ref", ("path", "lang", "outputFormat"), ("path",), ("path",), block=False),
        Spec("relref", ("path", "lang", "outputFormat"), ("path",), ("path",), block=False),
        Spec("highlight", ("lang", "options"), positional=("lang", "options"), paired=True),
    )
}

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}\Z")
_VIMEO_ID = re.compile(r"[0-9]{1,20}\Z")
_PIXELS = re.compile(r"([0-9]{1,5})(?:px)?\Z")
_SECONDS = re.compile(r"[0-9]{1,7}\Z")
_CSS_CLASS = re.compile(r"-?[_A-Za-z][_A-Za-z0-9-]*\Z")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_LANG = re.compile(r"[A-Za-z0-9_+#.-]{1,40}\Z")
_LINE_RANGE = re.compile(r"([0-9]{1,6})(?:-([0-9]{1,6}))?\Z")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"\*\*([^*\n]+)\*\*")
_EM = re.compile(r"\*([^*\n]+)\*")

_BOOLS = {"true": True, "false": False}
_POSITIONS = ("left", "center", "right")
_MAX_HL_LINES = 10_000


def check_arguments(
    spec: Spec,
    positional: list[Arg],
    named: list[tuple[str, Arg]],
    at: int,
    report: Report,
    *,
    ok: bool = True,
) -> dict[str, Arg] | None:
    """Map a call's arguments to ``spec``'s names; ``None`` after reporting problems.

    ``at`` is the offset of the ``{{<`` (for problems about the call as a whole);
    ``ok=False`` says problems were already reported (no "missing" noise then).
    """
    if named and positional:
        report(at, "cannot mix named and positional arguments")
        return None
    if len(positional) > len(spec.positional):
        if spec.positional:
            expected = f"at most {len(spec.positional)}: {', '.join(spec.positional)}"
        else:
            expected = "named arguments only"
        extra = positional[len(spec.positional)]
        report(extra.offset, f"unexpected positional argument '{show(extra.value)}' ({expected})")
        ok = False
    args = dict(zip(spec.positional, positional, strict=False))
    for key, arg in named:
        if key not in spec.args:
            names = ", ".join(spec.args)
            report(arg.offset, f"unknown argument '{show(key)}' ({spec.name} arguments: {names})")
            ok = False
        elif key in args:
            report(arg.offset, f"argument '{key}' given twice")
            ok = False
        else:
            args[key] = arg
    for key in spec.required:
        if ok and not (key in args and args[key].value.strip()):
            report(at, f"missing required argument '{key}'")
            ok = False
    return args if ok else None


def show(value: str, limit: int = 60) -> str:
    """A user value for a message: one line, at most ``limit`` characters."""
    flat = value.replace("\n", "\\n")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def attr(value: str) -> str:
    """Escape text for a double-quoted attribute or element content."""
    return escape(value, quote=True)


def inline_markdown(text: str) -> str:
    """Escape ``text``, then render the safe subset `code`, **strong** and *em*."""
    out: list[str] = []
    last = 0
    for m in _CODE_SPAN.finditer(text):
        out.append(_emphasis(escape(text[last : m.start()], quote=True)))
        out.append(f"<code>{escape(m.group(1), quote=True)}</code>")
        last = m.end()
    out.append(_emphasis(escape(text[last:], quote=True)))
    return "".join(out)


def _emphasis(escaped: str) -> str:
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(r"<em>\1</em>", escaped)


def plain(text: str) -> str:
    """Caption text without the Markdown markers :func:`inline_markdown` understands."""
    return text.replace("**", "").replace("`", "")


def url_scheme_problem(url: str, *, mailto: bool) -> str | None:
    """Why ``url`` may not be used as a link or image address, or ``None``.

    Paths (``/assets/x.jpg``, ``x.jpg``) and http(s) URLs are allowed (plus
    ``mailto:`` for links).  Obfuscations are seen through: entities,
    percent-encoding, NFKC (full-width letters), whitespace and control
    characters anywhere, mixed case.
    """
    allowed = {"http", "https", "mailto"} if mailto else {"http", "https"}
    seen = unicodedata.normalize("NFKC", unescape(url))
    for candidate in (seen, unquote(seen)):
        squeezed = "".join(
            ch for ch in candidate if not ch.isspace() and unicodedata.category(ch)[0] != "C"
        ).lower()
        m = _SCHEME.match(squeezed)
        if m and m.group(1) not in allowed:
            return f"scheme '{m.group(1)}' not allowed (use an http(s) URL or a path)"
    return None


def css_classes(value: str, at: int, report: Report) -> list[str] | None:
    """Split and validate a ``class`` argument."""
    classes = value.split()
    bad = [c for c in classes if not _CSS_CLASS.match(c)]
    for c in bad:
        report(at, f"class: '{show(c)}' is not a valid CSS class name")
    return None if bad else classes


def _choice(args: dict[str, Arg], key: str, options: tuple[str, ...], report: Report) -> bool:
    arg = args.get(key)
    if arg is None or arg.value in options:
        return True
    expected = ", ".join(options[:-1]) + " or " + options[-1]
    report(arg.offset, f"{key}: expected {expected}, got '{show(arg.value)}'")
    return False


def render_figure(args: dict[str, Arg], report: Report) -> str | None:
    """``{{< figure src=… >}}`` as Hugo renders it, with validated arguments."""
    ok = True
    for key in ("src", "link", "attrlink"):
        if key in args:
            why = url_scheme_problem(args[key].value, mailto=key != "src")
            if why:
                report(args[key].offset, f"{key}: {why}")
                ok = False
    size: dict[str, str] = {}
    for key in ("width", "height"):
        if key in args:
            m = _PIXELS.match(args[key].value.strip())
            if m:
                size[key] = m.group(1)
            else:
                report(
                    args[key].offset,
                    f"{key}: expected a number of pixels like 600 or 600px, "
                    f"got '{show(args[key].value)}'",
                )
                ok = False
    classes: list[str] = ["podium-figure"]
    if "class" in args:
        found = css_classes(args["class"].value, args["class"].offset, report)
        ok = ok and found is not None
        classes += found or []
    ok = _choice(args, "position", _POSITIONS, report) and ok
    ok = _choice(args, "loading", ("lazy", "eager"), report) and ok
    if not ok:
        return None

    def get(key: str) -> str:
        arg = args.get(key)
        return arg.value if arg else ""

    if get("position"):
        classes.append(f"podium-figure--{get('position')}")
    alt = get("alt") or plain(get("caption")) or get("title")
    img = f'<img src="{attr(get("src"))}" alt="{attr(alt)}"'
    for key in ("width", "height"):
        if key in size:
            img += f' {key}="{size[key]}"'
    img += f' loading="{attr(get("loading") or "lazy")}">'
    if get("link"):
        link = f'<a href="{attr(get("link"))}"'
        for key in ("target", "rel"):
            if get(key):
                link += f' {key}="{attr(get(key))}"'
        img = f"{link}>{img}</a>"
    caption = ""
    if get("title"):
        caption += f"<h4>{attr(get('title'))}</h4>"
    if get("caption") or get("attr"):
        text = inline_markdown(get("caption"))
        credit = inline_markdown(get("attr"))
        if get("attrlink") and credit:
            credit = f'<a href="{attr(get("attrlink"))}">{credit}</a>'
        caption += f"<p>{' '.join(part for part in (text, credit) if part)}</p>"
    if caption:
        caption = f"<figcaption>{caption}</figcaption>"
    return f'<figure class="{" ".join(classes)}">{img}{caption}</figure>'


def _embed(
    kind: EmbedKind, embed_url: str, watch_url: str, args: dict[str, Arg], extra: list[str]
) -> str:
    title = args["title"].value if "title" in args else ""
    label = HOST_NAMES[kind]
    # attr(), as all HTML of this module: a quote in a title stays &#x27; (markupsafe: &#39;).
    return str(
        embed_html(
            kind,
            embed_url,
            watch_url,
            title=Markup(attr(title or label + " video")),
            text=Markup(attr(title or "Watch the video on " + label)),
            classes=extra,
        )
    )


def _common_embed_checks(args: dict[str, Arg], report: Report) -> list[str] | None:
    ok = _choice(args, "loading", ("lazy", "eager"), report)
    classes: list[str] | None = []
    if "class" in args:
        classes = css_classes(args["class"].value, args["class"].offset, report)
    return classes if ok else None


def render_youtube(args: dict[str, Arg], report: Report) -> str | None:
    """A click-to-load YouTube embed (youtube-nocookie.com) built from the validated id."""
    video = args["id"].value
    ok = True
    if not _YOUTUBE_ID.match(video):
        report(
            args["id"].offset,
            f"invalid video id '{show(video)}' (expected 11 characters from A-Z a-z 0-9 _ -)",
        )
        ok = False
    query: list[str] = []
    for key in ("start", "end"):
        if key in args:
            if _SECONDS.match(args[key].value):
                query.append(f"{key}={int(args[key].value)}")
            else:
                report(
                    args[key].offset,
                    f"{key}: expected a number of seconds, got '{show(args[key].value)}'",
                )
                ok = False
    if "autoplay" in args:
        if args["autoplay"].value not in _BOOLS:
            report(
                args["autoplay"].offset,
                f"autoplay: expected true or false, got '{show(args['autoplay'].value)}'",
            )
            ok = False
        elif _BOOLS[args["autoplay"].value]:
            query.append("autoplay=1")
    extra = _common_embed_checks(args, report)
    if not ok or extra is None:
        return None
    embed = youtube_embed_url(video)
    if query:
        embed += "?" + "&".join(query)
    watch = youtube_watch_url(video)
    if "start" in args:
        watch += f"&t={int(args['start'].value)}s"
    return _embed("youtube", embed, watch, args, extra)


def render_vimeo(args: dict[str, Arg], report: Report) -> str | None:
    """A click-to-load Vimeo embed (``dnt=1``) built from the validated id."""
    video = args["id"].value
    ok = True
    if not _VIMEO_ID.match(video):
        report(args["id"].offset, f"invalid video id '{show(video)}' (expected digits)")
        ok = False
    if "allowFullScreen" in args and args["allowFullScreen"].value not in _BOOLS:
        report(
            args["allowFullScreen"].offset,
            f"allowFullScreen: expected true or false, got '{show(args['allowFullScreen'].value)}'",
        )
        ok = False
    extra = _common_embed_checks(args, report)
    if not ok or extra is None:
        return None
    return _embed("vimeo", vimeo_embed_url(video), vimeo_watch_url(video), args, extra)


HIGHLIGHT_OPTIONS = (
    *("anchorlinenos", "codefences", "guesssyntax", "hl_inline", "hl_lines", "lineanchors"),
    *("linenos", "linenostart", "linenumbersintable", "noclasses", "style", "tabwidth"),
    "wrapperclass",
)


def _hl_lines(value: str) -> list[int] | None:
    lines: list[int] = []
    for part in value.replace(",", " ").split():
        m = _LINE_RANGE.match(part)
        if not m:
            return None
        first = int(m.group(1))
        last = int(m.group(2) or first)
        if last < first or len(lines) + last - first >= _MAX_HL_LINES:
            return None
        lines.extend(range(first, last + 1))
    return lines or None


def highlight_info(args: dict[str, Arg], report: Report) -> str | None:
    """The info string of the fence for ``{{< highlight LANG "OPTIONS" >}}``, or ``None``.

    ``linenos`` and ``hl_lines`` become pymdownx.highlight's ``linenums`` and
    ``hl_lines``; the other Hugo options are accepted and have no effect.
    """
    ok = True
    lang = args["lang"].value if "lang" in args else ""
    if lang and not _LANG.match(lang):
        report(args["lang"].offset, f"invalid language '{show(lang)}'")
        ok = False
    options: dict[str, str] = {}
    if "options" in args:
        at = args["options"].offset
        for item in args["options"].value.split(","):
            key, eq, value = item.partition("=")
            key = key.strip().lower()
            if not key:
                continue
            if key not in HIGHLIGHT_OPTIONS:
                report(
                    at, f"unknown option '{show(key)}' (options: {', '.join(HIGHLIGHT_OPTIONS)})"
                )
                ok = False
            options[key] = value.strip() if eq else "true"
    info = lang
    linenos = options.get("linenos", "false").lower()
    start = options.get("linenostart", "1")
    if linenos not in ("true", "false", "table", "inline"):
        report(
            args["options"].offset,
            f"linenos: expected true, false, table or inline, got '{show(linenos)}'",
        )
        ok = False
    elif not start.isdigit():
        report(args["options"].offset, f"linenostart: expected a number, got '{show(start)}'")
        ok = False
    elif linenos != "false":
        info += f' linenums="{int(start)}"'
    if "hl_lines" in options:
        lines = _hl_lines(options["hl_lines"])
        if lines is None:
            report(
                args["options"].offset,
                "hl_lines: expected line numbers and ranges like '8 15-17', "
                f"got '{show(options['hl_lines'])}'",
            )
            ok = False
        else:
            info += f' hl_lines="{" ".join(map(str, lines))}"'
    return info if ok else None
