"""``mydiplo fmt``: rewrite the table files in their canonical form, or check that they are in it.

A contributor edits a CSV file in a spreadsheet or an editor; the file may
come back with rows out of order, ``True`` for ``true``, ``012`` for ``12``,
quotes where none are needed, CRLF line endings, a byte-order mark or a
trailing blank line. ``fmt`` rewrites such a file into the one canonical form
of :mod:`mydiplo.files.canonical`, so that a correction stays a one-line diff.

``fmt`` never loses anything. It repairs the form of a file even when some
of its rows hold values the model refuses (a mistyped date, an unknown
kind): those rows are written back with their cells as they are, at their
place, and their problems reported; the rows that parse are sorted and
written canonically around them. A file whose rows cannot all be read
(broken CSV, a wrong header, a row of the wrong width) or that is not UTF-8
is left untouched, and its problems are reported with file, line, rule and
fix; ``mydiplo validate`` says the rest.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..files.atomic import write_atomic
from ..files.canonical import render
from ..files.records import read_table
from ..files.tablefile import regular_file
from ..problems import Problem, ProblemLog
from ..registry import TABLES, Table

LOSSLESS_RULES = frozenset({"line-endings", "blank-row", "file-unreadable"})
"""Problems of a file that was decoded whole which rewriting fixes without losing a value.

``file-unreadable`` reaches here only as a byte-order mark: a file that is
not UTF-8 is never opened, so it is never rewritten.
"""

BLOCKING_RULES = frozenset({"csv-syntax", "header-mismatch", "row-length"})
"""Problems of a decoded file that leave some of its rows unread, or unplaceable: rewriting it would lose them."""


class State(str, Enum):
    """Where a table file stands against its canonical form."""

    CANONICAL = "canonical"
    NOT_CANONICAL = "not canonical"
    UNREADABLE = "unreadable"
    CHANGED = "changed while read"


@dataclass(frozen=True)
class Outcome:
    """One table file: its state, the first line that differs from the canonical form, and its problems."""

    table: Table
    state: State
    canonical: str | None = None
    first_difference: int | None = None
    problems: tuple[Problem, ...] = ()
    """Why an unreadable file cannot be read; for any other, the problems of its content that rewriting
    leaves as they are (the rows holding them are kept as written)."""
    written: bytes | None = None
    """The file's bytes as read, which the canonical text was made from."""


class ChangedMeanwhile(Exception):
    """The file changed after ``fmt`` read it: rewriting it would lose the change, so it is left as it is."""


def compare(root: Path, table: Table) -> Outcome:
    """Compare a table's file under ``root`` with its canonical form, without writing anything.

    The file's bytes are taken before and after its rows are read: a file that changed in between (a
    contributor's editor saving, another command appending) is reported as changed, never rewritten from
    a reading that no longer matches it.
    """
    before = _bytes(root, table)
    read = read_table(root, table)
    content = tuple(p for p in read.problems if p.rule not in LOSSLESS_RULES)
    if not read.opened or before is None or any(p.rule in BLOCKING_RULES for p in content):
        return Outcome(table, State.UNREADABLE, problems=content or tuple(read.problems))
    written = _bytes(root, table)
    if written != before:
        return Outcome(table, State.CHANGED)
    canonical = render(table, read.records, _positions(read.lines, read.rejected))
    if written == canonical.encode("utf-8"):
        return Outcome(table, State.CANONICAL, problems=content)
    difference = _first_difference(before, canonical)
    return Outcome(table, State.NOT_CANONICAL, canonical, difference, content, written=before)


def _positions(parsed: list[int], rejected: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The rows the model refused, each at its position among all the rows read (lines of ``parsed`` rows
    and of ``rejected`` ones), so that the rewritten file keeps them where they were."""
    if not rejected:
        return []
    lines = sorted([*parsed, *(line for line, _ in rejected)])
    return [(bisect_left(lines, line), cells) for line, cells in rejected]


def _bytes(root: Path, table: Table) -> bytes | None:
    """The table file's bytes, when it is a regular file of the package (else the reading says why not)."""
    located = regular_file(root, table.path, ProblemLog())
    return None if located is None else located[0].read_bytes()


def _first_difference(written: bytes, canonical: str) -> int:
    """The first line (1-based) at which the file differs from its canonical text."""
    old = written.decode("utf-8-sig").split("\n")
    new = canonical.split("\n")
    return next((number for number, (a, b) in enumerate(zip(old, new), 1) if a != b), min(len(old), len(new)))


def compare_all(root: Path) -> Iterator[Outcome]:
    """Every table file of the package under ``root``, compared with its canonical form."""
    for table in TABLES.values():
        yield compare(root, table)


def rewrite(root: Path, outcome: Outcome) -> None:
    """Write a file that is not canonical in its canonical form, atomically, unless it changed since it was
    read (:class:`ChangedMeanwhile`): what was added meanwhile must not be overwritten."""
    assert outcome.state is State.NOT_CANONICAL and outcome.canonical is not None
    if _bytes(root, outcome.table) != outcome.written:
        raise ChangedMeanwhile(f"{outcome.table.path} changed after it was read; it was left as it is")
    write_atomic(root / outcome.table.path, outcome.canonical)
