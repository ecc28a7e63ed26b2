"""The existing ids nearest a mistyped one: what an unknown id was probably meant to be.

The validator names them in its unknown-id problems, as ``mydiplo show``
does for an id it cannot find. Likeness is :func:`difflib.get_close_matches`,
falling back on the ids that contain the one given. It is slow (some ten
microseconds an id), so among many ids only the neighbours of the mistyped
id in alphabetical order, and in the order of the ids spelled backwards, are
compared: a typo leaves either the start or the end of an id as it was, so
the id meant sorts near it one way or the other.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterable

COMPARED = 300
"""Up to this many ids, every one is compared with the mistyped id."""

NEIGHBOURS = 25
"""Among more ids, how many neighbours on each side, in each order, are compared."""


class Vocabulary:
    """A set of ids, ready to say which of them lie nearest a mistyped one."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._ids = sorted(set(ids))
        self._backwards: list[str] | None = None

    def nearest(self, word: str, n: int = 3) -> list[str]:
        """Up to ``n`` ids like ``word``, the likest first; or, when none is alike, those containing it.

        The answer depends only on the ids and ``word``, never on the order the ids came in.
        """
        candidates = self._ids if len(self._ids) <= COMPARED else self._neighbours(word)
        return difflib.get_close_matches(word, candidates, n=n, cutoff=0.6) or [i for i in candidates if word in i][:n]

    def _neighbours(self, word: str) -> list[str]:
        """The ids next to ``word`` alphabetically, and next to it when all are spelled backwards."""
        if self._backwards is None:
            self._backwards = sorted(i[::-1] for i in self._ids)
        at = bisect_left(self._ids, word)
        found = set(self._ids[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS])
        at = bisect_left(self._backwards, word[::-1])
        found.update(i[::-1] for i in self._backwards[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS])
        return sorted(found)
