"""Whole numbers read from a request, refused when the database could not hold them."""

from __future__ import annotations

# PostgreSQL's integer and bigint: a counter stored as ``integer`` is sent back incremented, so
# the largest a client may send is one less.
INTEGER_MAX = 2**31 - 1
BIGINT_MAX = 2**63 - 1


def whole_number(raw: str | None, *, maximum: int = BIGINT_MAX) -> int:
    """``raw`` as an int in 0..maximum; ValueError otherwise (empty, negative, too large)."""
    value = int(raw if raw is not None else "")
    if not 0 <= value <= maximum:
        raise ValueError(f"{value} is outside 0..{maximum}")
    return value


def counter(raw: str | None) -> int:
    """A revision counter stored in an ``integer`` column, to be written back as ``raw + 1``."""
    return whole_number(raw, maximum=INTEGER_MAX - 1)
