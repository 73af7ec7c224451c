"""One caching decorator for everything the pages read from the database, keyed on the database.

`@per_database()` caches a function's result per database URL in force and per argument values, so
two databases (tests, several app instances) never share an entry. By default each call gets its own
copy (`st.cache_data`); `kept=True` keeps the object itself (`st.cache_resource`: shared and READ-ONLY,
for views and figures that take too long to copy on every rerun). `clear()` forgets every entry after
a write, except those of functions made with `after_writes=True` (the engine).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import streamlit as st

from db.engine import database_url

P = ParamSpec("P")
R = TypeVar("R")
_FORGOTTEN_ON_WRITE: list[Any] = []  # the cached functions `clear()` empties


def per_database(
    *, kept: bool = False, max_entries: int | None = None, after_writes: bool = False
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache the decorated function per database and argument values (see the module's docstring)."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        def keyed(url: str, *args: Any, **kwargs: Any) -> R:  # url: only the cache key
            return func(*args, **kwargs)

        # Streamlit tells cached functions apart by module and qualified name: the decorated one's.
        keyed.__module__, keyed.__qualname__, keyed.__name__ = func.__module__, func.__qualname__, func.__name__
        store = st.cache_resource if kept else st.cache_data
        cached = store(show_spinner=False, max_entries=max_entries)(keyed)
        if not after_writes:
            _FORGOTTEN_ON_WRITE.append(cached)

        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            return cached(database_url(), *args, **kwargs)

        call.__doc__, call.__name__, call.__qualname__ = func.__doc__, func.__name__, func.__qualname__
        return call

    return decorate


def clear() -> None:
    """Forget every cached result and kept view of every database (after a write)."""
    for cached in _FORGOTTEN_ON_WRITE:
        cached.clear()
