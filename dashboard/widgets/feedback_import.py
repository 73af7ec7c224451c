"""Feedback collected elsewhere, for the Import page: templates per programme, and the import itself
(db.write.feedback_import checks the editor's rights and every row)."""

from __future__ import annotations

import pandas as pd

from dashboard import data
from dashboard.files.spreadsheets import to_csv_bytes, to_xlsx_bytes
from db.write import feedback_import


def programmes() -> list[str]:
    return data.programmes()["name"].tolist()


def _template(programme: str) -> pd.DataFrame:
    with data.engine().connect() as conn:
        return pd.DataFrame(columns=feedback_import.template_columns(conn, programme))


def template_csv(programme: str) -> bytes:
    return to_csv_bytes(_template(programme))


def template_xlsx(programme: str) -> bytes:
    return to_xlsx_bytes(_template(programme), sheet="feedback")


def file_name(programme: str, kind: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in programme.lower()).strip("-")
    return f"feedback-import-{slug}.{kind}"


@data.writes
def import_feedback(user, name: str, payload: bytes) -> tuple[int, int]:
    """(the import's number, responses imported); the caches are cleared after it."""
    batch, written = feedback_import.import_feedback(data.engine(), user, name, payload)
    return batch, next(iter(written.values()))  # responses first, then their answers
