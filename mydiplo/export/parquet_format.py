"""The Parquet export: one file per table, with real column types.

Text is ``string``, counts ``int64``, numbers ``float64``, flags ``bool``;
a partial date is its text plus ``<column>_earliest`` and ``<column>_latest``
as ``date32``. Each file's schema carries the table's and each column's
description as metadata. Files are byte-reproducible for a given pyarrow
version: no timestamps, fixed row order, fixed metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis.frames import Frame, frames
from ..dataset import Dataset
from ..extras import require
from ..files.atomic import replacing


def arrow_table(frame: Frame) -> Any:
    """A typed frame as a ``pyarrow.Table`` with column descriptions in the field metadata."""
    pa = require("pyarrow", "Parquet export")
    types = {
        "text": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    schema = pa.schema(
        [
            pa.field(c.name, types[c.kind], nullable=not c.required, metadata={"description": c.description})
            for c in frame.columns
        ],
        metadata={"table": frame.name, "description": frame.description},
    )
    data = [[row[i] for row in frame.rows] for i in range(len(frame.columns))]
    return pa.Table.from_arrays(
        [pa.array(column, type=field.type) for column, field in zip(data, schema)], schema=schema
    )


def write_parquet(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``parquet/<table>.parquet`` for every table and derived table; return the paths."""
    parquet = require("pyarrow.parquet", "Parquet export")
    written = []
    for frame in frames(dataset):
        path = output / "parquet" / f"{frame.name}.parquet"
        with replacing(path) as temporary:
            parquet.write_table(arrow_table(frame), temporary, compression="zstd")
        written.append(path)
    return written
