"""A fresh PostgreSQL database per test: the report is loaded once into the database named by
TEST_DATABASE_URL, which then serves as the template that each test's own database is copied from.

The role in TEST_DATABASE_URL needs CREATEDB (`.ci/postgres` creates it so). Copying a template is
what copying the built SQLite file is for SQLite: every test starts from exactly the report's data,
whatever the previous test wrote, created or left connected.
"""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.admin.load import load_database
from db.engine import make_engine

CASE_SUFFIX = "_case"


def build_template(url: str) -> None:
    """Load the report into the database at `url` (the template of every test's database)."""
    engine = make_engine(url)
    try:
        load_database(engine)
    finally:
        engine.dispose()


def fresh_copy(url: str, suffix: str = CASE_SUFFIX) -> str:
    """Drop and re-create `<template><suffix>` from the template at `url`; return the copy's URL."""
    template = make_url(url)
    copy = f"{template.database}{suffix}"
    admin = create_engine(template.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            # Names come from our own TEST_DATABASE_URL, never from users; quoted as identifiers.
            conn.execute(text(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{copy}" TEMPLATE "{template.database}"'))
    finally:
        admin.dispose()
    return template.set(database=copy).render_as_string(hide_password=False)


def empty_database(url: str, suffix: str) -> str:
    """A new database with no tables, next to the template at `url`; returns its URL."""
    template = make_url(url)
    name = f"{template.database}{suffix}"
    admin = create_engine(template.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return template.set(database=name).render_as_string(hide_password=False)
