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


def numbered(names: list[str], shown=None) -> list[str]:
    """The order that gives each community its style: the canonical order of every community, so a
    community looks the same on every chart. With more communities than colours, only those in one
    chart (`shown`, at most ten) are numbered, in canonical order, so no two in it share a colour."""
    if shown is None or len(names) <= len(CATEGORY):
        return list(names)
    keep = set(shown)
    return [name for name in names if name in keep]


def community_colours(names: list[str], shown=None) -> dict[str, str]:
    """One colour per community (see `numbered`)."""
    return {name: CATEGORY[i % len(CATEGORY)] for i, name in enumerate(numbered(names, shown))}


def community_styles(names: list[str], shown=None) -> dict[str, dict[str, str]]:
    """Colour, dash and marker symbol per community (see `numbered`): meaning never rests on colour alone."""
    return {
        name: {
            "color": CATEGORY[i % len(CATEGORY)],
            "dash": DASHES[i % len(DASHES)],
            "symbol": SYMBOLS[i % len(SYMBOLS)],
        }
        for i, name in enumerate(numbered(names, shown))
    }


def _luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a #RRGGBB colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio of two #RRGGBB colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """The colour for text printed on `fill`: white, the NHS text colour or black, whichever first
    reaches WCAG AA's 4.5:1 for normal-size text."""
    candidates = ("#FFFFFF", TEXT, "#000000")
    return next((c for c in candidates if contrast(c, fill) >= 4.5), max(candidates, key=lambda c: contrast(c, fill)))


TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family="Arial, Helvetica, sans-serif", size=15, color=TEXT),
        title=dict(
            font=dict(size=19, color=TEXT),
            x=0.01,
            xanchor="left",
            xref="container",
            y=1,
            yref="container",
            yanchor="top",
            pad=dict(t=14),
        ),
        colorway=CATEGORY,
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(
            showgrid=False,
            linecolor=NHS_MID_GREY,
            ticks="outside",
            title_standoff=12,
            automargin=True,
            tickfont=dict(color=TEXT),
        ),
        yaxis=dict(
            gridcolor=NHS_PALE_GREY,
            linecolor=NHS_MID_GREY,
            zeroline=False,
            title_standoff=12,
            automargin=True,
            tickfont=dict(color=TEXT),
        ),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""),
        margin=dict(l=60, r=20, t=110, b=60),
        hoverlabel=dict(font_size=14),
    )
)
pio.templates["nhs"] = TEMPLATE
