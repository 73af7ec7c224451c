"""Import of 100,000 register rows through db.write.imports.store.import_file against raw sqlite3 writing
the same rows in one transaction, on a copy of the bench database.

The register names 2,500 new sessions (40 new participants each, created by an untimed import first);
the raw side gets 2,500 other new sessions of the same communities. Its rows are built before the clock
starts (ids, codes, summary rows); then one `BEGIN IMMEDIATE` ... `COMMIT` on a plain `sqlite3`
connection set up as db.engine sets up its own (foreign keys on, WAL, `synchronous=NORMAL`, SQLite's
automatic checkpoint) writes what the import writes:

- the import batch (with its summary) and the audit-log entry;
- 100,000 participants (id, code, import_batch_id) and 100,000 attendances (session_id, participant_id,
  import_batch_id), one executemany each;
- each session's headcount set to its register's size (2,500 UPDATEs);
- the register summaries db.write.registers keeps in step: 100,000 register_participants rows (in key
  order), 2,500 register_sessions rows (every participant new) and each community's register_communities
  total raised by its new participants (an upsert per community).

The import also reads and checks the file; the raw side only writes."""

from __future__ import annotations

import json
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


def _raw_rows(con: sqlite3.Connection, sessions: list[tuple[str, int]]) -> dict[str, list[tuple]]:
    """Every row the raw transaction writes, built before it is timed."""
    found = {
        (c, k): (i, cid)
        for i, cid, c, k in con.execute(
            "SELECT s.id, c.id, c.name, s.number FROM sessions s JOIN communities c ON c.id = s.community_id "
            "WHERE s.number >= ?",
            (FIRST_NUMBER,),
        )
    }
    batch = con.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM import_batches").fetchone()[0]
    first = con.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM participants").fetchone()[0]
    people, lines, summaries, per_community = [], [], [], dict[int, int]()
    for i, key in enumerate(sessions):
        session_id, community_id = found[key]
        for pid in range(first + i * PER_SESSION, first + (i + 1) * PER_SESSION):
            people.append((pid, f"BENCH-R{pid}", batch))
            lines.append((session_id, pid, batch))
            summaries.append((community_id, pid, key[1]))
        per_community[community_id] = per_community.get(community_id, 0) + PER_SESSION
    summary = {"participants": len(people), "attendances": len(lines), "headcounts_before": {}}
    return {
        "batch": [(batch, "bench-raw.csv", f"{batch:064d}", ADMIN, json.dumps(summary))],
        "participants": people,
        "attendances": lines,
        "headcounts": [(PER_SESSION, found[key][0]) for key in sessions],
        "register_participants": sorted(summaries),  # in key order, as the import inserts them
        "register_sessions": [(*found[key], PER_SESSION) for key in sessions],
        "register_communities": sorted(per_community.items()),
        "audit": [(ADMIN, batch, "bench-raw.csv", f"{batch:064d}", json.dumps({"written": summary}))],
    }


RAW_SQL = {
    "batch": "INSERT INTO import_batches (id, file_name, sha256, user_email, status, summary) "
    "VALUES (?, ?, ?, ?, 'imported', ?)",
    "participants": "INSERT INTO participants (id, code, import_batch_id) VALUES (?, ?, ?)",
    "attendances": "INSERT INTO attendances (session_id, participant_id, import_batch_id) VALUES (?, ?, ?)",
    "headcounts": "UPDATE sessions SET headcount = ? WHERE id = ?",
    "register_participants": "INSERT INTO register_participants (community_id, participant_id, first_number, "
    "sessions) VALUES (?, ?, ?, 1)",
    "register_sessions": "INSERT INTO register_sessions (session_id, community_id, new_participants, "
    "returning_participants) VALUES (?, ?, ?, 0)",
    "register_communities": "INSERT INTO register_communities (community_id, participants, two_or_more) "
    "VALUES (?, ?, 0) ON CONFLICT (community_id) DO UPDATE SET participants = participants + excluded.participants",
    "audit": "INSERT INTO audit_log (user_email, action, import_batch_id, file_name, file_sha256, detail) "
    "VALUES (?, 'import', ?, ?, ?, ?)",
}


def _raw_insert(path: Path, sessions: list[tuple[str, int]]) -> float:
    """Seconds for raw sqlite3 to write, in one transaction, the rows and summary rows the import writes."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA synchronous=NORMAL")
    rows = _raw_rows(con, sessions)
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for table, sql in RAW_SQL.items():
        con.executemany(sql, rows[table])
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed
