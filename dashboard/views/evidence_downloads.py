"""Comments, interview answers and areas of change as tables to download, filtered as the page shows
them (Member voice, Value stories): one row per item, in report order, headings for people.

Each function returns a zero-argument function, so the rows are read only when a download button is
clicked (`dashboard.widgets.downloads.table_downloads` accepts either).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import data
from dashboard.files.names import slug
from dashboard.privacy.rule import Rule
from dashboard.views import evidence as ev

NO_COMMUNITY = "Programme-wide (no community named)"
LABEL_SLUG = 40  # characters of a filter's value kept in a file name


def comments_table(comments: pd.DataFrame) -> pd.DataFrame:
    """Comments from `db.read.evidence_comments.coded_comments` for people: text, attribution, theme, codes,
    links, source."""
    return pd.DataFrame(
        {
            "Comment": comments["text"],
            "Community": comments["community"].fillna(NO_COMMUNITY),
            "Report theme": comments["report_theme"],
            "Codes": comments["codes"],
            "Related comments": comments["see_also"],
            "Id": comments["slug"],
            "Source": comments["source"],
        }
    )


def answers_table(answers: pd.DataFrame) -> pd.DataFrame:
    """Interview answers from `db.read.evidence_interviews.interviews` for people: who, when (a convener
    may be interviewed again), which question, the answer."""
    return pd.DataFrame(
        {
            "Community": answers["community"],
            "Convener": answers["convener"],
            "Interview date": answers["interviewed_on"],  # empty for the report's (undated) interviews
            "Question number": answers["question_number"],
            "Question": answers["question"],
            "Answer": answers["answer"],
            "Codes": answers["codes"],
            "Source": answers["source"],
        }
    )


def areas_table(areas: pd.DataFrame) -> pd.DataFrame:
    """Areas of change from `db.read.evidence.areas_of_change` for people: cycle, position, text, communities."""
    return pd.DataFrame(
        {
            "Value cycle": areas["value_cycle"],
            "Position": areas["position"],
            "Area of change": areas["text"],
            "Communities named": areas["communities"].fillna(NO_COMMUNITY),
            "Id": areas["slug"],
            "Source": areas["source"],
        }
    )


@dataclass(frozen=True)
class Download:
    """A table to offer as CSV and XLSX: the rows (read when clicked), the file's stem and its title."""

    rows: Callable[[], pd.DataFrame]
    key: str
    title: str
    what: str  # the rows in words, for the buttons: "these comments"


def named(kind: str, labels: dict[str, str | None]) -> tuple[str, str]:
    """(file stem, title) naming the page's own filters, e.g. ("comments-theme-delivery-of-commission",
    "Comments · Theme: Delivery of commission"); the community and publication mode are added later."""
    chosen = {k: v for k, v in labels.items() if v}
    key = "-".join([slug(kind)] + [f"{slug(k)}-{slug(str(v))[:LABEL_SLUG].rstrip('-')}" for k, v in chosen.items()])
    return key, " · ".join([kind] + [f"{k}: {v}" for k, v in chosen.items()])


def comments(
    *, theme_label: str | None = None, cycle_label: str | None = None, wide: bool = False, **filters
) -> Download:
    """The comments Member voice lists under these filters (community, theme, cycle, programme_wide)."""
    kind = "Programme-wide comments" if wide else "Comments"
    key, title = named(kind, {"Theme": theme_label, "Value cycle": cycle_label})
    return Download(
        lambda: comments_table(data.coded_comments(**{k: v for k, v in filters.items() if v})),
        key,
        title,
        "these programme-wide comments" if wide else "these comments",
    )


def answers(*, label: str | None = None, **filters) -> Download:
    """The interview answers Value stories shows (community and question, or one convener); `label`
    names the question or convener chosen."""
    key, title = named("Interview answers", {"For": label})
    return Download(
        lambda: answers_table(data.interviews(**{k: v for k, v in filters.items() if v is not None})),
        key,
        title,
        "these answers",
    )


def areas(*frames: pd.DataFrame, cell: ev.MatrixCell | None = None, cycle_label: str | None = None) -> Download:
    """The areas of change Value stories lists (its chosen areas, then any programme-wide ones), named
    for the matrix cell or the value cycle chosen."""
    label = _cell_label(cell) if cell else (cycle_label if cycle_label != ev.ALL_CYCLES else None)
    key, title = named("Areas of change", {"For": label})
    shown = [f for f in frames if len(f)]
    return Download(
        lambda: areas_table(pd.concat(shown, ignore_index=True) if shown else frames[0]),
        key,
        title,
        "these areas of change",
    )


def evidence_table(trail: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The evidence tagged to `areas` for people: the area, the item, who and where it came from."""
    text = dict(zip(areas["slug"], areas["text"]))
    rows = trail[trail["area"].isin(text)]
    return pd.DataFrame(
        {
            "Area of change": rows["area"].map(text),
            "Area id": rows["area"],
            "Kind": rows["kind"],
            "Evidence": rows["text"],
            "Attribution": rows["attribution"],
            "Source": rows["source"],
            "Why it is evidence": rows["rationale"],
        }
    )


def evidence(
    *frames: pd.DataFrame, cell: ev.MatrixCell | None = None, cycle_label: str | None = None, rule: Rule = Rule()
) -> Download:
    """The evidence for the areas Value stories lists, each item with its source (the report, a
    feedback form of session N (date), an interview (date), an import), under `rule` as the page."""
    label = _cell_label(cell) if cell else (cycle_label if cycle_label != ev.ALL_CYCLES else None)
    key, title = named("Evidence for areas of change", {"For": label})
    shown = [f for f in frames if len(f)]
    return Download(
        lambda: evidence_table(ev.trail(rule), pd.concat(shown, ignore_index=True) if shown else frames[0]),
        key,
        title,
        "the evidence for these areas",
    )


def _cell_label(cell: ev.MatrixCell) -> str:
    """A matrix cell in plain words (its on-screen label is escaped for markdown)."""
    names = {slug: name for name, slug in ev.cycle_options().items()}
    who = "Programme-wide" if cell.programme_wide else cell.community or "All communities"
    return f"{who} · {names.get(cell.cycle, 'every value cycle') if cell.cycle else 'every value cycle'}"
