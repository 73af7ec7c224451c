"""Native, editable PowerPoint charts (python-pptx) from a `ChartSpec`, in the NHS palette.

The numbers travel inside the .pptx as the chart's embedded workbook, so a user can restyle or
re-edit them in PowerPoint. A gap (None) stays a blank cell, drawn as a gap: never a zero.
"""

from __future__ import annotations

from contextlib import contextmanager

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Pt
from xlsxwriter import Workbook

from dashboard.charts import figures as charts
from dashboard.charts import theme
from dashboard.deck.model import ChartSpec

KINDS = {
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "bar_stacked": XL_CHART_TYPE.BAR_STACKED,
    "bar_clustered": XL_CHART_TYPE.BAR_CLUSTERED,
    "column_clustered": XL_CHART_TYPE.COLUMN_CLUSTERED,
}
LABEL_AT = {
    "line": XL_LABEL_POSITION.ABOVE,
    "bar_stacked": XL_LABEL_POSITION.CENTER,
    "bar_clustered": XL_LABEL_POSITION.OUTSIDE_END,
    "column_clustered": XL_LABEL_POSITION.OUTSIDE_END,
}
NUMBER = '#,##0;-#,##0;""'  # zero segments carry no label (a 0 on a zero-width bar is clutter)
DASHES = [
    MSO_LINE_DASH_STYLE.SOLID,
    MSO_LINE_DASH_STYLE.DASH,
    MSO_LINE_DASH_STYLE.ROUND_DOT,
    MSO_LINE_DASH_STYLE.DASH_DOT,
    MSO_LINE_DASH_STYLE.LONG_DASH,
    MSO_LINE_DASH_STYLE.LONG_DASH_DOT,
]
MARKERS = [
    XL_MARKER_STYLE.CIRCLE,
    XL_MARKER_STYLE.SQUARE,
    XL_MARKER_STYLE.DIAMOND,
    XL_MARKER_STYLE.TRIANGLE,
    XL_MARKER_STYLE.X,
    XL_MARKER_STYLE.STAR,
]
GRID, TEXT, GREY = RGBColor.from_string("E8EDEE"), RGBColor.from_string("212B32"), RGBColor.from_string("425563")


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook with text kept as text: XlsxWriter's defaults would make a name
    starting https:// or mailto: a hyperlink, and one starting = a formula."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False})
        yield workbook, workbook.add_worksheet()
        workbook.close()


class _ChartData(CategoryChartData):
    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _TextWorkbookWriter(self)


def chart_data(spec: ChartSpec) -> CategoryChartData:
    data = _ChartData(number_format="#,##0")
    data.categories = spec.categories
    for name, values in spec.series:
        data.add_series(name, [None if v is None else v for v in values])
    return data


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def series_styles(spec: ChartSpec, communities: list[str]) -> list[tuple[str, int]]:
    """(colour, style index) per series: a community keeps the colour, dash and marker it has on
    every page (`theme.numbered`); other series take the category order."""
    if spec.colours:
        return [(spec.colours[i % len(spec.colours)], i) for i in range(len(spec.series))]
    if all(name in communities for name, _ in spec.series):
        order = theme.numbered(communities, [name for name, _ in spec.series])
        places = [order.index(name) for name, _ in spec.series]
    else:
        places = list(range(len(spec.series)))
    return [(theme.CATEGORY[i % len(theme.CATEGORY)], i) for i in places]


def add_chart(slide, spec: ChartSpec, box, communities: list[str]):
    """Place `spec` on `slide` in `box` (left, top, width, height) as a styled native chart;
    `communities` are all communities in canonical order, which fixes each one's style."""
    frame = slide.shapes.add_chart(KINDS[spec.kind], *box, chart_data(spec))
    chart = frame.chart
    chart.font.size, chart.font.name = Pt(14), "Arial"
    chart.font.color.rgb = TEXT
    chart.has_title = False  # the slide's title names the chart
    _legend(chart, len(spec.series), beside=len(spec.categories) > 8)
    _axes(chart, spec)
    _labels(chart, spec)
    for series, (colour, place) in zip(chart.plots[0].series, series_styles(spec, communities)):
        _style_series(series, spec.kind, colour, place)
    if spec.kind != "line":
        chart.plots[0].gap_width = 40
        chart.plots[0].overlap = 100 if spec.kind == "bar_stacked" else -10
    return frame


def _legend(chart, n_series: int, beside: bool) -> None:
    """Legend below the chart, or beside it when many categories need the height."""
    chart.has_legend = n_series > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if beside else XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(13)


def _axes(chart, spec: ChartSpec) -> None:
    value, category = chart.value_axis, chart.category_axis
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = GRID
    value.format.line.fill.background()
    value.minimum_scale = 0
    if _largest(spec) <= 8:
        value.major_unit = 1  # counts: no 0.5 ticks
    value.tick_labels.font.size = Pt(12)
    value.tick_labels.font.color.rgb = GREY
    value.has_title = True
    value.axis_title.text_frame.text = spec.value_title
    value.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    value.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    category.tick_labels.font.size = Pt(13 if len(spec.categories) <= 8 else 11)
    _label_every_category(category)
    category.format.line.color.rgb = GREY
    if spec.kind.startswith("bar"):
        category.reverse_order = True  # first category at the top, as it is read
        # ...and the value axis stays at the bottom: it crosses at the (now lowest) last category.
        value._element.find(qn("c:crosses")).set("val", "max")  # noqa: SLF001 - no API for this side


def _largest(spec: ChartSpec) -> float:
    """The longest bar or highest point (stacked segments add up)."""
    rows = [[v or 0 for v in values] for _, values in spec.series] or [[0]]
    if spec.kind == "bar_stacked":
        return max(sum(col) for col in zip(*rows))
    return max(max(row, default=0) for row in rows)


def _label_every_category(axis) -> None:
    """Name every category (a renderer may otherwise skip alternate labels when space is tight)."""
    skip = axis._element.makeelement(qn("c:tickLblSkip"), {"val": "1"})  # noqa: SLF001
    axis._element.find(qn("c:noMultiLvlLbl")).addprevious(skip)  # noqa: SLF001 - schema order


def _labels(chart, spec: ChartSpec) -> None:
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = NUMBER, False
    labels.font.size = Pt(12)
    labels.position = LABEL_AT[spec.kind]
    if spec.kind == "line":
        _labels_below(plot, spec)


def label_sides(spec: ChartSpec) -> dict[tuple[str, object], str]:
    """(series, category index) -> "top center" or "bottom center" for each drawn point, placed as the
    web chart places them (`charts._label_positions`: below when another point sits just above)."""
    drawn = pd.DataFrame(
        [
            {"community": name, "number": i, "status": "held", "headcount": v, "shown": v}
            for name, values in spec.series
            for i, v in enumerate(values)
            if v is not None
        ],
        columns=["community", "number", "status", "headcount", "shown"],
    )
    return charts._label_positions(drawn, "number")  # noqa: SLF001 - the screen's rule, reused


def _labels_below(plot, spec: ChartSpec) -> None:
    """Labels of close points on opposite sides, so 38 and 36 at one convening do not print over each other."""
    sides = label_sides(spec)
    for series, (name, values) in zip(plot.series, spec.series):
        below = [i for i, v in enumerate(values) if v is not None and sides.get((name, i)) == "bottom center"]
        if below:
            _series_labels(series.data_labels, XL_LABEL_POSITION.ABOVE)  # a series' own labels replace the plot's
        for i in below:
            label = series.points[i].data_label
            label.position = XL_LABEL_POSITION.BELOW
            label.font.size = Pt(12)


def _series_labels(labels, position) -> None:
    labels.show_value = True
    labels.number_format, labels.number_format_is_linked = NUMBER, False
    labels.font.size = Pt(12)
    labels.position = position


def _style_series(series, kind: str, colour: str, i: int) -> None:
    if kind == "line":
        series.smooth = False
        series.format.line.color.rgb = _rgb(colour)
        series.format.line.width = Pt(3)
        series.format.line.dash_style = DASHES[i % len(DASHES)]
        series.marker.style = MARKERS[i % len(MARKERS)]
        series.marker.size = 9
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = _rgb(colour)
        series.marker.format.line.color.rgb = _rgb(colour)
        return
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _rgb(colour)
    series.format.line.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    if kind == "bar_stacked":
        series.data_labels.show_value = True
        series.data_labels.font.color.rgb = _rgb(theme.text_on(colour))  # WCAG AA on the segment
        series.data_labels.font.size = Pt(12)
        series.data_labels.number_format = NUMBER
        series.data_labels.number_format_is_linked = False
        series.data_labels.position = XL_LABEL_POSITION.CENTER


def alt_text(spec: ChartSpec) -> str:
    """A text alternative for the chart, read by screen readers from the shape's description."""
    parts = []
    for name, values in spec.series:
        shown = ", ".join(f"{c} {'no figure' if v is None else f'{v:,.0f}'}" for c, v in zip(spec.categories, values))
        parts.append(f"{name}: {shown}")
    return f"{spec.title}. {spec.value_title}. " + "; ".join(parts) + "."
