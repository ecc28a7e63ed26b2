"""The Parquet export: one file per table, with real column types.

Text is ``string``, counts ``int64``, numbers ``float64``, flags ``bool``;
a partial date is its text plus ``<column>_earliest`` and ``<column>_latest``
as ``date32``. Each file's schema carries the table's and each column's
description as metadata, and tells pandas to read counts, numbers and flags
as its nullable ``Int64``, ``Float64`` and ``boolean``. Files are
byte-reproducible for a given pyarrow version: no timestamps, fixed row
order, fixed metadata.
"""

from __future__ import annotations

from pathlib import Path

from ..analysis.arrow import arrow_tables
from ..dataset import Dataset
from ..extras import require
from ..files.atomic import replacing


def write_parquet(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``parquet/<table>.parquet`` for every table and derived table; return the paths."""
    parquet = require("pyarrow.parquet", "Parquet export")
    written = []
    for name, table in arrow_tables(dataset).items():
        path = output / "parquet" / f"{name}.parquet"
        with replacing(path) as temporary:
            parquet.write_table(table, temporary, compression="zstd")
        written.append(path)
    return written
