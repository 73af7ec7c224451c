"""Cached data access for the UI: the engine, and one function per query the views read, each cached
per database and filter values (`dashboard.cache`); call `clear()` after any write.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import pandas as pd
from sqlalchemy import Connection, Engine

from dashboard import cache
from db.admin.load import built_engine
from db.engine import database_url
from db.read import attendance, evidence, evidence_comments, evidence_interviews, freshness, queries

P = ParamSpec("P")
T = TypeVar("T")


@cache.per_database(kept=True, after_writes=True)
def engine() -> Engine:
    """The shared engine for the database in force (built from cop_data/ on first use)."""
    return built_engine(database_url())


def clear() -> None:
    """Forget cached query results and the views derived from them (after a write)."""
    cache.clear()


def writes(func: Callable[P, T]) -> Callable[P, T]:
    """For a function that writes: once it has returned, every cached read is forgotten (`clear`)."""

    @functools.wraps(func)
    def wrote(*args: P.args, **kwargs: P.kwargs) -> T:
        result = func(*args, **kwargs)
        clear()
        return result

    return wrote


_SEEN: dict[str, object] = {}  # per database: the version this process's caches were read at


def forget_if_changed() -> None:
    """Forget cached results when the database has changed since they were read: a write by another
    server process (several app instances on one PostgreSQL server) or by a rebuild. The newest
    audit-log entry is the version, one indexed lookup per run; app.py calls this on every run."""
    url = database_url()
    with engine().connect() as conn:
        version = freshness.data_version(conn)
    if _SEEN.setdefault(url, version) != version:
        _SEEN[url] = version
        clear()


def read(query: Callable[..., T], **filters: Any) -> T:
    """`query(conn, **filters)` on a connection of the database in force (not cached)."""
    conn: Connection
    with engine().connect() as conn:
        return query(conn, **filters)


@cache.per_database()
def programmes() -> pd.DataFrame:
    return read(queries.programmes)


@cache.per_database()
def communities() -> pd.DataFrame:
    return read(queries.communities)


def community_names() -> list[str]:
    """Every community's name in the canonical order (a new list each call, from names kept once)."""
    return list(_community_names())


@cache.per_database(kept=True)
def _community_names() -> tuple[str, ...]:
    # Kept, not copied: a page asks for the names several times a run, and unpickling the
    # communities frame each time (`communities`, copied per call) cost about a millisecond at M.
    return tuple(communities()["name"])


@cache.per_database()
def organisation_types() -> pd.DataFrame:
    return read(queries.organisation_types)


@cache.per_database()
def value_cycles() -> pd.DataFrame:
    return read(queries.value_cycles)


@cache.per_database()
def headline(community: str | None = None) -> dict[str, int]:
    return read(queries.headline_figures, community=community)


@cache.per_database()
def attendance_by_session(community: str | None = None) -> pd.DataFrame:
    return read(attendance.attendance_by_session, community=community)


@cache.per_database()
def register_by_session(community: str | None = None) -> pd.DataFrame:
    return read(attendance.register_by_session, community=community)


@cache.per_database()
def repeat_attenders(community: str | None = None) -> pd.DataFrame:
    return read(attendance.repeat_attenders, community=community)


@cache.per_database()
def organisations_by_community(community: str | None = None) -> pd.DataFrame:
    return read(queries.organisations_by_community, community=community)


@cache.per_database()
def roles_by_community(community: str | None = None) -> pd.DataFrame:
    return read(queries.roles_by_community, community=community)


@cache.per_database()
def conveners(community: str | None = None) -> pd.DataFrame:
    return read(queries.conveners, community=community)


@cache.per_database()
def report_comments(community: str | None = None) -> pd.DataFrame:
    """The report's comments with their attribution (`queries.comments`; coded ones: `views.evidence`)."""
    return read(queries.comments, community=community)


@cache.per_database()
def organisation_type_counts(community: str | None = None) -> pd.DataFrame:
    return read(queries.organisation_type_counts, community=community)


@cache.per_database()
def professional_group_counts(community: str | None = None) -> pd.DataFrame:
    return read(queries.professional_group_counts, community=community)


@cache.per_database()
def organisation_reach() -> pd.DataFrame:
    return read(queries.organisation_reach)


@cache.per_database()
def areas_of_change(**filters: Any) -> pd.DataFrame:
    """`db.evidence.areas_of_change` (community, cycle, programme_wide)."""
    return read(evidence.areas_of_change, **filters)


@cache.per_database()
def value_matrix() -> pd.DataFrame:
    return read(evidence.value_matrix)


@cache.per_database()
def codebook() -> pd.DataFrame:
    return read(evidence.codebook)


@cache.per_database()
def interview_questions() -> pd.DataFrame:
    return read(evidence_interviews.interview_questions)


@cache.per_database()
def interviewees(community: str | None = None) -> pd.DataFrame:
    return read(evidence_interviews.interviewees, community=community)


@cache.per_database()
def interviews(**filters: Any) -> pd.DataFrame:
    """`db.read.evidence_interviews.interviews` (community, question_number, convener), each answer with its codes."""
    return read(evidence_interviews.interviews, **filters)


@cache.per_database()
def coded_comments(**filters: Any) -> pd.DataFrame:
    """`db.read.evidence_comments.coded_comments` (community, theme, cycle, programme_wide), each with its codes."""
    return read(evidence_comments.coded_comments, **filters)


@cache.per_database()
def comments_per_theme(**filters: Any) -> pd.DataFrame:
    """`db.read.evidence_comments.comments_per_theme` (community, theme, cycle)."""
    return read(evidence_comments.comments_per_theme, **filters)
