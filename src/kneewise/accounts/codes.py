"""One-time codes people type: sharing codes, reset codes and sign-up codes.

16 characters of Crockford's base 32 (80 random bits from `secrets`), shown as
four groups of four. Reading one back forgives what Crockford's alphabet
forgives: case, spaces and dashes, O for 0, I and L for 1. Only a code's
SHA-256 is stored (`store.digest`): a random code needs no slow hash.
"""

from __future__ import annotations

import secrets

#: Crockford's base 32: digits and capitals without I, L, O and U (never misread).
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh one-time code, grouped for reading: `XXXX-XXXX-XXXX-XXXX`."""
    plain = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(plain[start : start + 4] for start in range(0, CODE_LENGTH, 4))


def read_code(code: str) -> str:
    """A code as typed, read as Crockford reads it (not checked: see `is_well_formed`)."""
    return "".join(code.split()).replace("-", "").upper().translate(_READ_AS)


def is_well_formed(plain: str) -> bool:
    """Whether a code read by `read_code` has the length and letters of a code."""
    return len(plain) == CODE_LENGTH and all(char in CODE_ALPHABET for char in plain)
