"""Layout that reads at any width. Streamlit stretches a chart to its column, so the server never
knows its pixels: charts are laid out for the narrowest column (about 480 px, an 800 px window beside
the sidebar) and grow from there. Long labels are wrapped or shortened on the axis (the full name
stays in the data, so the hover and the table show it), legends sit below the plot, and heights grow
with the number of rows.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from dashboard.inert import plot_text

NARROWEST = 480  # px: a chart beside the sidebar in an 800 px window
EM = 0.56  # average width of a glyph of Arial (Liberation Sans), in ems, capitals included
LINE = 1.3  # a line of text, in ems
LEGEND_ROW = 26  # px: one row of a horizontal legend


def text_px(label: str, size: float = 15) -> float:
    """About how wide a label draws: its longest line, at font `size`."""
    return max(len(line) for line in str(label).split("<br>")) * size * EM


def lines(label: str) -> int:
    return str(label).count("<br>") + 1


def short(label: str, width: int = 22, most: int = 2) -> str:
    """A label escaped, wrapped at `width` characters and cut to `most` lines (the last ending "…");
    one word longer than `width` is cut too."""
    words, out, line = [w if len(w) <= width else w[: width - 1] + "…" for w in str(label).split()], [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > most:
        out = out[:most]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return "<br>".join(plot_text(part) for part in out)


LEGEND_BELOW = dict(
    orientation="h",
    xref="container",
    yref="container",
    x=0.01,
    xanchor="left",
    y=0,
    yanchor="bottom",
    traceorder="normal",
    title_text="",
)


def legend_below(fig: go.Figure) -> None:
    """A horizontal legend at the foot of the figure, across its whole width: plotly reserves the
    room it needs below the axis at whatever width the browser draws it."""
    fig.update_layout(legend=LEGEND_BELOW)


def legend_height(names: list[str], width: int = NARROWEST, size: float = 15) -> int:
    """The px a horizontal legend of `names` takes at `width` (plotly wraps it in equal columns)."""
    if not names:
        return 0
    entry = max(text_px(n, size) for n in names) + 50  # symbol and gap
    per_row = max(1, int((width - 20) // entry))
    return LEGEND_ROW * math.ceil(len(names) / per_row) + 10


def step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 × 10ⁿ, at least 1) giving about `ticks` ticks up to `top`."""
    raw = max(float(top) / ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
