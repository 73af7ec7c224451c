"""The browser benchmark (issue 15): what a person waits for in Chromium, per page, size and database.

    python -m bench.browser                                  # S and M, SQLite and PostgreSQL, 3 repeats
    python -m bench.browser --sizes S --repeat 1 --pages overview --databases sqlite   # a smoke run

For each page and repeat a new server starts (scripts/serve.py, as `make run`) against the synthetic
database (bench/generate.py; on PostgreSQL its copy `bench_<size>`, bench/pgcopy.py), then Playwright
drives Debian's Chromium (never `playwright install`):
  cold_start   first visit after the server started (new browser context: empty cache, fresh profile);
  cold_visit   the same page in another new context (warm server): bytes, messages and elements counted here;
  sidebar      from another page, the sidebar link back to this page;
  rerun        R pressed (Streamlit's rerun shortcut);
  community    SYNTHETIC community 00042 chosen in the sidebar;
  cold_one     a new context opening the page for that community (its address).
Medians over the repeats go to bench/results/browser.json and browser.md, with the load average and the
server's peak memory. See bench/browser_visit.py for the "everything painted" signal.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

from bench import browser_server, generate, pgcopy
from bench import browser_visit as bv
from bench.run import COMMUNITY, machine

RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]  # as tests/test_browser.py
# key: (title in the sidebar, address as app.py names it)
PAGES = {
    "overview": ("Overview", ""),
    "attendance": ("Attendance", "attendance-trends"),
    "participation": ("Participation", "organisations-and-roles"),
    "value_stories": ("Value stories", "value-framework"),
    "member_voice": ("Member voice", "comments-and-quotes"),
}
VIEWPORT = {"width": 1280, "height": 900}
MEASURES = ("cold_start", "cold_visit", "sidebar", "rerun", "community", "cold_one")


def _url(base: str, page: str, community: str | None = None) -> str:
    path = PAGES[page][1]
    return f"{base}/{path}" + (f"?community={quote(community)}" if community else "")


def _other(page: str) -> str:
    return "attendance" if page == "overview" else "overview"


def _fresh(browser, base: str, page: str, community: str | None = None) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(bv.INIT_JS)
    try:
        tab, traffic = bv.open_page(context)
        return bv.visit(tab, traffic, _url(base, page, community))
    finally:
        context.close()


def one_server(browser, database_url: str, page: str, warm: bool, extra: list[str]) -> dict:
    """Every measure of one page on one new server."""
    server = browser_server.Server(database_url, extra, warm=warm)
    out: dict = {"server_start_s": server.start(), "load_average": os.getloadavg()[0]}
    try:
        out["cold_start"] = _fresh(browser, server.base, page)
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(bv.INIT_JS)
        tab, traffic = bv.open_page(context)
        out["cold_visit"] = bv.visit(tab, traffic, _url(server.base, page))
        bv.sidebar_click(tab, traffic, PAGES[_other(page)][0])
        out["sidebar"] = bv.sidebar_click(tab, traffic, PAGES[page][0])
        out["rerun"] = bv.rerun(tab, traffic)
        out["community"] = bv.community_change(tab, traffic, COMMUNITY)
        context.close()
        out["cold_one"] = _fresh(browser, server.base, page, COMMUNITY)
        out["peak_mb"] = server.peak_mb()
    except Exception as exc:  # noqa: BLE001 - the report says what failed, and the server's log
        out["error"] = f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
        out["log"] = server.log_tail()
    finally:
        server.stop()
    return out


def _median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(runs: list[dict]) -> dict:
    """Medians over repeats: each measure's time to painted, and the page view's bytes and elements."""
    ok = [r for r in runs if "error" not in r]
    out = {
        "repeats": len(ok),
        "errors": [r["error"] for r in runs if "error" in r],
        "load_average": _median([r["load_average"] for r in runs]),
        "server_start_s": _median([r["server_start_s"] for r in runs]),
        "peak_mb": _median([r.get("peak_mb") for r in ok]),
    }
    for m in MEASURES:  # a community change whose choice did not take counts as failed, like a timeout
        failed = [r[m]["timed_out"] or not r[m].get("chosen", True) for r in ok]
        out[f"{m}_ms"] = _median([r[m]["done_ms"] for r, bad in zip(ok, failed) if not bad])
        out[f"{m}_timeouts"] = sum(failed)
    for key in (
        "bytes",
        "ws_bytes",
        "http_bytes",
        "ws_messages",
        "largest_message_bytes",
        "elements",
        "before_first_chart",
        "charts",
        "first_message_ms",
        "script_done_ms",
    ):
        out[f"view_{key}"] = _median([r["cold_visit"][key] for r in ok])
        out[f"start_{key}"] = _median([r["cold_start"][key] for r in ok])
    out["one_bytes"] = _median([r["cold_one"]["bytes"] for r in ok])
    out["one_ws_bytes"] = _median([r["cold_one"]["ws_bytes"] for r in ok])
    out["one_elements"] = _median([r["cold_one"]["elements"] for r in ok])
    return out


def _database(kind: str, size: str, fresh_pg: bool) -> str:
    path = generate.generate(size)
    return f"sqlite:///{path}" if kind == "sqlite" else pgcopy.ensure(size, path, fresh=fresh_pg)


def write(report: dict, name: str) -> Path:
    """bench/results/<name>.json and .md (after every cell, so a stopped run keeps what it measured)."""
    from bench.browser_report import markdown

    RESULTS.mkdir(exist_ok=True)
    report["load_average_at_end"] = os.getloadavg()[0]
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=1, default=str))
    (RESULTS / f"{name}.md").write_text(markdown(report))
    return RESULTS / f"{name}.md"


def run(args) -> dict:
    from playwright.sync_api import sync_playwright

    report = {
        "machine": machine(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "repeat": args.repeat,
        "warm_start": not args.no_warm,
        "server_args": args.server_arg or [],
        "cells": [],
    }
    databases = list(args.databases)
    if "postgresql" in databases and (why := pgcopy.available()):
        print(f"PostgreSQL skipped: {why}", file=sys.stderr)
        report["postgresql_skipped"] = why
        databases.remove("postgresql")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for size in args.sizes:
                for kind in databases:
                    url = _database(kind, size, args.fresh_pg)
                    for page in args.pages:
                        runs = [
                            one_server(browser, url, page, not args.no_warm, args.server_arg or [])
                            for _ in range(args.repeat)
                        ]
                        cell = {"size": size, "database": kind, "page": page, **summarise(runs), "runs": runs}
                        report["cells"].append(cell)
                        write(report, args.name)
                        print(
                            f"{size} {kind} {page}: "
                            + ", ".join(f"{m} {cell[m + '_ms'] or 0:.0f} ms" for m in MEASURES),
                            flush=True,
                        )
        finally:
            browser.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(generate.FACTORS), default=["S", "M"])
    parser.add_argument("--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"])
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--repeat", type=int, default=3, help="servers per cell (medians; at least 3 for figures)")
    parser.add_argument("--no-warm", action="store_true", help="start servers without the launcher's warm start")
    parser.add_argument(
        "--server-arg", action="append", help="an extra streamlit option, e.g. --runner.postScriptGC=false"
    )
    parser.add_argument("--fresh-pg", action="store_true", help="rebuild the PostgreSQL copies")
    parser.add_argument("--name", default="browser", help="results file name (bench/results/<name>.json/.md)")
    args = parser.parse_args(argv)
    print(write(run(args), args.name).read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
