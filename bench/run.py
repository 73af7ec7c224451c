"""Run the benchmark and write bench/results/latest.md and latest.json.

    python -m bench.run --sizes S M

Each page, and then the queries, exports and import, run in their own processes (a page slower than
PAGE_TIMEOUT is reported as timed out) against the synthetic database from bench.generate, never the
real one. Imports run on a throw-away copy. Peak memory is the largest of those processes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench import generate

RESULTS = Path(__file__).resolve().parent / "results"
COMMUNITY = "SYNTHETIC community 00042"
TARGETS = {
    "warm_s": 0.2,
    "cold_s": 2.0,
    "query_ratio": 1.3,
    "import_s": 2.0,
    "import_ratio": 1.5,
    "deck_s": 3.0,
    "chart_points": 10_000,
}


DECK_BUILD = "deck build"  # the Slide deck's download: its reads count as a page's
PAGE_TIMEOUT = 120  # seconds: a page slower than this is reported as timed out, not waited for


def _use(size: str) -> Path:
    path = generate.db_path(size)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return path


def measure_page(size: str, page: str) -> dict:
    """Cold, warm and filtered script time of one page (run inside a child process)."""
    from bench import measure as mz

    _use(size)
    return mz.time_page(page, COMMUNITY)


def measure_rest(size: str, pages: list[dict]) -> dict:
    """Queries (every one, and every call the `pages` made), exports and the import for one size (run
    inside a child process)."""
    from bench import importing
    from bench import measure as mz
    from db.engine import make_engine

    path = _use(size)
    engine = make_engine(os.environ["DATABASE_URL"])
    with engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM communities ORDER BY id")]
    out: dict = {"exports": mz.time_exports(engine, names[:12])}
    deck = {"page": DECK_BUILD, "queries": out["exports"].get("deck_queries", [])}
    out["queries"] = mz.time_queries(engine, path, mz.query_calls(COMMUNITY, [*pages, deck]))
    engine.dispose()
    copy = mz.copy_database(path, path.with_name(f"import-copy-{size}.sqlite3"))
    try:
        out["import"] = importing.time_import(copy, names)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return out


def _child(args: list[str], timeout: float | None = None) -> dict | None:
    """Run `python -m bench.run <args>` and return the JSON it wrote, or None if it timed out."""
    tmp = RESULTS / f".child-{os.getpid()}.json"
    try:
        subprocess.run([sys.executable, "-m", "bench.run", *args, "--out", str(tmp)], check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    result = json.loads(tmp.read_text())
    tmp.unlink()
    return result


def _page(size: str, page: str) -> dict:
    result = _child(["--size-of-child", size, "--page", page], timeout=PAGE_TIMEOUT)
    if result is None:
        return {
            "page": page,
            "cold_s": None,
            "warm_s": None,
            "filter_s": None,
            "act_s": None,
            "max_chart_points": None,
            "exception": None,
            "timed_out_s": PAGE_TIMEOUT,
            "queries": [],
        }
    return result


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        None,
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": mem,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg()[0],
    }


def run_size(size: str) -> dict:
    """Every figure for one size; each page and the rest run in their own processes."""
    from bench.measure import viewer_pages

    start = time.perf_counter()
    path = generate.generate(size)
    out: dict = {
        "size": size,
        "counts": generate.counts(size),
        "generate_s": time.perf_counter() - start,
        "database_mb": path.stat().st_size / 1e6,
    }
    out["pages"] = [_page(size, page) for page in viewer_pages()]
    made = RESULTS / f".pages-{os.getpid()}.json"
    made.write_text(json.dumps(out["pages"]))
    try:
        out.update(_child(["--size-of-child", size, "--pages-made", str(made)]))
    finally:
        made.unlink()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(generate.FACTORS), default=["S", "M"])
    parser.add_argument("--size-of-child", help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument("--pages-made", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.size_of_child:
        child = args.size_of_child
        if args.page:
            result = measure_page(child, args.page)
        else:
            result = measure_rest(child, json.loads(args.pages_made.read_text()) if args.pages_made else [])
        args.out.write_text(json.dumps(result, default=str))
        return 0
    RESULTS.mkdir(exist_ok=True)
    report = {
        "machine": machine(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "targets": TARGETS,
        "sizes": [run_size(size) for size in args.sizes],
    }
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=1, default=str))
    from bench.report import markdown

    (RESULTS / "latest.md").write_text(markdown(report))
    print((RESULTS / "latest.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
