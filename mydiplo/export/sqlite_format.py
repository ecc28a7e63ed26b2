"""The SQLite export: one file with every table, foreign keys, indexes and views; needs only the standard library.

``mydiplo.sqlite`` opens in any SQLite client, in ``datasette mydiplo.sqlite``
as it is, and in every language. Foreign keys are declared and checked while
writing (an export that would break one fails instead). The file is
byte-reproducible for a given SQLite library: rows go in a fixed order in
one transaction and nothing records the time of writing.
"""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing
from pathlib import Path

from ..analysis.frames import frames
from ..analysis.sql import fill_sqlite
from ..dataset import Dataset
from ..files.atomic import replacing

_SYSTEM_ERRORS = {
    "database or disk is full": errno.ENOSPC,
    "disk I/O error": errno.EIO,
    "unable to open database file": errno.EACCES,
    "attempt to write a readonly database": errno.EROFS,
}
"""SQLite's messages for what the operating system refused, with the nearest ``errno`` (by message, which
SQLite has kept for decades, since Python before 3.11 gives no result code)."""


def write_sqlite(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``mydiplo.sqlite`` into ``output``, atomically; return its path."""
    path = output / "mydiplo.sqlite"
    tables = frames(dataset)
    with replacing(path) as temporary:
        try:
            with closing(sqlite3.connect(temporary)) as connection:
                # A temporary file renamed into place only when whole: a crash leaves nothing to recover, so
                # the rollback journal stays in memory and nothing waits for the disk to confirm each write.
                connection.execute("PRAGMA journal_mode = MEMORY")
                connection.execute("PRAGMA synchronous = OFF")
                fill_sqlite(connection, tables)
        except sqlite3.OperationalError as error:
            code = _SYSTEM_ERRORS.get(str(error))
            if code is None:
                raise
            raise OSError(code, str(error)) from error  # reported by `replacing` as a failure to write `path`
    return [path]
