"""Quote cards: comments, interview answers and areas of change, shown as inert text with attribution.

Text from the database is never HTML: every card uses st.markdown on text whose markdown, HTML and
Streamlit directives are escaped (so `<script>`, `[x](javascript:…)` or `:red[x]` print as typed),
and never `unsafe_allow_html`. The copy box is st.code, which shows text verbatim and has a copy button.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import inert
from dashboard.views.evidence import PAGE_SIZE

REPORT = "SELCA Communities of Practice final report"


def comment_attribution(community: str | None) -> str:
    """Who said it, as the report gives it: a community where it names one, never a person."""
    if community:
        return f"Community member, {community}"
    return "Community member (the report names no community)"


def comment_citation(text: str, community: str | None) -> str:
    """Plain text to paste on a slide: the quote and its attribution."""
    who = f"Community member, {community} CoP" if community else "Community member"
    return f"“{text}” — {who}, {REPORT}"


def answer_citation(answer: str, convener: str, community: str, origin: str | None = None) -> str:
    """The answer and who gave it: in the report, or in an interview recorded in the dashboard."""
    where = REPORT if origin in (None, "the report") else origin
    return f"“{answer}” — {convener}, convener, {community} CoP, {where}"


def _copy_box(text: str) -> None:
    """A per-card "Copy" button opening the text with its attribution, once: st.code shows it verbatim,
    wrapped so all of it shows, with its own copy button (Streamlit has no clipboard API of its own),
    and the text can be selected by keyboard too. Closed, the card shows its quote once."""
    with st.popover(
        "Copy with attribution",
        icon=":material/content_copy:",
        help="Opens the text with who said it and where, to paste on a slide.",
    ):
        st.code(text.replace("\n", " "), language=None, wrap_lines=True)
        st.caption("Use the copy icon at the top right of the box, or select the text.")


def comment_card(row: pd.Series) -> None:
    """One comment in body text: the quote, who said it and its codes, and a copy button."""
    with st.container(border=True):
        st.markdown(f"“{inert.markdown(row['text'])}”")
        st.caption(inert.markdown(comment_attribution(row["community"])))
        if row.get("codes"):
            st.caption(inert.markdown(f"Themes: {row['codes']}"))
        _copy_box(comment_citation(row["text"], row["community"]))


def answer_card(row: pd.Series, *, heading: str = "question") -> None:
    """One interview answer under its question (heading="question") or its convener (heading="convener")."""
    with st.container(border=True):
        if heading == "question":
            st.markdown(f"**Q{row['question_number']}\\. {inert.markdown(row['question'])}**")
        else:
            st.markdown(f"**{inert.markdown(row['convener'])}**, convener, {inert.markdown(row['community'])}")
        st.markdown(inert.markdown(row["answer"]))
        if row.get("origin") and row["origin"] != "the report":
            st.caption(inert.markdown(f"From an {row['origin']}, recorded in the dashboard"))
        if row.get("codes"):
            st.caption(inert.markdown(f"Themes: {row['codes']}"))
        _copy_box(answer_citation(row["answer"], row["convener"], row["community"], row.get("origin")))


def area_card(row: pd.Series, evidence: pd.DataFrame | None = None) -> None:
    """One area of change, the communities it names, and the evidence tagged to it."""
    with st.container(border=True):
        st.markdown(inert.markdown(row["text"]))
        named = row["communities"] or "names no community (programme-wide)"
        st.caption(inert.markdown(f"{row['value_cycle']} · {named}"))
        if evidence is None or evidence.empty:
            st.caption("No comment, interview answer or feedback answer is tagged as evidence for this area yet.")
            return
        with st.expander(f"Evidence: {len(evidence)} tagged item{'s' if len(evidence) != 1 else ''}"):
            for item in evidence.itertuples():
                st.markdown(f"“{inert.markdown(item.text)}”")
                st.caption(
                    inert.markdown(
                        f"{item.kind.capitalize()} · {item.attribution} · from {item.source} · {item.rationale}"
                    )
                )


def result_card(row: pd.Series) -> None:
    """One search result of any kind (comment, interview answer, area of change)."""
    if row["kind"] == "interview answer":
        who = f"{row['speaker']}, convener, {row['community']} · {row['context']}"
        citation = answer_citation(row["text"], row["speaker"], row["community"])
    elif row["kind"] == "comment":
        who = comment_attribution(row["community"]) + (f" · {row['context']}" if row["context"] else "")
        citation = comment_citation(row["text"], row["community"])
    else:
        who = f"{row['context']} · {row['community'] or 'names no community (programme-wide)'}"
        citation = f"{row['text']} ({row['context']}, {REPORT})"
    with st.container(border=True):
        st.markdown(inert.markdown(row["text"]))
        st.caption(inert.markdown(who))
        _copy_box(citation)


def paged_cards(total: int, page_of, draw, *, noun: str, key: str) -> None:
    """Cards a page at a time: `page_of(n)` gives page n's rows, `draw(row)` draws one card; a page
    chooser when there are more than PAGE_SIZE of `total`, so a large programme never draws thousands."""
    if total <= 0:
        return
    pages = -(-total // PAGE_SIZE)
    page = int(st.number_input(f"Page of {noun}", 1, pages, 1, key=key)) if pages > 1 else 1
    for _, row in page_of(page).iterrows():
        draw(row)
    if pages > 1:
        start = (page - 1) * PAGE_SIZE
        st.caption(f"{noun.capitalize()} {start + 1} to {min(start + PAGE_SIZE, total)} of {total}.")


def comment_cards(total: int, page_of, *, key: str) -> None:
    """Comment cards, PAGE_SIZE at a time."""
    paged_cards(total, page_of, comment_card, noun="comments", key=key)


def result_cards(total: int, page_of, *, noun: str, key: str) -> None:
    """Search result cards of one kind (`noun`, e.g. "interview answers"), PAGE_SIZE at a time."""
    paged_cards(total, page_of, result_card, noun=noun, key=key)
