"""The DuckDB export: every table and view in a DuckDB file, typed (real ``DATE`` columns).

``mydiplo.duckdb`` is a DuckDB database file; :func:`mydiplo.connect` builds
the same tables and views in memory. DuckDB files are not byte-reproducible (the storage format writes
block layout and metadata that vary between runs), so a release should
checksum the SQLite and Parquet files, not this one.
"""

from __future__ import annotations

import errno
from contextlib import closing
from pathlib import Path

from ..analysis.frames import frames
from ..analysis.sql import fill_duckdb
from ..dataset import Dataset
from ..extras import require
from ..files.atomic import replacing


def write_duckdb(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``mydiplo.duckdb`` into ``output``, atomically; return its path."""
    duckdb = require("duckdb", "DuckDB export")
    path = output / "mydiplo.duckdb"
    tables = frames(dataset)
    with replacing(path) as temporary:
        try:
            with closing(duckdb.connect(str(temporary))) as connection:
                fill_duckdb(connection, tables)
                connection.execute("CHECKPOINT")
        except duckdb.IOException as error:  # a full disk, a read-only folder: reported as failing to write `path`
            raise OSError(errno.EIO, str(error).splitlines()[0]) from error
    return [path]
