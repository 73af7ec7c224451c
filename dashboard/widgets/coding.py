"""The coding pages' access to db.write.coding, db.write.codebook_edit and db.write.interview_record: what an editor may
code, the choices for its pickers, and the writes (each db function checks rights itself; caches are
cleared after every write).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard import data
from db.auth import User
from db.read import coding_queries, evidence
from db.write import codebook_edit, coding, interview_record

JUSTIFICATION_MIN = coding.JUSTIFICATION_MIN  # for the Code evidence page (pages read no db/)
KIND_WORDS = {"answer": "Feedback answer", "comment": "Comment", "interview": "Interview answer"}
SHORT = 90


def _short(text: str) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= SHORT else flat[: SHORT - 1] + "…"


def _mine(user: User) -> list[str] | None:
    return None if user.is_admin else sorted(user.communities)


def items(user: User) -> pd.DataFrame:
    """The items `user` may code, each with a label for a picker (read fresh: coding changes them)."""
    with data.engine().connect() as conn:
        found = coding_queries.codable_items(conn, _mine(user))
    found["label"] = [
        f"{KIND_WORDS[k]} #{i} · {c or 'no community'} · {s}: “{_short(t)}”"
        for k, i, c, s, t in zip(found["kind"], found["id"], found["community"], found["source"], found["text"])
    ]
    return found


def tags(user: User, listed: pd.DataFrame) -> pd.DataFrame:
    """Tags made in the dashboard on the items `listed` (those `user` may code), with a label each."""
    with data.engine().connect() as conn:
        made = coding_queries.tags_made_here(conn)
    labels = {(k, i): label for k, i, label in zip(listed["kind"], listed["id"], listed["label"])}
    made["item"] = [labels.get((k, i)) for k, i in zip(made["kind"], made["item_id"])]
    made = made[made["item"].notna()] if not user.is_admin else made.fillna({"item": "(no longer approved)"})
    made["label"] = [
        f"{c}{' → ' + a if isinstance(a, str) else ''} on {item}"  # no area: None, or NaN in a string column
        for c, a, item in zip(made["code"], made["area"], made["item"])
    ]
    return made.reset_index(drop=True)


def theme_choices() -> dict[str, str]:
    """Every code of the codebook, name -> slug (value cycles included)."""
    with data.engine().connect() as conn:
        book = evidence.codebook(conn)
    return dict(zip(book["name"], book["slug"]))


def area_choices(community: str | None) -> dict[str, str]:
    """ "Applied value · applied-5: text…" -> slug, for the areas naming `community` or naming none."""
    with data.engine().connect() as conn:
        areas = evidence.areas_of_change(conn)
    keep = areas["communities"].isna() | areas["communities"].fillna("").str.split(", ").map(
        lambda names: community in names
    )
    return {f"{r.value_cycle} · {r.slug}: {_short(r.text)}": r.slug for r in areas[keep].itertuples()}


def added_areas(user: User) -> dict[str, str]:
    """Areas added in the dashboard that `user` may remove: label -> slug."""
    with data.engine().connect() as conn:
        areas = evidence.areas_of_change(conn)
        added = set(coding_queries.added_area_slugs(conn))
    areas = areas[areas["slug"].isin(added)]
    names = [c.split(", ") if c else [] for c in areas["communities"]]
    mine = [user.is_admin or (bool(n) and all(user.can_edit(c) for c in n)) for n in names]
    return {f"{r.slug}: {_short(r.text)}": r.slug for r in areas[mine].itertuples()}


def cycle_choices() -> dict[str, str]:
    return {r.name: r.slug for r in data.value_cycles().itertuples()}


@data.writes
def tag(user: User, kind: str, item_id: int, **code) -> int:
    return coding.tag(data.engine(), user, kind, item_id, **code)


@data.writes
def untag(user: User, tag_id: int) -> None:
    coding.untag(data.engine(), user, tag_id)


@data.writes
def add_area(user: User, cycle: str, text: str, communities: list[str]) -> str:
    return codebook_edit.add_area(data.engine(), user, cycle, text, communities)


@data.writes
def remove_area(user: User, slug: str) -> None:
    codebook_edit.remove_area(data.engine(), user, slug)


def interview_questions() -> pd.DataFrame:
    with data.engine().connect() as conn:
        return interview_record.question_set(conn)


@data.writes
def record_interview(user: User, community: str, convener: str, day: dt.date, answers: dict[int, str]) -> int:
    return interview_record.record_interview(data.engine(), user, community, convener, day, answers)


def codebook() -> pd.DataFrame:
    with data.engine().connect() as conn:
        return evidence.codebook(conn)


@data.writes
def add_theme(user: User, name: str, description: str) -> str:
    return codebook_edit.add_theme(data.engine(), user, name, description)


@data.writes
def describe_theme(user: User, slug: str, description: str) -> None:
    codebook_edit.describe_theme(data.engine(), user, slug, description)


@data.writes
def describe_cycle(user: User, slug: str, definition: str) -> None:
    codebook_edit.describe_cycle(data.engine(), user, slug, definition)
