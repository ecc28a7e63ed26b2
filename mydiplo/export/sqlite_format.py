"""The SQLite export: one file with every table, foreign keys, indexes and views; needs only the standard library.

``mydiplo.sqlite`` opens in any SQLite client, in ``datasette mydiplo.sqlite``
as it is, and in every language. Foreign keys are declared and checked while
writing (an export that would break one fails instead). The file is
byte-reproducible for a given SQLite library: rows go in a fixed order in
one transaction and nothing records the time of writing.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from ..analysis.frames import Frame, frames
from ..dataset import Dataset
from ..files.atomic import replacing
from .sql import create_indexes, create_table, create_views, creation_order, insert


def fill_sqlite(connection: sqlite3.Connection, tables: list[Frame]) -> None:
    """Create and fill every table, index and view in ``connection``; fail if a foreign key is broken."""
    connection.isolation_level = None  # explicit transaction: the deferral below lasts until COMMIT
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN")
    try:
        connection.execute("PRAGMA defer_foreign_keys = ON")  # actors reference their parent actors, in any order
        for frame in creation_order(tables):
            connection.execute(create_table(frame, "sqlite"))
            for statement in create_indexes(frame):
                connection.execute(statement)
            connection.executemany(insert(frame), [_sqlite_row(row) for row in frame.rows])
        for statement in create_views():
            connection.execute(statement)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _sqlite_row(row: tuple[object, ...]) -> tuple[object, ...]:
    """Dates as ISO text: SQLite has no date type, and its date functions read ISO text."""
    return tuple(value.isoformat() if hasattr(value, "isoformat") else value for value in row)


def write_sqlite(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``mydiplo.sqlite`` into ``output``, atomically; return its path."""
    path = output / "mydiplo.sqlite"
    with replacing(path) as temporary:
        with closing(sqlite3.connect(temporary)) as connection:
            fill_sqlite(connection, frames(dataset))
    return [path]
