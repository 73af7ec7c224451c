"""The import graph of each first-party package: no cycles, no streamlit under db/, and no import inside a
function unless it keeps a heavy optional dependency lazy (and says so).

Imports are read with ast, those inside functions included; `from x import y` where `x.y` is a module counts
as importing `x.y`. To check another package, add its name to PACKAGES.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["db", "dashboard", "pages"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(package: str) -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((ROOT / package).rglob("*.py"))}


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_names(module: str, path: Path) -> set[str]:
    """Every module name `module` imports, anywhere in its file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, node, path.name == "__init__.py")
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return names


def import_graph(package: str) -> dict[str, set[str]]:
    """First-party module -> the modules of the same package it imports (a name that is not a module drops out)."""
    modules = _modules(package)
    return {
        name: {n for n in imported_names(name, path) if n in modules and n != name} for name, path in modules.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path that starts and ends at the same module, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _package_imports(names: set[str]) -> set[str]:
    return {n for n in names if not n.startswith(tuple(f"{p}." for p in PACKAGES))}


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycles(package):
    cycle = find_cycle(import_graph(package))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_a_cycle_is_found_and_named():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_db_never_imports_streamlit():
    offenders = [
        name
        for name, path in _modules("db").items()
        if any(n == "streamlit" or n.startswith("streamlit.") for n in imported_names(name, path))
    ]
    assert offenders == [], "over the limits:\n" + "\n".join(offenders)


def _function_imports(path: Path) -> list[int]:
    """Line numbers of the imports inside functions in one file."""
    lines = []
    for fn in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines += [node.lineno for node in ast.walk(fn) if isinstance(node, (ast.Import, ast.ImportFrom))]
    return sorted(set(lines))


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_inside_functions_only_keep_a_dependency_lazy(package):
    offenders = []
    for _name, path in _modules(package).items():
        text = path.read_text().splitlines()
        for line in _function_imports(path):
            said = " ".join(text[max(line - 2, 0) : line]).lower()
            if "lazy" not in said:
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {text[line - 1].strip()}")
    assert offenders == [], "over the limits:\n" + "\n".join(offenders)


MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40
SIZED = ["db", "dashboard", "pages", "scripts", "bench"]  # and app.py; migrations/ and tests/ are left out


def _sized_files() -> list[Path]:
    files = [ROOT / "app.py"] + [p for d in SIZED for p in sorted((ROOT / d).rglob("*.py"))]
    return [p for p in files if "migrations" not in p.relative_to(ROOT).parts]


def oversized(path: Path, max_module: int = MAX_MODULE_LINES, max_function: int = MAX_FUNCTION_LINES) -> list[str]:
    """The module if it is over `max_module` lines, and each function over `max_function` (decorators aside)."""
    text = path.read_text()
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found = []
    if (lines := len(text.splitlines())) > max_module:
        found.append(f"{where}: {lines} lines")
    for fn in ast.walk(ast.parse(text, str(path))):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (fn.end_lineno or fn.lineno) - fn.lineno + 1
            if length > max_function:
                found.append(f"{where}:{fn.lineno}: {fn.name} is {length} lines")
    return found


def test_the_size_check_names_a_long_module_and_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(41))
    path = tmp_path / "long.py"
    path.write_text(f"def short():\n    return 1\n\n\ndef long():\n{body}\n" + "\n" * 300)
    assert oversized(path) == [f"{path}: {len(path.read_text().splitlines())} lines", f"{path}:5: long is 42 lines"]
    path.write_text(f"def long():\n{body}\n")
    assert oversized(path, max_function=42) == []


def test_no_module_over_300_lines_and_no_function_over_40():
    offenders = [line for path in _sized_files() for line in oversized(path)]
    assert offenders == [], "over the limits:\n" + "\n".join(offenders)
