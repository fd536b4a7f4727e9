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


ADAPTER = PACKAGE / "mkdocs"
PLUGINS = ("posts_plugin.py", "events_plugin.py", "tags_plugin.py")
# Names of MkDocs', Material's and Jinja's internals that Podium's speed layer uses.
INTERNALS = (
    "_build_page",
    "_register",
    "_title_from_render",
    "_RawHTMLPreprocessor",
    "_ExtractAnchorsTreeprocessor",
    "_RelativePathTreeprocessor",
    "_ExtractTitleTreeprocessor",
    "root_render_func",
    "add_entry_from_context",
    '"search_index"',  # the plugin attribute, read with getattr
    "CountHandler",
    "Generated empty output",
)


def test_plugin_modules_are_thin_and_never_import_each_other() -> None:
    for name in PLUGINS:
        path = ADAPTER / name
        assert len(path.read_text("utf-8").splitlines()) <= 200, name
        others = {f"podium.mkdocs.{p.removesuffix('.py')}" for p in PLUGINS if p != name}
        assert _imports(path) & others == set(), name


def test_internals_are_used_only_behind_the_seam_and_marked() -> None:
    outside = {
        p.relative_to(ADAPTER).as_posix(): [n for n in INTERNALS if n in p.read_text("utf-8")]
        for p in ADAPTER.glob("*.py")
    }
    assert {k: v for k, v in outside.items() if v} == {}
    inside = sorted((ADAPTER / "internals").glob("*.py"))
    using = [p for p in inside if any(n in p.read_text("utf-8") for n in INTERNALS)]
    assert len(using) >= 6
    for path in using:
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        assert "Hack:" in doc and "checked against" in doc.lower(), path.name


def test_every_hook_of_a_plugin_is_a_few_lines() -> None:
    for name in PLUGINS:
        tree = ast.parse((ADAPTER / name).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith(("on_", "_")):
                body = [s for s in node.body if not isinstance(s, ast.Expr)]  # docstrings
                assert len(body) <= 8, (name, node.name)
