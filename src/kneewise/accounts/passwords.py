"""Password rules and Argon2id hashing (argon2-cffi's defaults: RFC 9106's second profile).

The rules follow NIST SP 800-63B §3.1.1.2: at least 8 characters, long
passphrases allowed (up to 256), every character allowed, no composition rules.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kneewise._errors import PasswordRefused

MIN_LENGTH = 8
MAX_LENGTH = 256


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # Argon2id with the library's maintained parameters


def check_password_rules(password: str) -> str:
    """`password` when it may be used; PasswordRefused naming the rule otherwise."""
    if len(password) < MIN_LENGTH:
        raise PasswordRefused(f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise PasswordRefused(f"a password may have at most {MAX_LENGTH} characters")
    return password


def hash_password(password: str) -> str:
    """The Argon2id hash of a password that passed `check_password_rules`."""
    return _hasher().hash(check_password_rules(password))


def verify_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches `password_hash` (False for a damaged hash)."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's defaults."""
    return _hasher().check_needs_rehash(password_hash)


# A hash checked when no account has the name given, so a wrong name takes as
# long as a wrong password and does not tell which names exist.
@cache
def decoy_hash() -> str:
    """A hash of a random password, made once per process."""
    import secrets

    return _hasher().hash(secrets.token_urlsafe(16))
