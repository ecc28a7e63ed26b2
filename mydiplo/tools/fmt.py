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
from ..problems import Problem
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


@dataclass(frozen=True)
class Outcome:
    """One table file: its state, the first line that differs from the canonical form, or why it cannot be read."""

    table: Table
    state: State
    canonical: str | None = None
    first_difference: int | None = None
    problems: tuple[Problem, ...] = ()


def compare(root: Path, table: Table) -> Outcome:
    """Compare a table's file under ``root`` with its canonical form, without writing anything."""
    read = read_table(root, table)
    blocking = tuple(p for p in read.problems if p.rule not in LOSSLESS_RULES)
    if not read.opened or blocking:
        return Outcome(table, State.UNREADABLE, problems=blocking or tuple(read.problems))
    canonical = render(table, read.records)
    written = (root / table.path).read_bytes()
    if written == canonical.encode("utf-8"):
        return Outcome(table, State.CANONICAL)
    return Outcome(table, State.NOT_CANONICAL, canonical, _first_difference(written, canonical))


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
    """Write a file that is not canonical in its canonical form, atomically."""
    assert outcome.state is State.NOT_CANONICAL and outcome.canonical is not None
    write_atomic(root / outcome.table.path, outcome.canonical)
