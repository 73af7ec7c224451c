"""Full-text search over comments, interview answers and areas of change.

The index itself (FTS5 tables on SQLite, GIN expression indexes on PostgreSQL) is part of the schema:
db.models.fulltext.

Both paths use the same rules so they return the same rows in the same order: a query is split
into words (letters and decimal digits; everything else, fractions and superscripts (which
PostgreSQL's parser drops) included, FTS operators and quotes included, is a
separator), every word must occur, each as a word prefix, case ignored, no stemming.
"""

from __future__ import annotations

import unicodedata

import pandas as pd
from sqlalchemy import Connection, text

from db.models.fulltext import INDEXED, fts_table, pg_document
from db.read.frames import driver_rows, object_frame

MAX_WORDS = 12  # a longer query is cut, never an error


def _in_word(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] == "L" or category == "Nd"


def split_words(text: str) -> list[str]:
    """The runs of letters and decimal digits in `text`: the words both databases index."""
    found, current = [], []
    for char in text:
        if _in_word(char):
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    return [*found, "".join(current)] if current else found


def words(query: str | None) -> list[str]:
    """The words of a user's query, lower-cased; operators, quotes and punctuation drop out."""
    return split_words((query or "").lower())[:MAX_WORDS]


def _match_expression(terms: list[str], dialect: str) -> str:
    if dialect == "sqlite":  # each word a quoted string: never an operator
        return " AND ".join(f'"{t}"*' for t in terms)
    return " & ".join(f"{t}:*" for t in terms)


_SELECTS = {
    "comment": (
        "SELECT k.id, k.slug AS ref, k.text, c.name AS community, k.theme AS context, NULL AS speaker, k.id AS ord "
        "FROM comments k LEFT JOIN communities c ON c.id = k.community_id"
    ),
    "interview answer": (
        "SELECT i.id, v.slug || '-q' || i.question_number AS ref, i.answer AS text, c.name AS community, "
        "'Q' || i.question_number || ': ' || i.question AS context, v.name AS speaker, i.id AS ord "
        "FROM interviews i JOIN conveners v ON v.id = i.convener_id "
        "JOIN communities c ON c.id = i.community_id"
    ),
    "area of change": (
        "SELECT a.id, a.slug AS ref, a.text, "
        "(SELECT string_agg_here FROM (SELECT c2.name FROM value_area_communities l JOIN communities c2 "
        "ON c2.id = l.community_id WHERE l.value_area_id = a.id ORDER BY c2.display_order) n) AS community, "
        "y.name AS context, NULL AS speaker, y.display_order * 1000 + a.position AS ord "
        "FROM value_areas a JOIN value_cycles y ON y.id = a.value_cycle_id"
    ),
}


_ALIAS = {"comments": "k", "interviews": "i", "value_areas": "a"}
# kind -> (the item is attributed to :community, the item names no community)
_ATTRIBUTION = {
    "comment": ("c.name = :community", "k.community_id IS NULL"),
    "interview answer": ("c.name = :community", "1 = 0"),  # an answer always has its community
    "area of change": (
        "EXISTS (SELECT 1 FROM value_area_communities l3 JOIN communities c3 ON c3.id = l3.community_id "
        "WHERE l3.value_area_id = a.id AND c3.name = :community)",
        "NOT EXISTS (SELECT 1 FROM value_area_communities l3 WHERE l3.value_area_id = a.id)",
    ),
}


def _kind_sql(kind: str, dialect: str, community: str | None = None, programme_wide: bool = False) -> str:
    table, column = INDEXED[kind]
    alias = _ALIAS[table]
    base = _SELECTS[kind].replace(
        "string_agg_here", "group_concat(n.name, ', ')" if dialect == "sqlite" else "string_agg(n.name, ', ')"
    )
    if dialect == "sqlite":
        cond = f"{alias}.id IN (SELECT rowid FROM {fts_table(table)} WHERE {fts_table(table)} MATCH :q)"
    else:
        cond = f"{pg_document(f'{alias}.{column}')} @@ to_tsquery('simple', :q)"
    named, none = _ATTRIBUTION[kind]
    if programme_wide:
        cond += f" AND {none}"
    elif community is not None:
        cond += f" AND {named}"
    return f"{base} WHERE {cond}"


def _params(terms: list[str], dialect: str, community: str | None, programme_wide: bool) -> dict:
    named = community is not None and not programme_wide
    return {"q": _match_expression(terms, dialect), **({"community": community} if named else {})}


def search(
    conn: Connection,
    *,
    query: str | None,
    kinds: tuple[str, ...] = tuple(INDEXED),
    community: str | None = None,
    programme_wide: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Items whose text holds every word of `query` (as word prefixes), grouped by kind, in report order.

    `community` keeps the items attributed to it (an area of change: one naming it), `programme_wide`
    the items naming no community; `limit` and `offset` give one page of each kind.
    Columns: kind, id, ref, text, community (None when the item names none), context (theme,
    question or value cycle), speaker (the convener, for interview answers).
    """
    cols = ["kind", "id", "ref", "text", "community", "context", "speaker"]
    terms = words(query)
    if not terms:
        return pd.DataFrame(columns=cols)
    dialect = conn.dialect.name
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    frames = []
    for kind in kinds:
        sql = text(_kind_sql(kind, dialect, community, programme_wide) + " ORDER BY ord" + page)
        columns, rows = driver_rows(conn, sql, _params(terms, dialect, community, programme_wide))
        frames.append(object_frame(columns, rows, kind=kind))
    # The driver's own values: every column object, None (never NaN) where the database has NULL.
    return pd.concat(frames, ignore_index=True)[cols]


def search_counts(
    conn: Connection, *, query: str | None, community: str | None = None, programme_wide: bool = False
) -> dict[str, int]:
    """How many items of each kind `search` finds with these filters, counted in the database."""
    terms = words(query)
    if not terms:
        return dict.fromkeys(INDEXED, 0)
    dialect = conn.dialect.name
    out = {}
    for kind in INDEXED:
        sql = text(f"SELECT count(*) FROM ({_kind_sql(kind, dialect, community, programme_wide)}) found")
        out[kind] = int(conn.execute(sql, _params(terms, dialect, community, programme_wide)).scalar_one())
    return out
