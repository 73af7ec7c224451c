"""Queries behind the value stories: the value matrix, areas of change, the codebook and the evidence
trail, and what every evidence reader shares (the codes of items, where an item came from). Comments are
read by db.read.evidence_comments, interviews by db.read.evidence_interviews.
Pure functions `(conn, *, filters) -> DataFrame`, bound parameters.

Filters take names as the UI shows them: `community` a community's name, `cycle` a value cycle's slug,
`theme` a codebook slug. `programme_wide=True` gives the items that name no community instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import (
    Connection,
    Integer,
    Select,
    String,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql.expression import Exists

from db import models as m
from db.read.frames import driver_rows

C, A, Y, L = m.Community, m.ValueArea, m.ValueCycle, m.ValueAreaCommunity
K, I, V, T, G = m.Comment, m.Interview, m.Convener, m.Theme, m.EvidenceTag
NO_COMMUNITY = "No community named"
CODE_SEPARATOR = "; "
MAX_BOUND_IDS = 1000  # items whose codes are asked for by id; more, and reading all codes is quicker


def _plain(conn: Connection, stmt: Select) -> bool:
    """True when every column comes back from the driver as it is shown (text and whole numbers)."""
    d = conn.dialect
    return all(
        isinstance(c.type, (Integer, String)) and c.type.dialect_impl(d).result_processor(d, None) is None
        for c in stmt.selected_columns
    )


def _rows(conn: Connection, stmt: Select) -> tuple[list[str], Sequence[tuple]]:
    """(column names, rows as tuples). Rows of plain columns come straight from the driver's cursor:
    at 500,000 comments SQLAlchemy's Row objects cost about as much again as the query itself."""
    if _plain(conn, stmt):
        return driver_rows(conn, stmt)
    result = conn.execute(stmt)
    return list(result.keys()), [tuple(r) for r in result]


def frame(conn: Connection, stmt: Select) -> pd.DataFrame:
    """The rows of `stmt` as plain Python values (None, never NaN, for NULL)."""
    columns, rows = _rows(conn, stmt)
    return pd.DataFrame(rows, columns=columns, dtype=object) if rows else pd.DataFrame(columns=columns)


def _joined(conn: Connection, stmt: Select, key: str, sep: str = ", ") -> dict:
    """`{key: "a, b"}` from a two-column query (key, name) already in display order."""
    pairs = frame(conn, stmt)
    if pairs.empty:
        return {}
    return pairs.groupby(key, sort=False)["name"].agg(sep.join).to_dict()


def _area_names_community(community: str) -> Exists:
    return exists().where(L.value_area_id == A.id, L.community_id == C.id, C.name == community)


def areas_of_change(
    conn: Connection, *, community: str | None = None, cycle: str | None = None, programme_wide: bool = False
) -> pd.DataFrame:
    """One row per area of change with the communities it names (None when it names none)."""
    stmt = (
        select(A.slug, Y.slug.label("cycle"), Y.name.label("value_cycle"), A.position, A.text, A.source)
        .join(Y, A.value_cycle_id == Y.id)
        .order_by(Y.display_order, A.position)
    )
    if cycle is not None:
        stmt = stmt.where(Y.slug == cycle)
    if programme_wide:
        stmt = stmt.where(~exists().where(L.value_area_id == A.id))
    elif community is not None:
        stmt = stmt.where(_area_names_community(community))
    df = frame(conn, stmt)
    named = _joined(
        conn,
        select(A.slug, C.name)
        .join(L, L.value_area_id == A.id)
        .join(C, L.community_id == C.id)
        .order_by(A.id, C.display_order),
        "slug",
    )
    df.insert(5, "communities", df["slug"].map(named).astype(object) if len(df) else [])
    return df.astype(object).where(df.notna(), None)


def value_matrix(conn: Connection) -> pd.DataFrame:
    """Areas of change per value cycle and community (long form), zeros included.

    Columns: cycle, value_cycle, cycle_order, community, community_order, areas. The community
    `NO_COMMUNITY` counts the areas that name none; an area naming two communities counts in both.
    """
    cells = (
        select(
            Y.slug.label("cycle"),
            Y.name.label("value_cycle"),
            Y.display_order.label("cycle_order"),
            C.name.label("community"),
            C.display_order.label("community_order"),
            func.count(L.value_area_id).label("areas"),
        )
        .select_from(Y)
        .join(C, literal(True))
    )
    cells = (
        cells.outerjoin(A, A.value_cycle_id == Y.id)
        .outerjoin(L, and_(L.value_area_id == A.id, L.community_id == C.id))
        .group_by(Y.slug, Y.name, Y.display_order, C.name, C.display_order)
    )
    none = (
        select(
            Y.slug,
            Y.name,
            Y.display_order,
            literal(NO_COMMUNITY),
            literal(10_000),
            func.count(A.id).filter(~exists().where(L.value_area_id == A.id)),
        )
        .select_from(Y)
        .outerjoin(A, A.value_cycle_id == Y.id)
        .group_by(Y.slug, Y.name, Y.display_order)
    )
    both = union_all(cells, none).subquery()
    stmt = select(both).order_by(both.c.cycle_order, both.c.community_order)
    df = frame(conn, stmt)
    return df.astype({"areas": int, "cycle_order": int})


def _approved_answer_ids() -> Select:
    """Ids of the feedback answers an editor has approved (a count is all the codebook takes of them;
    the answers themselves are read only by db.read.feedback_queries)."""
    FA, FR = m.FeedbackAnswer, m.FeedbackResponse
    return select(FA.id).join(FR, FR.id == FA.response_id).where(FR.status == "approved")


def codebook(conn: Connection) -> pd.DataFrame:
    """Every code with its kind, value cycle and how many comments, interview answers, feedback answers
    (approved ones only: an answer put back to pending is counted nowhere) and areas carry it."""

    def count(col):
        return func.count(func.distinct(col))

    no_item = and_(G.comment_id.is_(None), G.interview_id.is_(None), G.feedback_answer_id.is_(None))
    area_only = case((no_item, G.value_area_id))
    stmt = (
        select(
            T.slug,
            T.name,
            T.kind,
            Y.name.label("value_cycle"),
            T.description,
            T.source,
            count(G.comment_id).label("comments"),
            count(G.interview_id).label("interview_answers"),
            count(case((G.feedback_answer_id.in_(_approved_answer_ids()), G.feedback_answer_id))).label("feedback"),
            count(area_only).label("areas_of_change"),
        )
        .outerjoin(Y, T.value_cycle_id == Y.id)
        .outerjoin(G, G.theme_id == T.id)
        .group_by(T.id, T.slug, T.name, T.kind, Y.name, T.description, T.source, T.display_order)
        .order_by(T.display_order)
    )
    return frame(conn, stmt)


def tag_matches(*, theme: str | None, cycle: str | None) -> list:
    """Conditions on a tag (joined to its code): it carries code `theme`; it carries a code of value
    cycle `cycle` (a value-cycle code, or any code of an area of change in that cycle)."""
    conds = []
    if theme is not None:
        conds.append(T.slug == theme)
    if cycle is not None:
        area_cycle = select(A.id).join(Y, A.value_cycle_id == Y.id).where(Y.slug == cycle)
        conds.append(
            or_(
                T.value_cycle_id == select(Y.id).where(Y.slug == cycle).scalar_subquery(),
                G.value_area_id.in_(area_cycle),
            )
        )
    return conds


def codes_of(conn: Connection, key, *, ids: list) -> dict:
    """`{item id: "code; code"}` for the items whose id is in `ids`, named by the tags by column `key`
    (a theme name may hold a comma). Beyond MAX_BOUND_IDS items every tag's codes are read instead."""
    if not ids:
        return {}
    stmt = select(key.label("key"), T.name, T.display_order).join(T, G.theme_id == T.id)
    few = len(ids) <= MAX_BOUND_IDS
    stmt = stmt.where(key.in_(sorted(set(ids))) if few else key.is_not(None))
    names: dict = {}
    for item, name, _ in _rows(conn, stmt.distinct().order_by("key", T.display_order))[1]:
        names.setdefault(item, []).append(name)
    return {item: CODE_SEPARATOR.join(n) for item, n in names.items()}


def with_codes(df: pd.DataFrame, codes: dict, key, at: int) -> pd.DataFrame:
    """`df` with a "codes" column at position `at`: each row's codes from `codes`, looked up by `key`."""
    df.insert(at, "codes", pd.Series(list(map(codes.get, key)), index=df.index, dtype=object))
    return df


REPORT = "the report"


def comment_origin():
    """Where a comment came from, in words: the report, an import, or a session recorded here."""
    return case(
        (K.import_batch_id.is_not(None), literal("import")),
        (K.slug.like("recorded-%"), literal("recorded in the dashboard")),
        else_=literal(REPORT),
    )


def interview_origin():
    """The report, or "interview (YYYY-MM-DD)" for one recorded in the dashboard."""
    dated = literal("interview (") + func.coalesce(func.cast(I.interviewed_on, String), "undated") + ")"
    return case((I.recorded_by.is_(None), literal(REPORT)), else_=dated)


def _trail_comments() -> Select:
    """The evidence trail's comment rows: each comment tagged as evidence for an area of change."""
    return (
        select(
            A.slug.label("area"),
            literal("comment").label("kind"),
            K.slug.label("ref"),
            K.text.label("text"),
            C.name.label("community"),
            func.coalesce(C.name, literal(NO_COMMUNITY)).label("attribution"),
            G.source.label("rationale"),
            comment_origin().label("source"),
            K.id.label("ord"),
        )
        .select_from(G)
        .join(A, G.value_area_id == A.id)
        .join(K, G.comment_id == K.id)
        .outerjoin(C, K.community_id == C.id)
    )


def _trail_answers() -> Select:
    """The evidence trail's interview-answer rows, in the comment rows' columns."""
    return (
        select(
            A.slug,
            literal("interview answer"),
            (V.slug + "-q" + func.cast(I.question_number, String)),
            I.answer,
            C.name,
            V.name + ", " + C.name,
            G.source,
            interview_origin(),
            1000 + I.id,
        )
        .select_from(G)
        .join(A, G.value_area_id == A.id)
        .join(I, G.interview_id == I.id)
        .join(V, I.convener_id == V.id)
        .join(C, I.community_id == C.id)
    )


def evidence_trail(conn: Connection, *, areas: list[str] | None = None) -> pd.DataFrame:
    """The comments and interview answers tagged as evidence for each area of change (approved
    feedback answers come from db.read.feedback_queries.answer_evidence, the only reader of answers).

    Columns: area, kind ("comment" | "interview answer"), ref, text, community, attribution, rationale,
    source (the report, an import, recorded in the dashboard, or "interview (date)").
    """
    com, ans = _trail_comments(), _trail_answers()
    if areas is not None:
        com, ans = com.where(A.slug.in_(areas)), ans.where(A.slug.in_(areas))
    both = union_all(com, ans).subquery()
    order = select(A.slug, Y.display_order, A.position).join(Y, A.value_cycle_id == Y.id).subquery()
    stmt = (
        select(*[c for c in both.c if c.name != "ord"])
        .join(order, order.c.slug == both.c.area)
        .order_by(order.c.display_order, order.c.position, both.c.ord)
    )
    return frame(conn, stmt)
