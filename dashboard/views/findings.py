"""The findings that title the Attendance, Participation and Compare charts (issue 13, item 14).

Each is worked out as the charts' captions are, from the figures as shown (publication mode and
rounding applied): a hidden count is never compared or read as a value, a session not held is never a
zero, and a comparison is made only when there are communities to compare.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.privacy.rule import HIDDEN, Rule
from dashboard.sessions import counted
from dashboard.views.summaries import attendance_caption

ATTENDANCE = "Participants at each convening"
CHANGE = "First and last held convening compared"
REGISTER = "New and returning participants per session"
TYPES = "Organisations taking part, by type"
MATRIX = "Which organisations take part in which communities"
GROUPS = "Distinct roles listed, by professional group"
SHARE = "Patients and the public against staff"
COMPARED = ", compared"
NO_HELD = "No held convening is recorded here yet"


def clause(caption: str, part: int = 0) -> str:
    """One clause of a caption (split at "; "), capitalised, without its full stop."""
    parts = caption.split("; ")
    text = parts[min(part, len(parts) - 1)].strip().rstrip(".")
    return text[:1].upper() + text[1:]


def _rounded(rule: Rule) -> bool:
    return rule.on and rule.round_to_5


def attendance(sessions: pd.DataFrame, change: pd.DataFrame, rule: Rule) -> str:
    """The attendance chart's finding: the direction of change (as its caption), or, when no change
    is worked out (rounding, too few held convenings, hidden counts), the range of the counts shown."""
    if change.empty or not change["held"].sum():
        return NO_HELD
    known = change[change["change"].notna()]
    if _rounded(rule) or known.empty:
        return shown_range(sessions, rule)
    if len(known) > 1:
        return _every(clause(attendance_caption(change, rule)))
    row = known.iloc[0]  # one community's change (the others, if any, have too few counts shown)
    verb = "fell" if row["change"] < 0 else "rose" if row["change"] > 0 else "held steady"
    pct = "" if row["change_pct"] is None or row["change_pct"] != row["change_pct"] else f" ({row['change_pct']:+.0f}%)"
    return (
        f"{row['community']}: attendance {verb} from {int(row['first_count']):,} to "
        f"{int(row['last_count']):,}{pct}, first to last held convening"
    )


def _every(text: str) -> str:
    """ "in 4 of 4 communities" read as "in all 4 communities" ("in both" for two)."""
    return re.sub(
        r"in (\d[\d,]*) of \1 communities",
        lambda m: "in both communities" if m.group(1) == "2" else f"in all {m.group(1)} communities",
        text,
    )


def shown_range(sessions: pd.DataFrame, rule: Rule) -> str:
    """How many participants held convenings drew, from the lowest count shown to the highest."""
    held = sessions[counted(sessions)]
    values = [int(v) for v in held["shown"].tolist() if v != HIDDEN and v is not None]
    hidden = len(held) - len(values)
    names = sessions["community"].unique().tolist()
    who = f"{names[0]}: held convenings" if len(names) == 1 else "Held convenings"
    if not values:
        return f"{who}: every count is hidden by publication mode"
    low, high = min(values), max(values)
    text = (
        f"{who} drew {low:,} to {high:,} participants each"
        if low != high
        else f"{who} drew {low:,} participants each"
        if len(values) > 1
        else f"{who.replace('held convenings', 'its one held convening')} drew {low:,} participants"
    )
    if _rounded(rule):
        text += " (rounded to 5)"
    return text + (f"; {hidden:,} count{'s' if hidden != 1 else ''} hidden" if hidden else "")


def first_last(change: pd.DataFrame, rule: Rule) -> str:
    """The first-versus-last chart's finding: the steepest fall or the largest rise, as its caption."""
    if change.empty or not change["held"].sum():
        return NO_HELD
    caption = attendance_caption(change, rule)
    if _rounded(rule):
        return "Counts rounded to 5 for publication: no change is worked out"
    if not change["change"].notna().any():
        return "Too few held convenings (or counts too small to publish) to show a change"
    return clause(caption, 1)


def register(caption: str) -> str:
    """The new and returning chart's finding: its caption's first statement."""
    return clause(caption.split(": ")[0] if caption.startswith("Nobody") else caption.split(" (")[0])


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def compared_types(types: pd.DataFrame, names: tuple[str, ...]) -> str:
    """The Compare types chart's finding: which community draws on the widest mix of organisation
    types, or, with one community to show, its largest type."""
    if types.empty:
        return "No organisations are listed for the communities compared"
    widths = types.groupby("community", sort=False)["organisation_type"].nunique()
    if len(widths) == 1:
        name = widths.index[0]
        rows = types[types["community"] == name]
        top = rows.sort_values(["organisations", "organisation_type"], ascending=[False, True]).iloc[0]
        return (
            f"{top['organisation_type']} is {name}'s largest type of organisation "
            f"({int(top['organisations'])} of {int(rows['organisations'].sum())})"
        )
    widest = widths[widths == widths.max()].index.tolist()
    if len(widest) == len(widths):
        return f"Every community compared draws on {widths.max()} types of organisation"
    each = "" if len(widest) == 1 else " each"
    return f"{_names(widest)} draw{'s' if len(widest) == 1 else ''} on the widest mix of types ({widths.max()}{each})"
