"""``mydiplo query "SQL"``: run SQL over the SQLite form of the dataset and print the result as a table.

The database is built in memory from the loaded data (the same tables and
views as ``mydiplo.sqlite``), with the standard library alone. A query only
reads, and within bounds, whatever its text:

* only reading is authorised (``SELECT``, ``WITH``, functions): ``ATTACH``
  (which would create a file), ``VACUUM INTO``, ``PRAGMA``, writes and
  transactions are refused before they run;
* it is stopped after ``timeout`` seconds (:data:`TIMEOUT` by default), so a
  recursive query that never ends does not hang the command;
* a result of more than ``max_rows`` rows (:data:`MAX_ROWS` by default) is
  refused rather than read into memory, and no value may exceed
  :data:`MAX_VALUE_BYTES`, so a query cannot exhaust memory.

Nothing partial is returned: a query refused or stopped gives no rows.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
import sys
import time
from typing import TYPE_CHECKING, Any

from ..plural import counted, noun

if TYPE_CHECKING:
    from ..dataset import Dataset

TIMEOUT = 10.0
"""Seconds a query may run, unless told otherwise: ample for any question of this data, short to wait for."""

MAX_ROWS = 100_000
"""Rows a query may give, unless told otherwise: every table and view of the data twenty times over."""

MAX_VALUE_BYTES = 10_000_000
"""The longest text or blob a query may make, from Python 3.11 (which can set it): SQLite's own limit is a
billion bytes, which a single ``zeroblob`` would allocate at once; a cell of the data holds a few thousand."""

_READS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE})
"""What a query is authorised to do: select, read columns, call functions, recurse in a common table expression."""

_STEPS = 1000
"""SQLite virtual-machine steps between two looks at the clock."""


class QueryError(ValueError):
    """The SQL could not run, was refused or was stopped; the message says why, on one line."""


def run(
    dataset: Dataset, sql: str, timeout: float | None = TIMEOUT, max_rows: int | None = MAX_ROWS
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The column names and rows ``sql`` gives over the dataset's SQLite tables and views.

    Raises :class:`QueryError` when the SQL fails, does anything but read,
    runs longer than ``timeout`` seconds or gives more than ``max_rows``
    rows (``None``: no limit).
    """
    from .frames import frames  # here, not above: the command line reads the limits without loading the models
    from .sql import fill_sqlite

    connection = sqlite3.connect(":memory:")
    try:
        fill_sqlite(connection, frames(dataset))
        return _read_only(connection, sql, timeout, max_rows)
    finally:
        connection.close()


def _read_only(
    connection: sqlite3.Connection, sql: str, timeout: float | None, max_rows: int | None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` on ``connection`` authorised only to read, until the deadline, up to ``max_rows`` rows."""
    refused: list[int] = []

    def authorise(action: int, *_: object) -> int:
        if action in _READS:
            return sqlite3.SQLITE_OK
        refused.append(action)
        return sqlite3.SQLITE_DENY

    connection.execute("PRAGMA query_only = ON")  # SQLite's own refusal to write, should a write be authorised
    connection.set_authorizer(authorise)
    deadline = math.inf if timeout is None else time.monotonic() + timeout
    if timeout is not None:
        connection.set_progress_handler(lambda: time.monotonic() > deadline, _STEPS)
    if sys.version_info >= (3, 11):  # older Pythons cannot set it; the timeout still bounds most of what it bounds
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    try:
        cursor = connection.execute(sql)
        rows = cursor.fetchall() if max_rows is None else cursor.fetchmany(max_rows + 1)
    except (sqlite3.Error, sqlite3.Warning) as error:
        if refused:
            raise QueryError(
                "the query was refused: mydiplo query only reads, with SELECT or WITH; it may not attach or "
                "write files, change the data, or run PRAGMA, VACUUM or transactions"
            ) from None
        if timeout is not None and time.monotonic() > deadline:
            raise QueryError(
                f"the query was stopped after {timeout:g} {noun(timeout, 'second')}; narrow it down, or allow more "
                "time (--timeout)"
            ) from None
        raise QueryError(
            f"the query failed: {error}; tables and views are listed by: SELECT name, type FROM sqlite_master"
        ) from None
    if max_rows is not None and len(rows) > max_rows:
        raise QueryError(
            f"the query gives more than {counted(max_rows, 'row')}; narrow it down (WHERE, LIMIT), or allow more "
            "(--max-rows)"
        )
    return [d[0] for d in cursor.description or ()], rows


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
