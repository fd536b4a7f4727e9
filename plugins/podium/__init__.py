"""Podium: a community website (blog, events, talks, people) on MkDocs and Material."""

from __future__ import annotations

__version__ = "0.1.0"
