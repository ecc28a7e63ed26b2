"""The CSV export: every table in the data package's canonical form, plus the derived analysis tables.

``csv/<table>.csv`` is byte for byte the canonical file of the data package
(the same bytes ``datasets/`` holds for valid data); ``csv/state_codes.csv``,
``csv/event_codes.csv`` and ``csv/dyadic_events.csv`` add the derived
tables, with ISO dates and empty cells for missing values.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..analysis.derived import derived_frames
from ..analysis.frames import Frame
from ..dataset import Dataset
from ..files.atomic import write_atomic
from ..files.canonical import render
from ..registry import TABLES


def frame_csv(frame: Frame) -> str:
    """A typed frame as CSV text: header, then rows; dates in ISO form, booleans as true/false, missing as empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.column_names)
    writer.writerows([_cell(value) for value in row] for row in frame.rows)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def write_csv(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``csv/<table>.csv`` for every table and derived table; return the paths."""
    written = []
    for table in TABLES.values():
        path = output / "csv" / f"{table.name}.csv"
        write_atomic(path, render(table, dataset.table(table.name)))
        written.append(path)
    for frame in derived_frames(dataset):
        path = output / "csv" / f"{frame.name}.csv"
        write_atomic(path, frame_csv(frame))
        written.append(path)
    return written
