"""Cached access to the evidence queries (db.read.evidence, db.read.search) and the small reshaping the value
stories and member voice pages need, so that the pages stay layout only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import cache, data, inert
from dashboard.charts.evidence import build_comments_per_theme
from dashboard.privacy.rule import Rule
from dashboard.views import feedback, summaries
from db.read import evidence, evidence_comments, feedback_queries
from db.read import search as fts

ALL_CYCLES = "All value cycles"
ALL_THEMES = "All themes"
NO_COMMUNITY = evidence.NO_COMMUNITY
PAGE_SIZE = 50  # cards drawn at once: a large programme has thousands of comments


@cache.per_database(max_entries=256)
def _search_counts(query: str, community: str | None, programme_wide: bool) -> dict[str, int]:
    with data.engine().connect() as conn:
        return fts.search_counts(conn, query=query, community=community, programme_wide=programme_wide)


def search_counts(query: str, community: str | None = None, programme_wide: bool = False) -> dict[str, int]:
    """Kind -> how many items hold every word of `query`: those attributed to `community` (all when
    None), or those naming no community with `programme_wide`."""
    return _search_counts(query or "", community, programme_wide)


@cache.per_database(max_entries=256)
def _search_page(query: str, kind: str, community: str | None, programme_wide: bool, page: int) -> pd.DataFrame:
    with data.engine().connect() as conn:
        return fts.search(
            conn,
            query=query,
            kinds=(kind,),
            community=community,
            programme_wide=programme_wide,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )


def search_pages(query: str, kind: str, community: str | None = None, programme_wide: bool = False):
    """A function giving page n (from 1) of the `kind` results `search_counts` counts, in report order."""
    return lambda page: _search_page(query or "", kind, community, programme_wide, int(page))


def cycle_options() -> dict[str, str]:
    """Value cycle name -> slug, in framework order."""
    cycles = data.value_cycles()
    return dict(zip(cycles["name"], cycles["slug"]))


def theme_options() -> dict[str, str]:
    """Theme code name -> slug for the report's themes and our curated codes (value cycles apart)."""
    book = data.codebook()
    book = book[book["kind"] != "value-cycle"]
    return dict(zip(book["name"], book["slug"]))


def question_options() -> dict[str, int]:
    """ "Q1. What motivated you…" -> 1."""
    qs = data.interview_questions()
    return {f"Q{n}. {q}": int(n) for n, q in zip(qs["question_number"], qs["question"])}


def convener_options(community: str | None) -> dict[str, str]:
    """ "Name (Community)" -> convener slug, for the conveners who were interviewed."""
    people = data.interviewees(community)
    return {f"{n} ({c})": s for s, n, c in zip(people["slug"], people["name"], people["community"])}


@cache.per_database()
def trail(rule: Rule = Rule()) -> pd.DataFrame:
    """Every item tagged as evidence for an area of change, the report's and the dashboard's (approved
    feedback answers included, under `rule` not those of a session whose count of answers is hidden),
    in the areas' order, each with its source."""
    leave_out = feedback.withheld(rule)
    with data.engine().connect() as conn:
        parts = [evidence.evidence_trail(conn), feedback_queries.answer_evidence(conn, leave_out=leave_out)]
    order = {slug: i for i, slug in enumerate(data.areas_of_change()["slug"])}
    both = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    return both.sort_values("area", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def evidence_by_area(trail: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Area slug -> its evidence rows, in report order."""
    return {slug: rows for slug, rows in trail.groupby("area", sort=False)}


KIND_LABELS = {"comment": "Comments", "interview answer": "Interview answers", "area of change": "Areas of change"}


def with_programme_wide(
    read: Callable[..., pd.DataFrame], community: str | None, **filters
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the items `read` gives for `community`, or all items; the programme-wide items, only when a
    community is chosen), e.g. `with_programme_wide(data.areas_of_change, community, cycle=cycle)`."""
    main = read(community=community, **filters)
    if community is None:
        return main, main.iloc[0:0]
    return main, read(programme_wide=True, **filters)


def unknown_choice(key: str, label: str, options: list[str]) -> str | None:
    """A message when the URL asks for a `key` value that is not one of `options` (the widget drops it)."""
    requested = st.query_params.get(key)
    if requested and requested not in options:
        return inert.markdown(
            f"There is no {label} called “{requested}”, so none is chosen. "
            f"Choose one of: {', '.join(o for o in options if not o.startswith('All '))}."
        )
    return None


def chosen(value: str | None, options: dict) -> object | None:
    """The slug or number behind a widget's label (None for "All …" or nothing chosen)."""
    return options.get(value) if value else None


@cache.per_database(max_entries=256)
def _counts(filters: tuple) -> dict[str, int]:
    with data.engine().connect() as conn:
        return evidence_comments.comment_counts(conn, **dict(filters))


def _key(**filters) -> tuple:
    """The filters that narrow, as a plain cache key (None and False narrow nothing)."""
    return tuple(sorted((k, v) for k, v in filters.items() if v is not None and v is not False))


def comment_count(**filters) -> int:
    """How many comments the filters choose (counted in the database, cached)."""
    return _counts(_key(**filters))["comments"]


def comment_totals(community: str | None, **filters) -> tuple[int, int]:
    """(comments counted, of which attributed to a community) for the chart's caption."""
    counts = _counts(_key(community=community, **filters))
    return counts["comments"], counts["attributed"]


@cache.per_database(kept=True, max_entries=256)  # kept: the cards only read it (a copy a rerun cost ~20 ms)
def _page(page: int, filters: tuple) -> pd.DataFrame:
    with data.engine().connect() as conn:
        return evidence_comments.coded_comments(conn, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **dict(filters))


def comment_pages(**filters):
    """A function giving page n (from 1) of the comments the filters choose, PAGE_SIZE a page: only the
    page shown is read, never every comment of a large programme."""
    key = _key(**filters)
    return lambda page: _page(int(page), key)


def theme_chart_counts(counts: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The comments-per-theme rows for the chart (the communities with most comments, and the
    comments naming none) and a sentence when communities are left out."""
    none = counts["community"] == NO_COMMUNITY
    named, note = summaries.for_chart(counts[~none], "comments", "communities")
    return pd.concat([named, counts[none]]) if note else counts, note


@cache.per_database(max_entries=64)
def _theme_chart(community: str | None, theme: str | None, cycle: str | None) -> tuple[go.Figure, str]:
    counts = data.comments_per_theme(community=community, theme=theme, cycle=cycle)
    in_chart, note = theme_chart_counts(counts)
    return build_comments_per_theme(in_chart, data.community_names()), note


def theme_chart(community: str | None, theme: str | None = None, cycle: str | None = None) -> tuple[go.Figure, str]:
    """The comments-per-theme chart for the filters and its note on communities left out, built once per filter."""
    return _theme_chart(community, theme, cycle)


def comments_heading(n: int, community: str | None, theme: str | None, cycle: str | None) -> str:
    """ "3 comments attributed to Operational Teams · Theme: … · Value cycle: …"."""
    head = f"{n:,} comment{'s' if n != 1 else ''}"
    head += f" attributed to {community}" if community else (" and quotes" if n != 1 else "")
    parts = [head] + [f"{label}: {v}" for label, v in (("Theme", theme), ("Value cycle", cycle)) if v]
    return inert.markdown(" · ".join(parts))


def no_results(query: str, community: str | None, wide: int = 0) -> str:
    """What to try when a search finds nothing (`wide`: programme-wide results beyond the community)."""
    where = f" attributed to {community}" if community else ""
    tries = [
        "fewer words",
        "the start of a word (“facilit” finds facilitation)",
        "another word for it (“meeting” for “session”)",
    ]
    if community and not wide:
        tries.append("“All communities” in the sidebar")
    text = f"Nothing{where} contains every word of “{query}”. Try {', '.join(tries[:-1])} or {tries[-1]}."
    return inert.markdown(text)


def interviews_by_date(answers: pd.DataFrame) -> list[tuple[str | None, list[dict]]]:
    """One convener's answers as their interviews, oldest first (the report's undated one first): each
    with a heading naming its date, or None when the convener has only one interview."""
    dates = answers["interviewed_on"].tolist() if len(answers) else []
    days = list(dict.fromkeys(dates))
    if len(days) <= 1:
        return [(None, answers.to_dict("records"))] if len(answers) else []
    return [
        (
            f"Interview of {day:%-d %B %Y}" if day is not None else "Interview in the report (undated)",
            answers[[d == day for d in dates]].to_dict("records"),
        )
        for day in days
    ]


def answers_caption(answers: pd.DataFrame) -> str:
    """ "6 answers from 4 communities, side by side." """
    n, c = len(answers), answers["community"].nunique() if len(answers) else 0
    return f"{n} answer{'s' if n != 1 else ''} from {c} communit{'y' if c == 1 else 'ies'}, side by side."


def codebook_table() -> pd.DataFrame:
    """The codebook for people: name, kind, description and how many items carry each code."""
    book = data.codebook()
    kinds = {"report-theme": "Report theme", "value-cycle": "Value cycle", "curated": "Our code"}
    return pd.DataFrame(
        {
            "Code": book["name"],
            "Kind": book["kind"].map(kinds),
            "Description": book["description"],
            "Comments": book["comments"],
            "Interview answers": book["interview_answers"],
            "Feedback answers": book["feedback"],
            "Areas of change": book["areas_of_change"],
            "Source": book["source"],
        }
    )


def theme_counts_table(counts: pd.DataFrame) -> pd.DataFrame:
    """The comments-per-theme counts for people: theme, attribution, comments. Each theme and community
    name is stored once (categories, sent as an Arrow dictionary: a row per theme and community repeats
    them thousands of times at scale) and each count in the smallest integer that holds it."""
    return pd.DataFrame(
        {
            "Theme": counts["theme"].astype("category"),
            "Attribution": counts["community"].astype("category"),
            "Comments": pd.to_numeric(counts["comments"], downcast="unsigned"),
        }
    )


def areas_heading(n: int, community: str | None, cycle_label: str | None, wide: bool = False) -> str:
    """ "3 areas of change naming Operational Teams under Immediate value." in bold."""
    where = "naming no community" if wide else (f"naming {community}" if community else "in all")
    under = f" under {cycle_label}" if cycle_label else ""
    return f"**{inert.markdown(f'{n} area' + ('s' if n != 1 else '') + f' of change {where}{under}.')}**"


@dataclass(frozen=True)
class MatrixCell:
    """What a click on the value matrix chose: a value cycle (None: every cycle) and a community (None:
    all), or the areas naming no community (`programme_wide`); `label` names it, escaped for markdown."""

    cycle: str | None
    community: str | None
    programme_wide: bool
    label: str


def areas_for(
    cell: MatrixCell | None, cycle: str | None, community: str | None
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(areas to list, programme-wide areas to offer apart, the bold heading) for a matrix cell when
    one is chosen, else for the cycle picked below it and the sidebar's community."""
    names = {slug: name for name, slug in cycle_options().items()}
    if cell is not None:
        areas = data.areas_of_change(community=cell.community, cycle=cell.cycle, programme_wide=cell.programme_wide)
        heading = areas_heading(
            len(areas), cell.community, names.get(cell.cycle) if cell.cycle else None, cell.programme_wide
        )
        return areas, areas.iloc[0:0], heading
    areas, wide = with_programme_wide(data.areas_of_change, community, cycle=cycle)
    return areas, wide, areas_heading(len(areas), community, names.get(cycle) if cycle else None)
