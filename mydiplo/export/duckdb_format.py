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

from ..analysis.sql import fill_duckdb
from ..dataset import Dataset
from ..extras import require
from ..files.atomic import replacing

BLOCK_SIZE = 16_384
"""Bytes per storage block of the file: DuckDB's smallest, instead of its default of 256 KiB.

Every table and every primary-key index takes at least one block of its
own, so at the default size a package of a few hundred rows in 45 tables
made an 18 MB file; at 16 KiB the file is about the size of the SQLite
export. Files with this block size open in DuckDB 1.2 and later.
"""


def write_duckdb(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``mydiplo.duckdb`` into ``output``, atomically; return its path."""
    duckdb = require("duckdb", "DuckDB export")
    path = output / "mydiplo.duckdb"
    with replacing(path) as temporary:
        literal = str(temporary).replace("'", "''")
        try:
            # The block size is an option of ATTACH only, so the file is attached to an in-memory session.
            with closing(duckdb.connect()) as connection:
                connection.execute(f"ATTACH '{literal}' AS written (BLOCK_SIZE {BLOCK_SIZE})")
                connection.execute("USE written")
                fill_duckdb(connection, dataset)
                connection.execute("CHECKPOINT")
        except duckdb.IOException as error:  # a full disk, a read-only folder: reported as failing to write `path`
            raise OSError(errno.EIO, str(error).splitlines()[0]) from error
    return [path]
