"""Typed tables as Arrow tables: what the Parquet and the DuckDB export, and ``mydiplo.connect()``, are made from.

Arrow is the columnar form both Parquet and DuckDB read without a Python
object per value: DuckDB takes a whole Arrow table in one statement (a
hundred thousand rows in a fraction of a second, where inserting rows one
by one took minutes), and an export of both formats converts each table
once (:func:`arrow_tables`).
"""

from __future__ import annotations

import json
from typing import Any

from ..dataset import Dataset
from ..extras import require
from .frames import Frame, frames
from .memo import per_dataset

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
    pa = require("pyarrow", "Arrow tables (the Parquet and DuckDB exports)")
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
    data = list(zip(*frame.rows)) if frame.rows else [() for _ in frame.columns]
    return pa.Table.from_arrays(
        [pa.array(column, type=field.type) for column, field in zip(data, schema)], schema=schema
    )


@per_dataset
def arrow_tables(dataset: Dataset) -> dict[str, Any]:
    """Every typed frame of the dataset (:func:`~mydiplo.analysis.frames.frames`) as an Arrow table, by name,
    in the order the formats write them; converted once per dataset. Needs pyarrow."""
    return {frame.name: arrow_table(frame) for frame in frames(dataset)}
