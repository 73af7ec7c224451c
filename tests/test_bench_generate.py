"""The synthetic benchmark file is made again when the schema has changed since it was made (else a page
would be benchmarked against tables it no longer fits), and reused while it has not."""

from __future__ import annotations

import sqlite3

from bench import generate


def test_a_file_made_under_another_schema_is_made_again(tmp_path, monkeypatch):
    path = tmp_path / "synthetic-S.sqlite3"
    fills = []

    def fill(at, size, rng):  # the real rows take a minute; the schema and its stamp are what matter here
        fills.append(size)
        con = sqlite3.connect(at)
        con.execute(f"PRAGMA user_version = {generate.schema_stamp()}")
        con.close()

    monkeypatch.setattr(generate, "db_path", lambda size: path)
    monkeypatch.setattr(generate, "DATA", tmp_path)
    monkeypatch.setattr(generate, "_fill", fill)

    generate.generate("S")
    generate.generate("S")
    assert fills == ["S"]  # made once, then reused

    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 1")  # as a file made before the last migration would be
    con.close()
    generate.generate("S")
    assert fills == ["S", "S"]
    assert generate.schema_stamp() == generate.schema_stamp() != 1
