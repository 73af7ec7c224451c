"""Cached data access for the UI: one engine per server, query results cached by plain filter values.

Every cached function takes the database URL as its first argument, so two databases never share a
cache entry; call `clear()` after any write.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from db.admin.load import built_engine
from db.engine import database_url
from db.read import freshness, queries


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return built_engine(url)


def engine() -> Engine:
    """The shared engine for the database in force (built from cop_data/ on first use)."""
    return _engine(database_url())


def clear() -> None:
    """Forget cached query results and the views derived from them (after a write)."""
    from dashboard.views import programme as views  # local: views reads through this module

    st.cache_data.clear()
    views.clear()


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


def _run(name: str, url: str, **filters) -> pd.DataFrame:
    with _engine(url).connect() as conn:
        return getattr(queries, name)(conn, **filters)


@st.cache_data(show_spinner=False)
def _cached(name: str, url: str, community: str | None, has_filter: bool):
    return _run(name, url, community=community) if has_filter else _run(name, url)


def frame(name: str, community: str | None = None) -> pd.DataFrame:
    """The DataFrame of `db.read.queries.<name>`, filtered to `community` where the query takes one."""
    return _cached(name, database_url(), community, True).copy()


def table(name: str) -> pd.DataFrame:
    """The DataFrame of an unfiltered `db.read.queries.<name>`."""
    return _cached(name, database_url(), None, False).copy()


def community_names() -> list[str]:
    return table("communities")["name"].tolist()


@st.cache_data(show_spinner=False)
def _headline(url: str, community: str | None) -> dict[str, int]:
    with _engine(url).connect() as conn:
        return queries.headline_figures(conn, community=community)


def headline(community: str | None = None) -> dict[str, int]:
    return dict(_headline(database_url(), community))
