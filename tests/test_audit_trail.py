"""The audit log: its times are UTC on both databases, whatever time zone the database connection is in
(PostgreSQL's now() is the session's local time: the server's TimeZone, a role's setting or PGTZ); the
Audit log page lists sign-ins, failed tries and sign-outs, without the password typed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, create_engine, text

from db.engine import make_engine, write_transaction
from db.read import audit_log, freshness
from db.signin import LOCAL, record_sign_out
from db.throttle import utcnow
from db.write import audit
from tests.apptest import new_app
from tests.editors import ADMIN, CONVENER, PASSWORDS

SIGN_IN = "FormSubmitter:sign_in_form-Sign in"
WRONG = "a guess at the convener's password"

ZONE = "America/New_York"  # 4 or 5 hours behind UTC: an entry stamped in local time is hours off
SLACK = dt.timedelta(minutes=2)  # the database's clock and this process's are the same machine's


@pytest.fixture()
def new_york(db_url) -> Engine:
    """An engine whose connections are in New York time (on SQLite, whose clock is UTC, the same engine)."""
    if db_url.startswith("postgresql"):
        eng = create_engine(db_url, connect_args={"options": f"-c TimeZone={ZONE}"})
        with eng.connect() as conn:
            assert conn.execute(text("SHOW TimeZone")).scalar() == ZONE
    else:
        eng = make_engine(db_url)
    yield eng
    eng.dispose()


def test_audit_entries_are_stamped_in_utc_whatever_the_connections_time_zone(new_york, editors):
    admin, _ = editors
    before = utcnow() - SLACK
    with write_transaction(new_york) as conn:
        audit.record(conn, ADMIN, "add_programme", detail={"name": "A programme"})
    record_sign_out(new_york, ADMIN, LOCAL)
    after = utcnow() + SLACK
    with new_york.connect() as conn:
        shown = audit_log.entries(conn, admin, limit=2)  # what the Audit log page lists as "When (UTC)"
        changed = freshness.last_recorded(conn)  # "Data last changed … UTC" on every page
    assert list(shown["action"]) == ["sign_out", "add_programme"]
    for at in [*shown["at"], changed]:
        assert before <= at <= after, f"{at} is not UTC (between {before} and {after})"


def _sign_in(at, email: str, password: str):
    at.text_input(key="sign_in_email").input(email)
    at.text_input(key="sign_in_password").input(password)
    return at.button(key=SIGN_IN).click().run()


def test_audit_log_page_lists_sign_ins_failures_and_sign_outs_in_utc(db_url, editors_with_passwords):
    before = utcnow() - SLACK
    at = new_app()
    at.run()
    _sign_in(at, CONVENER, WRONG)
    _sign_in(at, CONVENER, PASSWORDS[CONVENER])
    at.button(key="sign_out").click().run()
    _sign_in(at, ADMIN, PASSWORDS[ADMIN])
    at.switch_page("pages/audit-trail.py").run()
    assert not at.exception
    shown = at.dataframe[0].value
    newest = list(zip(shown["user_email"], shown["action"], strict=True))[:4]
    assert newest == [(ADMIN, "sign_in"), (CONVENER, "sign_out"), (CONVENER, "sign_in"), (CONVENER, "sign_in_failed")]
    assert all(before <= at <= utcnow() + SLACK for at in shown["at"][:4])
    assert not shown["detail"].str.contains(WRONG).any()
    assert not shown["detail"].str.contains(PASSWORDS[CONVENER]).any()


def test_every_server_stamped_time_is_utc_on_a_server_whose_zone_is_not(db_url, engine):
    """A row stamped by its column's default (now()) is in UTC through the project's engine, even when the
    database's own TimeZone setting is New York (as a server set up in local time would be)."""
    if db_url.startswith("postgresql"):
        with engine.begin() as conn:
            conn.execute(text(f"ALTER DATABASE \"{engine.url.database}\" SET TimeZone = '{ZONE}'"))
    fresh = make_engine(db_url)
    try:
        before = utcnow() - SLACK
        with fresh.begin() as conn:
            conn.execute(text("INSERT INTO app_users (email, role) VALUES ('zone@example.org', 'convener')"))
            stamped = conn.execute(text("SELECT created_at FROM app_users WHERE email = 'zone@example.org'")).scalar()
    finally:
        fresh.dispose()
    stamped = stamped if isinstance(stamped, dt.datetime) else dt.datetime.fromisoformat(stamped)
    assert before <= stamped <= utcnow() + SLACK
