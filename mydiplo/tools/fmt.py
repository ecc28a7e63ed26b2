"""``mydiplo fmt``: rewrite the table files in their canonical form, or check that they are in it.

A contributor edits a CSV file in a spreadsheet or an editor; the file may
come back with rows out of order, ``True`` for ``true``, ``012`` for ``12``,
quotes where none are needed, CRLF line endings, a byte-order mark or a
trailing blank line. ``fmt`` rewrites such a file into the one canonical form
of :mod:`mydiplo.files.canonical`, so that a correction stays a one-line diff.

``fmt`` never loses anything: it rewrites a file only when every row of it
became a record. A file that cannot be read whole (broken CSV, a wrong
header, a cell the model refuses) is left untouched and its problems are
reported with file, line, rule and fix; ``mydiplo validate`` says the rest.
"""

from __future__ import annotations

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


class State(str, Enum):
    """Where a table file stands against its canonical form."""

    CANONICAL = "canonical"
    NOT_CANONICAL = "not canonical"
    UNREADABLE = "unreadable"
    CHANGED = "changed while read"


@dataclass(frozen=True)
class Outcome:
    """One table file: its state, the first line that differs from the canonical form, or why it cannot be read."""

    table: Table
    state: State
    canonical: str | None = None
    first_difference: int | None = None
    problems: tuple[Problem, ...] = ()
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
    blocking = tuple(p for p in read.problems if p.rule not in LOSSLESS_RULES)
    if not read.opened or blocking or before is None:
        return Outcome(table, State.UNREADABLE, problems=blocking or tuple(read.problems))
    written = _bytes(root, table)
    if written != before:
        return Outcome(table, State.CHANGED)
    canonical = render(table, read.records)
    if written == canonical.encode("utf-8"):
        return Outcome(table, State.CANONICAL)
    return Outcome(table, State.NOT_CANONICAL, canonical, _first_difference(before, canonical), written=before)


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
