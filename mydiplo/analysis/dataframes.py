"""pandas and polars data frames of any table, with real column types.

Both come from the same typed frames as the Parquet and database exports:
text as strings, counts as nullable integers, flags as booleans, and a
partial date as its text plus ``_earliest`` and ``_latest`` date columns.
"""

from __future__ import annotations

from typing import Any

from ..dataset import Dataset
from ..extras import require
from .frames import frame


def to_pandas(dataset: Dataset, table: str) -> Any:
    """The table called ``table`` (a data table or a derived one such as ``dyadic_events``) as a pandas DataFrame."""
    pd = require("pandas", "to_pandas()")
    typed = frame(dataset, table)
    dtypes = {"text": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean", "date": "datetime64[s]"}
    data = {
        column.name: pd.array([row[i] for row in typed.rows], dtype=dtypes[column.kind])
        if column.kind != "date"
        else pd.to_datetime(pd.Series([row[i] for row in typed.rows], dtype=object)).astype("datetime64[s]")
        for i, column in enumerate(typed.columns)
    }
    return pd.DataFrame(data, columns=list(typed.column_names))


def to_polars(dataset: Dataset, table: str) -> Any:
    """The table called ``table`` (a data table or a derived one such as ``dyadic_events``) as a polars DataFrame."""
    pl = require("polars", "to_polars()")
    typed = frame(dataset, table)
    types = {"text": pl.Utf8, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date}
    schema = {column.name: types[column.kind] for column in typed.columns}
    return pl.DataFrame([list(row) for row in typed.rows], schema=schema, orient="row")
