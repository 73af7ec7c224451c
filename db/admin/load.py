"""(Re)build the database from the curated CSV files in `cop_data/`.

    python -m db.admin.load [--url URL] [--data-dir DIR]

Every file is read and checked before anything is written; the rebuild is one transaction, so a
malformed file leaves the old database exactly as it was. Loading twice gives the same content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, func, insert, inspect, select, text

from db import models as m
from db.admin.load_spec import Col, DataFileError, FileSpec, read_file
from db.engine import ROOT, get_engine, is_built, write_transaction
from db.migrate import stamp_head
from db.write import registers

COP_DATA = ROOT / "cop_data"
SRC = Col("source")


def _session_check(row: dict[str, Any]) -> tuple[str, Any, str] | None:
    if row["status"] == "held" and row["headcount"] is None:
        return ("headcount", "", "a headcount for a held session")
    if row["status"] != "held" and row["headcount"] is not None:
        return ("headcount", row["headcount"], f"no headcount for a {row['status']} session")
    if row["headcount"] is not None and row["headcount"] < 0:
        return ("headcount", row["headcount"], "a headcount of 0 or more")
    if row["number"] < 1:
        return ("number", row["number"], "a session number of 1 or more")
    if row["status"] == "held" and row["date"] and row["date"] > dt.date.today():
        return ("date", row["date"].isoformat(), "a date not in the future for a held session")
    return None


def _theme_check(row: dict[str, Any]) -> tuple[str, Any, str] | None:
    if (row["kind"] == "value-cycle") != (row["value_cycle"] is not None):
        return ("value_cycle", row["value_cycle"] or "", "a value cycle exactly when kind is value-cycle")
    return None


def _tag_check(row: dict[str, Any]) -> tuple[str, Any, str] | None:
    if (row["convener"] is None) != (row["question_number"] is None):
        return ("question_number", row["question_number"] or "", "a convener and a question number together")
    if row["comment"] is not None and row["convener"] is not None:
        return ("convener", row["convener"], "empty when the row tags a comment (one item per row)")
    if row["comment"] is None and row["convener"] is None and row["value_area"] is None:
        return ("comment", "", "a comment, an interview answer (convener, question_number) or a value_area")
    return None


def _question_check(row: dict[str, Any]) -> tuple[str, Any, str] | None:
    if row["kind"] == "text" and not 1 <= (row["max_length"] or 0) <= 5000:
        return ("max_length", row["max_length"] or "", "a length from 1 to 5000 for a text question")
    if row["kind"] != "text" and row["max_length"] is not None:
        return ("max_length", row["max_length"], f"empty for a {row['kind']} question")
    return None


def _ref(name: str, target: str, required: bool = True) -> Col:
    return Col(name, "ref", required, ref=target)


# The files in load order, each with the model it fills.
SPECS: list[tuple[FileSpec, type[m.Base]]] = [
    (
        FileSpec(
            "programmes",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                Col("commissioner", required=False),
                Col("delivered_by", required=False),
                Col("commissioned", "month", required=False),
                Col("duration_months", "int", required=False),
                Col("description", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.Programme,
    ),
    (
        FileSpec(
            "communities",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                _ref("programme", "programmes"),
                Col("display_order", "int"),
                Col("description", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.Community,
    ),
    (
        FileSpec(
            "organisation_types",
            (Col("slug", "slug", unique=True), Col("name", unique=True), Col("display_order", "int"), SRC),
            key="slug",
        ),
        m.OrganisationType,
    ),
    (
        FileSpec(
            "organisations",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                _ref("organisation_type", "organisation_types"),
                _ref("parent", "organisations", False),
                SRC,
            ),
            key="slug",
        ),
        m.Organisation,
    ),
    (
        FileSpec("organisation_aliases", (Col("alias", unique=True), _ref("organisation", "organisations"), SRC)),
        m.OrganisationAlias,
    ),
    (
        FileSpec(
            "professional_groups",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                Col("is_patient_or_public", "bool"),
                Col("display_order", "int"),
                SRC,
            ),
            key="slug",
        ),
        m.ProfessionalGroup,
    ),
    (
        FileSpec(
            "roles",
            (
                Col("slug", "slug", unique=True),
                Col("title", unique=True),
                _ref("professional_group", "professional_groups"),
                SRC,
            ),
            key="slug",
        ),
        m.Role,
    ),
    (
        FileSpec(
            "conveners",
            (
                Col("slug", "slug", unique=True),
                _ref("community", "communities"),
                Col("name"),
                Col("as_written", required=False),
                Col("role_as_written", required=False),
                Col("organisation_as_written", required=False),
                _ref("organisation", "organisations", False),
                Col("interview_role_details", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.Convener,
    ),
    (
        FileSpec(
            "sessions",
            (
                _ref("community", "communities"),
                Col("number", "int"),
                Col("status", "enum", choices=m.SESSION_STATUSES),
                Col("headcount", "int", required=False),
                Col("date", "date", required=False),
                Col("note", required=False),
                SRC,
            ),
            unique_together=("community", "number"),
            row_check=_session_check,
        ),
        m.Session,
    ),
    (
        FileSpec(
            "community_roles",
            (
                _ref("community", "communities"),
                Col("position", "int"),
                Col("title_as_written"),
                _ref("role", "roles"),
                SRC,
            ),
            unique_together=("community", "position"),
        ),
        m.CommunityRole,
    ),
    (
        FileSpec(
            "community_organisations",
            (
                _ref("community", "communities"),
                Col("position", "int"),
                Col("name_as_written"),
                _ref("organisation", "organisations"),
                SRC,
            ),
            unique_together=("community", "position"),
        ),
        m.CommunityOrganisation,
    ),
    (
        FileSpec(
            "comments",
            (
                Col("slug", "slug", unique=True),
                Col("text"),
                _ref("community", "communities", False),
                Col("theme", required=False),
                Col("see_also", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.Comment,
    ),
    (
        FileSpec(
            "value_cycles",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                Col("display_order", "int"),
                Col("definition", required=False),
                SRC,
            ),
            key="slug",
        ),
        m.ValueCycle,
    ),
    (
        FileSpec(
            "value_areas",
            (
                Col("slug", "slug", unique=True),
                _ref("value_cycle", "value_cycles"),
                Col("position", "int"),
                Col("text"),
                SRC,
            ),
            key="slug",
        ),
        m.ValueArea,
    ),
    (
        FileSpec(
            "value_area_communities",
            (_ref("value_area", "value_areas"), _ref("community", "communities"), SRC),
            unique_together=("value_area", "community"),
        ),
        m.ValueAreaCommunity,
    ),
    (
        FileSpec(
            "interviews",
            (
                _ref("convener", "conveners"),
                _ref("community", "communities"),
                Col("question_number", "int"),
                Col("question"),
                Col("answer"),
                SRC,
            ),
            unique_together=("convener", "question_number"),
        ),
        m.Interview,
    ),
    (
        FileSpec(
            "themes",
            (
                Col("slug", "slug", unique=True),
                Col("name", unique=True),
                Col("kind", "enum", choices=m.THEME_KINDS),
                _ref("value_cycle", "value_cycles", False),
                Col("display_order", "int"),
                Col("description", required=False),
                SRC,
            ),
            key="slug",
            row_check=_theme_check,
        ),
        m.Theme,
    ),
    (
        FileSpec(
            "evidence_tags",
            (
                _ref("theme", "themes"),
                _ref("comment", "comments", False),
                _ref("convener", "conveners", False),
                Col("question_number", "int", required=False),
                _ref("value_area", "value_areas", False),
                SRC,
            ),
            row_check=_tag_check,
        ),
        m.EvidenceTag,
    ),
    (
        FileSpec(
            "question_sets",
            (Col("slug", "slug", unique=True), Col("name"), _ref("programme", "programmes", False), SRC),
            key="slug",
        ),
        m.QuestionSet,
    ),
    (
        FileSpec(
            "questions",
            (
                _ref("question_set", "question_sets"),
                Col("position", "int"),
                Col("kind", "enum", choices=m.QUESTION_KINDS),
                Col("prompt"),
                _ref("value_cycle", "value_cycles", False),
                Col("required", "bool"),
                Col("max_length", "int", required=False),
                SRC,
            ),
            unique_together=("question_set", "position"),
            row_check=_question_check,
        ),
        m.Question,
    ),
]


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
    tables = read_cop_data(data_dir)
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
