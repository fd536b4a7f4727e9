"""The build's language from Material's own setting, ``theme.language``.

An unknown code is a warning at its line in mkdocs.yml and the site is shown
in English (Material itself would stop on a language it has no partial for).
A message the site's templates print without a translation in that language
is shown in English, with one warning per message and build naming it.
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig

from podium.i18n import LANGUAGES, SOURCE, Language, supported
from podium.i18n.extract import template_messages

log = logging.getLogger("mkdocs.plugins.podium")


def _where(config: MkDocsConfig) -> str:
    """``mkdocs.yml:LINE`` of ``theme: language:`` (the file alone when it cannot be found)."""
    path = Path(config.config_file_path or "mkdocs.yml")
    where = path.name
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return where
    if not isinstance(root, yaml.MappingNode):
        return where
    for key, value in root.value:
        if key.value == "theme" and isinstance(value, yaml.MappingNode):
            for k, v in value.value:
                if k.value == "language":
                    return f"{where}:{v.start_mark.line + 1}"
    return where


def _material_knows(config: MkDocsConfig, code: str) -> bool:
    return any(
        (Path(d) / "partials" / "languages" / f"{code}.html").is_file() for d in config.theme.dirs
    )


def build_language(config: MkDocsConfig) -> Language:
    """This build's :class:`Language` (Podium's catalogue plus the site's, from its theme dirs)."""
    code = str(config.theme.get("language") or SOURCE)
    site_dirs = [Path(d) for d in config.theme.dirs]
    if supported(code):
        return Language(code, site_dirs)
    choices = ", ".join(LANGUAGES)
    if _material_knows(config, code):
        log.warning(
            f"{_where(config)}: warning: theme.language: Podium has no {code!r} catalogue "
            f"(it has {choices}); Podium's text is shown in English — add "
            f"overrides/podium/locales/{code}/LC_MESSAGES/podium.po (see README)"
        )
    else:
        log.warning(
            f"{_where(config)}: warning: theme.language: unknown language {code!r} — use one "
            f"of {choices}; the site is shown in English"
        )
        config.theme["language"] = SOURCE
    return Language(SOURCE, site_dirs)


def warn_untranslated(language: Language, env: Environment, root: Path) -> None:
    """One warning per message the build's templates print with no translation in ``language``."""
    if language.code == SOURCE or env.loader is None:
        return
    seen: set[str] = set()
    for name in sorted(n for n in env.loader.list_templates() if n.startswith("podium/")):
        source, filename, _ = env.loader.get_source(env, name)
        path = Path(filename or name)
        for found in template_messages(source, path, env):
            if found.msgid in seen or found.msgid in language.known:
                continue
            seen.add(found.msgid)
            try:
                shown = path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                shown = path.as_posix()
            log.warning(
                f"{shown}:{found.line}: warning: i18n: {found.msgid!r} has no {language.name} "
                f"({language.code}) translation; shown in English — add it to "
                f"overrides/podium/locales/{language.code}/LC_MESSAGES/podium.po"
            )
