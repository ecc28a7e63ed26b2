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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any, Literal

from ..dataset import Dataset
from ..files.canonical import in_file_order
from ..generate.schemas import columns as model_columns
from ..models import PartialDate, Record
from ..registry import TABLES, ForeignKey, RowReference, Table
from .memo import per_dataset

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


def _typed_columns(table: Table, records: Sequence[Record]) -> list[list[Any]]:
    """The values of :func:`table_columns` for ``records``, a column at a time.

    Text for vocabularies and dates, a date's two bounds after it, floats
    for decimals, other values as they are. Each column's conversion is
    chosen once from its type, not for every value, which is what keeps a
    table of a million rows to a few seconds.
    """
    found: list[list[Any]] = []
    for column in model_columns(table.model):
        values = list(map(attrgetter(column.name), records))
        if column.python_type is PartialDate:
            found.append([None if v is None else str(v) for v in values])
            found.append([None if v is None else v.earliest for v in values])
            found.append([None if v is None else v.latest for v in values])
        elif issubclass(column.python_type, Enum):
            found.append([None if v is None else v.value for v in values])
        elif column.python_type is Decimal:
            found.append([None if v is None else float(v) for v in values])
        else:
            found.append(values)
    return found


@per_dataset
def _table_frames(dataset: Dataset) -> dict[str, Frame]:
    """The typed frames of the dataset's tables built so far, by name: each is built once, when first asked."""
    return {}


def table_frame(dataset: Dataset, table: Table) -> Frame:
    """A registry table of the dataset as a typed frame, rows sorted as in its CSV file."""
    built = _table_frames(dataset)
    if table.name not in built:
        ordered = in_file_order(table, dataset.table(table.name))
        built[table.name] = Frame(
            name=table.name,
            description=table.description.split("\n\n")[0].replace("\n", " "),
            columns=table_columns(table),
            rows=tuple(zip(*_typed_columns(table, ordered))),
            primary_key=table.primary_key,
            unique_key=table.unique_key,
            foreign_keys=table.foreign_keys,
            row_reference=table.row_reference,
        )
    return built[table.name]


@per_dataset
def frames(dataset: Dataset) -> tuple[Frame, ...]:
    """Every table of the dataset, then the derived analysis tables, as typed frames (built once per dataset)."""
    from .derived import derived_frames

    return (*(table_frame(dataset, table) for table in TABLES.values()), *derived_frames(dataset))


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
