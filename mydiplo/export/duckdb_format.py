"""The DuckDB export and :func:`connect`: every table and view in DuckDB, typed (real ``DATE`` columns).

``mydiplo.duckdb`` is a DuckDB database file; :func:`connect` builds the same
tables and views in memory, for SQL over the data from Python without any
file. DuckDB files are not byte-reproducible (the storage format writes
block layout and metadata that vary between runs), so a release should
checksum the SQLite and Parquet files, not this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis.frames import Frame, frames
from ..dataset import Dataset
from ..extras import require
from ..files.atomic import replacing
from .sql import create_table, create_views, creation_order, insert


def fill_duckdb(connection: Any, tables: list[Frame]) -> None:
    """Create and fill every table and view in a DuckDB connection."""
    for frame in creation_order(tables):
        connection.execute(create_table(frame, "duckdb"))
        if frame.rows:
            connection.executemany(insert(frame), [list(row) for row in frame.rows])
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
    if dataset is None:
        from ..dataset import load

        dataset = load()
    connection = duckdb.connect(":memory:")
    fill_duckdb(connection, frames(dataset))
    return connection


def write_duckdb(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``mydiplo.duckdb`` into ``output``, atomically; return its path."""
    duckdb = require("duckdb", "DuckDB export")
    path = output / "mydiplo.duckdb"
    with replacing(path) as temporary:
        connection = duckdb.connect(str(temporary))
        try:
            fill_duckdb(connection, frames(dataset))
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
    return [path]
