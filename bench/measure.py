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

from bench import calls
from dashboard.frame import VIEWER_PAGES, page_file
from dashboard.state.filters import ALL

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
REPEATS = 3
# Queries and their raw baseline are timed in this process's CPU time: both run on one thread and read
# SQLite's file from the page cache, so it is their wall time on a quiet machine, and a busy one (other
# processes on the same cores) does not move the ratio.
QUERY_CLOCK = time.process_time
QUERY_REPEATS = 5  # best of five: a busy machine still slows a run now and then (shared caches)
SEARCH = "synthetic"  # every synthetic comment holds this word: the full full-text match


def best_of(fn, repeats: int = REPEATS, clock=time.perf_counter) -> tuple[float, object]:
    """The fastest of `repeats` runs, in seconds of `clock`, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = clock()
        result = fn()
        times.append(clock() - start)
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


def _act(at, community: str) -> float | None:
    """What a page asks for beyond the sidebar's filter, timed: Member voice's full-text search for
    SEARCH (with `community` chosen, then timed for all), Compare's choice of `community` and the next."""
    if any(t.key == "q" for t in at.text_input):
        at.text_input(key="q").set_value(SEARCH)
        at.run()
        at.selectbox(key="community").set_value(ALL)
        return _timed_run(at)
    if any(w.key == "compare" for w in at.multiselect):
        chooser = at.multiselect(key="compare")
        at.multiselect(key="compare").set_value([community, chooser.options[1]])
        return _timed_run(at)
    return None


def time_page(page: str, community: str) -> dict:
    """Cold (empty caches), warm (rerun) and after a filter change, for one page, with the read calls
    it made (bench.calls): cold, with `community` chosen, and what `_act` asks for."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=900)
    at.run()
    _clear()
    with calls.recording([]) as made:
        if page != "pages/overview.py":
            at.switch_page(page)
        cold = _timed_run(at)
        warm = min(_timed_run(at) for _ in range(REPEATS if cold < 5 else 1))
        points = chart_points(at)
        at.selectbox(key="community").set_value(community)
        filtered = _timed_run(at)
        acted = _act(at, community)
    errors = [str(e.value)[:200] for e in at.exception]
    return {
        "page": page,
        "cold_s": cold,
        "warm_s": warm,
        "filter_s": filtered,
        "act_s": acted,
        "max_chart_points": points,
        "exception": "; ".join(errors) or None,
        "queries": calls.distinct(made),
    }


def _every_query(community: str) -> list[dict]:
    """Every read function that needs no filter, for all communities and for one where it takes one,
    and the full full-text match (every comment holds SEARCH) that no page asks for whole."""
    out = []
    for name, fn in calls.query_functions().items():
        params = list(inspect.signature(fn).parameters.values())[1:]
        if any(p.default is inspect.Parameter.empty for p in params):
            continue
        out.append({"query": name, "filters": {}})
        if any(p.name == "community" for p in params):
            out.append({"query": name, "filters": {"community": community}})
    out += [{"query": name, "filters": {"query": SEARCH}} for name in ("search.search", "search.search_counts")]
    return out


def query_calls(community: str, pages: list[dict]) -> list[dict]:
    """Every query (`_every_query`) and every call a page made, each once, with the pages that made it."""
    merged: dict[str, dict] = {}
    for call in _every_query(community):
        merged[calls.call_key(call["query"], call["filters"])] = {**call, "pages": []}
    for page in pages:
        for call in page.get("queries") or []:
            key = calls.call_key(call["query"], call["filters"])
            merged.setdefault(key, {**call, "pages": []})["pages"].append(page["page"])
    return list(merged.values())


def _raw_time(path: Path, statements: list[tuple[str, tuple]]) -> float:
    raw = sqlite3.connect(path, isolation_level=None)
    try:

        def run():
            for sql, params in statements:
                raw.execute(sql, params).fetchall()

        return best_of(run, QUERY_REPEATS, QUERY_CLOCK)[0]
    finally:
        raw.close()


def _time_call(conn, path: Path, call: dict, statements: list) -> dict:
    fn = calls.query_functions()[call["query"]]
    run = functools.partial(fn, conn, **call["filters"])
    statements.clear()
    run()
    captured = list(statements)
    elapsed = best_of(run, QUERY_REPEATS, QUERY_CLOCK)[0]
    raw = _raw_time(path, captured)
    return {
        **call,
        "community": "community" in call["filters"] and call["filters"]["community"] is not None,
        "statements": len(captured),
        "sqlalchemy_s": elapsed,
        "raw_s": raw,
        "ratio": elapsed / max(raw, 1e-6),
    }


def time_queries(engine, path: Path, to_time: list[dict]) -> list[dict]:
    """Each call (`query_calls`) through SQLAlchemy (DataFrame built) against its own SQL through sqlite3."""
    statements: list[tuple[str, tuple]] = []

    def capture(_conn, _cur, sql, params, _ctx, _many) -> None:
        if not sql.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            statements.append((sql, tuple(params or ())))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with engine.connect() as conn:
            return [_time_call(conn, path, call, statements) for call in to_time]
    finally:
        event.remove(engine, "before_cursor_execute", capture)


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

    with calls.recording([]) as made:
        elapsed, deck = best_of(lambda: build_deck(engine, communities), 1)
    return {
        "pptx_full_deck_s": elapsed,
        "pptx_bytes": len(deck),
        "pptx_communities": len(communities),
        "deck_queries": calls.distinct(made),
    }


def copy_database(path: Path, dest: Path) -> Path:
    shutil.copyfile(path, dest)
    return dest
