"""``mydiplo query "SQL"``: run SQL over the SQLite form of the dataset and print the result as a table.

The database is built in memory from the loaded data (the same tables and
views as ``mydiplo.sqlite``), read-only, with the standard library alone.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import Any

from ..dataset import Dataset
from .frames import frames
from .sql import fill_sqlite


class QueryError(ValueError):
    """The SQL could not run; the message is SQLite's, on one line."""


def run(dataset: Dataset, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The column names and rows ``sql`` gives over the dataset's SQLite tables and views."""
    connection = sqlite3.connect(":memory:")
    try:
        fill_sqlite(connection, frames(dataset))
        connection.execute("PRAGMA query_only = ON")
        try:
            cursor = connection.execute(sql)
        except (sqlite3.Error, sqlite3.Warning) as error:
            raise QueryError(
                f"the query failed: {error}; tables and views are listed by: SELECT name, type FROM sqlite_master"
            ) from None
        names = [d[0] for d in cursor.description or ()]
        return names, cursor.fetchall()
    finally:
        connection.close()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def as_table(names: list[str], rows: list[tuple[Any, ...]], max_width: int = 40) -> str:
    """Rows as an aligned text table, cells cut to ``max_width`` characters, with a row count."""

    def cut(value: Any) -> str:
        text = _text(value)
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cut(v) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def as_csv(names: list[str], rows: list[tuple[Any, ...]]) -> str:
    """Rows as CSV with a header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([[_text(v) for v in row] for row in rows])
    return buffer.getvalue()


def as_json(names: list[str], rows: list[tuple[Any, ...]]) -> str:
    """Rows as a JSON array of objects."""
    return json.dumps([dict(zip(names, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"


OUTPUTS = {"table": as_table, "csv": as_csv, "json": as_json}
