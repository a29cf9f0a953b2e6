"""How secordoc's modules depend on each other, where the design says something about it: what
ingest and the zip reader both need is in a leaf module, so neither imports the other, not even
from inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "secordoc"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(name: str, source: str, is_package: bool = False) -> set[str]:
    """Every secordoc module that module ``name`` (its ``source``) imports, at the top or inside functions."""
    package = name if is_package else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("secordoc"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("secordoc"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)  # `from . import ingest`
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports(name, path.read_text(encoding="utf-8"), path.name == "__init__.py")
                   if m in modules and m != name} for name, path in modules.items()}


def reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(edges.get(current, ()))
    return False


def test_the_entry_and_the_manifest_name_are_in_a_leaf_module():
    edges = graph()
    assert edges["secordoc.entries"] == set()
    for user in ("secordoc.ingest", "secordoc.archive"):
        assert "secordoc.entries" in edges[user]


def test_the_zip_reader_never_imports_ingest_even_indirectly():
    edges = graph()
    assert "secordoc.archive" in edges["secordoc.ingest"]  # ingest unpacks zips
    assert not reaches(edges, "secordoc.archive", "secordoc.ingest")


def test_the_import_reader_sees_imports_inside_functions_and_relative_ones():
    source = "def f():\n    from .ingest import collect\n    from . import cache\n    import secordoc.extract\n"
    assert imports("secordoc.archive", source) == {"secordoc.ingest", "secordoc.ingest.collect", "secordoc",
                                                   "secordoc.cache", "secordoc.extract"}
    assert imports("secordoc.layout.raster", "from ..model import Rule\n") == {"secordoc.model", "secordoc.model.Rule"}
