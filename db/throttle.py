"""Local sign-in throttling, kept in `sign_in_attempts` so that a restart or a second server process
does not reset it. Every function takes the time (`now`, naive UTC) from its caller: tests pass a clock.

Per account and per client: after FREE_FAILURES failures (since that key's last success and within
WINDOW), each further try waits 2^(failures - FREE_FAILURES) seconds after the latest failure, at most
CAP. A try during the wait is refused without its password being checked, and recorded as refused;
refusals do not lengthen the wait.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, delete, func, insert, select, text, update

from db import models as m
from db.engine import inserted_id

A = m.SignInAttempt
FREE_FAILURES = 5
CAP = dt.timedelta(minutes=15)
WINDOW = dt.timedelta(hours=24)  # failures older than this are forgotten (and their rows deleted)
ACCOUNT_LENGTH = m.length_of(A.__table__.c.account)
CLIENT_LENGTH = m.length_of(A.__table__.c.client)


@dataclass(frozen=True)
class Wait:
    """Tries on `by` ("account" or "client") are refused from `since` (the latest failure) until
    `until` (naive UTC)."""

    since: dt.datetime
    until: dt.datetime
    by: str


@dataclass(frozen=True)
class Turn:
    """One try as the throttle let it through (`wait` None) or refused it; `attempt_id` is its row."""

    attempt_id: int
    wait: Wait | None = None
    first_refusal: bool = False  # the first try turned away during this wait (the audit log shows it)


def utcnow() -> dt.datetime:
    """The time as the attempts table stores it: UTC without a zone."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def backoff(failures: int) -> dt.timedelta:
    """How long after the latest failure the next try must wait, for this many failures."""
    if failures < FREE_FAILURES:
        return dt.timedelta(0)
    return min(dt.timedelta(seconds=2 ** min(failures - FREE_FAILURES, 20)), CAP)


def keys(account: str, client: str | None) -> tuple[str, str | None]:
    """The account and client as stored: cut to their columns' lengths."""
    return account[:ACCOUNT_LENGTH], (client[:CLIENT_LENGTH] if client else None)


def _failures(conn: Connection, column, value: str, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """Failures on one key since its last success, within WINDOW, and the latest one's time."""
    last_success = (
        conn.execute(
            select(func.max(A.id)).where(column == value, A.outcome == "succeeded", A.at >= now - WINDOW)
        ).scalar()
        or 0
    )
    failures, latest = conn.execute(
        select(func.count(), func.max(A.at)).where(
            column == value, A.outcome == "failed", A.id > last_success, A.at >= now - WINDOW
        )
    ).one()
    return failures, latest


def wait_for(conn: Connection, account: str, client: str | None, now: dt.datetime) -> Wait | None:
    """The longest wait in force on this account or client at `now`, or None when a try may go ahead."""
    waits = []
    for by, column, value in (("account", A.account, account), ("client", A.client, client)):
        if value is None:  # no address known (e.g. a connection from this machine): account only
            continue
        failures, latest = _failures(conn, column, value, now)
        if latest is not None and now < latest + backoff(failures):
            waits.append(Wait(latest, latest + backoff(failures), by))
    return max(waits, key=lambda w: w.until, default=None)


def claim(conn: Connection, account: str, client: str | None, now: dt.datetime) -> Turn:
    """Decide one try and record it, inside the caller's write transaction. A try let through is
    stored as failed until `settle` says it succeeded, so that tries made in parallel (other sessions,
    other server processes) count it while its password is being checked."""
    account, client = keys(account, client)
    _serialise(conn)
    conn.execute(delete(A).where(A.at < now - WINDOW))
    wait = wait_for(conn, account, client, now)
    key = account if wait is None or wait.by == "account" else cast(str, client)
    first = wait is not None and not _refused_since(conn, key, wait)
    attempt_id = inserted_id(
        conn.execute(
            insert(A).values(
                at=now,
                account=account,
                client=client,
                outcome="refused" if wait else "failed",
            )
        )
    )
    return Turn(attempt_id, wait, first)


def _refused_since(conn: Connection, value: str, wait: Wait) -> bool:
    column = A.account if wait.by == "account" else A.client
    return (
        conn.execute(select(A.id).where(column == value, A.outcome == "refused", A.at >= wait.since).limit(1)).first()
        is not None
    )


def settle(conn: Connection, attempt_id: int) -> None:
    """Mark a try as succeeded: its account's and client's failures before it no longer count."""
    conn.execute(update(A).where(A.id == attempt_id).values(outcome="succeeded"))


def _serialise(conn: Connection) -> None:
    """One decision at a time across server processes. SQLite: the caller's BEGIN IMMEDIATE already
    holds the write lock. PostgreSQL: a table lock that conflicts with itself, not with readers."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE sign_in_attempts IN SHARE ROW EXCLUSIVE MODE"))
