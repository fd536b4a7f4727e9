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
    """Replace link targets that are keys of ``links`` by their URL."""
    if not links:
        return markdown

    def swap(match: re.Match[str]) -> str:
        target = match.group(2)
        return match.group(1) + links.get(target, target) + match.group(3)

    return _REFERENCE.sub(swap, _INLINE.sub(swap, markdown))
