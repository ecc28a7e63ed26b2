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

import json
from pathlib import Path
from typing import Any

from ..analysis.frames import Frame, frames
from ..dataset import Dataset
from ..extras import require
from ..files.atomic import replacing

PANDAS_DTYPES = {"integer": ("int64", "Int64"), "number": ("float64", "Float64"), "boolean": ("bool", "boolean")}
"""pandas' type and dtype for each kind of column whose empty cells pandas would otherwise change its type.

Without them ``pandas.read_parquet`` turns an ``int64`` column with an empty
cell into ``float64`` (``quantity`` 12 becomes 12.0) and a ``bool`` one into
objects; with them these columns get the dtypes :meth:`mydiplo.Dataset.to_pandas` gives them.
"""


def pandas_metadata(frame: Frame) -> str:
    """The ``pandas`` schema metadata that pyarrow reads back: the frame's nullable dtypes, a default index."""
    columns = [
        {
            "name": c.name,
            "field_name": c.name,
            "pandas_type": PANDAS_DTYPES[c.kind][0],
            "numpy_type": PANDAS_DTYPES[c.kind][1],
            "metadata": None,
        }
        for c in frame.columns
        if c.kind in PANDAS_DTYPES
    ]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns})


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
        metadata={"table": frame.name, "description": frame.description, "pandas": pandas_metadata(frame)},
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
