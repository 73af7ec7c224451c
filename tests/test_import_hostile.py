"""The adversarial import corpus (tests.hostile_corpus), each file imported in a child process forked from a
small fork server (the import modules already loaded there, nothing of this test process's growth or open
databases inherited), with its own engine, a 1 GB address-space cap and 30 s of CPU. Each file is refused with
a message holding the expected words and the database left as it was (SQLite: the file's bytes; PostgreSQL:
every table's rows), or accepted exactly as written (then undone, so that the next file meets the same
database)."""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import time
import traceback
from dataclasses import dataclass

import pytest
from sqlalchemy import text

from db.auth import User
from db.engine import make_engine
from db.errors import ImportRejected
from db.write.imports.store import import_file
from db.write.imports.undo import undo_import
from tests.editors import add_editors, snapshot
from tests.hostile_corpus import KINDS
from tests.hostile_files import Kind

pytestmark = pytest.mark.slow  # the hostile corpus, each file in a capped child process

MEMORY_CAP = 1 << 30  # bytes of address space for the child, everything it inherited included
TIME_LIMIT = 30  # seconds of CPU for the child (RLIMIT_CPU ends it past them)
WALL_LIMIT = 3 * TIME_LIMIT  # seconds the parent waits: a shared CI machine may be slow to schedule it


@dataclass
class Corpus:
    url: str
    convener: User
    state: str | None = None

    def current(self) -> str:
        if self.state is None:
            engine = make_engine(self.url)
            try:
                self.state = snapshot(engine)
            finally:
                engine.dispose()
        return self.state


@pytest.fixture(scope="module")
def corpus(built_sqlite, tmp_path_factory, request) -> Corpus:
    """One database for the whole corpus, with an administrator and a convener of Ultrasound Imaging."""
    if os.environ.get("TEST_DATABASE_URL"):
        from tests.pgserver import fresh_copy

        # its own copy of this worker's template: other modules' tests re-create `<template>_case`
        url = fresh_copy(request.getfixturevalue("built_server"), suffix="_hostile")
    else:
        path = tmp_path_factory.mktemp("hostile") / "cop.sqlite3"
        shutil.copyfile(built_sqlite, path)
        url = f"sqlite:///{path}"
    engine = make_engine(url)
    try:
        _, convener = add_editors(engine)
    finally:
        engine.dispose()
    return Corpus(url, convener)


def _import_in_child(send, url: str, user: User, file_name: str, data: bytes) -> None:
    """The child's work: cap memory and time, make an engine of its own, import, send the outcome."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT, TIME_LIMIT + 1))
    try:
        engine = make_engine(url)
        try:
            outcome = import_file(engine, user, file_name, data)
            result = ("accepted", {k: v for k, v in outcome.written.items() if v}, outcome.batch_id)
        except ImportRejected as exc:
            result = ("refused", [str(p) for p in exc.problems], None)
        finally:
            engine.dispose()
    except BaseException:  # noqa: BLE001 - whatever it is, the parent reports it as a crash
        result = ("crashed", traceback.format_exc(limit=12), None)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    send.send((*result, usage.ru_utime + usage.ru_stime))
    send.close()


def _fork_server():
    """The forkserver context, its server preloading the import code: a child forked from this test
    process would inherit its address space (past 1 GB late in a full run, when SQLite then fails to
    map its shared memory) and whatever SQLite state its earlier tests left."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["db.write.imports.store", "db.engine", "tests.test_import_hostile"])
    return context


def run_capped(url: str, user: User, file_name: str, data: bytes) -> tuple:
    """(outcome, detail, batch id, CPU seconds) from a forked child, or ("killed", why, None, seconds)."""
    context = _fork_server()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_import_in_child, args=(send, url, user, file_name, data), daemon=True)
    started = time.monotonic()
    child.start()
    send.close()
    try:
        if receive.poll(WALL_LIMIT):
            return receive.recv()
        return ("killed", f"no answer within {WALL_LIMIT} s", None, time.monotonic() - started)
    except EOFError:
        return ("killed", "the child ended without an answer", None, time.monotonic() - started)
    finally:
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
        receive.close()


def _read_then_undo(corpus: Corpus, kind: Kind, batch_id: int) -> list[str]:
    """What the `stored` checks read from an accepted import, which is then undone (so the next file
    meets the same database whatever this one's checks find)."""
    engine = make_engine(corpus.url)
    try:
        with engine.connect() as conn:
            found = [str(conn.execute(text(sql), {"batch": batch_id}).scalar()) for sql, _ in kind.stored]
        undo_import(engine, corpus.convener, batch_id)
    finally:
        engine.dispose()
        corpus.state = None
    return found


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_hostile_file_is_refused_cleanly_or_written_exactly(corpus, kind):
    data = kind.make()
    before = corpus.current()
    outcome, detail, batch_id, seconds = run_capped(corpus.url, corpus.convener, kind.file_name, data)
    found = _read_then_undo(corpus, kind, batch_id) if outcome == "accepted" else None
    assert outcome not in ("crashed", "killed"), detail
    assert seconds < TIME_LIMIT
    if kind.refused is not None:
        assert outcome == "refused", detail
        assert any(kind.refused in message for message in detail), detail
        corpus.state = None
        assert corpus.current() == before, "a refused file changed the database"
    else:
        assert outcome == "accepted", detail
        assert detail == kind.written
        assert found == [str(expected) for _, expected in kind.stored]


def test_the_corpus_holds_at_least_150_distinct_kinds():
    names = [k.name for k in KINDS]
    assert len(set(names)) == len(names) >= 150
    assert sum(k.refused is None for k in KINDS) >= 40  # accepted files are checked as written too
