"""The sitemap's ``<lastmod>`` of each Podium page from the page's own date.

Hack: MkDocs' ``sitemap.xml`` template prints ``file.page.update_date``, which
``Page.__init__`` sets to the build date (``mkdocs.utils.get_build_date``) and
no plugin API sets otherwise; Podium overwrites that attribute in ``on_env``,
before MkDocs renders its static templates.  Checked against MkDocs 1.6.1 and
ProperDocs 1.6.7 (the same attribute and template).  A page object without the
attribute is left alone (one debug line).  Not about speed: it stays on with
``speedups: false``, so both builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.podium")


def set_update_dates(files: Files, dates: Mapping[str, dt.date]) -> None:
    """Each page listed in ``dates`` (by src_uri) gets that date as its ``update_date``."""
    for file in files.documentation_pages():
        page = file.page
        day = dates.get(file.src_uri)
        if page is None or day is None:
            continue
        if not hasattr(page, "update_date"):
            log.debug("podium: pages have no update_date; the sitemap keeps its dates")
            return
        page.update_date = day.isoformat()
