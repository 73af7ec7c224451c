"""dashboard/'s imports form no circle, between modules or between its subpackages, counting imports
inside functions too; an import inside a function is only there to keep a heavy dependency lazy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "dashboard"


def _modules(package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every module of `package` (a package is its __init__)."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and not node.level:
        return [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return []


def _graph(package: str) -> dict[str, set[str]]:
    """Module -> the modules of `package` it imports anywhere in its file (module level or in a function)."""
    modules = _modules(package)
    return {
        name: {
            target
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            for target in _imported(node)
            if target in modules and target != name
        }
        for name, path in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as a path that ends where it starts, or None when there is none."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def _subpackage(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_the_cycle_finder_finds_a_cycle_and_names_it():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_module_of_dashboard_imports_itself_round_a_circle():
    cycle = _cycle(_graph(PACKAGE))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_subpackage_of_dashboard_imports_itself_round_a_circle():
    packages: dict[str, set[str]] = {}
    for module, targets in _graph(PACKAGE).items():
        packages.setdefault(_subpackage(module), set()).update(
            _subpackage(t) for t in targets if _subpackage(t) != _subpackage(module) and t != PACKAGE
        )
    cycle = _cycle(packages)
    assert cycle is None, "import cycle between subpackages: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("folder", ["dashboard", "pages"])
def test_imports_inside_functions_only_keep_a_heavy_dependency_lazy(folder):
    """An import inside a function says why on its line (a comment with "lazy")."""
    unexplained = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for function in ast.walk(ast.parse(text)):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                unexplained += [
                    f"{path.relative_to(ROOT)}:{node.lineno}"
                    for node in ast.walk(function)
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and "lazy" not in lines[node.lineno - 1]
                ]
    assert unexplained == []


def test_pages_and_the_frame_import_nothing_from_db():
    """Pages are layout: they reach the database only through dashboard/."""
    files = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]
    reaching = [
        f"{path.relative_to(ROOT)}: {target}"
        for path in files
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        for target in _imported(node)
        if target == "db" or target.startswith("db.")
    ]
    assert reaching == []
