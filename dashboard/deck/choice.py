"""What a person can choose to put in a deck: its charts and its quotes, with sensible defaults.

The report prints some comments more than once in different words (near-variants it links through
`see_also`, e.g. a member comment and the longer quote that joins it with two others). A deck that
quotes every one repeats itself, so the default is one quote from each linked group: the one the
report attributes to a community, else one printed under a theme heading, else the longest.
"""

from __future__ import annotations

import re

import pandas as pd

# Chart key -> (section, the chart's title on its slide). The keys are `ChartSpec.key`.
CHARTS = {
    "attendance-line": ("attendance", "Participants at each convening"),
    "attendance-change": ("attendance", "First and last held convening compared"),
    "organisation-types": ("participation", "Organisations taking part, by type"),
    "professional-groups": ("participation", "Distinct roles listed, by professional group"),
    "value-areas": ("value_areas", "Areas of change by value cycle"),
}
LABEL_WORDS = 60  # characters of a quote shown in the chooser


def chart_title(key: str) -> str:
    """A chart's title for the chooser (its key when it is not one of ours)."""
    return CHARTS.get(key, (None, key))[1]


def _links(see_also: object) -> list[str]:
    return [s for s in re.split(r"[;,\s]+", see_also) if s] if isinstance(see_also, str) else []


def linked_groups(comments: pd.DataFrame) -> list[list[str]]:
    """The comments' slugs in groups of near-variants (joined through `see_also`, either way), each
    group in report order, groups in the order of their first comment."""
    parent = {slug: slug for slug in comments["slug"]}

    def root(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    for slug, links in zip(comments["slug"], comments["see_also"]):
        for other in _links(links):
            if other in parent:
                parent[root(other)] = root(slug)
    groups: dict[str, list[str]] = {}
    for slug in comments["slug"]:
        groups.setdefault(root(slug), []).append(slug)
    return list(groups.values())


def _preference(row) -> tuple:
    """Which of a group to quote: attributed to a community, then printed under a theme, then longest."""
    return (isinstance(row.community, str), isinstance(row.theme, str) and bool(row.theme), len(row.text))


def default_quotes(comments: pd.DataFrame) -> list[str]:
    """One slug from each group of near-variants, in report order (`comments` as `db.read.queries.comments`)."""
    rows = {r.slug: r for r in comments.itertuples()}
    chosen = {max(group, key=lambda s: _preference(rows[s])) for group in linked_groups(comments)}
    return [slug for slug in comments["slug"] if slug in chosen]


def quote_labels(comments: pd.DataFrame) -> dict[str, str]:
    """Slug -> what the chooser shows: its number (the comment's id: report order, the same in every
    deck, so an address naming it keeps working), its opening words and attribution."""
    out = {}
    for number, row in zip(comments["id"], comments.itertuples()):
        text = " ".join(row.text.split())
        short = text if len(text) <= LABEL_WORDS else text[:LABEL_WORDS].rsplit(" ", 1)[0] + "…"
        who = row.community if isinstance(row.community, str) else "programme-wide"
        out[row.slug] = f"{number}. {short} ({who})"
    return out
