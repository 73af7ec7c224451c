"""Signing in and out, as the audit log records it: local sign-in with an editor's own password
(throttled by db.throttle; a hash made under older settings is upgraded on success), and the
OpenID Connect sign-ins and sign-outs the app reports. The password typed is never stored or logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, Engine, select, update

from db import models as m
from db import passwords, throttle
from db.auth import User, load_user, password_hash_of
from db.engine import write_transaction
from db.write import audit

LOCAL, OIDC = "own password", "OpenID Connect"
EMAIL_LENGTH = m.length_of(m.AppUser.__table__.c.email)


class BadEmail(ValueError):
    """What was typed as the email cannot be one; the message says what is expected."""


@dataclass(frozen=True)
class SignIn:
    """The outcome of one local try: `user` when signed in; `wait` when tries must now wait."""

    outcome: str  # "succeeded", "failed" or "refused" (turned away during a wait, password unchecked)
    user: User | None = None
    wait: throttle.Wait | None = None


def check_email(typed: str) -> str:
    """The email as stored (trimmed, lower-case), or BadEmail for text that cannot be an address."""
    email = typed.strip().lower()
    if (
        not email
        or len(email) > EMAIL_LENGTH
        or "@" not in email
        or any(c.isspace() or not c.isprintable() for c in email)
    ):
        raise BadEmail("Type the email address you sign in with, such as name@nhs.net.")
    return email


def sign_in(
    engine: Engine, email: str, password: str, *, client: str | None = None, now: dt.datetime | None = None
) -> SignIn:
    """One local sign-in try from `client` (an address, or None when not known); BadEmail for an
    `email` that cannot be one (nothing recorded then)."""
    email, now = check_email(email), now or throttle.utcnow()
    with write_transaction(engine) as conn:
        turn = throttle.claim(conn, email, client, now)
        if turn.first_refusal:  # later refusals in the same wait: in sign_in_attempts only
            _record(conn, email, "sign_in_refused", client, turn.wait)
    if turn.wait:
        return SignIn("refused", wait=turn.wait)
    with engine.connect() as conn:
        user = load_user(conn, email)
        stored = password_hash_of(conn, email) if user else None
    if not (passwords.verify_password(password, stored) and user):  # verifies for unknown emails too
        with write_transaction(engine) as conn:
            wait = throttle.wait_for(conn, *throttle.keys(email, client), now)
            _record(conn, email, "sign_in_failed", client, wait)
        return SignIn("failed", wait=wait)
    stored = cast(str, stored)  # verified above, so there is a hash
    upgraded = passwords.HASHER.hash(password) if passwords.needs_rehash(stored) else None
    with write_transaction(engine) as conn:
        throttle.settle(conn, turn.attempt_id)
        _record(conn, email, "sign_in", client)
        if upgraded:
            _upgrade_hash(conn, email, stored, upgraded)
    return SignIn("succeeded", user=user)


def _record(conn: Connection, email: str, action: str, client: str | None, wait: throttle.Wait | None = None) -> None:
    detail = {"how": LOCAL, "client": client or "this machine or not known"}
    if wait:
        detail |= {
            "tries wait until (UTC)": wait.until.isoformat(sep=" ", timespec="seconds"),
            "too many tries for": "this account" if wait.by == "account" else "this client",
        }
    audit.record(conn, email[:EMAIL_LENGTH], action, detail=detail)


def _upgrade_hash(conn: Connection, email: str, old: str, new: str) -> None:
    """Store `new` unless the hash changed meanwhile (a new password set from the command line)."""
    U = m.AppUser
    changed = conn.execute(update(U).where(U.email == email, U.password_hash == old).values(password_hash=new)).rowcount
    if changed:
        audit.record(
            conn, email, "password_upgraded", detail={"from": passwords.describe(old), "to": passwords.describe(new)}
        )


def record_sign_out(engine: Engine, email: str, how: str, why: str | None = None) -> None:
    """Record a sign-out: by the editor, or (`why`) ended by the dashboard, e.g. after a password change."""
    with write_transaction(engine) as conn:
        audit.record(conn, email[:EMAIL_LENGTH], "sign_out", detail={"how": how} | ({"why": why} if why else {}))


def record_oidc_sign_in(engine: Engine, email: str, issued_at: int | None) -> None:
    """Record an OpenID Connect sign-in once per identity token: a page reload or a second tab that
    shows the same token (same `iat`, issued at) adds nothing."""
    detail = {"how": OIDC, "token issued at": issued_at}
    E = m.AuditEntry
    with write_transaction(engine) as conn:
        if (
            issued_at is not None
            and conn.execute(
                select(E.id)
                .where(
                    E.action == "sign_in",
                    E.user_email == email[:EMAIL_LENGTH],
                    E.detail.contains(f'"token issued at": {int(issued_at)}'),
                )
                .limit(1)
            ).first()
        ):
            return
        audit.record(conn, email[:EMAIL_LENGTH], "sign_in", detail=detail)
