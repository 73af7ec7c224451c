"""Which read functions (db/read/*) a page runs, and with which filters, recorded under AppTest.

`recording(calls)` replaces every public read function, wherever a loaded module of ours holds it, by a
wrapper that notes the outermost call (a read calling another read is one call) and then runs it.
The bench times exactly these calls against raw sqlite3 (bench.measure.time_queries), so the query
target is judged on what pages run, not on every function with every filter.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import pkgutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PLAIN = (str, int, float, bool, type(None))
NOT_QUERIES = {"frames"}  # db.read.frames turns a statement into a frame: a helper, not a query


def query_functions() -> dict[str, Callable]:
    """Every public read function of db/read/ ("module.function"), each taking `conn` first."""
    import db.read

    out = {}
    for info in pkgutil.iter_modules(db.read.__path__):
        if info.name in NOT_QUERIES:
            continue
        module = importlib.import_module(f"db.read.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            params = list(inspect.signature(fn).parameters)
            if fn.__module__ == module.__name__ and not name.startswith("_") and params[:1] == ["conn"]:
                out[f"{info.name}.{name}"] = fn
    return out


def _plain(value) -> bool:
    if isinstance(value, (list, tuple)):
        return all(isinstance(v, PLAIN) for v in value)
    return isinstance(value, PLAIN)


def call_key(name: str, filters: dict) -> str:
    """One call as text: the function and its filters (the same call from two pages is one key)."""
    return json.dumps([name, filters], sort_keys=True, default=list)


def _filters(defaults: dict, kwargs: dict) -> dict:
    """The filters of a call as JSON would give them back, less those left at their defaults."""
    given = {k: _listed(v) for k, v in kwargs.items()}
    return {k: v for k, v in given.items() if k not in defaults or _listed(defaults[k]) != v}


def _listed(value):
    return list(value) if isinstance(value, tuple) else value


def _recorder(name: str, fn: Callable, calls: list[dict], depth: list[int]) -> Callable:
    defaults = {p.name: p.default for p in inspect.signature(fn).parameters.values()}

    @functools.wraps(fn)
    def recorded(conn, *args, **kwargs):
        if depth[0] == 0 and not args and all(_plain(v) for v in kwargs.values()):
            calls.append({"query": name, "filters": _filters(defaults, kwargs)})
        depth[0] += 1
        try:
            return fn(conn, *args, **kwargs)
        finally:
            depth[0] -= 1

    return recorded


def _import_dashboard() -> None:
    import dashboard

    for info in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
        importlib.import_module(info.name)


@contextmanager
def recording(calls: list[dict]) -> Iterator[list[dict]]:
    """Inside, each outermost read call is appended to `calls` as {"query", "filters"}."""
    _import_dashboard()  # a module imported later would hold the unrecorded functions
    functions = query_functions()
    depth = [0]
    wrappers = {id(fn): _recorder(name, fn, calls, depth) for name, fn in functions.items()}
    originals = {id(fn): fn for fn in functions.values()}
    patched = []
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith(("db.", "dashboard.", "pages.")):
            continue
        for attr, value in list(vars(module).items()):
            if inspect.isfunction(value) and id(value) in wrappers:
                setattr(module, attr, wrappers[id(value)])
                patched.append((module, attr, originals[id(value)]))
    try:
        yield calls
    finally:
        for module, attr, original in patched:
            setattr(module, attr, original)


def distinct(calls: list[dict]) -> list[dict]:
    """Each call once, in the order first made."""
    seen: dict[str, dict] = {}
    for call in calls:
        seen.setdefault(call_key(call["query"], call["filters"]), call)
    return list(seen.values())
