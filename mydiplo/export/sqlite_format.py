"""The SQLite export: one file with every table, foreign keys, indexes and views; needs only the standard library.

``mydiplo.sqlite`` opens in any SQLite client, in ``datasette mydiplo.sqlite``
as it is, and in every language. Foreign keys are declared and checked while
writing (an export that would break one fails instead). The file is
byte-reproducible for a given SQLite library: rows go in a fixed order in
one transaction and nothing records the time of writing.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from ..analysis.frames import frames
from ..analysis.sql import fill_sqlite
from ..dataset import Dataset
from ..files.atomic import replacing


def write_sqlite(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``mydiplo.sqlite`` into ``output``, atomically; return its path."""
    path = output / "mydiplo.sqlite"
    with replacing(path) as temporary, closing(sqlite3.connect(temporary)) as connection:
        fill_sqlite(connection, frames(dataset))
    return [path]
