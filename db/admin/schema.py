"""The schema's command line: bring a database to the latest revision, or say which revision it is at.

    python -m db.admin.schema upgrade [--url URL] [--revision head]
    python -m db.admin.schema current [--url URL]

`upgrade` on a database without tables builds it from cop_data/ (already at the latest revision).
A database made before migrations existed (tables but no alembic_version) is taken as revision 0001.
"""

from __future__ import annotations

import argparse
import sys

from db.admin.load import load_database
from db.engine import get_engine, is_built
from db.migrate import FIRST, current, head, upgrade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.admin.schema", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["upgrade", "current"])
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    parser.add_argument("--revision", default="head")
    args = parser.parse_args(argv)
    engine = get_engine(args.url)
    shown = engine.url.render_as_string(hide_password=True)
    if args.action == "current":
        with engine.connect() as conn:
            print(f"{shown}: revision {current(conn) or 'none'} (latest is {head()})")
        return 0
    if not is_built(engine):
        load_database(engine)
        print(f"{shown}: built from cop_data/ at revision {head()}")
        return 0
    before, after = upgrade(engine, args.revision)
    print(f"{shown}: revision {before or 'none (taken as ' + FIRST + ')'} -> {after}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
