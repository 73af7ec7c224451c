"""Who may write: password hashing, the app_users roles, and the checks every write function makes.

An administrator edits everything; a convener edits only their own communities. Viewers (no user)
read only. Passwords are stored only as scrypt hashes and compared in constant time.

    python -m db.auth hash-password            # prints a hash for COP_EDITOR_PASSWORD_HASH
    python -m db.auth add-user EMAIL --role administrator
    python -m db.auth add-user EMAIL --role convener --community "Ultrasound Imaging"
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import secrets
import sys
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, insert, select

from db import models as m

ADMIN, CONVENER = m.USER_ROLES
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 12


class PermissionDenied(PermissionError):
    """The user may not make this write; the message says why in plain words."""


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


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    """A self-describing scrypt hash: scrypt$n$r$p$salt$hash (base64)."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password of at least {MIN_PASSWORD} characters")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when `password` matches `stored`; the comparison takes the same time either way."""
    try:
        kind, n, r, p, salt, digest = (stored or "").split("$")
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        hashlib.scrypt(password.encode(), salt=b"0" * 16, dklen=32, **SCRYPT)  # same work, no leak
        return False
    return kind == "scrypt" and hmac.compare_digest(got, expected)


def load_user(conn: Connection, email: str | None) -> User | None:
    """The editor with this email (case-insensitive), or None for a viewer."""
    if not email:
        return None
    U = m.AppUser
    user = conn.execute(select(U.id, U.email, U.role, U.name)
                        .where(U.email == email.strip().lower())).first()
    if user is None:
        return None
    names = conn.execute(
        select(m.Community.name).join(m.AppUserCommunity, m.AppUserCommunity.community_id == m.Community.id)
        .where(m.AppUserCommunity.user_id == user.id)
    ).scalars()
    return User(user.email, user.role, frozenset(names), user.name)


def password_hash_of(conn: Connection, email: str) -> str | None:
    return conn.execute(
        select(m.AppUser.password_hash).where(m.AppUser.email == email.strip().lower())
    ).scalar()


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
            f"{user.email} can edit only {', '.join(sorted(user.communities)) or 'no communities'}, "
            f"not {community}."
        )
    return user


def require_admin(user: User | None) -> User:
    if user is None or not user.is_admin:
        raise PermissionDenied("Only an administrator can do this.")
    return user


def save_user(conn: Connection, actor: User | None, email: str, role: str,
              communities: list[str] = (), password_hash: str | None = None, *,
              bootstrap: bool = False) -> None:
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
        user_id = conn.execute(insert(m.AppUser).values(
            email=email, created_by=actor.email if actor else "command line", **values
        )).inserted_primary_key[0]
    else:
        conn.execute(m.AppUser.__table__.update().where(m.AppUser.id == user_id).values(**values))
    conn.execute(delete(m.AppUserCommunity).where(m.AppUserCommunity.user_id == user_id))
    if communities:
        conn.execute(insert(m.AppUserCommunity),
                     [{"user_id": user_id, "community_id": ids[c]} for c in communities])
    from db.audit import record  # local import: db.audit imports this module

    record(conn, actor.email if actor else "command line", "save_user",
           detail={"email": email, "role": role, "communities": list(communities),
                   "own_password": bool(password_hash)})


def main(argv: list[str] | None = None) -> int:
    from db.engine import get_engine, write_transaction

    parser = argparse.ArgumentParser(prog="python -m db.auth", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("hash-password", help="read a password and print its hash")
    add = sub.add_parser("add-user", help="add or update an editor")
    add.add_argument("email")
    add.add_argument("--role", choices=m.USER_ROLES, required=True)
    add.add_argument("--community", action="append", default=[], help="repeat for several")
    add.add_argument("--password", action="store_true", help="ask for this editor's own password")
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    args = parser.parse_args(argv)
    if args.action == "hash-password":
        print(hash_password(getpass.getpass("Editor password (12+ characters): ")))
        return 0
    pw = hash_password(getpass.getpass("Password: ")) if args.password else None
    try:
        with write_transaction(get_engine(args.url)) as conn:
            save_user(conn, None, args.email, args.role, args.community, pw, bootstrap=True)
    except ValueError as exc:
        print(f"Not saved: {exc}", file=sys.stderr)
        return 1
    print(f"Saved {args.email.lower()} as {args.role}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
