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
from dashboard.widgets.blocks import lazy_expander

REPORT = "SELCA Communities of Practice final report"
NO_EVIDENCE = "No comment, interview answer or feedback answer is tagged as evidence for this area yet."


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


def _copy_box(text: str, key: str) -> None:
    """A per-card "Copy with attribution" button opening the text with its attribution, once: st.code
    shows it verbatim, wrapped so all of it shows, with its own copy button (Streamlit has no clipboard
    API of its own), and the text can be selected by keyboard too. Closed, the card shows its quote
    once, and nothing of the box is sent: it is built when opened (a rerun), so fifty cards cost fifty
    buttons, not fifty copies of every quote."""
    box = st.popover(
        "Copy with attribution",
        icon=":material/content_copy:",
        help="Opens the text with who said it and where, to paste on a slide.",
        key=key,
        on_change="rerun",
    )
    if box.open:
        with box:
            st.code(text.replace("\n", " "), language=None, wrap_lines=True)
            st.caption("Use the copy icon at the top right of the box, or select the text.")


def _lines(*lines: str | None) -> str:
    """Lines of user text for one caption, each made inert, one under another."""
    return "  \n".join(inert.markdown(line) for line in lines if line)


def _themes(row) -> str | None:
    """'Themes: …' for a row with codes; none for None or a missing value (NaN in a string column)."""
    codes = row.get("codes")
    return f"Themes: {codes}" if isinstance(codes, str) and codes else None


def comment_card(row, key: str) -> None:
    """One comment in body text: the quote, who said it and its codes, and a copy button (`key`)."""
    who = " · ".join(filter(None, [comment_attribution(row["community"]), _themes(row)]))
    with st.container(border=True):  # the quote, and under it in small grey type who said it: one element
        st.markdown(f"“{inert.markdown(row['text'])}”  \n:small[:gray[{inert.markdown(who)}]]")
        _copy_box(comment_citation(row["text"], row["community"]), key)


def answer_card(row, *, heading: str = "question", key: str) -> None:
    """One interview answer under its question (heading="question") or its convener (heading="convener")."""
    with st.container(border=True):
        if heading == "question":
            st.markdown(f"**Q{row['question_number']}\\. {inert.markdown(row['question'])}**")
        else:
            st.markdown(f"**{inert.markdown(row['convener'])}**, convener, {inert.markdown(row['community'])}")
        st.markdown(inert.markdown(row["answer"]))
        recorded = row.get("origin") and row["origin"] != "the report"
        if notes := _lines(
            recorded and f"From an {row['origin']}, recorded in the dashboard",
            _themes(row),
        ):
            st.caption(notes)
        _copy_box(answer_citation(row["answer"], row["convener"], row["community"], row.get("origin")), key)


def area_card(row, evidence: pd.DataFrame | None = None) -> None:
    """One area of change, the communities it names, and the evidence tagged to it (built when its
    expander is opened: a rerun, so a long list of areas sends no evidence nobody asked for)."""
    with st.container(border=True):
        st.markdown(inert.markdown(row["text"]))
        named = row["communities"] or "names no community (programme-wide)"
        trail = evidence if evidence is not None and not evidence.empty else None
        st.caption(_lines(f"{row['value_cycle']} · {named}", NO_EVIDENCE if trail is None else None))
        if trail is not None:
            lazy_expander(
                f"Evidence: {len(trail)} tagged item{'s' if len(trail) != 1 else ''}",
                key=f"evidence-{row['slug']}",
                build=lambda: _evidence(trail),
            )


def _evidence(evidence: pd.DataFrame) -> None:
    """An area's evidence trail: each item's text, and its kind, attribution, source and rationale."""
    for item in evidence.itertuples():
        st.markdown(f"“{inert.markdown(item.text)}”")
        st.caption(
            inert.markdown(f"{item.kind.capitalize()} · {item.attribution} · from {item.source} · {item.rationale}")
        )


def result_card(row, key: str) -> None:
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
        _copy_box(citation, key)


def paged_cards(total: int, page_of, draw, *, noun: str, key: str) -> None:
    """Cards a page at a time: `page_of(n)` gives page n's rows, `draw(row, key)` draws one card (`key`
    for its copy box); a page chooser when there are more than PAGE_SIZE of `total`, so a large
    programme never draws thousands."""
    if total <= 0:
        return
    pages = -(-total // PAGE_SIZE)
    page = int(st.number_input(f"Page of {noun}", 1, pages, 1, key=key)) if pages > 1 else 1
    for i, row in enumerate(page_of(page).to_dict("records")):  # plain dicts: a Series a row costs 1 ms
        draw(row, f"{key}-copy-{i}")
    if pages > 1:
        start = (page - 1) * PAGE_SIZE
        st.caption(f"{noun.capitalize()} {start + 1} to {min(start + PAGE_SIZE, total)} of {total}.")


def comment_cards(total: int, page_of, *, key: str) -> None:
    """Comment cards, PAGE_SIZE at a time."""
    paged_cards(total, page_of, comment_card, noun="comments", key=key)


def result_cards(total: int, page_of, *, noun: str, key: str) -> None:
    """Search result cards of one kind (`noun`, e.g. "interview answers"), PAGE_SIZE at a time."""
    paged_cards(total, page_of, result_card, noun=noun, key=key)
