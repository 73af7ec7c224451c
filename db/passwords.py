"""Editors' own passwords: Argon2id hashes (argon2-cffi), checked in about the same time whether or
not there is a hash to check, and older hashes (scrypt, weaker Argon2 settings) marked for upgrade.

Hashes made before issue 11 are `scrypt$n$r$p$salt$hash` with n = 2^14: they still verify, and
`needs_rehash` is true for them, so the next successful sign-in stores an Argon2id hash instead.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # longer is refused before any hashing: no work for a megabyte "password"
HASHER = PasswordHasher()  # Argon2id, RFC 9106's low-memory profile (t=3, m=64 MiB, p=4)
SCRYPT_MAX_N = 2**20  # a legacy hash asking for more work than this is treated as damaged


class PasswordRefused(ValueError):
    """A new password that cannot be used; the message says what is needed."""


def check_new_password(password: str) -> str:
    """`password` when it can be an editor's password, else PasswordRefused saying why."""
    if len(password) < MIN_PASSWORD:
        raise PasswordRefused(f"a password needs at least {MIN_PASSWORD} characters (this one has {len(password)})")
    if len(password) > MAX_PASSWORD:
        raise PasswordRefused(f"a password may have at most {MAX_PASSWORD} characters")
    if password != password.strip():
        raise PasswordRefused("a password may not start or end with a space")
    return password


def hash_password(password: str) -> str:
    """The Argon2id hash of a new password (salted: two hashes of one password differ)."""
    return HASHER.hash(check_new_password(password))


def verify_password(password: str, stored: str | None) -> bool:
    """True when `password` matches `stored`; about the same work when `stored` is missing or damaged."""
    if stored and stored.startswith("scrypt$"):
        return _verify_scrypt(password, stored)
    if not stored or not stored.startswith("$argon2") or len(password) > MAX_PASSWORD:
        _dummy_verify(password)
        return False
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True for a hash made under older settings: scrypt, or Argon2 weaker than HASHER's."""
    if not stored.startswith("$argon2"):
        return True
    try:
        return HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def describe(stored: str) -> str:
    """A hash's kind and work factors, for the audit log (no salt, no digest): "argon2id m=65536,t=3,p=4"."""
    parts = stored.split("$")
    if stored.startswith("scrypt$") and len(parts) == 6:
        return f"scrypt n={parts[1]},r={parts[2]},p={parts[3]}"
    if stored.startswith("$argon2") and len(parts) == 6:
        return f"{parts[1]} {parts[3]}"
    return "not a known kind of hash"


@functools.cache
def _dummy_hash() -> str:
    return HASHER.hash("not anyone's password: only for timing")


def _dummy_verify(password: str) -> None:
    """The work of one verification, for an unknown email or an account without a password."""
    with contextlib.suppress(VerificationError):
        HASHER.verify(_dummy_hash(), password[:MAX_PASSWORD])


def _verify_scrypt(password: str, stored: str) -> bool:
    """A hash made before issue 11: scrypt$n$r$p$salt$hash (base64)."""
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest, validate=True)
        if not (1 < int(n) <= SCRYPT_MAX_N) or len(password) > MAX_PASSWORD:
            raise ValueError(n)
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=2**30,
        )
    except (ValueError, TypeError):
        _dummy_verify(password)
        return False
    return hmac.compare_digest(got, expected)
