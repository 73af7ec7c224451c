"""What a session row says of itself: whether its attendance is counted, and its status in words
(shared by the views that reshape sessions and the charts that draw them)."""

from __future__ import annotations

import pandas as pd


def counted(sessions: pd.DataFrame) -> pd.Series:
    """Held sessions whose attendance is known (a held session may await its count or register)."""
    return (sessions["status"] == "held") & sessions["headcount"].notna()


def status_label(status: str) -> str:
    return "Held, not counted yet" if status == "held" else status.capitalize()
