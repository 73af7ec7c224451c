"""Who may write: the app_users roles, editors' own passwords, and the checks every write function makes.

An administrator edits everything; a convener edits only their own communities. Viewers (no user)
read only. Each local editor has a password of their own, stored only as a hash (db.passwords); there
is no shared password. The command line reads a password from standard input, never from an argument:

    python -m db.auth add-user EMAIL --role administrator [--password-stdin]
    python -m db.auth add-user EMAIL --role convener --community "Ultrasound Imaging"
    python -m db.auth set-password EMAIL          # asks twice at a terminal; or: ... < file, echo pw | ...
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO, cast

from sqlalchemy import Connection, delete, insert, select, update

from db import models as m
from db.engine import get_engine, inserted_id, write_transaction
from db.errors import PermissionDenied
from db.passwords import PasswordRefused, hash_password
from db.write.audit import record

ADMIN, CONVENER = m.USER_ROLES


@dataclass(frozen=True)
class User:
    """A signed-in editor as the app_users table describes them."""

    email: str
    role: str
    communities: frozenset[str] = field(default_factory=frozenset)  # community names
    name: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    def can_edit(self, community: str | None) -> bool:
        """True for an administrator; for a convener only inside their own communities."""
        return self.is_admin or (community is not None and community in self.communities)


def load_user(conn: Connection, email: str | None) -> User | None:
    """The editor with this email (case-insensitive), or None for a viewer."""
    if not email:
        return None
    U = m.AppUser
    user = conn.execute(select(U.id, U.email, U.role, U.name).where(U.email == email.strip().lower())).first()
    if user is None:
        return None
    names = conn.execute(
        select(m.Community.name)
        .join(m.AppUserCommunity, m.AppUserCommunity.community_id == m.Community.id)
        .where(m.AppUserCommunity.user_id == user.id)
    ).scalars()
    return User(user.email, user.role, frozenset(names), user.name)


def password_hash_of(conn: Connection, email: str) -> str | None:
    return conn.execute(select(m.AppUser.password_hash).where(m.AppUser.email == email.strip().lower())).scalar()


def has_own_passwords(conn: Connection) -> bool:
    return conn.execute(select(m.AppUser.id).where(m.AppUser.password_hash.isnot(None)).limit(1)).first() is not None


def require_editor(user: User | None, community: str | None = None) -> User:
    """`user` if they may write to `community` (None: any write at all); else PermissionDenied."""
    if user is None:
        raise PermissionDenied("Only signed-in editors can change the data. Sign in first.")
    if community is None and not user.is_admin and not user.communities:
        raise PermissionDenied(f"{user.email} is not an editor of any community.")
    if community is not None and not user.can_edit(community):
        raise PermissionDenied(
            f"{user.email} can edit only {', '.join(sorted(user.communities)) or 'no communities'}, not {community}."
        )
    return user


def require_admin(user: User | None) -> User:
    if user is None or not user.is_admin:
        raise PermissionDenied("Only an administrator can do this.")
    return user


def save_user(
    conn: Connection,
    actor: User | None,
    email: str,
    role: str,
    communities: Sequence[str] = (),
    password_hash: str | None = None,
    *,
    bootstrap: bool = False,
) -> None:
    """Add or update an editor (administrators only; `bootstrap` is the command line's own right)."""
    if not bootstrap:
        require_admin(actor)
    if role not in m.USER_ROLES:
        raise ValueError(f"role {role!r}: expected one of {', '.join(m.USER_ROLES)}")
    email = email.strip().lower()
    ids = dict(conn.execute(select(m.Community.name, m.Community.id)).all())
    if unknown := [c for c in communities if c not in ids]:
        raise ValueError(f"unknown community {unknown[0]!r}: expected one of {', '.join(ids)}")
    user_id = conn.execute(select(m.AppUser.id).where(m.AppUser.email == email)).scalar()
    values = {"role": role, "password_hash": password_hash} if password_hash else {"role": role}
    if user_id is None:
        user_id = inserted_id(
            conn.execute(
                insert(m.AppUser).values(email=email, created_by=actor.email if actor else "command line", **values)
            )
        )
    else:
        conn.execute(update(m.AppUser).where(m.AppUser.id == user_id).values(**values))
    conn.execute(delete(m.AppUserCommunity).where(m.AppUserCommunity.user_id == user_id))
    if communities:
        conn.execute(insert(m.AppUserCommunity), [{"user_id": user_id, "community_id": ids[c]} for c in communities])
    _audit(
        conn,
        actor,
        "save_user",
        {"email": email, "role": role, "communities": list(communities), "own_password": bool(password_hash)},
    )


def set_password(
    conn: Connection, actor: User | None, email: str, password_hash: str, *, bootstrap: bool = False
) -> None:
    """Give an existing editor a new password of their own (administrators, or the command line)."""
    if not bootstrap:
        require_admin(actor)
    email = email.strip().lower()
    changed = conn.execute(
        update(m.AppUser).where(m.AppUser.email == email).values(password_hash=password_hash)
    ).rowcount
    if not changed:
        raise ValueError(f"no editor has the email {email!r}: add them first with add-user")
    _audit(conn, actor, "set_password", {"email": email})


def _audit(conn: Connection, actor: User | None, action: str, detail: dict) -> None:
    record(conn, actor.email if actor else "command line", action, detail=detail)


def read_password(stream: TextIO) -> str:
    """A new password from standard input: asked twice at a terminal, else the first line piped in."""
    if stream.isatty():
        first = getpass.getpass("New password (12 or more characters): ")
        if getpass.getpass("The same password again: ") != first:
            raise PasswordRefused("the two passwords typed differ")
        return first
    return stream.readline().removesuffix("\n").removesuffix("\r")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m db.auth", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    sub = parser.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add-user", help="add or update an editor")
    add.add_argument("email")
    add.add_argument("--role", choices=m.USER_ROLES, required=True)
    add.add_argument("--community", action="append", default=[], help="repeat for several")
    add.add_argument(
        "--password-stdin", action="store_true", help="read this editor's own password from standard input"
    )
    pw = sub.add_parser("set-password", help="set an editor's own password, read from standard input")
    pw.add_argument("email")
    return parser


def main(argv: list[str] | None = None, stdin: TextIO | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        wants_password = args.action == "set-password" or args.password_stdin
        pw = hash_password(read_password(stdin or sys.stdin)) if wants_password else None
        with write_transaction(get_engine(args.url)) as conn:
            if args.action == "set-password":
                set_password(conn, None, args.email, cast(str, pw), bootstrap=True)
            else:
                save_user(conn, None, args.email, args.role, args.community, pw, bootstrap=True)
    except ValueError as exc:  # PasswordRefused is one
        print(f"Not saved: {exc}.", file=sys.stderr)
        return 1
    print(
        f"Saved {args.email.strip().lower()}"
        + (f" as {args.role}" if args.action == "add-user" else ": a new password of their own")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
