"""The thin MkDocs adapters: the only part of Podium that imports mkdocs."""
