"""Several writer processes import at once while readers read: no write is lost, nobody sees
"database is locked", and a file raced in twice is written once."""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest

from tests import workers
from tests.editors import SESSIONS, add_editors, count, csv

pytestmark = pytest.mark.slow  # writers and readers in separate processes

WRITERS, FILES, PER_FILE = 4, 4, 50


def test_concurrent_imports_lose_no_write_and_never_see_a_locked_database(engine, db_url):
    add_editors(engine)
    engine.dispose()
    start = time.time() + 3  # every process is up and waiting before anyone starts
    with ProcessPoolExecutor(WRITERS + 2, mp_context=get_context("spawn")) as pool:
        writes = [pool.submit(workers.writer, db_url, w, FILES, PER_FILE, start) for w in range(WRITERS)]
        reads = [pool.submit(workers.reader, db_url, start, 8.0) for _ in range(2)]
        write_errors = [e for f in writes for e in f.result(timeout=600)]
        read_results = [f.result(timeout=600) for f in reads]
    assert write_errors == []
    assert all(errors == [] for _, errors in read_results), read_results
    assert all(n > 0 for n, _ in read_results)
    imports = WRITERS * FILES * 2
    assert count(engine, "SELECT count(*) FROM import_batches") == imports
    assert count(engine, "SELECT count(*) FROM audit_log WHERE action = 'import'") == imports
    assert count(engine, "SELECT count(*) FROM sessions") == 12 + WRITERS * FILES
    assert count(engine, "SELECT count(*) FROM attendances") == WRITERS * FILES * PER_FILE
    assert (
        count(engine, f"SELECT count(*) FROM sessions WHERE number >= 100 AND headcount = {PER_FILE}")
        == WRITERS * FILES
    )


def test_same_file_imported_by_two_processes_at_once_is_written_once(engine, db_url):
    add_editors(engine)
    engine.dispose()
    data = csv(SESSIONS, *[f"Ultrasound Imaging,{n},held,2026-01-05,9," for n in range(10, 60)])
    start = time.time() + 3
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        runs = [pool.submit(workers.import_once, db_url, f"copy-{i}.csv", data, start) for i in range(2)]
        outcomes = sorted(f.result(timeout=600) for f in runs)
    assert outcomes[1] == "ok", outcomes
    assert outcomes[0].startswith("ImportRejected") and "a file not imported before" in outcomes[0]
    assert count(engine, "SELECT count(*) FROM sessions") == 12 + 50
