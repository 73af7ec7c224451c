"""dashboard/'s layers: its subpackages import one another in one direction only (no circle between them), and
pages and the frame reach the database only through dashboard/. Cycles between modules, imports inside
functions and sizes are checked for every package in tests/test_import_graph.py; this module reuses its reader."""

from __future__ import annotations

from tests.test_import_graph import ROOT, find_cycle, import_graph, imported_names

PACKAGE = "dashboard"


def _subpackage(module: str) -> str:
    return ".".join(module.split(".")[:2])


def subpackage_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """dashboard.<subpackage> -> the other subpackages its modules import (the package's own __init__ left out)."""
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        here = _subpackage(module)
        packages.setdefault(here, set()).update(
            _subpackage(t) for t in targets if _subpackage(t) != here and t != PACKAGE
        )
    return packages


def test_a_circle_between_subpackages_is_found():
    graph = {"dashboard.a.x": {"dashboard.b.y"}, "dashboard.b.y": {"dashboard.a.z"}, "dashboard.a.z": set()}
    assert find_cycle(subpackage_graph(graph)) == ["dashboard.a", "dashboard.b", "dashboard.a"]


def test_no_subpackage_of_dashboard_imports_itself_round_a_circle():
    cycle = find_cycle(subpackage_graph(import_graph(PACKAGE)))
    assert cycle is None, "import cycle between subpackages: " + " -> ".join(cycle or [])


def test_pages_and_the_frame_import_nothing_from_db():
    """Pages are layout: they reach the database only through dashboard/."""
    files = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]
    reaching = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        for name in sorted(imported_names(path.stem, path))
        if name == "db" or name.startswith("db.")
    ]
    assert reaching == []
