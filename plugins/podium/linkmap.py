"""Links in posts that point at pages kept elsewhere (the `external_links` option).

A migrated post may link a post the new site does not carry.  Rather than
editing the verbatim post, the site maps that link, exactly as written, to
the original's URL; any other unresolved link stays a warning with its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Markdown inline link targets and reference definitions; targets never contain spaces.
_INLINE = re.compile(r"(\]\(\s*<?)([^\s()<>]+)(>?(?:\s+\"[^\"]*\")?\s*\))")
# Spaces and tabs, not \s: a definition is one line, and a blank line before it is not part of it.
_REFERENCE = re.compile(r"(?m)^([ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?)(\S+?)(>?(?:[ \t].*)?)$")


def apply_external_links(markdown: str, links: Mapping[str, str]) -> str:
    """Replace link targets that are keys of ``links`` by their URL.

    A key ending in ``*`` is a prefix: ``/docs/*: https://example.org/docs/`` sends
    ``/docs/a/b/`` to ``https://example.org/docs/a/b/`` (a section the site does not carry).
    """
    if not links:
        return markdown
    prefixes = sorted(
        ((key[:-1], url) for key, url in links.items() if key.endswith("*")),
        key=lambda pair: -len(pair[0]),
    )

    def swap(match: re.Match[str]) -> str:
        target = match.group(2)
        url = links.get(target)
        if url is None:
            prefix = next((p for p in prefixes if target.startswith(p[0])), None)
            url = target if prefix is None else prefix[1] + target[len(prefix[0]) :]
        return match.group(1) + url + match.group(3)

    return _REFERENCE.sub(swap, _INLINE.sub(swap, markdown))
