"""Reading a table file's rows, each with the line it begins on, and reporting the problems of its shape.

One reader serves ``validate``, :func:`mydiplo.load`, ``fmt`` and ``diff``,
so a broken file is described in one wording wherever it is read: a header
that cannot be read or is not the table's, a blank line, a row with too few
or too many cells, CSV that cannot be read past some line. Rows come in
chunks of :data:`CHUNK_ROWS`, read by the ``csv`` module in C; each row's
line is counted, not parsed again, unless a quoted cell spans lines.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TextIO

from ..plural import counted
from ..problems import ProblemLog
from ..registry import Table
from .tablefile import TableFile

CHUNK_ROWS = 20_000
"""Rows read together: enough for column-wise checks to pay, few enough to bound memory."""


def written_quoted(cell: str, text: str) -> bool:
    """Whether a cell read from the row ``text`` holds no double quote, or stands in it quoted, each quote
    doubled, as the canonical writer writes it (``"b""c"``, never ``b"c``)."""
    return '"' not in cell or '"' + cell.replace('"', '""') + '"' in text


@dataclass
class Chunk:
    """Well-shaped rows read together, and the line each begins on (the header is line 1)."""

    lines: list[int]
    rows: list[list[str]]


class RowReader:
    """The rows of an open table file, chunk by chunk (open one with :func:`reading`).

    ``header`` is the file's first row, or None when it cannot be read (the
    problem is reported). :meth:`chunks` yields the rows that have one cell
    per header column, and reports every other row and where the CSV stops
    being readable.
    """

    def __init__(self, opened: TableFile, file: TextIO, path: str, problems: ProblemLog) -> None:
        self.opened, self.path, self.problems = opened, path, problems
        self._reader = csv.reader(file, strict=True)
        self.header: tuple[str, ...] | None
        try:
            self.header = tuple(next(self._reader, []))
        except csv.Error as error:
            problems.add("csv-syntax", path, 1, variant="header", reason=error)
            self.header = None

    def chunks(self, size: int = CHUNK_ROWS) -> Iterator[Chunk]:
        """The well-shaped rows with their lines, ``size`` rows at most at a time (none if the header is unreadable)."""
        if self.header is None:
            return
        reader, start = self._reader, self._reader.line_num + 1
        while True:
            rows: list[list[str]] = []
            try:
                # extend() keeps the rows read before a syntax error, so they are still checked.
                rows.extend(islice(reader, size))
                broken: csv.Error | None = None
            except csv.Error as error:
                broken = error
            if not rows and broken is None:
                return
            end = reader.line_num
            if broken is None and end - start + 1 == len(rows):
                lines: list[int] = list(range(start, end + 1))  # one line per row: the common case
            else:
                lines = self._row_lines(start, len(rows))
            if broken is not None:
                where = self._broken_line(lines, start)
                self.problems.add("csv-syntax", self.path, where, reason=broken)
            chunk = self._shaped(lines, rows)
            self._stray_quotes(chunk)
            if chunk.rows:
                yield chunk
            if broken is not None:
                return
            start = end + 1

    def _shaped(self, lines: list[int], rows: list[list[str]]) -> Chunk:
        """Report blank and wrongly sized rows and set them aside."""
        width = len(self.header or ())
        misshapen = [position for position, cells in enumerate(rows) if len(cells) != width]
        for position in misshapen:
            line, cells = lines[position], rows[position]
            if cells:
                self.problems.add("row-length", self.path, line, cells=counted(len(cells), "cell"), columns=width)
            else:
                self.problems.add("blank-row", self.path, line)
        for position in reversed(misshapen):
            del lines[position], rows[position]
        return Chunk(lines, rows)

    def _stray_quotes(self, chunk: Chunk) -> None:
        """Report each cell holding a double quote that was not written quoted (``b"c`` for ``"b""c"``).

        The ``csv`` module reads such a cell as text, but polars and the canonical writer do not, so the
        file would pass here and fail elsewhere. A quoted cell stands in its row's text exactly as the
        canonical writer writes it; rows with a quote are rare, so only they are read again, in one pass.
        """
        if '"' not in "".join(map("".join, chunk.rows)):
            return
        suspects = [(line, cells) for line, cells in zip(chunk.lines, chunk.rows) if any('"' in c for c in cells)]
        at = suspects[0][0]
        with closing(self.opened.lines_from(at)) as raw:
            for line, cells in suspects:
                for _ in range(line - at):
                    next(raw, "")
                span = 1 + sum(cell.count("\n") for cell in cells)
                text, at = "".join(next(raw, "") for _ in range(span)), line + span
                for name, cell in zip(self.header or (), cells):
                    if not written_quoted(cell, text):
                        self.problems.add("csv-syntax", self.path, line, name, variant="stray-quote")

    def _row_lines(self, start: int, count: int) -> list[int]:
        """The first line of each of ``count`` rows that begin at line ``start``, when some row spans lines."""
        reader = csv.reader(self.opened.lines_from(start), strict=False)
        lines = []
        for _ in range(count):
            lines.append(start + reader.line_num)
            next(reader, None)
        return lines

    def _broken_line(self, lines: list[int], start: int) -> int:
        """The line where the row that could not be read begins: after the last row that could."""
        if not lines:
            return start
        reader = csv.reader(self.opened.lines_from(lines[-1]), strict=False)
        next(reader, None)
        return lines[-1] + reader.line_num


@contextmanager
def reading(opened: TableFile, path: str, problems: ProblemLog) -> Iterator[RowReader]:
    """A reader of the rows of an opened table file (``path`` as problems name it), closing the file after use."""
    with opened.open() as file:
        yield RowReader(opened, file, path, problems)


def table_chunks(opened: TableFile, table: Table, problems: ProblemLog) -> Iterator[Chunk]:
    """The well-shaped rows of a table's opened file, once its header is the table's (else a problem, and no rows)."""
    with reading(opened, table.path, problems) as reader:
        if reader.header is not None and header_fits(reader.header, table, problems):
            yield from reader.chunks()


def header_fits(header: tuple[str, ...], table: Table, problems: ProblemLog) -> bool:
    """Whether a file's header is the table's; else False, with the problem added."""
    if header == table.fields:
        return True
    # One problem however many columns the file has; a header of another width says how many.
    width, columns = len(header), len(table.fields)
    variant = None if width == columns else "width"
    problems.add(
        "header-mismatch", table.path, 1, variant=variant, header=",".join(table.fields), cells=width, columns=columns
    )
    return False
