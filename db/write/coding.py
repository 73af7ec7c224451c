"""Coding evidence into the framework: editors tag approved feedback answers, comments recorded in the
dashboard and interview answers recorded in the dashboard with a code (a theme or a value cycle), or
link them to an area of change as its evidence. Tags can be removed; the report's own are read-only.

Every write checks the editor's right to the item's community, runs in one transaction and is audited.

The evidence rule (cop_data/README.md): a goal, an intention or a prediction is never evidence that
value was applied or realised. An answer to a question that asks for one (a feedback question feeding
potential value, "What will you take back or do differently?"; the interview questions on the
community's goal and how it is going to change things) can carry a code of a later cycle than
potential (applied value onwards), or be evidence for such an area, only with a justification of at
least JUSTIFICATION_MIN characters saying where the answer reports something already done. Without
one the tag is refused and the message says why. Comments carry no question, so the rule cannot be
checked for them: the editor's rationale is kept with the tag.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, Engine, and_, delete, insert, select

from db import models as m
from db.auth import User, require_editor
from db.engine import write_transaction
from db.errors import ImportRejected, Problem
from db.read.feedback_queries import answer_item
from db.write import audit

G, T, Y, A, L, C = m.EvidenceTag, m.Theme, m.ValueCycle, m.ValueArea, m.ValueAreaCommunity, m.Community
K, I = m.Comment, m.Interview
WHERE = "Coding"
KINDS = ("answer", "comment", "interview")
INTENTION_CYCLES = ("potential",)  # a question feeding this cycle asks for an intention
INTENTION_INTERVIEW_QUESTIONS = (3, 5)  # the report's set: the goal (Q3) and how it is going to change (Q5)
JUSTIFICATION_MIN = 20
RATIONALE_MAX = 1000


def refuse(column: str | None, value: object, expected: str) -> ImportRejected:
    return ImportRejected([Problem(WHERE, None, column, value, expected)])


@dataclass(frozen=True)
class Item:
    """What a tag is put on: its kind, community (None: names none), whether it asks for an intention."""

    kind: str
    id: int
    community: str | None
    intention: bool
    columns: dict  # the tag's item columns


def _answer(conn: Connection, item_id: int) -> Item:
    found = answer_item(conn, item_id)
    if found is None or found.status != "approved":
        raise refuse("answer", item_id, "an approved feedback answer (pending and rejected ones are never coded)")
    return Item(
        "answer", item_id, found.community, found.question_cycle in INTENTION_CYCLES, {"feedback_answer_id": item_id}
    )


def _comment(conn: Connection, item_id: int) -> Item:
    row = conn.execute(select(K.slug, C.name).outerjoin(C, C.id == K.community_id).where(K.id == item_id)).first()
    if row is None:
        raise refuse("comment", item_id, "a stored comment")
    if not row.slug.startswith("recorded-"):
        raise refuse("comment", row.slug, "a comment recorded in the dashboard (the report's own are read-only)")
    return Item("comment", item_id, row.name, False, {"comment_id": item_id})


def _interview(conn: Connection, item_id: int) -> Item:
    row = conn.execute(
        select(I.question_number, I.recorded_by, C.name).join(C, C.id == I.community_id).where(I.id == item_id)
    ).first()
    if row is None:
        raise refuse("interview answer", item_id, "a stored interview answer")
    if row.recorded_by is None:
        raise refuse("interview answer", item_id, "an interview recorded in the dashboard (the report's are read-only)")
    return Item(
        "interview",
        item_id,
        row.name,
        row.question_number in INTENTION_INTERVIEW_QUESTIONS,
        {"interview_id": item_id},
    )


def item(conn: Connection, kind: str, item_id: int) -> Item:
    """The item to tag, or ImportRejected when it is not one an editor may code."""
    if kind not in KINDS:
        raise refuse("kind", kind, f"one of {', '.join(KINDS)}")
    return {"answer": _answer, "comment": _comment, "interview": _interview}[kind](conn, int(item_id))


def _code(conn: Connection, theme: str | None, area: str | None, community: str | None):
    """(theme id, area id or None, the cycle's slug and order or None) for a tag with a theme or an area.
    Evidence for an area carries the area's value-cycle code, as the curated tags do."""
    if (theme is None) == (area is None):
        raise refuse("code", None, "either a theme or an area of change (one of them)")
    if area is not None:
        row = conn.execute(
            select(A.id, Y.id.label("cycle_id"), Y.slug, Y.display_order)
            .join(Y, Y.id == A.value_cycle_id)
            .where(A.slug == area)
        ).first()
        if row is None:
            raise refuse("area of change", area, "a stored area of change")
        named = set(
            conn.execute(select(C.name).join(L, L.community_id == C.id).where(L.value_area_id == row.id)).scalars()
        )
        if named and community not in named:
            raise refuse(
                "area of change",
                area,
                f"an area naming {community or 'no community'} or naming none (it names {', '.join(sorted(named))})",
            )
        theme_id = conn.execute(
            select(T.id).where(T.kind == "value-cycle", T.value_cycle_id == row.cycle_id).order_by(T.display_order)
        ).scalar()
        if theme_id is None:
            raise refuse("area of change", area, "an area whose value cycle has a code in the codebook")
        return theme_id, row.id, (row.slug, row.display_order)
    found = conn.execute(
        select(T.id, Y.slug, Y.display_order).outerjoin(Y, Y.id == T.value_cycle_id).where(T.slug == theme)
    ).first()
    if found is None:
        raise refuse("theme", theme, "a code of the codebook")
    return found.id, None, (found.slug, found.display_order) if found.slug else None


def _check_rule(conn: Connection, it: Item, cycle, justification: str | None) -> str | None:
    """The evidence rule: the justification to keep, or ImportRejected; None when it does not apply."""
    if not it.intention or cycle is None:
        return None
    potential = conn.execute(select(Y.display_order).where(Y.slug.in_(INTENTION_CYCLES))).scalar()
    if potential is None or cycle[1] <= potential:
        return None
    said = (justification or "").strip()
    if len(said) < JUSTIFICATION_MIN:
        raise refuse(
            "justification",
            said or None,
            f"a justification of at least {JUSTIFICATION_MIN} characters: this answer replies to a question "
            "asking for an intention, goal or prediction, and an intention is never evidence that value "
            f"was {cycle[0]} (cop_data/README.md). Code it as potential value, or say where the answer "
            "reports something already done",
        )
    return said


def _rationale(text: str | None, field: str = "rationale") -> str:
    said = (text or "").strip()
    if len(said) > RATIONALE_MAX or any(ord(ch) < 32 and ch not in "\n\t" for ch in said):
        raise refuse(field, said[:80], f"plain text of at most {RATIONALE_MAX} characters")
    return said


def _insert_tag(
    conn: Connection,
    user: User,
    it: Item,
    theme_id: int,
    area_id: int | None,
    code: str | None,
    said: str,
    justified: str | None,
) -> int:
    """Insert the tag unless the item already carries it (ImportRejected); the new tag's id."""
    same = [G.theme_id == theme_id, G.value_area_id.is_(None) if area_id is None else G.value_area_id == area_id]
    same += [getattr(G, col) == value for col, value in it.columns.items()]
    if conn.execute(select(G.id).where(and_(*same))).first():
        raise refuse("code", code, "a tag the item does not carry yet")
    source = "Tagged in the dashboard" + (f": {said}" if said else "")  # who: created_by, audit log
    if justified:
        source += f" Justified as done: {justified}"
    return conn.execute(
        insert(G)
        .values(theme_id=theme_id, value_area_id=area_id, source=source, created_by=user.email, **it.columns)
        .returning(G.id)
    ).scalar_one()


def tag(
    engine: Engine,
    user: User | None,
    kind: str,
    item_id: int,
    *,
    theme: str | None = None,
    area: str | None = None,
    rationale: str | None = None,
    justification: str | None = None,
) -> int:
    """Put a code (`theme`, a codebook slug) on an item, or link it as evidence to `area` (a slug);
    the new tag's id. `kind` is "answer", "comment" or "interview" (an interview answer's id)."""
    user = require_editor(user)
    with write_transaction(engine) as conn:
        it = item(conn, kind, item_id)
        if it.community is None and not user.is_admin:
            raise refuse(
                kind, item_id, "an item of one of your communities (this one names none: administrators code it)"
            )
        require_editor(user, it.community)
        theme_id, area_id, cycle = _code(conn, theme, area, it.community)
        said = _rationale(rationale)
        justified = _check_rule(conn, it, cycle, _rationale(justification, "justification"))
        new_id = _insert_tag(conn, user, it, theme_id, area_id, theme or area, said, justified)
        audit.record(
            conn,
            user.email,
            "tag_evidence",
            community=it.community,
            detail={
                "tag": new_id,
                "item": kind,
                "item_id": it.id,
                "theme": theme,
                "area": area,
                "justification": justified,
            },
        )
        return new_id


def untag(engine: Engine, user: User | None, tag_id: int) -> None:
    """Remove a tag made in the dashboard (cop_data's own tags are read-only)."""
    user = require_editor(user)
    with write_transaction(engine) as conn:
        row = conn.execute(select(G).where(G.id == tag_id)).first()
        if row is None:
            raise refuse("tag", tag_id, "a stored tag")
        if row.created_by is None:
            raise refuse("tag", tag_id, "a tag made in the dashboard (the report's tags are read-only)")
        kind, item_id = (
            ("answer", row.feedback_answer_id)
            if row.feedback_answer_id
            else ("comment", row.comment_id)
            if row.comment_id
            else ("interview", row.interview_id)
        )
        community = _tag_community(conn, row, kind, item_id)
        if community is None and not user.is_admin:
            raise refuse("tag", tag_id, "a tag on an item of one of your communities")
        require_editor(user, community)
        conn.execute(delete(G).where(G.id == tag_id))
        audit.record(
            conn,
            user.email,
            "untag_evidence",
            community=community,
            detail={"tag": tag_id, "item": kind, "item_id": item_id, "source": row.source},
        )


def _tag_community(conn: Connection, row, kind: str, item_id: int | None) -> str | None:
    if kind == "answer":
        found = answer_item(conn, cast(int, item_id))
        return found.community if found else None
    if kind == "comment":
        return conn.execute(select(C.name).join(K, K.community_id == C.id).where(K.id == item_id)).scalar()
    return conn.execute(select(C.name).join(I, I.community_id == C.id).where(I.id == item_id)).scalar()
