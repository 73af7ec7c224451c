"""Slide-size chart images (PNG, SVG at 1920x1080) rendered on the server with plotly and kaleido.

One headless browser is kept per process (`kaleido.start_sync_server()`), started on first use under
a lock, and every render goes through the same lock: kaleido's sync server has one queue, so two
threads rendering at once could otherwise receive each other's image.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.inert import plot_text
from dashboard.privacy.rule import Rule

WIDTH, HEIGHT = 1920, 1080
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
REPORT_SOURCE = "Source: SELCA Communities of Practice final report"
NO_BROWSER = (
    "Slide-size images cannot be made here: the server has no Chrome or Chromium browser "
    "installed. Use the camera icon in the chart's toolbar instead: it downloads a PNG "
    "at slide size (1920 × 1080)."
)

_lock = threading.Lock()


class NoBrowserError(RuntimeError):
    """No Chrome/Chromium for kaleido on this machine; the message is written for people."""


@dataclass(frozen=True)
class ImageContext:
    """What an image must say about itself: title, filter in force, and where the figures come from."""

    title: str | None = None
    community: str | None = None
    rule: Rule = Rule()
    source: str = REPORT_SOURCE

    def filter_line(self) -> str:
        who = self.community or "All communities"
        mode = "Publication mode on: small counts of people are hidden" if self.rule.on else "Publication mode off"
        return f"{who}  ·  {mode}"


def source_line(last_recorded: object | None) -> str:
    """The image's source line: the report, or the database with the time of its last recorded change."""
    if last_recorded is None:
        return REPORT_SOURCE
    stamp = last_recorded.strftime("%d %B %Y %H:%M") if hasattr(last_recorded, "strftime") else last_recorded
    return f"Source: CoP dashboard database, last updated {stamp}"


def browser_path() -> str | None:
    """The Chrome/Chromium kaleido would use (BROWSER_PATH first), or None when there is none."""
    from choreographer.browsers.chromium import Chromium  # lazy: kaleido's browser finder, only for images

    try:
        path = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - any failure to look means no usable browser
        return None
    # BROWSER_PATH is taken as given by the finder: a wrong one must not start a server that never answers.
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def browser_available() -> bool:
    return browser_path() is not None


def _ensure_server() -> None:
    """Start kaleido's one browser for this process (call with `_lock` held)."""
    import kaleido  # lazy: heavy, and only chart images need it

    server = kaleido._global_server  # noqa: SLF001 - to notice a browser that died
    if server.is_running() and server._thread.is_alive():  # noqa: SLF001
        return
    if server.is_running():
        server.close(silence_warnings=True)
    if browser_path() is None:  # a server without a browser would wait forever on its queue
        raise NoBrowserError(NO_BROWSER)
    # mathjax=False: no formulas in our charts, and it would otherwise be fetched from a CDN.
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)


def _top_margin(fig: go.Figure) -> int:
    """Room for title and filter line, and for column labels when an x axis sits on top (a matrix)."""
    on_top = any(axis.side == "top" for axis in fig.select_xaxes())
    return 380 if on_top else 230


def _slide_title(fig: go.Figure, context: ImageContext) -> dict:
    """The slide's title: the context's title (or the figure's), beneath it the figure's description and
    the filter line."""
    # A slide is wide: a title and description wrapped for a narrow screen column go on one line each.
    title = (context.title or (fig.layout.title.text or "")).replace("<br>", " ")
    described = (fig.layout.title.subtitle.text or "").replace("<br>", " ")  # a finding's chart keeps its description
    line = plot_text(context.filter_line())
    return dict(
        text=title,
        font=dict(size=40, color=theme.TEXT),
        x=0.03,
        xanchor="left",
        xref="container",
        y=0.965,
        yref="container",
        yanchor="top",
        automargin=True,
        subtitle=dict(
            text=f"{described}<br>{line}" if described else line, font=dict(size=24, color=theme.NHS_DARK_GREY)
        ),
    )


def _add_source(fig: go.Figure, source: str) -> None:
    """The source line, below the plot at its right edge."""
    # Right-aligned: the plot area's right edge is fixed, its left edge moves with the labels.
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=1,
        y=0,
        xanchor="right",
        yanchor="top",
        yshift=-125,
        showarrow=False,
        align="right",
        font=dict(size=20, color=theme.NHS_DARK_GREY),
    )


def slide_figure(fig: go.Figure, context: ImageContext) -> go.Figure:
    """A copy of `fig` laid out for a 16:9 slide, with title, filter and source drawn into it."""
    out = go.Figure(fig)
    out.update_layout(
        width=WIDTH,
        height=HEIGHT,
        template="nhs",
        font=dict(size=24, family="Arial, Helvetica, sans-serif", color=theme.TEXT),
        title=_slide_title(out, context),
        legend=dict(
            orientation="h",
            yanchor="bottom",
            y=1.02,
            xanchor="left",
            x=0,
            xref="paper",
            yref="paper",
            font=dict(size=22),
            title_text="",
        ),  # above the plot (screen: below)
        margin=dict(l=140, r=70, t=_top_margin(out), b=190),
    )
    out.update_xaxes(title_font_size=26, tickfont_size=22, automargin=True)
    out.update_yaxes(title_font_size=26, tickfont_size=22, automargin=True)
    for axis in out.select_yaxes():  # a slide is wide: rows named in full, one line each
        if axis.tickvals and all(isinstance(v, str) for v in axis.tickvals):
            axis.ticktext = axis.tickvals
    out.update_traces(textfont_size=22, selector=lambda t: hasattr(t, "textfont"))
    for trace in out.select_traces(selector=dict(type="scatter")):
        if isinstance(trace.marker.size, (int, float)):
            trace.marker.size = trace.marker.size * 1.5  # markers drawn for a screen look small on a slide
    _add_source(out, context.source)
    return out


def render(fig: go.Figure, fmt: str) -> bytes:
    """`fig` as PNG or SVG bytes at its own size, through the process's one browser."""
    import kaleido  # lazy: heavy, and only chart images need it
    from kaleido.errors import ChromeNotFoundError  # lazy: as kaleido

    if fmt not in FORMATS:
        raise ValueError(f"Image format must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    with _lock:
        _ensure_server()
        try:
            data = kaleido.calc_fig_sync(
                fig.to_dict(),
                opts=dict(format=fmt, width=fig.layout.width or WIDTH, height=fig.layout.height or HEIGHT, scale=1),
            )
        except ChromeNotFoundError as exc:
            raise NoBrowserError(NO_BROWSER) from exc
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def figure_to_image(
    fig: go.Figure,
    fmt: str = "png",
    *,
    title: str | None = None,
    community: str | None = None,
    rule: Rule = Rule(),
    source: str = REPORT_SOURCE,
) -> bytes:
    """A 1920x1080 PNG or SVG of `fig` carrying its title, the filter in force and a source line.

    Raises NoBrowserError (a RuntimeError whose message is written for people) without a browser.
    """
    context = ImageContext(title=title, community=community, rule=rule, source=source)
    return render(slide_figure(fig, context), fmt)
