"""Reading only the rows of a table file that hold given values, without parsing the rest of the file.

``mydiplo show`` needs a few dozen rows of a package that may hold a
million. A value a row holds stands literally in the file's bytes (a
double quote inside it doubled), so each value is searched for there, and
only the rows around the hits are parsed and kept when the wanted columns
hold it. A quoted cell may span lines, so a hit's row begins at the last
line start before it that lies outside quotes, where an even number of
double quotes precedes it. Searching for each of many values costs more
than parsing the file once, so beyond :data:`SEARCHED` values the file is
read whole by the one reader (:mod:`mydiplo.files.rows`) and filtered.

Problems come in the validator's words: the file's own (encoding, line
endings, header), a row that is not CSV or has the wrong number of cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Iterator, Mapping

from ..plural import counted
from ..problems import ProblemLog
from ..registry import Table
from .rows import header_fits, table_chunks
from .tablefile import TableFile

Wanted = Mapping[tuple[str, ...], Collection[tuple[str, ...]]]
"""The rows wanted: columns, each with the cells they hold together in a wanted row
(``{("actor_id",): {("russia",)}}``); a row is wanted when any of its columns hold any of theirs."""

SEARCHED = 16
"""Up to this many values, each is searched for in the file's bytes; with more, the file is parsed whole."""


def rows_holding(
    opened: TableFile, table: Table, wanted: Wanted | None, problems: ProblemLog
) -> list[tuple[int, list[str]]]:
    """The rows of ``table``'s opened file (see :func:`~mydiplo.files.tablefile.open_table`) that ``wanted``
    asks for (every row for None), each as ``(line, cells)`` in file order; the problems of the rows read
    go to ``problems``."""
    if wanted is not None and not any(wanted.values()):
        return []
    needles = None if wanted is None else _needles(wanted)
    if needles is None or len(needles) > SEARCHED:
        rows: Iterable[tuple[int, list[str]]] = (
            row for chunk in table_chunks(opened, table, problems) for row in zip(chunk.lines, chunk.rows)
        )
    else:
        rows = _searched(opened, table, needles, problems)
    if wanted is None:
        return list(rows)
    columns = {name: position for position, name in enumerate(table.fields)}
    asked = [([columns[name] for name in names], values) for names, values in wanted.items()]
    return [(line, cells) for line, cells in rows if any(tuple(cells[i] for i in at) in values for at, values in asked)]


def _needles(wanted: Wanted) -> set[bytes] | None:
    """What to search the bytes for: of each wanted combination of cells, its longest cell as the file writes
    it; None when some combination is all empty cells, which cannot be searched for."""
    needles = set()
    for values in wanted.values():
        for combination in values:
            longest = max(combination, key=len)
            if not longest:
                return None
            needles.add(longest.replace('"', '""').encode("utf-8"))
    return needles


def _searched(
    opened: TableFile, table: Table, needles: set[bytes], problems: ProblemLog
) -> Iterator[tuple[int, list[str]]]:
    """The well-shaped rows of the file in which one of ``needles`` occurs, with their lines."""
    data = opened.path.read_bytes()
    header_end = _row_end(data, 0)
    header = _cells(data[:header_end], table, 1, problems)
    if header is None or not header_fits(tuple(header), table, problems):
        return
    line, counted_to = 1, 0
    for start in _row_starts(data, needles):
        if start <= header_end:
            continue
        line += data.count(b"\n", counted_to, start)
        counted_to = start
        cells = _cells(data[start : _row_end(data, start)], table, line, problems)
        if cells is None:
            continue
        if len(cells) != len(table.fields):
            problems.add("row-length", table.path, line, cells=counted(len(cells), "cell"), columns=len(table.fields))
            continue
        yield line, cells


def _row_starts(data: bytes, needles: Iterable[bytes]) -> list[int]:
    """Where each row holding one of ``needles`` begins, in file order, each once."""
    starts = set()
    for needle in needles:
        at = data.find(needle)
        while at != -1:
            starts.add(data.rfind(b"\n", 0, at) + 1)
            at = data.find(needle, at + len(needle))
    return _outside_quotes(data, sorted(starts)) if b'"' in data else sorted(starts)


def _outside_quotes(data: bytes, starts: list[int]) -> list[int]:
    """Each line start moved back to the start of its row: a line that begins after an odd number of double
    quotes begins inside a quoted cell, and continues the row above."""
    found, counted_to, quotes = set(), 0, 0
    for start in starts:
        quotes += data.count(b'"', counted_to, start)
        counted_to = start
        while quotes % 2:
            above = data.rfind(b"\n", 0, start - 1) + 1
            quotes -= data.count(b'"', above, start)
            start = counted_to = above
        found.add(start)
    return sorted(found)


def _row_end(data: bytes, start: int) -> int:
    """Where the row that begins at ``start`` ends: at the first line end outside quotes (or the file's end)."""
    end = data.find(b"\n", start)
    while end != -1 and data.count(b'"', start, end) % 2:
        end = data.find(b"\n", end + 1)
    return len(data) if end == -1 else end


def _cells(text: bytes, table: Table, line: int, problems: ProblemLog) -> list[str] | None:
    """The cells of one row's bytes, or None with the problem added when they are not CSV."""
    try:
        return next(csv.reader(io.StringIO(text.decode("utf-8"), newline=""), strict=True), [])
    except csv.Error as error:
        problems.add("csv-syntax", table.path, line, reason=error)
        return None
