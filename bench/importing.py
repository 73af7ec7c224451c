"""Import of 100,000 register rows through db.write.imports.store.import_file against a raw sqlite3 executemany of
the same rows (new participants and their attendances) in one transaction, on a copy of the bench
database. The sessions both use are created first by an untimed import."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from db.auth import load_user, save_user
from db.engine import make_engine, write_transaction
from db.write.imports.store import import_file

ROWS = 100_000
REGISTER = "community,session_number,participant_code,role,organisation"
SESSIONS = "community,number,status,date,headcount,note"
PER_SESSION = 40
FIRST_NUMBER = 100  # above any generated session number (at most 50), below the 999 limit
ADMIN = "bench-admin@example.invalid"


def _plan(communities: list[str]) -> list[tuple[str, int]]:
    """(community, number) for 2 x ROWS/PER_SESSION new sessions: half imported, half raw."""
    n = 2 * ROWS // PER_SESSION
    return [(communities[i % len(communities)], FIRST_NUMBER + i // len(communities)) for i in range(n)]


def _csv(header: str, rows) -> bytes:
    return ("\n".join([header, *(",".join(map(str, r)) for r in rows)]) + "\n").encode()


def _prepare(engine, communities: list[str]):
    with write_transaction(engine) as conn:
        save_user(conn, None, ADMIN, "administrator", bootstrap=True)
    with engine.connect() as conn:
        admin = load_user(conn, ADMIN)
    plan = _plan(communities)
    import_file(
        engine, admin, "bench-sessions.csv", _csv(SESSIONS, [(c, k, "held", "2026-01-12", "", "") for c, k in plan])
    )
    return admin, plan[: len(plan) // 2], plan[len(plan) // 2 :]


def time_import(path: Path, communities: list[str]) -> dict:
    """Seconds for import_file of ROWS register rows and for the raw executemany, and their ratio."""
    engine = make_engine(f"sqlite:///{path}")
    admin, imported, raw = _prepare(engine, communities)
    register = [
        (c, k, f"BENCH-I{i:03d}-{k}-{j}", "", "") for i, (c, k) in enumerate(imported) for j in range(PER_SESSION)
    ]
    data = _csv(REGISTER, register)
    start = time.perf_counter()
    outcome = import_file(engine, admin, "bench-register.csv", data)
    imported_s = time.perf_counter() - start
    engine.dispose()
    raw_s = _raw_insert(path, raw)
    return {
        "rows": len(register),
        "import_s": imported_s,
        "raw_s": raw_s,
        "ratio": imported_s / raw_s,
        "written": outcome.written,
    }


def _raw_insert(path: Path, sessions: list[tuple[str, int]]) -> float:
    con = sqlite3.connect(path, isolation_level=None)
    ids = {
        (c, k): i
        for i, c, k in con.execute(
            "SELECT s.id, c.name, s.number FROM sessions s JOIN communities c ON c.id = s.community_id "
            "WHERE s.number >= ?",
            (FIRST_NUMBER,),
        )
    }
    first = con.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM participants").fetchone()[0]
    people = [(first + n, f"BENCH-R{n}") for n in range(len(sessions) * PER_SESSION)]
    pairs = [(ids[s], first + i * PER_SESSION + j) for i, s in enumerate(sessions) for j in range(PER_SESSION)]
    start = time.perf_counter()
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("BEGIN IMMEDIATE")
    con.executemany("INSERT INTO participants (id, code) VALUES (?, ?)", people)
    con.executemany("INSERT INTO attendances (session_id, participant_id) VALUES (?, ?)", pairs)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed
