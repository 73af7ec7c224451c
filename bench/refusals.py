"""How long the import takes to refuse hostile files, read only (no database): `python -m bench.refusals`.

Speed is measured here, not asserted in tests: tests/test_ingest.py checks structurally that a long header
is refused before any per-column step, and tests/test_import_hostile.py runs every kind of the hostile
corpus under a 30 s CPU limit. Each figure is the best of 3 runs of read_upload, in CPU seconds."""

from __future__ import annotations

import contextlib
import time

from db.errors import ImportRejected
from db.write.imports.upload_file import read_upload
from tests.hostile_corpus import KINDS

NAMES = [
    "header-of-200k-columns",
    "workbook-header-in-column-xfd",
    "row-of-100k-cells",
    "zip-bomb-2-gib-declared",
    "zip-bomb-declared-40-mb",
    "shared-strings-of-60-mb",
    "row-of-8-million-empty-cells",
    "nine-million-shared-strings",
    "seven-million-empty-rows",
    "four-million-empty-cells-in-40-rows",
    "rich-text-of-2-million-runs",
    "shared-formula-of-8000-characters-in-99k-rows",
    "over-100k-rows",
    "workbook-of-100k-and-1-rows",
]


def refusal_seconds(file_name: str, data: bytes, runs: int = 3) -> float:
    """The best CPU time of `runs` refusals of the file (read_upload only: no database)."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        with contextlib.suppress(ImportRejected):
            read_upload(file_name, data)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    by_name = {kind.name: kind for kind in KINDS}
    print(f"{'kind':<50} {'bytes':>11} {'CPU s':>7}")
    for name in NAMES:
        kind = by_name[name]
        data = kind.make()
        print(f"{name:<50} {len(data):>11,} {refusal_seconds(kind.file_name, data):>7.2f}")


if __name__ == "__main__":
    main()
