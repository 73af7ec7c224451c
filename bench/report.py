"""The benchmark's results as a markdown table (bench/results/latest.md)."""

from __future__ import annotations


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:,.1f} ms" if seconds < 0.01 else f"{seconds * 1000:,.0f} ms"


def _s(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:,.2f} s"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


SMALL_QUERY_S = 0.010  # below this raw time the ratio measures fixed per-call cost, not the query


def _worst(pages: list[dict], key: str) -> tuple[float, str]:
    """The slowest figure over the pages (a timed-out page counts as its timeout) and its page."""
    figures = [(p[key] if p[key] is not None else p.get("timed_out_s", float("inf")), p["page"]) for p in pages]
    return max(figures)


def _label(q: dict) -> str:
    filters = ", ".join(f"{k}={v}" for k, v in q.get("filters", {}).items())
    return f"{q['query']}({filters})"


def _query_line(queries: list[dict], limit: float) -> str:
    """The target on what pages run: each call a page made taking 10 ms or more raw (every query is
    still listed in the table below; older results without pages judge every query)."""
    judged = [q for q in queries if q.get("pages", True)]
    big = [q for q in judged if q["raw_s"] >= SMALL_QUERY_S]
    slow = [f"{_label(q)} {q['ratio']:.2f}x" for q in big if q["ratio"] > limit]
    small = [q["sqlalchemy_s"] - q["raw_s"] for q in judged if q["raw_s"] < SMALL_QUERY_S]
    extra = sorted(small)[len(small) // 2] if small else 0
    figure = (
        f"{len(slow)} of {len(big)} calls pages make taking 10 ms or more raw are above"
        f"{': ' + ', '.join(slow) if slow else ''}; the other {len(small)} take under 10 ms raw and"
        f" add a median {_ms(extra)} (SQLAlchemy and DataFrame set-up)"
    )
    return f"| queries pages run within {limit}x of raw SQL | {figure} | {_met(not slow)} |"


def _deck_figure(exp: dict) -> str:
    deck = exp.get("pptx_full_deck_s")
    figure = f"{_s(deck)} ({exp['pptx_communities']} communities, every section)" if deck else ""
    return "; ".join(filter(None, [figure, "failed with " + exp["pptx_error"] if "pptx_error" in exp else ""]))


def targets(size: dict, t: dict) -> list[str]:
    pages, queries, exp, imp = size["pages"], size["queries"], size["exports"], size["import"]
    warm, warm_page = _worst(pages, "warm_s")
    cold, cold_page = _worst(pages, "cold_s")
    points = max(p["max_chart_points"] or 0 for p in pages)
    deck = exp.get("pptx_full_deck_s")
    return [
        "| target | figure | |",
        "|---|---|---|",
        f"| warm page rerun < {_ms(t['warm_s'])} | slowest: {warm_page} {_ms(warm)} | {_met(warm < t['warm_s'])} |",
        f"| cold page < {_s(t['cold_s'])} | slowest: {cold_page} {_s(cold)} | {_met(cold < t['cold_s'])} |",
        _query_line(queries, t["query_ratio"]),
        f"| import of 100,000 register rows < {_s(t['import_s'])} | {_s(imp['import_s'])} |"
        f" {_met(imp['import_s'] < t['import_s'])} |",
        f"| import within {t.get('import_ratio', 1.5)}x of raw sqlite3 writing the same rows and summaries |"
        f" {imp['ratio']:.2f}x | {_met(imp['ratio'] <= t.get('import_ratio', 1.5))} |",
        f"| full deck < {_s(t['deck_s'])} | {_deck_figure(exp)} |"
        f" {_met(bool(deck) and deck < t['deck_s']) if 'pptx_error' not in exp else '**not met** (a failure)'} |",
        f"| no chart over {t['chart_points']:,} points | most in one chart: {points:,} |"
        f" {_met(points <= t['chart_points'])} |",
    ]


def pages_table(size: dict) -> list[str]:
    rows = [
        "| page | cold | warm rerun | after a filter change | most points in a chart | error |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for p in size["pages"]:
        if p.get("timed_out_s"):
            rows.append(f"| {p['page']} | over {p['timed_out_s']} s (stopped) | — | — | — | |")
            continue
        rows.append(
            f"| {p['page']} | {_ms(p['cold_s'])} | {_ms(p['warm_s'])} | {_ms(p['filter_s'])} |"
            f" {p['max_chart_points']:,} | {p['exception'] or ''} |"
        )
    return rows


def queries_table(size: dict) -> list[str]:
    rows = [
        "| query | pages running it | SQL statements | through SQLAlchemy + DataFrame | raw sqlite3 | ratio |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for q in size["queries"]:
        pages = ", ".join(p.removeprefix("pages/").removesuffix(".py") for p in q.get("pages", [])) or "—"
        rows.append(
            f"| {_label(q)} | {pages} | {q['statements']} |"
            f" {_ms(q['sqlalchemy_s'])} | {_ms(q['raw_s'])} | {q['ratio']:.2f} |"
        )
    return rows


def other_table(size: dict) -> list[str]:
    imp, exp = size["import"], size["exports"]
    return [
        "| measure | figure |",
        "|---|---:|",
        f"| import_file, {imp['rows']:,} register rows | {_s(imp['import_s'])} |",
        f"| raw sqlite3 writing the same rows and summary rows, one transaction | {_s(imp['raw_s'])}"
        f" (ratio {imp['ratio']:.1f}) |",
        f"| CSV, {exp['sessions_rows']:,} sessions | {_s(exp['csv_sessions_s'])} |",
        f"| XLSX, {exp['sessions_rows']:,} sessions | {_s(exp['xlsx_sessions_s'])} |",
        f"| CSV, {exp['comments_rows']:,} comments | {_s(exp['csv_comments_s'])} |",
        f"| PPTX, full deck | {_deck_figure(exp)} |",
        f"| generating the database (if not already there) | {_s(size.get('generate_s'))} |",
        f"| database file | {size['database_mb']:,.0f} MB |",
        f"| peak memory (the largest benchmark process) | {size['peak_rss_mb']:,.0f} MB |",
    ]


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {report['started']} on {m['cpu']}, {m['cores']} cores, {m['memory_mb']:,} MB, "
        f"Python {m['python']}, SQLite {m['sqlite']}, {m['platform']} "
        f"(load average {m['load_average_at_start']:.1f} at start). Synthetic data only.",
        "",
    ]
    for size in report["sizes"]:
        counts = ", ".join(f"{v:,} {k}" for k, v in size["counts"].items())
        lines += [
            f"## Size {size['size']}: {counts}",
            "",
            "Targets (set for M):",
            "",
            *targets(size, report["targets"]),
            "",
            "### Pages (AppTest script time)",
            "",
            *pages_table(size),
            "",
            "### Queries",
            "",
            "Every read function, and every call a page made under AppTest (cold, one community, Member voice's"
            " search, Compare's choice, the deck build); best of five in CPU time, against the same SQL"
            " through sqlite3's `fetchall()`.",
            "",
            *queries_table(size),
            "",
            "### Import, exports, memory",
            "",
            *other_table(size),
            "",
        ]
    return "\n".join(lines)
