"""What goes into a slide deck: chart series, quotes, value areas and notes, read from the database.

Pure functions of a connection, the chosen communities, the sections and the publication rule; the
reshaping is the screen's own (`dashboard.views.summaries`), so the deck shows what the pages show.
`dashboard.deck.build` turns the result into PowerPoint.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection

from dashboard.charts import theme
from dashboard.deck import evidence as deck_evidence
from dashboard.deck import headline as deck_headline
from dashboard.deck.model import MAX_COMMUNITIES, SECTIONS, ChartSpec, DeckContent, Quote
from dashboard.deck.sections import participation_charts, quotes, value_area_content
from dashboard.files.images import source_line
from dashboard.privacy.published import Published, publish
from dashboard.privacy.rule import HIDDEN, Rule, numeric
from dashboard.views import summaries
from db.read import attendance, freshness, queries


def choose_communities(known: list[str], communities) -> tuple[list[str], bool]:
    """The chosen names in canonical order, and whether they are all of them (None/empty = all)."""
    chosen = list(communities or known)
    unknown = [c for c in chosen if c not in set(known)]
    if unknown:
        raise ValueError(
            f"Unknown community {unknown[0]!r}: expected one of {', '.join(known[:20])}"
            + (" and others." if len(known) > 20 else ".")
        )
    if len(set(chosen)) > MAX_COMMUNITIES:
        raise ValueError(
            f"A deck shows at most {MAX_COMMUNITIES} communities (a chart with more cannot "
            f"be read on a slide); {len(set(chosen))} were chosen."
        )
    return [c for c in known if c in chosen], set(chosen) == set(known)


def _gaps_note(shown: pd.DataFrame, not_held: str) -> str:
    """Why a line has a gap: a session not held, or a count hidden by publication mode."""
    parts = [not_held] if not_held else []
    hidden = shown[(shown["status"] == "held") & (shown["shown"] == HIDDEN)]
    if len(hidden):
        parts.append(
            f"{len(hidden)} count(s) are hidden by publication mode (counts of 1 to 7 people, "
            "and counts from which one could be worked out)."
        )
    return " ".join(parts) + (
        " A gap in a line is a session not held or a hidden count, never a zero." if parts else ""
    )


def published(conn: Connection, rule: Rule) -> Published:
    """The programme's counts of people under the rule, hidden exactly as on the pages."""
    return publish(
        attendance.attendance_by_session(conn),
        attendance.register_by_session(conn),
        attendance.repeat_attenders(conn),
        rule,
    )


def attendance_charts(conn: Connection, names: list[str], rule: Rule) -> tuple[list[ChartSpec], str]:
    """The line of attendance per convening and the first-versus-last comparison, as on screen."""
    counts = published(conn, rule)
    shown = summaries.shown_sessions(attendance.session_headcounts(conn, communities=names), rule, counts)
    if shown.empty:
        return [], ""
    change = summaries.attendance_change(shown, rule, counts)
    numbers = sorted(shown["number"].unique().tolist())
    series = []
    for community, rows in shown.groupby("community", sort=False):
        by_number = dict(zip(rows["number"], numeric(rows["shown"].tolist())))
        series.append((community, [by_number.get(n) for n in numbers]))
    not_held = summaries.not_held_note(shown)
    line = ChartSpec(
        "attendance",
        "Participants at each convening",
        "line",
        [f"Convening {n}" for n in numbers],
        series,
        "Participants in attendance",
        summaries.attendance_caption(change, rule),
        _gaps_note(shown, not_held),
        key="attendance-line",
    )
    return [line, _first_and_last(change, line.caption)], not_held


def _first_and_last(change, caption: str) -> ChartSpec:
    """Each community's first and last held convening side by side (a missing bar: a hidden count)."""
    first, last = change["first_count"].tolist(), change["last_count"].tolist()
    return ChartSpec(
        "attendance",
        "First and last held convening compared",
        "column_clustered",
        change["community"].tolist(),
        [("First held convening", numeric(first)), ("Last held convening", numeric(last))],
        "Participants in attendance",
        caption,
        "A missing bar is a count hidden by publication mode." if HIDDEN in first + last else "",
        (theme.NHS_MID_GREY, theme.NHS_DARK_BLUE),  # not community colours: these are times
        key="attendance-change",
    )


def notes(content: DeckContent, not_held: str) -> list[str]:
    """The sources-and-notes slide: where figures come from and what was done to them."""
    suppression = (
        f"Small numbers were suppressed. {content.rule.note()}"
        if content.rule.on
        else "Small numbers were not suppressed: publication mode was off, so counts of people "
        "are shown as recorded. Switch publication mode on before sharing outside the team."
    )
    origin = content.source.removeprefix("Source: ")
    out = [
        f"Figures and quotes come from the {origin}."
        if origin.startswith("SELCA")
        else f"Figures come from the {origin}: the report's data and sessions recorded since.",
        suppression,
    ]
    if not_held:
        out.append(not_held)
    out += _quotes_note(content)
    return out + _section_notes(content)


def _quotes_note(content: DeckContent) -> list[str]:
    """How the deck's quotes were chosen from its communities' comments, when it does not show them all."""
    if content.quotes_chosen and "quotes" in content.sections:
        return [
            f"The deck quotes {len(content.quotes)} of the {content.quotes_total} comments of its "
            "communities, chosen on the Slide deck page (by default one of each set of near-identical "
            "comments the report links); the Member voice page lists every one."
        ]
    if content.quotes_total > len(content.quotes):
        return [
            f"The deck quotes the first {len(content.quotes)} of {content.quotes_total} comments; "
            "the Member voice page lists every one."
        ]
    return []


def _section_notes(content: DeckContent) -> list[str]:
    """What each chosen section's figures are, and that every chart is a native one."""
    out = []
    if "attendance" in content.sections:
        out.append("Convenings are placed by session number: the report gives no session dates.")
    if "participation" in content.sections:
        out.append(
            "Organisation and role counts are distinct organisations and role titles listed for "
            "each community (not counts of people, so never suppressed)."
        )
    if "value_areas" in content.sections:
        out.append(
            "Value cycles follow Wenger-Trayner's value-creation framework; areas of change are quoted from the report."
        )
    out.append(
        "Every chart is a native PowerPoint chart: right-click it and choose Edit Data to see or restyle the figures."
    )
    return out


def _programme(conn: Connection, names: list[str]) -> dict[str, str]:
    """Name, commissioner and deliverer of the programmes the chosen communities belong to."""
    mine = queries.communities(conn)
    wanted = list(dict.fromkeys(mine[mine["name"].isin(names)]["programme"]))
    rows = queries.programmes(conn)
    rows = rows[rows["name"].isin(wanted)]
    return {key: "; ".join(dict.fromkeys(rows[key].dropna())) for key in ("name", "commissioner", "delivered_by")}


def gather(
    conn: Connection,
    communities,
    sections,
    rule: Rule,
    made_on: dt.date | None = None,
    *,
    charts_chosen: list[str] | None = None,
    quotes_chosen: list[str] | None = None,
) -> DeckContent:
    """Everything a deck for these communities and sections shows, under the publication rule: of
    their charts only `charts_chosen` (keys) and of their quotes only `quotes_chosen` (slugs), when given."""
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise ValueError(f"Unknown section {unknown[0]!r}: expected some of {', '.join(SECTIONS)}.")
    known = queries.community_names(conn)
    names, everyone = choose_communities(known, communities)
    programme = _programme(conn, names)
    content = DeckContent(
        programme["name"],
        programme["commissioner"],
        programme["delivered_by"],
        names,
        everyone,
        rule,
        source_line(freshness.last_recorded(conn)),
        made_on or dt.date.today(),
        [s for s in SECTIONS if s in sections],
    )
    content.all_names = known
    not_held = _fill_sections(conn, content, quotes_chosen)
    content.notes = notes(content, not_held) + _drop_empty(content)
    if charts_chosen is not None:  # after the notes: a chart left out by choice is not "empty"
        content.charts = [c for c in content.charts if c.key in set(charts_chosen)]
    return content


def _fill_sections(conn: Connection, content: DeckContent, quotes_chosen: list[str] | None) -> str:
    """Each chosen section's headline, charts, areas and quotes; returns the not-held note (or "")."""
    names, everyone, rule, not_held = content.communities, content.all_communities, content.rule, ""
    if "headline" in content.sections:
        content.headline = deck_headline.headline(conn, names, everyone, rule, published(conn, rule))
    if "attendance" in content.sections:
        charts, not_held = attendance_charts(conn, names, rule)
        content.charts += charts
    if "participation" in content.sections:
        content.charts += participation_charts(conn, names)
    if "value_areas" in content.sections:
        chart, content.value_areas = value_area_content(conn, names, everyone)
        content.charts.append(chart)
        content.evidence = [Quote(*q) for q in deck_evidence.coded(conn, names, everyone, rule)]
    if "quotes" in content.sections:
        content.quotes, content.quotes_total = quotes(conn, names, everyone, quotes_chosen)
        content.quotes_chosen = quotes_chosen is not None
    return not_held


def _drop_empty(content: DeckContent) -> list[str]:
    """Leave out charts with nothing to show, and say so on the notes slide."""
    empty = [c for c in content.charts if not c.categories or not c.series]
    content.charts = [c for c in content.charts if c not in empty]
    said = [f"No figures are recorded for “{c.title}” in this selection." for c in empty]
    if "attendance" in content.sections and not any(c.section == "attendance" for c in content.charts):
        said.append("No sessions are recorded for the chosen communities yet.")
    return said
