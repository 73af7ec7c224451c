"""Pure reshaping of query results for the views, and the takeaway sentences that caption charts.

Every caption is computed from the data it describes; counts of people pass through the
publication rule (`dashboard.privacy.rule`) before they are shown.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.privacy.published import Published, attendances, publish, session
from dashboard.privacy.rule import HIDDEN, Rule
from dashboard.sessions import counted, status_label


def shown_count(value) -> str:
    return HIDDEN if value == HIDDEN else f"{int(value):,}"


WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """A small count in words ("seven"), a larger one in figures ("1,000")."""
    return WORDS[n] if 0 <= n < len(WORDS) else f"{n:,}"


def shown_sessions(sessions: pd.DataFrame, rule: Rule, published: Published | None = None) -> pd.DataFrame:
    """Sessions with `shown`: each headcount as displayed, taken from `published` (the programme's
    counts under the rule; by default those of these sessions alone)."""
    published = publish(sessions, rule=rule) if published is None else published
    out = sessions.copy()
    shown = [
        published.shown(session(c, n)) if ok else None
        for c, n, ok in zip(out["community"].tolist(), out["number"].tolist(), counted(out).tolist())
    ]
    out["shown"] = pd.Series(shown, index=out.index, dtype=object)
    return out


def attendance_change(sessions: pd.DataFrame, rule: Rule, published: Published | None = None) -> pd.DataFrame:
    """Per community: sessions held and not held, total, mean, and first-to-last held change, all
    from the counts as shown."""
    published = publish(sessions, rule=rule) if published is None else published
    sessions = shown_sessions(sessions, rule, published) if "shown" not in sessions else sessions
    held = sessions[counted(sessions)].sort_values("number", kind="stable")
    counted_by: dict[str, list[tuple[int, object]]] = {}
    for community, number, shown in zip(held["community"].tolist(), held["number"].tolist(), held["shown"].tolist()):
        counted_by.setdefault(community, []).append((number, shown))
    sizes = sessions["community"].value_counts(sort=False)
    held_n = sessions["status"].eq("held").groupby(sessions["community"], sort=False).sum()
    rows = [
        _change_row(
            community,
            counted_by.get(community, []),
            int(held_n[community]),
            int(sizes[community]),
            published.shown(attendances(community)),
            rule,
        )
        for community in sessions["community"].unique().tolist()
    ]
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _change_row(community: str, held: list[tuple[int, Any]], n_held: int, n_all: int, total, rule: Rule) -> dict:
    shown = [v for _, v in held]
    total = 0 if total is None else total
    first, last = (shown[0], shown[-1]) if shown else (None, None)
    hidden = HIDDEN in (first, last) or not shown or rule.round_to_5  # rounding distorts change
    change = None if hidden or len(shown) < 2 else shown[-1] - shown[0]
    return {
        "community": community,
        "held": n_held,
        "not_held": n_all - n_held,
        "attendances": total,
        "mean_per_convening": HIDDEN if total == HIDDEN else (round(total / len(shown), 1) if shown else None),
        "first_held": None if not shown else f"Session {held[0][0]}",
        "first_count": first,
        "last_held": None if not shown else f"Session {held[-1][0]}",
        "last_count": last,
        "change": change,
        "change_pct": None if change is None or not first else round(100 * change / first, 1),
    }


CHANGE_COLUMNS = [
    "community",
    "held",
    "not_held",
    "attendances",
    "mean_per_convening",
    "first_held",
    "first_count",
    "last_held",
    "last_count",
    "change",
    "change_pct",
]


def _pct(value, before: str) -> str:
    """A change in percent after `before`, or nothing when there is none (a change from zero)."""
    return "" if value is None or value != value else f"{before}{value:+.0f}%"


def attendance_caption(change: pd.DataFrame, rule: Rule = Rule()) -> str:
    """One sentence: the direction of change from first to last held convening."""
    if change.empty or not change["held"].sum():
        return "No held sessions are recorded for this selection yet."
    if rule.on and rule.round_to_5:
        return (
            "Counts are rounded to the nearest 5 for publication, so changes in attendance are "
            "not worked out from them."
        )
    known = change[change["change"].notna()]
    if known.empty:
        return "Too few held sessions (or too few people to publish) to show a change in attendance."
    falls = known[known["change"] < 0]
    if len(known) == 1:
        row = known.iloc[0]
        verb = "fell" if row["change"] < 0 else "rose" if row["change"] > 0 else "held steady"
        pct = _pct(row["change_pct"], "")
        return (
            f"{row['community']}: attendance {verb} from {shown_count(row['first_count'])} at the first "
            f"held convening to {shown_count(row['last_count'])} at the last" + (f" ({pct})." if pct else ".")
        )
    if falls.empty:
        return _no_falls(known)
    steepest = known.sort_values("change_pct").iloc[0]
    return (
        f"Attendance fell from first to last held convening {_in(len(falls), len(known))}; "
        f"the steepest change was {steepest['community']} "
        f"({shown_count(steepest['first_count'])} to {shown_count(steepest['last_count'])}"
        f"{_pct(steepest['change_pct'], ', ')})."
    )


NOT_HELD_LISTED = 5  # more sessions not held than this are counted, not listed one by one


def _in(n: int, total: int) -> str:
    """ "in 3 of 4 communities", "in all 4 communities", "in both communities": as the chart titles say it."""
    if n != total:
        return f"in {n:,} of {total:,} communities"
    return "in both communities" if total == 2 else f"in all {total:,} communities"


def _no_falls(known: pd.DataFrame) -> str:
    rises = known[known["change"] > 0]
    if rises.empty:
        return f"Attendance held steady from first to last held convening {_in(len(known), len(known))}."
    top = rises.sort_values("change_pct", ascending=False).iloc[0]
    return (
        f"Attendance rose from first to last held convening {_in(len(rises), len(known))} and fell in none; "
        f"the largest rise was {top['community']} "
        f"({shown_count(top['first_count'])} to {shown_count(top['last_count'])}{_pct(top['change_pct'], ', ')})."
    )


def not_held_note(sessions: pd.DataFrame) -> str:
    """Plain words for the sessions that were not held, e.g. a postponement and its reason; past a
    handful, how many of each kind and across how many communities (the tables list each one)."""
    rows = sessions[~counted(sessions)]
    if len(rows) > NOT_HELD_LISTED:
        kinds = rows["status"].map(status_label).str.lower().value_counts()
        counts = ", ".join(f"{n:,} {kind}" for kind, n in kinds.items())
        return (
            f"{len(rows):,} sessions across {rows['community'].nunique():,} communities have no attendance "
            f"to show ({counts}); the Attendance page's table lists each one."
        )
    parts = [
        f"{r.community} session {r.number}: "
        + (
            r.note.rstrip(".")[0].lower() + r.note.rstrip(".")[1:]
            if isinstance(r.note, str) and r.note
            else status_label(r.status).lower()
        )  # a missing note reads back as NaN
        for r in rows.itertuples()
    ]
    return "; ".join(parts) + "." if parts else ""


def sessions_table(shown: pd.DataFrame) -> pd.DataFrame:
    """The attendance chart's data as people read it (its text alternative)."""
    return pd.DataFrame(
        {
            "Community": shown["community"],
            "Session": shown["number"],
            "Status": shown["status"].str.capitalize(),
            "Participants": [
                v if ok else ("not counted yet" if s == "held" else "not held")
                for v, s, ok in zip(shown["shown"].tolist(), shown["status"].tolist(), counted(shown).tolist())
            ],
            "Date": shown["date"].map(lambda d: d.isoformat() if hasattr(d, "isoformat") else "not recorded"),
            "Note": shown["note"].fillna(""),
        }
    )


def change_table(change: pd.DataFrame) -> pd.DataFrame:
    return change.rename(
        columns={
            "community": "Community",
            "held": "Convenings held",
            "not_held": "Not held",
            "attendances": "Total attendances",
            "mean_per_convening": "Mean per convening",
            "first_held": "First held",
            "first_count": "Participants (first)",
            "last_held": "Last held",
            "last_count": "Participants (last)",
            "change": "Change",
            "change_pct": "Change (%)",
        }
    )


CHART_COMMUNITIES = 10  # more lines or bars than this stop being readable (and send too many points)


def largest(df: pd.DataFrame, value: str, n: int = CHART_COMMUNITIES, by: str = "community") -> list[str]:
    """The `n` groups with the largest total `value` as shown (a hidden "*" counts as nothing, so the
    order of hidden counts is never given away), ties by name; in their original order."""
    totals = pd.to_numeric(df[value], errors="coerce").fillna(0).groupby(df[by], sort=False).sum()
    keep = set(sorted(totals.index, key=lambda g: (-totals[g], str(g)))[:n])
    return [c for c in df[by].unique().tolist() if c in keep]


def for_chart(
    df: pd.DataFrame,
    value: str,
    what: str,
    n: int = CHART_COMMUNITIES,
    by: str = "community",
    measure: str | None = None,
) -> tuple[pd.DataFrame, str]:
    """Rows for the `n` largest groups by `value` as shown, and a sentence saying so when some were
    left out (naming `measure`, by default the value's name)."""
    groups = df[by].nunique()
    if groups <= n:
        return df, ""
    keep = largest(df, value, n, by)
    measure = measure or value.replace("_", " ")
    return df[df[by].isin(keep)], (
        f"The chart shows the {n} {what} with the most {measure} of {groups}; the table beneath it has them all."
    )
