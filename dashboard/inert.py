"""Text a user typed, shown as text: the one place that makes names, comments, notes, file names and
URL values inert before Streamlit's markdown or plotly's SVG text renders them.

`markdown(text)` is for every context Streamlit renders as markdown: st.markdown, st.write of a string,
st.caption, st.title/header/subheader, st.info/warning/error/success, and the labels of expanders,
metrics, tabs, buttons and widgets (and radio, pills and segmented-control options); `table(frame)`
does it to every cell, heading and index label for st.table, which renders them all as markdown. `plot_text(text)`
is for plotly titles, legend names, axis categories, hover and text labels. Where nothing is rendered
(st.dataframe cells, st.code, st.text, selectbox and multiselect options) text goes as it is.

Backslash escapes alone do not do it: Streamlit finds bare URLs (`https://…`, `www.…`, `a@b.example`),
`:material/…:` icons and emoji shortcodes in the text *after* escapes are resolved. A word joiner
(U+2060, invisible, no width) put where one of them would start breaks it, and only there.
"""

from __future__ import annotations

import html
import re

import pandas as pd

WORD_JOINER = "\u2060"
_PUNCT = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'^])")  # every mark markdown may read as syntax
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")  # overrides and isolates could reorder what is shown
_INDENT = re.compile(r"(?m)^[ \t]+")  # four spaces would start a code block
# Where Streamlit would find something in the text once escapes are resolved, a word joiner goes:
_BREAKS = re.compile(
    r"(?<=:)(?=//)"  # a URL's scheme (https://)
    r"|(?<=:)(?=[\w+\-]+(?:/[\w\-]+)?:)"  # an emoji shortcode (:smile:) or icon (:material/home:)
    r"|(?<=[\w.+\-])(?=@)"  # an email address (GFM links a@b.example)
    r"|(?i:(?<=www))(?=\.)"  # a www. link
)
_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def _plain(text: object) -> str:
    """The text as a string, bidi controls dropped and line ends made one kind."""
    out = "" if text is None else str(text)
    return _BIDI.sub("", out).replace("\r\n", "\n").replace("\r", "\n")


def markdown(text: object) -> str:
    """`text` as Streamlit markdown that shows exactly as typed: no link, icon, emoji, colour, maths,
    emphasis, heading, list, quote, table, code or HTML can form; a single line break stays a break."""
    out = _INDENT.sub(lambda m: "\u00a0" * len(m.group()), _plain(text))  # no-break spaces indent nothing
    out = _PUNCT.sub(r"\\\1", _BREAKS.sub(WORD_JOINER, out))
    return _LONE_NEWLINE.sub("  \n", out)


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` for st.table: every cell, column heading and index label as inert markdown text."""
    out = frame.map(markdown)
    out.columns = [markdown(c) for c in out.columns]
    out.index = pd.Index(
        [markdown(i) for i in out.index], name=None if out.index.name is None else markdown(out.index.name)
    )
    return out


def plot_text(text: object) -> str:
    """`text` for plotly, which reads <b>, <a href>, <br>, <span style> and entities as markup and
    `%{…}` as a placeholder in templates: `<`, `>`, `&`, `$` and `%` become character references."""
    out = html.escape(_plain(text), quote=False)
    return out.replace("$", "&#36;").replace("%", "&#37;")
