"""The import from the command line: the Import page's checks, rights and audit, for scripts.

    python -m db.ingest FILE --as EMAIL [--name NAME] [--dry-run] [--url URL]

(`python -m db.admin.import_file` runs the same command.)

Exit status (stable: administrators script it): 0 written (or a dry run that passed every check),
1 refused (a problem in the file, an unknown editor, no right to write, a file that cannot be read),
2 a usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, event, select

from db import models as m
from db.auth import load_user
from db.engine import get_engine
from db.errors import ImportRejected, PermissionDenied
from db.write.imports.store import Outcome, import_file
from db.write.imports.upload import MAX_BYTES

OK, REFUSED = 0, 1


class DryRunDone(Exception):
    """Raised instead of a dry run's commit, after rolling it back; `detail` is what it would write."""

    def __init__(self, detail: dict):
        super().__init__("dry run: rolled back")
        self.detail = detail


@contextmanager
def rolled_back(engine: Engine, sha256: str) -> Iterator[None]:
    """Every commit on `engine` becomes a rollback raising DryRunDone with the import's audit detail."""

    def refuse_commit(conn: Connection) -> None:
        A = m.AuditEntry
        detail = conn.execute(
            select(A.detail).where(A.action == "import", A.file_sha256 == sha256).order_by(A.id.desc()).limit(1)
        ).scalar()
        conn.connection.rollback()  # the DB-API connection: nothing of this transaction stays
        raise DryRunDone(json.loads(detail or "{}"))

    event.listen(engine, "commit", refuse_commit)
    try:
        yield
    finally:
        event.remove(engine, "commit", refuse_commit)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m db.ingest", description=__doc__.splitlines()[0])
    p.add_argument("file", help="a .csv or .xlsx file, as the Import page takes")
    p.add_argument(
        "--as",
        dest="email",
        required=True,
        metavar="EMAIL",
        help="the editor (in app_users) the import is made and audited as",
    )
    p.add_argument("--name", help="the file name recorded (default: the file's own name)")
    p.add_argument("--dry-run", action="store_true", help="make every check, write nothing")
    p.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    return p


def read_file(path: str) -> bytes:
    """The file's bytes, reading at most one byte past the size limit (the import refuses it then)."""
    with open(path, "rb") as f:
        return f.read(MAX_BYTES + 1)


def _written(written: dict[str, int]) -> str:
    return ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in written.items() if n) or "no rows"


def report(name: str, outcome: Outcome) -> None:
    print(f"Imported {name} as import #{outcome.batch_id}: {_written(outcome.written)}.")
    for table, n in outcome.written.items():
        print(f"  {table}: {n}")
    print(f"Duplicates skipped (already stored): {len(outcome.duplicates)}")
    for line in outcome.duplicates:
        print(f"  {line}")


def refuse(message: str, problems: Sequence[object] = ()) -> int:
    print(f"Refused, nothing written: {message}", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return REFUSED


def run(engine: Engine, email: str, name: str, data: bytes, dry_run: bool) -> int:
    with engine.connect() as conn:
        user = load_user(conn, email)
    if user is None:
        return refuse(f"{email} is not an editor (no such user in app_users).")
    try:
        if not dry_run:
            report(name, import_file(engine, user, name, data))
            return OK
        with rolled_back(engine, hashlib.sha256(data).hexdigest()):
            import_file(engine, user, name, data)
    except ImportRejected as exc:
        return refuse(f"{len(exc.problems)} problem(s) in {name}:", exc.problems)
    except PermissionDenied as exc:
        return refuse(str(exc))
    except DryRunDone as done:
        skipped = done.detail.get("duplicates_skipped", 0)
        print(
            f"Dry run of {name}: every check passed; nothing was written. It would write "
            f"{_written(done.detail.get('written', {}))}; duplicates skipped: {skipped}."
        )
    return OK


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # a usage error exits with status 2
    try:
        data = read_file(args.file)
    except OSError as exc:
        return refuse(f"cannot read {args.file}: {exc.strerror or exc}.")
    name = args.name if args.name is not None else Path(args.file).name
    return run(get_engine(args.url), args.email, name, data, args.dry_run)


if __name__ == "__main__":
    sys.exit(main())
