"""The rows of a synthetic CoP programme (bench/generate.py): communities, value areas, sessions,
participants, attendances and comments, through raw sqlite3 executemany. Every name says SYNTHETIC
and every `source` is "synthetic".
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np

SOURCE = "synthetic"
PER_COMMUNITY = {
    "sessions": 50,
    "participants": 200,
    "register": 40,
    "comments": 500,
    "roles": 10,
    "organisations": 10,
    "conveners": 2,
}
N_ROLES, N_GROUPS, N_ORGS, N_TYPES, N_THEMES, N_CYCLES = 120, 8, 2_000, 6, 12, 5
WORDS = [
    "network",
    "learning",
    "patients",
    "staff",
    "pathway",
    "referral",
    "trust",
    "shared",
    "practice",
    "improvement",
    "meeting",
    "fishbowl",
    "community",
    "support",
    "time",
    "skills",
    "voice",
    "connection",
]
LAST_DATE = dt.date(2026, 6, 30)  # every generated held session lies in the past


def insert_rows(con: sqlite3.Connection, table: str, columns: tuple[str, ...], rows) -> None:
    marks = ", ".join("?" * len(columns))
    con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def add_communities(con: sqlite3.Connection, n: int, rng: np.random.Generator) -> None:
    p = PER_COMMUNITY
    insert_rows(
        con,
        "communities",
        ("id", "slug", "name", "programme_id", "display_order", "description", "source"),
        [
            (c, f"syn-community-{c:05d}", f"SYNTHETIC community {c:05d}", 1, c, "Synthetic.", SOURCE)
            for c in range(1, n + 1)
        ],
    )
    insert_rows(
        con,
        "conveners",
        ("id", "slug", "community_id", "name", "organisation_id", "source"),
        [
            (
                i,
                f"syn-convener-{i}",
                1 + (i - 1) // p["conveners"],
                f"SYNTHETIC convener {i}",
                int(rng.integers(1, N_ORGS + 1)),
                SOURCE,
            )
            for i in range(1, n * p["conveners"] + 1)
        ],
    )
    _roles_and_organisations(con, n, rng)


def _roles_and_organisations(con: sqlite3.Connection, n: int, rng: np.random.Generator) -> None:
    """Each community's listed roles and organisations (drawn after its conveners, in that order)."""
    p = PER_COMMUNITY
    roles = rng.integers(1, N_ROLES + 1, size=(n, p["roles"]))
    insert_rows(
        con,
        "community_roles",
        ("community_id", "position", "title_as_written", "role_id", "source"),
        (
            (c + 1, k + 1, f"SYNTHETIC role {int(roles[c, k]):03d}", int(roles[c, k]), SOURCE)
            for c in range(n)
            for k in range(p["roles"])
        ),
    )
    orgs = rng.integers(1, N_ORGS + 1, size=(n, p["organisations"]))
    insert_rows(
        con,
        "community_organisations",
        ("community_id", "position", "name_as_written", "organisation_id", "source"),
        (
            (c + 1, k + 1, f"SYNTHETIC organisation {int(orgs[c, k]):04d}", int(orgs[c, k]), SOURCE)
            for c in range(n)
            for k in range(p["organisations"])
        ),
    )


def add_value_areas(con: sqlite3.Connection, n: int) -> None:
    areas = [(i, f"syn-area-{i}", 1 + i % N_CYCLES, i, f"SYNTHETIC area of change {i}", SOURCE) for i in range(1, 41)]
    insert_rows(con, "value_areas", ("id", "slug", "value_cycle_id", "position", "text", "source"), areas)
    insert_rows(
        con,
        "value_area_communities",
        ("value_area_id", "community_id", "source"),
        ((1 + c % 40, c, SOURCE) for c in range(1, n + 1)),
    )


def add_sessions(con: sqlite3.Connection, n: int, rng: np.random.Generator) -> np.ndarray:
    """Sessions 1..50 per community, three weeks apart; 1 in 50 postponed. Returns the held flags."""
    per = PER_COMMUNITY["sessions"]
    held = rng.random(n * per) >= 0.02
    starts = LAST_DATE - dt.timedelta(days=21 * per)
    rows = []
    for i in range(n * per):
        c, k = divmod(i, per)
        date = starts + dt.timedelta(days=21 * k + int(c % 21))
        rows.append(
            (
                i + 1,
                c + 1,
                k + 1,
                "held" if held[i] else "postponed",
                PER_COMMUNITY["register"] if held[i] else None,
                date.isoformat() if held[i] else None,
                SOURCE,
            )
        )
    insert_rows(con, "sessions", ("id", "community_id", "number", "status", "headcount", "date", "source"), rows)
    return held


def add_participants(con: sqlite3.Connection, n: int, rng: np.random.Generator) -> None:
    total = n * PER_COMMUNITY["participants"]
    roles = rng.integers(1, N_ROLES + 1, size=total)
    orgs = rng.integers(1, N_ORGS + 1, size=total)
    insert_rows(
        con,
        "participants",
        ("id", "code", "role_id", "organisation_id"),
        ((i + 1, f"SYN-P{i + 1:08d}", int(roles[i]), int(orgs[i])) for i in range(total)),
    )


def add_attendances(con: sqlite3.Connection, n: int, held: np.ndarray, rng: np.random.Generator) -> None:
    """Each held session's register: 40 people from its community's pool of 200 (one in ten visits)."""
    per, pool, reg = PER_COMMUNITY["sessions"], PER_COMMUNITY["participants"], PER_COMMUNITY["register"]
    for first in range(0, n, 100):  # 100 communities at a time keeps memory flat at L
        ids = np.arange(first * per, min(n, first + 100) * per)
        picks = rng.random((len(ids), pool)).argsort(axis=1)[:, :reg]
        people = (ids // per)[:, None] * pool + picks + 1
        people[rng.random(people.shape) < 0.05] += pool  # some visit a neighbouring community
        people = np.minimum(people, n * pool)
        sessions = np.repeat(ids + 1, reg)
        keep = np.repeat(held[ids], reg)
        pairs = np.unique(np.stack([sessions[keep], people.ravel()[keep]], axis=1), axis=0)
        insert_rows(con, "attendances", ("session_id", "participant_id"), pairs.tolist())


def add_comments(con: sqlite3.Connection, n: int, rng: np.random.Generator) -> None:
    per, sessions = PER_COMMUNITY["comments"], PER_COMMUNITY["sessions"]
    total = n * per
    words = rng.integers(0, len(WORDS), size=(total, 8))
    themes = rng.integers(1, N_THEMES + 1, size=total)
    offsets = rng.integers(0, sessions, size=total)
    insert_rows(
        con,
        "comments",
        ("id", "slug", "text", "community_id", "session_id", "theme", "source"),
        (
            (
                i + 1,
                f"syn-comment-{i + 1}",
                "SYNTHETIC " + " ".join(WORDS[w] for w in words[i]),
                i // per + 1,
                (i // per) * sessions + int(offsets[i]) + 1,
                f"SYNTHETIC theme {int(themes[i]):02d}",
                SOURCE,
            )
            for i in range(total)
        ),
    )
    insert_rows(
        con,
        "evidence_tags",
        ("theme_id", "comment_id", "source"),
        ((int(themes[i]), i + 1, SOURCE) for i in range(0, total, 10)),
    )
