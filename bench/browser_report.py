"""The browser benchmark's results as Markdown tables (bench/results/browser.md).

python -m bench.browser_report bench/results/browser.json   # re-render the .md next to it
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGETS_MS = {"sidebar": 500, "rerun": 150, "community": 150, "cold_start": 2500}
TARGET_BYTES = 500_000
TARGET_BEFORE_CHART = 60
TARGET_PG_RATIO = 1.5  # PostgreSQL's click-to-painted time against SQLite's, same size and page
CLICKS = ("sidebar", "rerun", "community")  # what a person clicks and waits for


def _ms(value: float | None, timeouts: int = 0) -> str:
    text = "—" if value is None else f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"
    return text + (f" ({timeouts} failed)" if timeouts else "")


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1000:,.0f} KB"


def _n(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def times_table(cells: list[dict]) -> list[str]:
    rows = [
        (
            "| size | database | page | cold start (new server) | cold visit (warm server) | sidebar click |"
            " rerun (R) | community change | cold visit, one community | server start | peak memory | load |"
        ),
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in cells:
        times = " | ".join(
            _ms(c[f"{m}_ms"], c[f"{m}_timeouts"])
            for m in ("cold_start", "cold_visit", "sidebar", "rerun", "community", "cold_one")
        )
        rows.append(
            f"| {c['size']} | {c['database']} | {c['page']} | {times} | {c['server_start_s']:.1f} s |"
            f" {_n(c['peak_mb'])} MB | {c['load_average']:.1f} |"
        )
    return rows


def traffic_table(cells: list[dict]) -> list[str]:
    rows = [
        (
            "| size | database | page | websocket bytes per view | HTTP bytes (static files) | largest message |"
            " messages | elements | before first chart | charts | first message | script done | painted |"
            " one community: websocket bytes |"
        ),
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in cells:
        rows.append(
            f"| {c['size']} | {c['database']} | {c['page']} | {_kb(c['view_ws_bytes'])} |"
            f" {_kb(c['view_http_bytes'])} | {_kb(c['view_largest_message_bytes'])} |"
            f" {_n(c['view_ws_messages'])} | {_n(c['view_elements'])} | {_n(c['view_before_first_chart'])} |"
            f" {_n(c['view_charts'])} | {_ms(c['view_first_message_ms'])} | {_ms(c['view_script_done_ms'])} |"
            f" {_ms(c['cold_visit_ms'])} | {_kb(c.get('one_ws_bytes'))} |"
        )
    return rows


def _worst(cells: list[dict], key: str) -> tuple[float, str]:
    values = [(c[key], c["page"]) for c in cells if c[key] is not None]
    return max(values) if values else (None, "")


def targets(cells: list[dict]) -> list[str]:
    """Each target at the largest size measured, per database."""
    rows = ["| size | database | target | worst page | |", "|---|---|---|---|---|"]
    groups: dict[tuple, list[dict]] = {}
    for c in cells:
        groups.setdefault((c["size"], c["database"]), []).append(c)
    for (size, db), group in groups.items():
        for m, limit in TARGETS_MS.items():
            value, page = _worst(group, f"{m}_ms")
            ok = value is not None and value <= limit
            rows.append(
                f"| {size} | {db} | {m} ≤ {_ms(limit)} | {page} {_ms(value)} | {'met' if ok else '**not met**'} |"
            )
        value, page = _worst(group, "view_ws_bytes")
        rows.append(
            f"| {size} | {db} | ≤ {_kb(TARGET_BYTES)} per view (websocket) | {page} {_kb(value)} |"
            f" {'met' if value is not None and value <= TARGET_BYTES else '**not met**'} |"
        )
        value, page = _worst(group, "view_before_first_chart")
        rows.append(
            f"| {size} | {db} | ≤ {TARGET_BEFORE_CHART} elements before the first chart | {page} {_n(value)} |"
            f" {'met' if value is None or value <= TARGET_BEFORE_CHART else '**not met**'} |"
        )
    return rows


def postgres_ratios(cells: list[dict]) -> list[str]:
    """PostgreSQL's time over SQLite's for each click, per size and page, and whether the worst is within
    TARGET_PG_RATIO. Empty when only one database was measured."""
    by = {(c["size"], c["page"], c["database"]): c for c in cells}
    pairs = [(s, p) for s, p, d in by if d == "sqlite" and (s, p, "postgresql") in by]
    if not pairs:
        return []
    head = " | ".join(f"{m}: PostgreSQL / SQLite" for m in CLICKS)
    rows = [f"| size | page | {head} | |", "|---|---|" + "---:|" * len(CLICKS) + "---|"]
    for size, page in pairs:
        lite, pg = by[(size, page, "sqlite")], by[(size, page, "postgresql")]
        ratios = [pg[f"{m}_ms"] / lite[f"{m}_ms"] if pg[f"{m}_ms"] and lite[f"{m}_ms"] else None for m in CLICKS]
        shown = " | ".join("—" if r is None else f"{r:.2f}x" for r in ratios)
        ok = all(r is not None and r <= TARGET_PG_RATIO for r in ratios)
        rows.append(f"| {size} | {page} | {shown} | {'within' if ok else '**over**'} {TARGET_PG_RATIO}x |")
    return rows


def _heading(report: dict) -> list[str]:
    """The report's title and the paragraph on the run: machine, load, repeats and server options."""
    m = report["machine"]
    return [
        "# Browser benchmark results",
        "",
        (
            f"Run {report['started']} on {m['cpu']}, {m['cores']} cores, {m['memory_mb']:,} MB, Python {m['python']}"
            f" (load average {m['load_average_at_start']:.1f} at start, {report['load_average_at_end']:.1f} at end)."
            f" Medians of {report['repeat']} servers per row; warm start {'on' if report['warm_start'] else 'off'};"
            f" extra server options: {' '.join(report['server_args']) or 'none'}. Synthetic data only."
        ),
        "",
    ]


def markdown(report: dict) -> str:
    lines = _heading(report)
    if report.get("postgresql_skipped"):
        lines += [f"PostgreSQL skipped: {report['postgresql_skipped']}", ""]
    cells = report["cells"]
    lines += [
        "## Targets",
        "",
        *targets(cells),
        "",
        "## Time to everything painted",
        "",
        *times_table(cells),
        "",
        "## What a page view sends (cold visit, warm server, all communities)",
        "",
        *traffic_table(cells),
        "",
    ]
    lines += [
        (
            "Bytes: websocket payloads (Streamlit's messages) of one page view in a new browser context; HTTP:"
            " response bodies as sent (Streamlit's own JS, and Plotly's chunk on a page with a chart, about 9.3 MB"
            " uncompressed: Streamlit's server does not compress static files by design, they are cached as"
            " immutable after a browser's first visit). First message, script done and painted: from navigation"
            " start."
        ),
        "",
    ]
    ratios = postgres_ratios(cells)
    if ratios:
        lines += ["## PostgreSQL against SQLite (click to everything painted, medians)", "", *ratios, ""]
    errors = [f"- {c['size']} {c['database']} {c['page']}: {e}" for c in cells for e in c["errors"]]
    if errors:
        lines += ["## Errors", "", *errors, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    source = Path(sys.argv[1])
    source.with_suffix(".md").write_text(markdown(json.loads(source.read_text())))
