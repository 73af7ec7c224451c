"""Colours and chart styling: the NHS identity palette, one fixed colour per community on every chart.

Category colours follow the NHS Business Services Authority's colour-blind-safe order; colour never
carries meaning alone (every series is also named in its legend, hover text and data table).
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_DARK_GREY = "#425563"
NHS_MID_GREY = "#768692"
NHS_PALE_GREY = "#E8EDEE"
NHS_WARM_YELLOW = "#FFB81C"
NHS_RED = "#DA291C"
TEXT = "#212B32"

# NHSBSA colour-blind-safe category order, NHS Blue first.
CATEGORY = [
    "#005EB8",  # NHS Blue
    "#ED8B00",  # NHS Orange
    "#00A499",  # NHS Aqua Green
    "#330072",  # NHS Purple
    "#FFB81C",  # NHS Warm Yellow
    "#AE2573",  # NHS Pink
    "#009639",  # NHS Green
    "#41B6E6",  # NHS Light Blue
    "#8A1538",  # NHS Dark Pink
    "#425563",  # NHS Dark Grey
]

# Line dash styles: a second channel beside colour, so series stay distinct in greyscale.
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "star", "hexagon", "pentagon"]


def community_colours(names: list[str]) -> dict[str, str]:
    """One fixed colour per community, by its position in the canonical community order."""
    return {name: CATEGORY[i % len(CATEGORY)] for i, name in enumerate(names)}


def community_styles(names: list[str]) -> dict[str, dict[str, str]]:
    """Colour, dash and marker symbol per community: meaning never rests on colour alone."""
    return {
        name: {
            "color": CATEGORY[i % len(CATEGORY)],
            "dash": DASHES[i % len(DASHES)],
            "symbol": SYMBOLS[i % len(SYMBOLS)],
        }
        for i, name in enumerate(names)
    }


TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family="Arial, Helvetica, sans-serif", size=15, color=TEXT),
        title=dict(font=dict(size=19, color=TEXT), x=0.01, xanchor="left", xref="container",
                   y=1, yref="container", yanchor="top", pad=dict(t=14)),
        colorway=CATEGORY,
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(showgrid=False, linecolor=NHS_MID_GREY, ticks="outside", title_standoff=12,
                   automargin=True, tickfont=dict(color=TEXT)),
        yaxis=dict(gridcolor=NHS_PALE_GREY, linecolor=NHS_MID_GREY, zeroline=False, title_standoff=12,
                   automargin=True, tickfont=dict(color=TEXT)),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""),
        margin=dict(l=60, r=20, t=110, b=60),
        hoverlabel=dict(font_size=14),
    )
)
pio.templates["nhs"] = TEMPLATE
