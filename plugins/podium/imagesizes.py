"""Width and height of local images, read from their headers (``imagesize``), for
``width``/``height`` attributes that keep a page from jumping while it loads."""

from __future__ import annotations

from pathlib import Path

import imagesize  # type: ignore[import-untyped]


def image_size(path: Path) -> tuple[int, int] | None:
    """``(width, height)`` of the image at ``path``, or None when its header does not say."""
    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return None
    if not isinstance(width, int) or not isinstance(height, int) or width <= 0 or height <= 0:
        return None
    return width, height
