"""What an upload may hold: its limits, the three kinds of data and their headers, and a Sheet of rows.

A file holds sessions, register lines or comments (a CSV one kind, told by its header; a workbook one
sheet per kind). The file itself is read by upload_file (its name, size, type and CSV text) and
upload_xlsx (a workbook's sheets); every problem is collected with its row, column, the value found
and what was expected; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from db import models as m
from db.errors import ImportRejected, Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_PROBLEMS = 200
# The file name is stored in import_batches and audit_log: the shorter of their columns bounds it.
MAX_FILE_NAME = min(m.length_of(m.ImportBatch.__table__.c.file_name), m.length_of(m.AuditEntry.__table__.c.file_name))
UNSTORABLE_RE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: no database stores them

KINDS: dict[str, tuple[str, ...]] = {
    "sessions": ("community", "number", "status", "date", "headcount", "note"),
    "register": ("community", "session_number", "participant_code", "role", "organisation"),
    "comments": ("community", "session_number", "text", "theme"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "sessions": ("community", "number", "status"),
    "register": ("community", "session_number", "participant_code"),
    "comments": ("community", "text"),
}
IGNORED_SHEETS = ("instructions", "read me", "readme")
KindOf = Callable[[str, list, int], str]  # (where, header, its row) -> the kind, or ImportRejected


@dataclass
class Sheet:
    """One sheet's data rows: `records[i]` holds the cells (in `header` order) of the row a
    spreadsheet shows as `lines[i]`."""

    kind: str
    where: str
    header: list[str]
    lines: list[int]
    records: Sequence[Sequence[object]]

    @property
    def rows(self) -> list[tuple[int, dict[str, object]]]:
        """(row number, {column: cell}) for each data row."""
        return [(line, dict(zip(self.header, record))) for line, record in zip(self.lines, self.records)]

    def column(self, name: str) -> list[object]:
        """Every data row's cell in one column."""
        return list(map(itemgetter(self.header.index(name)), self.records))


def _header_mismatch(where: str, row: int, cols: list[str], counts: Counter[str]) -> ImportRejected:
    """The refusal of a header matching no kind: what it lacks, has unknown or repeats against the
    kind it comes closest to."""
    best = max(KINDS, key=lambda k: len(counts.keys() & set(KINDS[k])))
    missing = [c for c in KINDS[best] if c not in counts]
    unknown = [c for c in cols if c not in KINDS[best]]
    seen = {c for c, n in counts.items() if n > 1}
    parts = (
        ([f"missing {', '.join(missing)}"] if missing else [])
        + ([f"unknown {', '.join(repr(u) for u in unknown)}"] if unknown else [])
        + ([f"repeated {', '.join(sorted(seen))}"] if seen else [])
    )
    return ImportRejected(
        [
            Problem(
                where,
                row,
                None,
                ",".join(cols),
                f"the header of a {best} file: {','.join(KINDS[best])} ({'; '.join(parts)})",
            )
        ]
    )


def header_kind(where: str, header: list[str], row: int = 1) -> str:
    """Which of the three kinds a header names, or ImportRejected saying what is missing or unknown.
    Linear in the header's length (a header may be a whole line of a hostile file)."""
    if len(header) > MAX_COLUMNS:
        raise ImportRejected(
            [
                Problem(
                    where,
                    row,
                    None,
                    f"{len(header):,} columns",
                    f"at most {MAX_COLUMNS} columns (a header of one of: "
                    + "; ".join(",".join(cols) for cols in KINDS.values())
                    + ")",
                )
            ]
        )
    cols = [str(h or "").strip().lower() for h in header]
    counts = Counter(cols)
    for kind, expected in KINDS.items():
        if counts.keys() == set(expected) and len(cols) == len(expected):
            return kind
    raise _header_mismatch(where, row, cols, counts)


def _example_sessions(today: str) -> list[dict[str, object]]:
    """The template's example sessions: one held today (headcount from the register), one planned."""
    return [
        {
            "community": "Ultrasound Imaging",
            "number": 4,
            "status": "held",
            "date": today,
            "headcount": "",
            "note": "Headcount left empty: the register's size is used",
        },
        {
            "community": "Ultrasound Imaging",
            "number": 5,
            "status": "planned",
            "date": "",
            "headcount": "",
            "note": "",
        },
    ]


def template_rows(kind: str) -> list[dict[str, object]]:
    """Example rows for a downloadable template (pseudonymous codes, an undated planned session)."""
    today = dt.date.today().isoformat()
    return {
        "sessions": _example_sessions(today),
        "register": [
            {
                "community": "Ultrasound Imaging",
                "session_number": 4,
                "participant_code": "UI-001",
                "role": "Sonographer",
                "organisation": "King's College Hospital NHS Foundation Trust",
            },
            {
                "community": "Ultrasound Imaging",
                "session_number": 4,
                "participant_code": "UI-002",
                "role": "",
                "organisation": "",
            },
        ],
        "comments": [
            {
                "community": "Ultrasound Imaging",
                "session_number": 4,
                "text": "Useful to hear how other sites run their lists",
                "theme": "",
            },
        ],
    }[kind]
