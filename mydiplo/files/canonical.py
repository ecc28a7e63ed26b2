"""The canonical CSV form of the dataset: how cells become values and records become lines.

One canonical form keeps a correction a one-line diff: UTF-8 without BOM, LF
line endings, a header of the model's fields in order, rows sorted by the
table's key, minimal quoting, an empty cell for a missing value, ``true`` and
``false`` for booleans. A file in canonical form survives CSV -> models -> CSV
byte for byte.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..models import PartialDate, Record
from ..registry import Table
from .atomic import write_atomic


def to_cell(value: Any) -> str:
    """The canonical text of one value in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (PartialDate, Decimal, int, str)):
        return str(value)
    raise TypeError(f"no CSV form for {type(value).__name__}")


def row_values(row: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """A CSV row (a mapping, or ``(column, cell)`` pairs) as model input: an empty cell is a missing value.

    A missing value takes the field's default (``false`` for a flag, empty for
    an optional field), or is an error where the field has none, as in the
    validator, so every reader of the files reads an empty cell alike.
    """
    pairs = row.items() if isinstance(row, Mapping) else row
    return {name: cell for name, cell in pairs if cell != ""}


def in_file_order(table: Table, records: Iterable[Record]) -> list[Record]:
    """``records`` in the order of the table's file: by its key, empty values first.

    The keys are worked out a column at a time: a key column of text
    without gaps (an id, most citation keys) orders as its plain values do,
    so only other columns pay for the tagged form that puts empty values
    first and compares numbers as numbers. Records already in file order,
    as read from a canonical file, take one pass of comparisons.
    """
    records = list(records)
    columns = []
    for name in table.key:
        values = list(map(attrgetter(name), records))
        plain = all(type(value) is str for value in values)
        columns.append(values if plain else list(map(_orderable, values)))
    keys = list(zip(*columns))
    return [records[i] for i in sorted(range(len(records)), key=keys.__getitem__)]


def _orderable(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, "")
    if isinstance(value, int):
        return (1, value)
    return (1, to_cell(value))


def cells_of(table: Table, record: Record) -> list[str]:
    """A record's row: the canonical cell of each of the table's fields, in order."""
    return [to_cell(getattr(record, name)) for name in table.fields]


def render(table: Table, records: Iterable[Record], kept: Iterable[tuple[int, Sequence[str]]] = ()) -> str:
    """The canonical CSV text of a table: header, then rows sorted by key.

    ``kept`` are rows the model refused, as (position, cells): each is written
    at its position among the rows (0 first), its cells as they are, so that
    a file whose form is repaired around them loses none of them.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.fields)
    ordered = iter(in_file_order(table, records))
    written = 0
    for at, cells in sorted(kept, key=lambda row: row[0]):
        for record in islice(ordered, max(at - written, 0)):
            writer.writerow(cells_of(table, record))
            written += 1
        writer.writerow(cells)
        written += 1
    writer.writerows(cells_of(table, record) for record in ordered)
    return buffer.getvalue()


def write_table(path: Path, table: Table, records: Iterable[Record]) -> None:
    """Write a table's records to ``path`` in canonical form, atomically."""
    write_atomic(path, render(table, records))
