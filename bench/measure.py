"""The measurements of one benchmark size: pages under AppTest, queries against raw sqlite3, an import
against raw executemany, exports. Each returns plain dicts for the results table."""

from __future__ import annotations

import base64
import functools
import inspect
import json
import shutil
import sqlite3
import time
from pathlib import Path

import numpy as np
import streamlit as st
from sqlalchemy import event

from dashboard.frame import VIEWER_PAGES, page_file

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
QUERY_MODULES = (
    "db.read.queries",
    "db.read.attendance",
    "db.read.freshness",
    "db.read.evidence",
    "db.read.evidence_comments",
    "db.read.evidence_interviews",
)
REPEATS = 3


def best_of(fn, repeats: int = REPEATS) -> tuple[float, object]:
    """The fastest of `repeats` runs, in seconds, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def viewer_pages() -> list[str]:
    """The files of the pages everyone sees (editors' pages need a sign-in), as AppTest switches to them."""
    return [str(page_file(address).relative_to(ROOT)) for address, _title, _icon in VIEWER_PAGES]


def _clear() -> None:
    from db.engine import dispose_engines

    st.cache_data.clear()
    st.cache_resource.clear()
    dispose_engines()


def _timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


def _length(value) -> int:
    if isinstance(value, dict) and "bdata" in value:
        return len(np.frombuffer(base64.b64decode(value["bdata"]), value["dtype"]))
    if isinstance(value, list):
        return sum(_length(v) if isinstance(v, (list, dict)) else 1 for v in value)
    return 0


def chart_points(at) -> int:
    """The most data points any one chart on the page sends to the browser."""
    most = 0
    for chart in at.get("plotly_chart"):
        traces = json.loads(chart.proto.spec).get("data", [])
        points = sum(max(_length(t.get(k)) for k in ("x", "y", "values", "z")) for t in traces)
        most = max(most, points)
    return most


def time_page(page: str, community: str) -> dict:
    """Cold (empty caches), warm (rerun) and after a filter change, for one page."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=900)
    at.run()
    _clear()
    if page != "pages/overview.py":
        at.switch_page(page)
    cold = _timed_run(at)
    warm = min(_timed_run(at) for _ in range(REPEATS if cold < 5 else 1))
    points = chart_points(at)
    at.selectbox(key="community").set_value(community)
    filtered = _timed_run(at)
    errors = [str(e.value)[:200] for e in at.exception]
    return {
        "page": page,
        "cold_s": cold,
        "warm_s": warm,
        "filter_s": filtered,
        "max_chart_points": points,
        "exception": "; ".join(errors) or None,
    }


def _query_functions() -> list[tuple[str, object]]:
    import importlib

    out = []
    for name in QUERY_MODULES:
        module = importlib.import_module(name)
        for fname, fn in inspect.getmembers(module, inspect.isfunction):
            params = list(inspect.signature(fn).parameters.values())
            required = [p for p in params[1:] if p.default is inspect.Parameter.empty]
            if (
                fn.__module__ == name
                and not fname.startswith("_")
                and params
                and params[0].name == "conn"
                and not required
            ):
                out.append((f"{name.split('.')[-1]}.{fname}", fn))
    return out


def _raw_time(path: Path, statements: list[tuple[str, tuple]]) -> float:
    raw = sqlite3.connect(path, isolation_level=None)
    try:

        def run():
            for sql, params in statements:
                raw.execute(sql, params).fetchall()

        return best_of(run)[0]
    finally:
        raw.close()


def time_queries(engine, path: Path, community: str) -> list[dict]:
    """Each query function through SQLAlchemy (DataFrame built) against its own SQL through sqlite3."""
    statements: list[tuple[str, tuple]] = []

    def capture(_conn, _cur, sql, params, _ctx, _many) -> None:
        if not sql.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            statements.append((sql, tuple(params or ())))

    event.listen(engine, "before_cursor_execute", capture)
    results = []
    with engine.connect() as conn:
        for name, fn in _query_functions():
            takes = "community" in inspect.signature(fn).parameters
            for filt in [None, community] if takes else [None]:
                call = functools.partial(fn, conn, community=filt) if filt else functools.partial(fn, conn)
                statements.clear()
                call()
                captured = list(statements)
                elapsed = best_of(call)[0]
                raw = _raw_time(path, captured)
                results.append(
                    {
                        "query": name,
                        "community": bool(filt),
                        "statements": len(captured),
                        "sqlalchemy_s": elapsed,
                        "raw_s": raw,
                        "ratio": elapsed / max(raw, 1e-6),
                    }
                )
    return results


def time_exports(engine, deck_communities: list[str]) -> dict:
    from dashboard.files import spreadsheets as exports
    from db.read import attendance, queries

    with engine.connect() as conn:
        sessions = attendance.attendance_by_session(conn)
        comments = queries.comments(conn)
    out = {"sessions_rows": len(sessions), "comments_rows": len(comments)}
    out["csv_sessions_s"] = best_of(lambda: exports.to_csv_bytes(sessions), 1)[0]
    out["xlsx_sessions_s"] = best_of(lambda: exports.to_xlsx_bytes(sessions), 1)[0]
    out["csv_comments_s"] = best_of(lambda: exports.to_csv_bytes(comments), 1)[0]
    for chosen in (deck_communities, deck_communities[:3]):  # the most a deck takes, else three
        try:
            out.update(_deck(engine, chosen))
            break
        except Exception as exc:  # noqa: BLE001 - the report says what failed
            out.setdefault(
                "pptx_error", f"{len(chosen)} communities: {type(exc).__name__}: " + " ".join(str(exc).split())[:160]
            )
    return out


def _deck(engine, communities: list[str]) -> dict:
    from dashboard.deck.build import build_deck

    elapsed, deck = best_of(lambda: build_deck(engine, communities), 1)
    return {"pptx_full_deck_s": elapsed, "pptx_bytes": len(deck), "pptx_communities": len(communities)}


def copy_database(path: Path, dest: Path) -> Path:
    shutil.copyfile(path, dest)
    return dest
