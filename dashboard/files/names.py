"""What a downloaded file says about itself: a name that tells what it holds (the filter, publication
mode, the day it was made) and, for XLSX, the rows of its "Notes" sheet.

`attendance-ultrasound-imaging-publication-2026-12-01.csv` holds the Ultrasound Imaging rows of the
attendance table with publication mode on, made on 1 December 2026. A CSV carries no header of
notes (an extra first row would break a pivot table), so its name alone says this.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dashboard.files.images import REPORT_SOURCE
from dashboard.privacy.rule import Rule

ALL = "all-communities"
NAME_WORDS = 60  # characters of communities' slugs a name holds before it counts them instead


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits joined by single hyphens (cop_data's slug rule)."""
    text = text.replace("&", " and ").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "untitled"


def mode_part(rule: Rule) -> str:
    """ "publication", "publication-rounded", or nothing when publication mode is off."""
    return "" if not rule.on else "publication-rounded" if rule.round_to_5 else "publication"


def scope_part(communities: list[str] | None, every: bool = False) -> str:
    """The communities a file holds, as a name part: one slug, several joined, or how many."""
    if not communities or every:
        return ALL
    joined = "-".join(slug(c) for c in communities)
    return joined if len(joined) <= NAME_WORDS else f"{len(communities)}-communities"


@dataclass(frozen=True)
class ExportContext:
    """The filter, publication rule, source and date a download was made under; `compared`: the
    communities a page compares (the Compare page), which the file holds instead of the filter's."""

    community: str | None = None
    rule: Rule = field(default_factory=Rule)
    source: str = REPORT_SOURCE
    made_on: dt.date = field(default_factory=dt.date.today)
    compared: tuple[str, ...] = ()

    @property
    def scope(self) -> list[str] | None:
        """The communities the file holds (None: all of them)."""
        return list(self.compared) if self.compared else [self.community] if self.community else None

    @property
    def who(self) -> str:
        """The communities the file holds, in words."""
        names = self.scope
        if not names:
            return "All communities"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def file_name(self, stem: str, ext: str) -> str:
        """`<stem>-<communities or all-communities>[-publication[-rounded]]-<YYYY-MM-DD>.<ext>`."""
        parts = [slug(stem), scope_part(self.scope), mode_part(self.rule), f"{self.made_on:%Y-%m-%d}"]
        return "-".join(p for p in parts if p) + f".{ext}"

    def notes(self, title: str, statuses: Sequence[str] = ()) -> list[tuple[str, str]]:
        """(label, text) rows for an XLSX "Notes" sheet: what the file holds and under which settings."""
        mode = (
            self.rule.note()
            if self.rule.on
            else ("Off: counts of people are shown as recorded (switch it on before sharing outside the team).")
        )
        rows = [
            ("Table", title),
            ("Communities compared" if self.compared else "Community", self.who),
            ("Publication mode", mode),
            ("Source", self.source.removeprefix("Source: ")),
            ("Made on", f"{self.made_on:%Y-%m-%d}"),
            ("Made by", "CoP dashboard"),
        ]
        if statuses:
            rows.append(
                (
                    "Status columns",
                    "Numeric columns hold numbers only. Where a value is missing or "
                    "hidden, the cell is empty and the column named “… status” beside it says why: "
                    + "; ".join(statuses)
                    + ".",
                )
            )
        return rows


def deck_file_name(communities: list[str], every: bool, rule: Rule, made_on: dt.date) -> str:
    """`cop-deck-<communities>[-publication[-rounded]]-<YYYY-MM-DD>.pptx`."""
    parts = ["cop-deck", scope_part(communities, every), mode_part(rule), f"{made_on:%Y-%m-%d}"]
    return "-".join(p for p in parts if p) + ".pptx"
