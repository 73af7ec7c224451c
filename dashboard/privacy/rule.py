"""Small-number suppression for publication (the NHS rule), and the publication-mode setting.

One pure function, `suppress_group`, implements the rule for a group of counts of people and the
total they add up to. Counts that are not of people (sessions, communities, listed organisations and
role titles, which the report itself publishes) are exempt and never pass through here.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass

LOW, HIGH = 1, 7  # counts of 1 to 7 people are never shown
HIDDEN = "*"
ENV_DEFAULT = "COP_PUBLICATION_MODE"
ENV_ROUND = "COP_ROUND_TO_5"


@dataclass(frozen=True)
class Rule:
    """Whether suppression is on, and whether other counts are rounded to the nearest 5."""

    on: bool = False
    round_to_5: bool = False

    def note(self) -> str:
        if not self.on:
            return ""
        text = f"Publication mode: counts of {LOW} to {HIGH} people are shown as {HIDDEN}"
        text += ", other counts of people are rounded to the nearest 5" if self.round_to_5 else ""
        return text + ", and other counts that could reveal a hidden count are hidden too."


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def default_rule() -> Rule:
    """The rule set by the environment (for deployments that must always publish safely)."""
    return Rule(on=env_flag(ENV_DEFAULT), round_to_5=env_flag(ENV_ROUND))


def shown_count(count: int | None, rule: Rule) -> int | str | None:
    """One count of people as shown under `rule` on its own (no secondary suppression)."""
    if count is None or (isinstance(count, float) and math.isnan(count)):
        return None
    count = int(count)
    if not rule.on:
        return count
    if LOW <= count <= HIGH:
        return HIDDEN
    if rule.round_to_5 and count:
        return max(10, 5 * round(count / 5)) if count > HIGH else count
    return count


def suppress_group(
    counts: Sequence[int | None], total: int | None = None, rule: Rule = Rule(on=True)
) -> tuple[list[int | str | None], int | str | None]:
    """Shown values for counts of people and the `total` they add up to, under `rule`.

    A count of 1-7 becomes "*" (and, with rounding, other counts go to the nearest 5). The total is
    hidden whenever any part of it is, so no hidden count can be worked out from the total and the
    shown parts; callers pass a hidden part's total up as hidden (a grand total over hidden totals).
    """
    if not rule.on:
        return list(counts), total
    shown = [shown_count(c, rule) for c in counts]
    if total is None:
        return shown, None
    return shown, (HIDDEN if HIDDEN in shown else shown_count(total, rule))


def numeric(values: Sequence[int | str | None]) -> list[float | None]:
    """Suppressed display values as numbers for a chart: hidden ones become gaps (None)."""
    return [None if v in (None, HIDDEN) else float(v) for v in values]
