"""The deck's coded evidence: approved feedback answers, and comments and interviews recorded in the
dashboard, tagged as evidence for an area of change, each quoted with where it came from (a feedback
form of session N (date), an interview (date), an import). The report's own evidence is on its slides
already. Answers are read through db.read.feedback_queries, approved ones only, and in publication
mode not those of a session whose count of answers is hidden."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from dashboard.privacy.rule import Rule
from dashboard.views.feedback_figures import withheld_sessions
from db.read import evidence, feedback_queries

MAX_EVIDENCE = 20
AREA_WORDS = 12  # words of an area's text named beside its evidence


def _who(row) -> str:
    if row.kind == "interview answer":
        name = row.attribution.rsplit(", ", 1)[0]
        return f"{name}, convener, {row.community}"
    return "Community member" + (f", {row.community}" if isinstance(row.community, str) else "")


def _area(text: str) -> str:
    words = str(text).split()
    return " ".join(words[:AREA_WORDS]) + ("…" if len(words) > AREA_WORDS else "")


def coded(conn: Connection, names: list[str], everyone: bool, rule: Rule = Rule()) -> list[tuple[str, str]]:
    """Evidence coded in the dashboard for the chosen communities (and items naming none when all are
    chosen), in the areas' order: the first MAX_EVIDENCE as (text, attribution with source and area);
    under `rule`, no answer of a session whose count of answers is hidden, as on the pages."""
    trail = evidence.evidence_trail(conn)
    leave_out = withheld_sessions(conn, rule)
    parts = [trail[trail["source"] != evidence.REPORT], feedback_queries.answer_evidence(conn, leave_out=leave_out)]
    rows = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    keep = rows["community"].isin(names) | (rows["community"].isna() if everyone else False)
    areas = evidence.areas_of_change(conn).set_index("slug")
    order = {slug: i for i, slug in enumerate(areas.index)}
    rows = rows[keep].sort_values("area", key=lambda s: s.map(order), kind="stable")
    return [
        (str(r.text).strip(), f"{_who(r)}  ·  {r.source}  ·  {_for(areas.loc[r.area])}")
        for r in rows.head(MAX_EVIDENCE).itertuples()
    ]


def _for(area: pd.Series) -> str:
    return f"evidence of {area['value_cycle']}: {_area(area['text'])}"
