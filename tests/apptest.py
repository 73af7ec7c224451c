"""Helpers for driving the app with Streamlit's AppTest."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
# The pages everyone sees, by address (each page file is pages/<address>.py; "overview" is "/").
PAGES = ["overview", "attendance-trends", "organisations-and-roles", "value-framework", "comments-and-quotes",
         "compare-communities"]


def run_page(page: str, community: str | None = None, **params: str) -> AppTest:
    """Run app.py on the page at `/page` (its file: pages/<page>.py), optionally with `?community=` (a deep
    link) and other URL parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if community is not None:
        at.query_params["community"] = community
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    return at


def decode(value):
    """A plotly array from a chart spec: plain list or plotly 7's base64 typed array."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), value["dtype"]).tolist()
    return value


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def all_text(at: AppTest) -> str:
    """Every piece of text the page shows to a person (markdown, captions, metrics, alerts)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "warning", "info",
                 "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    for metric in at.get("metric"):
        parts.append(f"{metric.label} {metric.value}")
    return shown("\n".join(parts))


def shown(markdown: str) -> str:
    """Markdown source as a person reads it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)
