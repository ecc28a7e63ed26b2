"""Counts in words: "1 record", "2 records", never "1 records".

Every count the command line and the reports print goes through
:func:`counted` (or :func:`noun`, where the number is laid out apart), so
that one rule words them all.
"""

from __future__ import annotations


def noun(count: float, singular: str, plural: str | None = None) -> str:
    """The noun for ``count`` of a thing: ``singular`` for one, else ``plural`` (by default ``singular`` + "s")."""
    return singular if count == 1 else plural or singular + "s"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` followed by its noun (see :func:`noun`).

    >>> counted(1, "record"), counted(0, "record"), counted(2, "entry", "entries")
    ('1 record', '0 records', '2 entries')
    """
    return f"{count} {noun(count, singular, plural)}"
