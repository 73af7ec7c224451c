"""New and returning participants and repeat attenders, from registers, as the Attendance page and its
downloads show them: every count as published (`dashboard.privacy.published`), and captions worked out from
those shown counts only."""

from __future__ import annotations

import pandas as pd

from dashboard.privacy.published import Published, publish
from dashboard.privacy.rule import HIDDEN, Rule
from dashboard.views.summaries import for_chart

REGISTER_SESSIONS = 40  # bars in the new-and-returning chart
REGISTER_COLUMNS = ["community", "number", "new", "returning", "participants"]
OFF = Rule()


def register_shown(register: pd.DataFrame, rule: Rule, published: Published | None = None) -> pd.DataFrame:
    """New and returning participants per registered session, and the session's participants."""
    published = publish(register=register, rule=rule) if published is None else published
    rows = [
        {
            "community": r.community,
            "number": r.number,
            "new": published.shown(("new", r.community, int(r.number))),
            "returning": published.shown(("returning", r.community, int(r.number))),
            "participants": published.shown(published.register_total(r.community, r.number)),
        }
        for r in register.itertuples()
    ]
    return pd.DataFrame(rows, columns=REGISTER_COLUMNS)


def repeat_shown(repeat: pd.DataFrame, rule: Rule, published: Published | None = None) -> pd.DataFrame:
    """Per community: registered participants, those who came to two or more sessions, and once."""
    published = publish(repeat=repeat, rule=rule) if published is None else published
    return pd.DataFrame(
        [
            {
                "Community": r.community,
                "Registered participants": published.shown(("registered", r.community)),
                "Came to two or more sessions": published.shown(("two_or_more", r.community)),
                "Came once": published.shown(("once", r.community)),
            }
            for r in repeat.itertuples()
        ]
    )


def register_long(register: pd.DataFrame) -> pd.DataFrame:
    """New/returning counts in long form for a stacked bar; hidden counts become gaps."""
    long = register.melt(
        id_vars=["community", "number"], value_vars=["new", "returning"], var_name="kind", value_name="count"
    )
    long["kind"] = long["kind"].map({"new": "New to the community", "returning": "Returning"})
    long["session"] = long["community"] + ", session " + long["number"].astype(str)
    long["count"] = long["count"].where(long["count"] != HIDDEN)
    return long


def register_caption(register: pd.DataFrame, rule: Rule = OFF) -> str:
    """One true sentence about returning participants, from the counts shown: a hidden count is
    never read as zero (zeros are always shown), and sessions with hidden counts are left out of shares."""
    back = register["returning"].tolist()
    if all(v == 0 for v in back):
        return (
            f"Nobody has returned yet: everyone at the {len(register):,} registered session(s) "
            "shown was new to the community."
        )
    known = register[(register["new"] != HIDDEN) & (register["returning"] != HIDDEN)]
    later = known[known["returning"].map(lambda v: v != 0)]
    if later.empty:
        back_at = sum(v != 0 for v in back)
        return (
            f"Participants came back to {back_at:,} registered session(s); their share is not shown, as "
            "some counts at those sessions are too small to publish."
        )
    returning = later["returning"].astype(int).sum()
    share = 100 * returning / (later["new"].astype(int).sum() + returning)
    left_out = len(register) - len(known)
    about = "about " if rule.on and rule.round_to_5 else ""
    return f"At registered sessions where anyone came back, {about}{share:.0f}% of participants were returning" + (
        f" ({left_out:,} session(s) with counts too small to publish are left out)." if left_out else "."
    )


def register_for_chart(register: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The register chart's rows (the largest communities' latest sessions) and a note when capped."""
    in_chart, note = for_chart(register, "participants", "communities")
    if len(in_chart) > REGISTER_SESSIONS:
        in_chart = in_chart.tail(REGISTER_SESSIONS)
        note = (
            f"The chart shows the latest {REGISTER_SESSIONS} registered sessions of "
            f"{len(register)}; the table beneath it has them all."
        )
    return register_long(in_chart), note
