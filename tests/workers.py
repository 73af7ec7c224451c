"""Functions run in separate processes by the concurrency and crash tests (importable by spawn)."""

from __future__ import annotations

import time
import traceback

from db.engine import make_engine
from db.read import attendance, queries
from db.write.imports.store import import_file
from tests.editors import ADMIN, REGISTER, SESSIONS, csv

COMMUNITIES = ["Patient Involvement", "Rehabilitation and Personalised Care", "Operational Teams", "Ultrasound Imaging"]


def files_for(writer: int, n_files: int, per_file: int) -> list[tuple[str, bytes]]:
    """Each file adds one held session with its register; writers share communities on purpose."""
    out = []
    for f in range(n_files):
        community = COMMUNITIES[(writer + f) % len(COMMUNITIES)]
        number = 100 + writer * 50 + f
        rows = [f"{community},{number},held,2026-01-{1 + f:02d},,"]
        register = [f"{community},{number},W{writer}-{f}-{i:04d},," for i in range(per_file)]
        out.append((f"w{writer}-f{f}-sessions.csv", csv(SESSIONS, *rows)))
        out.append((f"w{writer}-f{f}-register.csv", csv(REGISTER, *register)))
    return out


def wait_until(start_at: float) -> None:
    while time.time() < start_at:
        time.sleep(0.005)


def writer(url: str, writer_id: int, n_files: int, per_file: int, start_at: float) -> list[str]:
    """Import this writer's files; returns the errors met (none expected)."""
    from db.auth import load_user

    engine = make_engine(url)
    with engine.connect() as conn:
        admin = load_user(conn, ADMIN)
    wait_until(start_at)
    errors = []
    for name, data in files_for(writer_id, n_files, per_file):
        try:
            import_file(engine, admin, name, data)
        except Exception:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(f"{name}: {traceback.format_exc(limit=2)}")
    engine.dispose()
    return errors


def import_once(url: str, name: str, data: bytes, start_at: float) -> str:
    """Import one file; 'ok' or the error's message."""
    from db.auth import load_user

    engine = make_engine(url)
    with engine.connect() as conn:
        admin = load_user(conn, ADMIN)
    wait_until(start_at)
    try:
        import_file(engine, admin, name, data)
        return "ok"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"
    finally:
        engine.dispose()


def reader(url: str, start_at: float, seconds: float) -> tuple[int, list[str]]:
    """Read the dashboard's queries in a loop while writers write; returns (reads, errors)."""
    engine = make_engine(url)
    wait_until(start_at)
    reads, errors, end = 0, [], time.time() + seconds
    while time.time() < end:
        try:
            with engine.connect() as conn:
                attendance.attendance_by_session(conn)
                queries.headline_figures(conn)
            reads += 1
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {exc}")
    engine.dispose()
    return reads, errors
