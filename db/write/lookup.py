"""Names as people type them, resolved to stored rows: communities, organisations (and their aliases),
roles; with close matches offered (rapidfuzz) before anything new is made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Connection, func, select

from db import models as m

CLOSE = 80  # rapidfuzz token_set_ratio score from which a name counts as a close match


def norm(text: str) -> str:
    """The form used to compare names: lower case, single spaces, curly quotes straightened."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class Names:
    """One lookup table: normalised name -> (id, canonical name)."""

    by_norm: dict[str, tuple[int, str]]
    seen: dict[str, tuple[int, str] | None] = field(default_factory=dict)  # text as typed -> hit

    def get(self, text: str) -> tuple[int, str] | None:
        if text not in self.seen:
            self.seen[text] = self.by_norm.get(norm(text))
        return self.seen[text]

    def close(self, text: str, limit: int = 3) -> list[str]:
        """Canonical names close to `text`, best first, without repeats."""
        found = process.extract(
            text,
            list(self.by_norm),
            scorer=fuzz.token_set_ratio,
            limit=limit * 3,
            score_cutoff=CLOSE,
            processor=utils.default_process,
        )
        out: list[str] = []
        for key, _score, _ in found:
            if (name := self.by_norm[key][1]) not in out:
                out.append(name)
        return out[:limit]

    def hint(self, text: str) -> str:
        matches = self.close(text)
        return f" (did you mean {' or '.join(repr(x) for x in matches)}?)" if matches else ""


def communities(conn: Connection) -> Names:
    rows = conn.execute(select(m.Community.id, m.Community.name)).all()
    return Names({norm(name): (cid, name) for cid, name in rows})


def organisations(conn: Connection) -> Names:
    """Canonical organisation names and every alias, each pointing at its organisation."""
    O, A = m.Organisation, m.OrganisationAlias
    canon = {oid: name for oid, name in conn.execute(select(O.id, O.name))}
    out = {norm(alias): (oid, canon[oid]) for alias, oid in conn.execute(select(A.alias, A.organisation_id))}
    out.update({norm(name): (oid, name) for oid, name in canon.items()})
    return Names(out)


def roles(conn: Connection) -> Names:
    """Role titles, and the titles as written on community lists, each pointing at the role."""
    R, CR = m.Role, m.CommunityRole
    canon = {rid: title for rid, title in conn.execute(select(R.id, R.title))}
    out = {norm(t): (rid, canon[rid]) for t, rid in conn.execute(select(CR.title_as_written, CR.role_id))}
    out.update({norm(title): (rid, title) for rid, title in canon.items()})
    return Names(out)


def programmes(conn: Connection) -> Names:
    rows = conn.execute(select(m.Programme.id, m.Programme.name)).all()
    return Names({norm(name): (pid, name) for pid, name in rows})


@dataclass(frozen=True)
class Choices:
    """Everything a form offers to choose from, each list in display order."""

    communities: list[str]
    organisations: list[str]
    roles: list[str]
    organisation_types: list[str]
    professional_groups: list[str]
    programmes: list[str]


def choices(conn: Connection) -> Choices:
    """Everything a form offers to choose from, in display order."""

    def col(stmt) -> list[str]:
        return list(conn.execute(stmt).scalars())

    return Choices(
        communities=col(
            select(m.Community.name).order_by(m.Community.programme_id, m.Community.display_order, m.Community.name)
        ),
        organisations=col(select(m.Organisation.name).order_by(m.Organisation.name)),
        roles=col(select(m.Role.title).order_by(m.Role.title)),
        organisation_types=col(select(m.OrganisationType.name).order_by(m.OrganisationType.display_order)),
        professional_groups=col(select(m.ProfessionalGroup.name).order_by(m.ProfessionalGroup.display_order)),
        programmes=col(select(m.Programme.name).order_by(m.Programme.id)),
    )


def next_session_number(conn: Connection, community: str) -> int:
    """One more than the community's highest session number (1 for a new community)."""
    stmt = select(func.max(m.Session.number)).join(m.Community).where(m.Community.name == community)
    return int(conn.execute(stmt).scalar() or 0) + 1


def slugify(text: str, taken: set[str]) -> str:
    """A slug for `text` not already in `taken` (…-2, …-3 when needed)."""
    base = re.sub(r"[^a-z0-9]+", "-", norm(text)).strip("-")[:70] or "item"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
