"""Local sign-in in db/ (issue 11): own passwords only, throttling kept in the database with an
injected clock, hashes upgraded on sign-in, every try in the audit log without the password typed,
and `python -m db.auth` reading passwords from standard input."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text

from db import auth, passwords, signin, throttle
from db import models as m
from db.engine import make_engine
from db.read import freshness
from tests.apptest import ROOT
from tests.editors import ADMIN, CONVENER, PASSWORDS, add_editors

T0 = dt.datetime(2026, 12, 1, 9, 0, 0)
RIGHT, WRONG = PASSWORDS[ADMIN], "not the right password"
CLIENT = "203.0.113.7"


def _fail(engine, times: int, email: str = ADMIN, client: str | None = CLIENT, start=T0, step=0):
    """`times` wrong tries, `step` seconds apart; the last outcome."""
    for i in range(times):
        result = signin.sign_in(engine, email, WRONG, client=client, now=start + dt.timedelta(seconds=i * step))
    return result


def _audit(engine) -> list[tuple[str, str, dict]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(m.AuditEntry.user_email, m.AuditEntry.action, m.AuditEntry.detail).order_by(m.AuditEntry.id)
        ).all()
    return [(who, what, json.loads(detail or "{}")) for who, what, detail in rows]


def _stored_hash(engine, email: str) -> str:
    with engine.connect() as conn:
        return auth.password_hash_of(conn, email)


# --- Own passwords: no one signs in with another's --------------------------------------------


def test_administrator_email_with_the_conveners_password_is_refused(engine, editors_with_passwords):
    assert signin.sign_in(engine, ADMIN, PASSWORDS[CONVENER], now=T0).user is None
    assert signin.sign_in(engine, CONVENER, PASSWORDS[ADMIN], now=T0).user is None
    assert signin.sign_in(engine, ADMIN, RIGHT, now=T0).user.is_admin


def test_editor_without_a_password_of_their_own_cannot_sign_in_locally(engine):
    add_editors(engine)  # no passwords: only OpenID Connect would let them in
    assert signin.sign_in(engine, ADMIN, RIGHT, now=T0).outcome == "failed"


def test_unknown_email_costs_one_password_verification_like_a_known_one(engine, editors_with_passwords, monkeypatch):
    calls = []
    real = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", lambda self, h, p: calls.append(h) or real(self, h, p))
    assert signin.sign_in(engine, "stranger@nhs.example", RIGHT, now=T0).outcome == "failed"
    assert len(calls) == 1


# --- Throttling ----------------------------------------------------------------------------------


def test_backoff_is_free_for_five_failures_then_doubles_up_to_fifteen_minutes():
    assert [throttle.backoff(n).total_seconds() for n in range(4, 10)] == [0, 1, 2, 4, 8, 16]
    assert throttle.backoff(15) == throttle.backoff(500) == dt.timedelta(minutes=15)


@pytest.mark.slow  # Argon2id verifications (0.2 s of CPU each)
def test_sixth_try_within_the_wait_is_refused_without_checking_the_password(
    engine, editors_with_passwords, monkeypatch
):
    fifth = _fail(engine, 5)
    assert fifth.outcome == "failed" and fifth.wait == throttle.Wait(T0, T0 + dt.timedelta(seconds=1), "account")
    monkeypatch.setattr(passwords, "verify_password", lambda *a: pytest.fail("password checked during a wait"))
    refused = signin.sign_in(engine, ADMIN, RIGHT, client=CLIENT, now=T0 + dt.timedelta(milliseconds=500))
    assert refused.outcome == "refused" and refused.user is None


@pytest.mark.slow  # ten Argon2id verifications (0.2 s of CPU each)
def test_each_failure_past_five_doubles_the_wait(engine, editors_with_passwords):
    _fail(engine, 5)
    waits = []
    now = T0
    for _ in range(4):
        now = waits[-1].until if waits else T0 + dt.timedelta(seconds=1)
        waits.append(signin.sign_in(engine, ADMIN, WRONG, client=CLIENT, now=now).wait)
    assert [(w.until - w.since).total_seconds() for w in waits] == [2, 4, 8, 16]
    after = signin.sign_in(engine, ADMIN, RIGHT, client=CLIENT, now=waits[-1].until)
    assert after.outcome == "succeeded"


@pytest.mark.slow  # Argon2id verifications (0.2 s of CPU each)
def test_throttle_survives_a_restart_and_holds_for_a_second_server_process(engine, db_url, editors_with_passwords):
    seventh = _fail(engine, 7, step=10)  # failures at 0, 10, ... 60 s: the 7th makes a 4 s wait
    assert seventh.wait.until == T0 + dt.timedelta(seconds=64)
    engine.dispose()
    other_process = make_engine(db_url)  # a new engine: nothing held in memory
    try:
        refused = signin.sign_in(other_process, ADMIN, RIGHT, now=T0 + dt.timedelta(seconds=63))
    finally:
        other_process.dispose()
    assert refused.outcome == "refused" and refused.wait.until == T0 + dt.timedelta(seconds=64)
    script = (  # a second server process, started afresh: it sees the same wait
        "import datetime as dt, sys; from db import signin; from db.engine import make_engine; "
        "now = dt.datetime.fromisoformat(sys.argv[4]); "
        "r = signin.sign_in(make_engine(sys.argv[1]), sys.argv[2], sys.argv[3], now=now); "
        "print(r.outcome, r.wait.until if r.wait else None)"
    )
    at = (T0 + dt.timedelta(seconds=63)).isoformat()
    out = subprocess.run(
        [sys.executable, "-c", script, db_url, ADMIN, RIGHT, at], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "refused 2026-12-01 09:01:04"


@pytest.mark.slow  # Argon2id verifications (0.2 s of CPU each)
def test_a_success_resets_the_accounts_count(engine, editors_with_passwords):
    _fail(engine, 4)
    assert signin.sign_in(engine, ADMIN, RIGHT, client=CLIENT, now=T0).outcome == "succeeded"
    fourth_again = _fail(engine, 4, start=T0 + dt.timedelta(seconds=1))
    assert fourth_again.outcome == "failed" and fourth_again.wait is None


@pytest.mark.slow  # Argon2id verifications (0.2 s of CPU each)
def test_failures_older_than_a_day_are_forgotten_and_deleted(engine, editors_with_passwords):
    _fail(engine, 9)
    later = T0 + throttle.WINDOW + dt.timedelta(seconds=1)
    assert signin.sign_in(engine, ADMIN, RIGHT, client=CLIENT, now=later).outcome == "succeeded"
    with engine.connect() as conn:
        assert conn.execute(select(m.SignInAttempt.outcome)).scalars().all() == ["succeeded"]


@pytest.mark.slow  # Argon2id verifications (0.2 s of CPU each)
def test_one_client_guessing_across_accounts_is_throttled_by_its_address(engine, editors_with_passwords):
    for i in range(5):
        signin.sign_in(engine, f"guess{i}@nhs.example", WRONG, client=CLIENT, now=T0)
    refused = signin.sign_in(engine, CONVENER, PASSWORDS[CONVENER], client=CLIENT, now=T0)
    assert refused.outcome == "refused" and refused.wait.by == "client"
    elsewhere = signin.sign_in(engine, CONVENER, PASSWORDS[CONVENER], client="198.51.100.2", now=T0)
    assert elsewhere.outcome == "succeeded"


def test_tries_being_checked_count_against_tries_made_in_parallel(engine, editors_with_passwords):
    from db.engine import write_transaction

    with write_transaction(engine) as conn:  # five tries let through, passwords still being checked
        turns = [throttle.claim(conn, ADMIN, None, T0) for _ in range(6)]
    assert [t.wait is None for t in turns] == [True] * 5 + [False]


@pytest.mark.slow  # Argon2id verifications in eight threads
def test_eight_sessions_guessing_at_once_get_five_password_checks(engine, db_url, editors_with_passwords):
    """Issue 11: 8 parallel sessions made 12.6 guesses a second. Each here has its own engine (as a
    second server process would); the throttle's decision is serialised in the database."""
    engines = [make_engine(db_url) for _ in range(8)]
    try:
        with ThreadPoolExecutor(8) as pool:
            outcomes = list(pool.map(lambda e: signin.sign_in(e, ADMIN, WRONG, now=T0).outcome, engines))
    finally:
        for e in engines:
            e.dispose()
    assert sorted(outcomes) == ["failed"] * 5 + ["refused"] * 3


@pytest.mark.slow  # Argon2id verifications (0.2 s of CPU each)
def test_refusals_do_not_lengthen_the_wait_and_only_the_first_is_audited(engine, editors_with_passwords):
    _fail(engine, 5)
    for ms in (100, 200, 300):
        assert (
            signin.sign_in(engine, ADMIN, RIGHT, client=CLIENT, now=T0 + dt.timedelta(milliseconds=ms)).outcome
            == "refused"
        )
    assert signin.sign_in(engine, ADMIN, RIGHT, client=CLIENT, now=T0 + dt.timedelta(seconds=1)).outcome == "succeeded"
    actions = [what for _, what, _ in _audit(engine) if what.startswith("sign_in")]
    assert actions == ["sign_in_failed"] * 5 + ["sign_in_refused", "sign_in"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sign_in_attempts WHERE outcome = 'refused'")).scalar() == 3


# --- The audit log ----------------------------------------------------------------------------------


@pytest.mark.slow  # Argon2id verifications (0.2 s of CPU each)
def test_every_try_is_audited_and_no_entry_holds_the_password_typed(engine, editors_with_passwords):
    _fail(engine, 5)
    signin.sign_in(engine, ADMIN, RIGHT, client=CLIENT, now=T0)
    signin.sign_in(engine, ADMIN, RIGHT, client=CLIENT, now=T0 + dt.timedelta(seconds=1))
    signin.record_sign_out(engine, ADMIN, signin.LOCAL)
    log = _audit(engine)[2:]  # after the two save_user entries
    assert [(who, what) for who, what, _ in log] == (
        [(ADMIN, "sign_in_failed")] * 5 + [(ADMIN, "sign_in_refused"), (ADMIN, "sign_in"), (ADMIN, "sign_out")]
    )
    assert log[5][2] == {
        "how": "own password",
        "client": CLIENT,
        "too many tries for": "this account",
        "tries wait until (UTC)": "2026-12-01 09:00:01",
    }
    with engine.connect() as conn:
        everything = repr(conn.execute(text("SELECT * FROM audit_log")).all())
    assert WRONG not in everything and RIGHT not in everything


def test_sign_ins_do_not_count_as_changes_to_the_data(engine, editors_with_passwords):
    with engine.connect() as conn:
        before = freshness.data_version(conn), freshness.last_recorded(conn)
    _fail(engine, 6)
    signin.sign_in(engine, ADMIN, RIGHT, now=T0 + dt.timedelta(hours=1))
    signin.record_sign_out(engine, ADMIN, signin.LOCAL)
    with engine.connect() as conn:
        assert (freshness.data_version(conn), freshness.last_recorded(conn)) == before


def test_oidc_sign_in_is_recorded_once_per_identity_token(engine, editors_with_passwords):
    for _ in range(3):  # reruns, a reload, a second tab: the same token
        signin.record_oidc_sign_in(engine, ADMIN, 1_764_579_600)
    signin.record_oidc_sign_in(engine, ADMIN, 1_764_583_200)  # signed in again: a new token
    assert [d for _, what, d in _audit(engine) if what == "sign_in"] == [
        {"how": "OpenID Connect", "token issued at": 1_764_579_600},
        {"how": "OpenID Connect", "token issued at": 1_764_583_200},
    ]


# --- Hashes made under older settings are upgraded ----------------------------------------------


def _old_scrypt_hash(password: str) -> str:
    """A hash exactly as db.auth made them before issue 11 (scrypt, n = 2^14)."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


@pytest.mark.parametrize("old", ["scrypt n=16384,r=8,p=1", "argon2id m=8192,t=1,p=1"])
def test_hash_made_under_older_settings_is_upgraded_on_the_next_sign_in(engine, old):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    stored = _old_scrypt_hash(RIGHT) if old.startswith("scrypt") else weak.hash(RIGHT)
    add_editors(engine)
    with engine.begin() as conn:
        conn.execute(m.AppUser.__table__.update().where(m.AppUser.email == ADMIN).values(password_hash=stored))
    assert signin.sign_in(engine, ADMIN, WRONG, now=T0).outcome == "failed"
    assert _stored_hash(engine, ADMIN) == stored  # only a successful sign-in upgrades
    assert signin.sign_in(engine, ADMIN, RIGHT, now=T0).user.is_admin
    upgraded = _stored_hash(engine, ADMIN)
    assert upgraded.startswith("$argon2id$") and not passwords.needs_rehash(upgraded)
    assert passwords.verify_password(RIGHT, upgraded)
    assert (ADMIN, "password_upgraded", {"from": old, "to": "argon2id m=65536,t=3,p=4"}) == _audit(engine)[-1]


def test_current_hash_is_kept_as_it_is(engine, editors_with_passwords):
    stored = _stored_hash(engine, ADMIN)
    signin.sign_in(engine, ADMIN, RIGHT, now=T0)
    assert _stored_hash(engine, ADMIN) == stored
    assert "password_upgraded" not in [what for _, what, _ in _audit(engine)]


# --- python -m db.auth ---------------------------------------------------------------------------


@pytest.fixture()
def cli(db_url, capsys):
    """`python -m db.auth --url DB ARGS` in this process, `stdin` piped in: (exit status, stderr)."""

    def run(*args: str, stdin: str = "") -> tuple[int, str]:
        status = auth.main(["--url", db_url, *args], stdin=io.StringIO(stdin))
        return status, capsys.readouterr().err

    return run


@pytest.mark.slow  # runs `python -m db.auth` in a new process
def test_set_password_reads_the_password_piped_to_standard_input(engine, db_url):
    add_editors(engine)
    done = subprocess.run(
        [sys.executable, "-m", "db.auth", "--url", db_url, "set-password", CONVENER],
        input="a brand new password\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "a brand new password" not in done.stdout + done.stderr
    assert signin.sign_in(engine, CONVENER, "a brand new password", now=T0).user is not None
    assert _audit(engine)[-2][:2] == ("command line", "set_password")


def test_set_password_refuses_a_short_password_with_a_clear_message(engine, cli):
    add_editors(engine)
    assert cli("set-password", CONVENER, stdin="short\n") == (
        1,
        "Not saved: a password needs at least 12 characters (this one has 5).\n",
    )
    assert _stored_hash(engine, CONVENER) is None


def test_set_password_of_an_unknown_email_is_refused(engine, cli):
    add_editors(engine)
    status, err = cli("set-password", "nobody@nhs.example", stdin="a long enough password\n")
    assert status == 1 and "no editor has the email 'nobody@nhs.example': add them first" in err


def test_a_password_is_never_taken_as_an_argument_and_hash_password_is_gone(db_url):
    for argv in (["set-password", ADMIN, "a long enough password"], ["hash-password"]):
        with pytest.raises(SystemExit) as usage:
            auth.main(["--url", db_url, *argv], stdin=io.StringIO(""))
        assert usage.value.code == 2


def test_add_user_takes_its_own_password_from_standard_input(engine, cli):
    assert (
        cli(
            "add-user",
            "new.admin@nhs.example",
            "--role",
            "administrator",
            "--password-stdin",
            stdin="their own password here\r\n",
        )[0]
        == 0
    )
    assert signin.sign_in(engine, "new.admin@nhs.example", "their own password here", now=T0).user.is_admin


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_the_password_is_asked_twice_and_must_match(monkeypatch):
    answers = iter(["first long password", "second long password"])
    monkeypatch.setattr(auth.getpass, "getpass", lambda prompt: next(answers))
    with pytest.raises(passwords.PasswordRefused, match="the two passwords typed differ"):
        auth.read_password(_Terminal())
    monkeypatch.setattr(auth.getpass, "getpass", lambda prompt: "the same long password")
    assert auth.read_password(_Terminal()) == "the same long password"
