"""The dataset as a SQL database, in SQLite or DuckDB: tables with keys, indexes, and views for the common questions.

``mydiplo query`` and :func:`mydiplo.connect` build it in memory; the SQLite
and DuckDB exports write it to a file. The same frames become the same tables in both databases; only the column
types differ by dialect. The views answer what most users ask first:

* ``<table>_named``: a table with the name of every actor it references
  beside the id (``visits_named.traveller_name``, ``host_name`` ...).
* ``all_citations``: every citation of every table, with the table it cites
  and its source's title, kind, date and address.
* ``dyads_by_year``: events per directed pair of states, year and CAMEO
  code, keyed by COW codes, ready to merge with country-year data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import suppress
from typing import Any, Literal

from ..dataset import Dataset
from ..extras import require
from ..registry import ACTORS, SOURCES, TABLES, Table
from .arrow import arrow_tables
from .frames import Frame, frames

Dialect = Literal["sqlite", "duckdb"]

_TYPES: dict[Dialect, dict[str, str]] = {
    "sqlite": {"text": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"},
    "duckdb": {"text": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"},
}


def quote(name: str) -> str:
    """An identifier quoted for SQL (table and column names are plain, but ``date`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def create_table(frame: Frame, dialect: Dialect) -> str:
    """``CREATE TABLE`` for a frame: typed columns, NOT NULL where required, keys; foreign keys in SQLite only.

    DuckDB cannot declare a foreign key to a table that references itself
    (``actors.parent_id``), so its file declares primary and unique keys and
    leaves reference checks to SQLite and to ``mydiplo validate``.
    """
    lines = []
    for column in frame.columns:
        line = f"{quote(column.name)} {_TYPES[dialect][column.kind]}"
        if column.required:
            line += " NOT NULL"
        if dialect == "sqlite" and column.kind == "boolean":
            line += f" CHECK ({quote(column.name)} IN (0, 1))"
        lines.append(line)
    if frame.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(map(quote, frame.primary_key))})")
    if frame.unique_key and dialect == "sqlite":
        lines.append(f"UNIQUE ({', '.join(map(quote, frame.unique_key))})")
    if dialect == "sqlite":
        for key in frame.foreign_keys:
            lines.append(
                f"FOREIGN KEY ({quote(key.field)}) REFERENCES {quote(key.reference_table)} "
                f"({quote(key.reference_field)})"
            )
        if frame.row_reference is not None:
            row = ", ".join(map(quote, frame.row_reference.fields))
            lines.append(f"FOREIGN KEY ({row}) REFERENCES {quote(frame.row_reference.table)} ({row})")
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {quote(frame.name)} (\n  {body}\n)"


def create_indexes(frame: Frame) -> list[str]:
    """An index on every foreign-key column, so joins and lookups by actor or record stay fast."""
    indexes = [
        f"CREATE INDEX {quote(f'{frame.name}_{key.field}')} ON {quote(frame.name)} ({quote(key.field)})"
        for key in frame.foreign_keys
    ]
    if frame.row_reference is not None:
        row = ", ".join(map(quote, frame.row_reference.fields))
        indexes.append(f"CREATE INDEX {quote(f'{frame.name}_row')} ON {quote(frame.name)} ({row})")
    return indexes


def insert(frame: Frame) -> str:
    """A parameterised ``INSERT`` for a frame's rows."""
    return f"INSERT INTO {quote(frame.name)} VALUES ({', '.join('?' for _ in frame.columns)})"


def creation_order(frames: Sequence[Frame]) -> list[Frame]:
    """Frames ordered so that every referenced table comes before the tables that reference it."""
    by_name = {f.name: f for f in frames}
    ordered: dict[str, Frame] = {}

    def visit(frame: Frame) -> None:
        if frame.name in ordered:
            return
        referenced = [key.reference_table for key in frame.foreign_keys]
        if frame.row_reference is not None:
            referenced.append(frame.row_reference.table)
        for name in referenced:
            if name != frame.name and name in by_name:
                visit(by_name[name])
        ordered[frame.name] = frame

    for frame in frames:
        visit(frame)
    return list(ordered.values())


def _name_column(field: str) -> str:
    return field.removesuffix("_id") + "_name"


_CITATION_COLUMNS = ", ".join(
    f"c.{quote(name)}" for name in next(t for t in TABLES.values() if t.cites).fields if name != "record_id"
)
"""The columns every citation table has after the ones that name the cited row."""


def _cited_row(table: Table) -> str:
    """``record_id`` and ``row`` of a citation in the view of all citations: the record's id and nothing, or,
    for a row that belongs to a record, that record's id and the rest of the row's key, comma-separated."""
    fields = table.cited_fields
    if len(fields) == 1:
        return f"c.{quote(fields[0])} AS record_id, NULL AS row"
    rest = " || ', ' || ".join(f"CAST(c.{quote(name)} AS TEXT)" for name in fields[1:])
    return f"c.{quote(fields[0])} AS record_id, {rest} AS row"


def views() -> dict[str, str]:
    """Every view, by name, as a ``SELECT`` both SQLite and DuckDB run."""
    found = {}
    for table in TABLES.values():
        actor_keys = [k for k in table.foreign_keys if k.reference_table == ACTORS.name]
        if table.cites is not None or not actor_keys:
            continue
        columns = ", ".join(f"a{i}.name AS {quote(_name_column(k.field))}" for i, k in enumerate(actor_keys))
        joins = " ".join(
            f"LEFT JOIN {ACTORS.name} a{i} ON a{i}.{ACTORS.id_field} = t.{quote(k.field)}"
            for i, k in enumerate(actor_keys)
        )
        found[f"{table.name}_named"] = f"SELECT t.*, {columns} FROM {quote(table.name)} t {joins}"
    citations = [
        f"SELECT '{table.cites}' AS record_table, {_cited_row(table)}, {_CITATION_COLUMNS}, "
        f"s.title AS source_title, s.kind AS source_kind, "
        f"s.published_date AS source_published_date, s.url AS source_url "
        f"FROM {quote(table.name)} c JOIN {SOURCES.name} s ON s.{SOURCES.id_field} = c.source_id"
        for table in TABLES.values()
        if table.cites is not None
    ]
    found["all_citations"] = " UNION ALL ".join(citations)
    found["dyads_by_year"] = (
        "SELECT source_iso3, source_cow_code, target_iso3, target_cow_code, year, cameo_code, plover_event, "
        "COUNT(*) AS events "
        "FROM dyadic_events "
        "GROUP BY source_iso3, source_cow_code, target_iso3, target_cow_code, year, cameo_code, plover_event"
    )
    return found


def create_views() -> list[str]:
    """``CREATE VIEW`` statements for :func:`views`."""
    return [f"CREATE VIEW {quote(name)} AS {select}" for name, select in views().items()]


def fill_sqlite(connection: sqlite3.Connection, tables: Sequence[Frame]) -> None:
    """Create and fill every table, index and view in ``connection``; fail if a foreign key is broken."""
    connection.isolation_level = None  # explicit transaction: the deferral below lasts until COMMIT
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN")
    try:
        connection.execute("PRAGMA defer_foreign_keys = ON")  # actors reference their parent actors, in any order
        ordered = creation_order(tables)
        for frame in ordered:
            connection.execute(create_table(frame, "sqlite"))
            connection.executemany(insert(frame), _sqlite_rows(frame))
        for frame in ordered:  # an index built over the rows at once, not kept up to date row by row
            for statement in create_indexes(frame):
                connection.execute(statement)
        for statement in create_views():
            connection.execute(statement)
        connection.execute("COMMIT")
    except BaseException:
        # SQLite may have rolled back already (it does on some full-disk and I/O errors), and then ROLLBACK
        # fails too: the error to report is the first one, never "cannot rollback".
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise


def _sqlite_rows(frame: Frame) -> Sequence[tuple[object, ...]]:
    """The frame's rows with dates as ISO text: SQLite has no date type, and its date functions read ISO text.

    Only the date columns are converted, a column at a time; a frame without dates goes in as it is.
    """
    dates = [i for i, column in enumerate(frame.columns) if column.kind == "date"]
    if not dates or not frame.rows:
        return frame.rows
    columns: list[Sequence[object]] = list(zip(*frame.rows))
    for i in dates:
        columns[i] = [None if value is None else value.isoformat() for value in columns[i]]  # type: ignore[attr-defined]
    return list(zip(*columns))


def fill_duckdb(connection: Any, dataset: Dataset) -> None:
    """Create and fill every table and view of the dataset in a DuckDB connection.

    Each table goes in whole, as the Arrow table of :func:`~mydiplo.analysis.arrow.arrow_tables`,
    in one ``INSERT``: DuckDB reads Arrow's columns directly, with no Python object per value.
    """
    arrow = arrow_tables(dataset)
    for frame in creation_order(frames(dataset)):
        connection.execute(create_table(frame, "duckdb"))
        if frame.rows:
            connection.register("_arrow_rows", arrow[frame.name])
            connection.execute(f"INSERT INTO {quote(frame.name)} SELECT * FROM _arrow_rows")
            connection.unregister("_arrow_rows")
    for statement in create_views():
        connection.execute(statement)


def connect(dataset: Dataset | None = None) -> Any:
    """An in-memory DuckDB connection holding every table, derived table and view of the dataset.

    ``dataset`` defaults to :func:`mydiplo.load`. Query it with SQL and get
    pandas or polars frames back::

        con = mydiplo.connect()
        con.sql("SELECT traveller_name, host_name, start_date FROM visits_named").df()
    """
    duckdb = require("duckdb", "mydiplo.connect()")
    require("pyarrow", "mydiplo.connect()")
    if dataset is None:
        from ..dataset import load

        dataset = load()
    connection = duckdb.connect(":memory:")
    fill_duckdb(connection, dataset)
    return connection
