"""(Re)build the database from the curated CSV files in `cop_data/`.

    python -m db.admin.load [--url URL] [--data-dir DIR]

Every file is read and checked before anything is written; the rebuild is one transaction, so a
malformed file leaves the old database exactly as it was. Loading twice gives the same content.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, func, insert, inspect, select, text

from db import models as m
from db.admin.load_spec import DataFileError, read_file
from db.admin.load_tables import SPECS
from db.engine import ROOT, get_engine, is_built, write_transaction
from db.migrate import stamp_head
from db.write import registers

COP_DATA = ROOT / "cop_data"


def read_cop_data(data_dir: Path = COP_DATA) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows ready to insert, with slugs resolved to ids; raises `DataFileError`."""
    raw = {spec.stem: read_file(spec, data_dir / spec.filename) for spec, _ in SPECS}
    ids = {
        spec.stem: {row[spec.key]: i for i, row in enumerate(raw[spec.stem], start=1)} for spec, _ in SPECS if spec.key
    }
    tables: dict[str, list[dict[str, Any]]] = {}
    for spec, model in SPECS:
        out = []
        for i, row in enumerate(raw[spec.stem], start=1):
            rec: dict[str, Any] = {"id": i} if "id" in model.__table__.c else {}
            for col in spec.columns:
                value = row[col.name]
                if col.kind == "ref":
                    if value is not None and value not in ids[cast(str, col.ref)]:
                        raise DataFileError(
                            spec.filename,
                            row["_line"],
                            col.name,
                            value,
                            f"a slug listed in {col.ref}.csv",
                        )
                    rec[f"{col.name}_id"] = None if value is None else ids[cast(str, col.ref)][value]
                else:
                    rec[col.name] = value
            out.append(rec)
        tables[model.__tablename__] = out
    return tables


def interview_refs(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """`tables` with each evidence tag's (convener_id, question_number), as evidence_tags.csv names an
    interview answer, turned into the answer's `interview_id` (the schema's reference since revision
    0009; read_cop_data keeps the file's shape, which revision 0003 inserts as it was then)."""
    answers = {(r["convener_id"], r["question_number"]): r["id"] for r in tables["interviews"]}
    tags = []
    for row in tables["evidence_tags"]:
        tag = {k: v for k, v in row.items() if k not in ("convener_id", "question_number")}
        key = (row["convener_id"], row["question_number"])
        if row["convener_id"] is not None and key not in answers:
            raise DataFileError(
                "evidence_tags.csv",
                row["id"] + 1,
                "question_number",
                row["question_number"],
                "a question of that convener's interview",
            )
        tag["interview_id"] = answers.get(key)
        tags.append(tag)
    return {**tables, "evidence_tags": tags}


def _advance_sequences(conn) -> None:
    """On PostgreSQL, move each `id` sequence past the ids inserted explicitly, so that the next
    INSERT without an id does not collide with row 1 (SQLite needs nothing: it uses MAX(rowid))."""
    if conn.dialect.name != "postgresql":
        return
    for table in m.Base.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # names from the models
                    f"COALESCE(MAX(id), 0) + 1, false) FROM {table.name}"
                )
            )


def load_database(engine: Engine, data_dir: Path = COP_DATA) -> dict[str, int]:
    """Replace the database's content with `cop_data/`, in one transaction; returns row counts."""
    tables = interview_refs(read_cop_data(data_dir))
    with write_transaction(engine) as conn:
        m.Base.metadata.drop_all(conn)
        m.Base.metadata.create_all(conn)
        for table in m.Base.metadata.sorted_tables:
            if rows := tables.get(table.name):
                conn.execute(insert(table), rows)
        _advance_sequences(conn)
        registers.rebuild(conn)  # the registers' summaries (empty for the report, which has none)
        stamp_head(conn)  # built from the models, so at the latest migration
    return {name: len(rows) for name, rows in tables.items()}


def recorded_data(engine: Engine) -> str | None:
    """What the database holds beyond cop_data/ (editors, recorded or imported rows), in words: what a
    rebuild from cop_data/ would delete, or None."""
    if not is_built(engine):
        return None
    tables = set(inspect(engine).get_table_names())
    counts = {}
    with engine.connect() as conn:
        for label, model in (
            ("editor accounts", m.AppUser),
            ("audit-log entries", m.AuditEntry),
            ("imports", m.ImportBatch),
        ):
            if model.__tablename__ in tables:
                counts[label] = conn.execute(select(func.count()).select_from(model)).scalar()
        if "sessions" in tables and "import_batch_id" in {c["name"] for c in inspect(conn).get_columns("sessions")}:
            counts["recorded sessions"] = conn.execute(
                select(func.count())
                .select_from(m.Session)
                .where(m.Session.source.like("Recorded in dashboard%") | m.Session.import_batch_id.isnot(None))
            ).scalar()
    held = [f"{n} {label}" for label, n in counts.items() if n]
    return ", ".join(held) or None


def built_engine(url: str | None = None) -> Engine:
    """The shared engine for `url`, building the database from `cop_data/` if it has no tables yet."""
    engine = get_engine(url)
    if not is_built(engine):
        load_database(engine)
    return engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.admin.load", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    parser.add_argument("--data-dir", type=Path, default=COP_DATA)
    parser.add_argument("--if-missing", action="store_true", help="build only when the database has no tables yet")
    parser.add_argument(
        "--force", action="store_true", help="rebuild even when the database holds recorded or imported data"
    )
    args = parser.parse_args(argv)
    engine = get_engine(args.url)
    if args.if_missing and is_built(engine):
        print(f"Database present: {engine.url.render_as_string(hide_password=True)}")
        return 0
    if not args.force and (held := recorded_data(engine)):
        print(
            f"Not loaded: the database holds {held} that a rebuild from cop_data/ would delete. "
            "Make a copy first with `make backup`, then run `python -m db.admin.load --force` "
            "if you really mean to start again.",
            file=sys.stderr,
        )
        return 2
    try:
        counts = load_database(engine, args.data_dir)
    except DataFileError as exc:
        print(f"Not loaded, the database is unchanged: {exc}", file=sys.stderr)
        return 1
    print(f"Loaded {engine.url.render_as_string(hide_password=True)}:")
    for name, count in counts.items():
        print(f"  {name:26} {count:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
