"""The core never imports mkdocs; only podium.mkdocs adapts it (DESIGN §1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import podium

PACKAGE = Path(podium.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_modules_do_not_import_mkdocs() -> None:
    core = list(PACKAGE.glob("*.py"))
    assert len(core) > 10
    offenders = {
        p.name: sorted(n for n in _imports(p) if n == "mkdocs" or n.startswith("mkdocs."))
        for p in core
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_whole_core_loads_no_mkdocs() -> None:
    modules = ", ".join(
        f"podium.{p.stem}" for p in sorted(PACKAGE.glob("*.py")) if p.stem != "__init__"
    )
    loaded = "sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs')"
    code = f"import sys, {modules}; print({loaded})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
