"""Typed tables: every table of the dataset, and the derived ones, as columns with real types and sorted rows.

The binary and analysis formats (Parquet, SQLite, DuckDB, pandas, polars)
all start from a :class:`Frame`, so a table has the same columns and types
in each. A partial date becomes three columns: its text as recorded
(``start_date``, such as ``2025-12``) and its bounds as real dates
(``start_date_earliest``, ``start_date_latest``), so that a researcher can
filter and sort on dates without losing the precision the sources give.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from ..dataset import Dataset
from ..files.canonical import sort_key
from ..generate.schemas import columns as model_columns
from ..models import PartialDate, Record
from ..registry import TABLES, ForeignKey, RowReference, Table

Kind = Literal["text", "integer", "number", "boolean", "date"]

EARLIEST, LATEST = "_earliest", "_latest"
"""Suffixes of the two bound columns a partial date adds."""


@dataclass(frozen=True)
class TypedColumn:
    """One column of a typed table: its name, its kind of value and what it holds."""

    name: str
    kind: Kind
    description: str
    required: bool = False


@dataclass(frozen=True)
class Frame:
    """A table with typed columns and rows in a fixed order (by key), ready for any tabular format."""

    name: str
    description: str
    columns: tuple[TypedColumn, ...]
    rows: tuple[tuple[Any, ...], ...]
    primary_key: tuple[str, ...] = ()
    unique_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    row_reference: RowReference | None = None
    """For the citations of a table keyed by several columns, their reference to its rows by those columns."""

    @property
    def column_names(self) -> tuple[str, ...]:
        """The names of the columns, in order."""
        return tuple(column.name for column in self.columns)

    def dicts(self) -> list[dict[str, Any]]:
        """The rows as dictionaries keyed by column name."""
        names = self.column_names
        return [dict(zip(names, row)) for row in self.rows]


_KINDS: dict[type, Kind] = {str: "text", int: "integer", Decimal: "number", bool: "boolean"}


def table_columns(table: Table) -> tuple[TypedColumn, ...]:
    """The typed columns of a registry table: a partial date gives its text and its two bounds."""
    found: list[TypedColumn] = []
    for column in model_columns(table.model):
        if column.python_type is PartialDate:
            found.append(TypedColumn(column.name, "text", column.description + " (as recorded, EDTF)", column.required))
            found.append(
                TypedColumn(column.name + EARLIEST, "date", f"Earliest day `{column.name}` can mean.", column.required)
            )
            found.append(
                TypedColumn(column.name + LATEST, "date", f"Latest day `{column.name}` can mean.", column.required)
            )
        else:
            kind = "text" if issubclass(column.python_type, Enum) else _KINDS[column.python_type]
            found.append(TypedColumn(column.name, kind, column.description, column.required))
    return tuple(found)


def cell(value: Any) -> Any:
    """A record's value as a plain typed value: text for vocabularies and dates, float for decimals."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def date_fields(table: Table) -> frozenset[str]:
    """The fields of a table that hold partial dates."""
    return frozenset(c.name for c in model_columns(table.model) if c.python_type is PartialDate)


def record_row(table: Table, record: Record, dates: frozenset[str]) -> tuple[Any, ...]:
    """One record as a row of :func:`table_columns`; ``dates`` are the table's :func:`date_fields`."""
    row: list[Any] = []
    for name in table.fields:
        value = getattr(record, name)
        row.append(cell(value))
        if name in dates:
            row.extend((value.earliest, value.latest) if value is not None else (None, None))
    return tuple(row)


def table_frame(dataset: Dataset, table: Table) -> Frame:
    """A registry table of the dataset as a typed frame, rows sorted as in its CSV file."""
    records = sorted(dataset.table(table.name), key=lambda r: sort_key(table, r))
    dates = date_fields(table)
    return Frame(
        name=table.name,
        description=table.description.split("\n\n")[0].replace("\n", " "),
        columns=table_columns(table),
        rows=tuple(record_row(table, record, dates) for record in records),
        primary_key=table.primary_key,
        unique_key=table.unique_key,
        foreign_keys=table.foreign_keys,
        row_reference=table.row_reference,
    )


def frames(dataset: Dataset) -> list[Frame]:
    """Every table of the dataset, then the derived analysis tables, as typed frames."""
    from .derived import derived_frames

    return [table_frame(dataset, table) for table in TABLES.values()] + derived_frames(dataset)


def frame(dataset: Dataset, name: str) -> Frame:
    """The typed frame called ``name``: a table of the dataset or a derived table such as ``dyadic_events``."""
    if name in TABLES:
        return table_frame(dataset, TABLES[name])
    from .derived import derived_frames

    found = {f.name: f for f in derived_frames(dataset)}
    if name not in found:
        raise KeyError(f"no table {name!r}; tables are: {', '.join([*TABLES, *found])}")
    return found[name]


def records_from_rows(table: Table, rows: Iterable[dict[str, Any]]) -> list[Record]:
    """Records rebuilt from rows read back from an export: the bound columns are dropped, the rest validated.

    This is how the tests prove an export loses nothing: what a format wrote,
    read back through here, equals the records it was written from.
    """
    records = []
    for row in rows:
        values = {name: _plain(row.get(name)) for name in table.fields}
        records.append(table.model.model_validate({k: v for k, v in values.items() if v is not None}))
    return records


def _plain(value: Any) -> Any:
    """A value read back from a format in the form the models accept."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):  # pandas' missing number
        return None
    return value
