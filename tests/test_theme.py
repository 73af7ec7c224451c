"""Colour rules every chart relies on: text printed on a coloured bar is readable (WCAG 2.2 AA), and a
community's colour does not change from chart to chart while the palette has room."""

from __future__ import annotations

import pandas as pd
import pytest
from plotly.colors import sample_colorscale, unlabel_rgb

from dashboard.charts import figures as charts
from dashboard.charts import heatmaps, theme
from dashboard.charts.evidence import build_comments_per_theme


def test_contrast_ratio_matches_wcag_reference_values():
    assert theme.contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert theme.contrast("#005EB8", "#FFFFFF") == pytest.approx(6.38, abs=0.01)  # NHS Blue, white text
    assert theme.contrast("#ED8B00", "#FFFFFF") < 3  # NHS Orange cannot carry white text


@pytest.mark.parametrize("fill", [*theme.CATEGORY, theme.NHS_PALE_GREY])
def test_text_on_every_palette_colour_reaches_aa(fill):
    assert theme.contrast(theme.text_on(fill), fill) >= 4.5


def test_bar_labels_are_printed_in_a_readable_colour_on_every_segment():
    parts = pd.DataFrame({"community": ["A"] * 10, "type": [f"Type {i}" for i in range(10)], "n": range(1, 11)})
    fig = charts.build_stacked_bars(parts, category="community", stack="type", value="n", title="t", x_title="x")
    counts = pd.DataFrame(
        {
            "theme": ["Trust"] * 4,
            "theme_order": [1] * 4,
            "comments": [1, 2, 3, 4],
            "community": ["Patient Involvement", "Operational Teams", "Ultrasound Imaging", "No community named"],
        }
    )
    fig2 = build_comments_per_theme(counts, ["Patient Involvement", "Operational Teams", "Ultrasound Imaging"])
    pairs = [(t.marker.color, t.insidetextfont.color) for t in fig.data]
    pairs += [(t.marker.color, t.textfont.color) for t in fig2.data]
    assert len(pairs) == 14
    assert fig2.layout.legend.traceorder == "normal"  # the legend lists attributions in stack order
    for fill, text in pairs:
        assert theme.contrast(fill, text) >= 4.5, (fill, text)


def test_a_community_keeps_its_colour_while_the_palette_has_room():
    names = ["A", "B", "C", "D"]
    assert theme.community_styles(names, ["C"])["C"] == theme.community_styles(names)["C"]


def test_with_more_communities_than_colours_the_charted_ones_never_share_one():
    names = [f"Community {i:02d}" for i in range(16)]
    shown = names[6:16]  # ten charted, whose places among all would repeat colours 0 to 5
    styles = theme.community_styles(names, shown)
    assert set(styles) == set(shown)
    assert len({s["color"] for s in styles.values()}) == 10


def test_heatmap_numbers_are_printed_in_a_readable_colour_on_every_shade():
    wide = pd.DataFrame({"A": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}, index=[f"g{i}" for i in range(12)])
    fig = heatmaps.build_heatmap(
        wide, rows=list(wide.index), columns=["A"], title="t", text=[[str(v) if v else ""] for v in wide["A"]]
    )
    grid, labels = fig.data
    assert labels.mode == "text" and list(labels.text) == [str(v) for v in range(1, 12)]  # empty cells send nothing
    scale = [[stop, colour] for stop, colour in grid.colorscale]
    shades = sample_colorscale(scale, [v / 11 for v in range(1, 12)])
    for shade, colour in zip(shades, labels.textfont.color):
        fill = "#" + "".join(f"{round(float(v)):02X}" for v in unlabel_rgb(shade))
        assert theme.contrast(fill, colour) >= 4.5, (fill, colour)


def test_a_cell_with_text_but_no_value_is_labelled_as_on_the_palest_shade():
    wide = pd.DataFrame({"A": [float("nan"), 4.0]}, index=["hidden", "shown"])
    fig = heatmaps.build_heatmap(wide, rows=["hidden", "shown"], columns=["A"], title="t", text=[["*"], ["4"]])
    assert list(fig.data[1].text) == ["*", "4"] and fig.data[1].textfont.color[0] == theme.TEXT
