"""Copy a whole database to a new, empty one: how the SQLite file moves to PostgreSQL.

    python -m db.admin.transfer --to postgresql+psycopg://cop:PASSWORD@HOST/cop [--from URL]

The source (default: DATABASE_URL or the SQLite file) must be at the latest migration (`make upgrade`
first). The target must hold no tables: it is built from the models, stamped at the latest migration,
and every table is copied in dependency order in one transaction, so a failure leaves it empty.
Row counts are compared at the end.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Connection, Engine, func, insert, select, update

from db import models as m
from db.admin.load import _advance_sequences
from db.engine import database_url, is_built, make_engine, write_transaction
from db.migrate import current, head, stamp_head

BATCH = 10_000


def _copy_table(src: Connection, dst: Connection, table) -> int:
    """Copy one table; a column that refers to its own table (a parent) is filled in afterwards."""
    own = [c.name for c in table.c if any(fk.column.table is table for fk in c.foreign_keys)]
    copied, later = 0, []
    result = src.execution_options(stream_results=True).execute(select(table).order_by(*table.primary_key))
    while rows := result.fetchmany(BATCH):
        records = [dict(row._mapping) for row in rows]
        later += [r for r in records if any(r[c] is not None for c in own)]
        dst.execute(insert(table), [{**r, **{c: None for c in own}} for r in records])
        copied += len(rows)
    for r in later:
        key = [col == r[col.name] for col in table.primary_key]
        dst.execute(update(table).where(*key).values({c: r[c] for c in own}))
    return copied


class TransferRefused(ValueError):
    """The copy was not started: the source is not at the latest revision, or the target is not empty."""


def transfer(source: Engine, target: Engine) -> dict[str, int]:
    """Copy every table of the models from `source` to the empty `target`; returns rows per table."""
    with source.connect() as src:
        if current(src) != head():
            raise TransferRefused(f"The source is at revision {current(src)}, not {head()}: run make upgrade first.")
    if is_built(target):
        raise TransferRefused("The target already holds tables: give an empty database.")
    counts = {}
    with source.connect() as src, write_transaction(target) as dst:
        m.Base.metadata.create_all(dst)
        for table in m.Base.metadata.sorted_tables:
            counts[table.name] = _copy_table(src, dst, table)
        _advance_sequences(dst)
        stamp_head(dst)
    return counts


def check(target: Engine, counts: dict[str, int]) -> list[str]:
    """Tables whose row count in `target` differs from what was copied."""
    tables = m.Base.metadata.tables
    with target.connect() as conn:
        found = {name: conn.execute(select(func.count()).select_from(tables[name])).scalar() for name in counts}
    return [f"{name}: {n} copied, {found[name]} found" for name, n in counts.items() if found[name] != n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.admin.transfer", description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", default=None, help="default: DATABASE_URL or the SQLite file")
    parser.add_argument("--to", dest="target", required=True)
    args = parser.parse_args(argv)
    source, target = make_engine(args.source or database_url()), make_engine(args.target)
    try:
        counts = transfer(source, target)
    except TransferRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    if problems := check(target, counts):
        print("Copied, but the counts differ:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"Copied to {target.url.render_as_string(hide_password=True)}:")
    for name, n in counts.items():
        print(f"  {name:26} {n:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
