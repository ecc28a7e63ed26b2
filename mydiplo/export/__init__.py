"""Exports and analysis interfaces: the dataset as files for every tool, and as frames and SQL in Python.

:func:`write_exports` writes any of :data:`EXPORT_FORMATS` into a folder::

    csv       csv/<table>.csv           canonical CSV of every table, plus the derived tables
    json      json/<table>.json         nested records (actors, citations, related rows inline)
    jsonl     jsonl/<table>.jsonl       the same records, one per line
    parquet   parquet/<table>.parquet   typed columns; partial dates as text plus date bounds
    sqlite    mydiplo.sqlite            tables, foreign keys, indexes and views (standard library only)
    duckdb    mydiplo.duckdb            the same tables and views in DuckDB
    network   network/                  mydiplo.graphml, nodes.csv and edges.csv

Every file is written atomically (a temporary file, then a rename), so an
interrupted export leaves the previous file whole. The analysis tables
(``state_codes``, ``event_codes``, ``dyadic_events``) go into every tabular
format. Only SQLite needs nothing beyond the standard library; the others
name the extra to install when their package is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..analysis.sql import connect
from ..collector import collector_paused
from ..dataset import Dataset
from .csv_format import write_csv
from .duckdb_format import write_duckdb
from .graphml import write_network
from .json_format import write_json, write_jsonl
from .parquet_format import write_parquet
from .sqlite_format import write_sqlite

Writer = Callable[[Dataset, Path], list[Path]]

EXPORT_FORMATS: dict[str, Writer] = {
    "csv": write_csv,
    "json": write_json,
    "jsonl": write_jsonl,
    "parquet": write_parquet,
    "sqlite": write_sqlite,
    "duckdb": write_duckdb,
    "network": lambda dataset, output: write_network(dataset, output / "network"),
}
"""Every export format, by name, with its writer."""

REPRODUCIBLE: frozenset[str] = frozenset({"csv", "json", "jsonl", "parquet", "sqlite", "network"})
"""Formats whose files are byte-identical when written twice from the same data with the same library versions."""

DEFAULT_FORMATS: tuple[str, ...] = ("sqlite",)
"""What ``mydiplo export`` writes when no format is named: SQLite, which needs no extra package."""


def write_exports(dataset: Dataset, formats: Sequence[str], output: Path) -> list[Path]:
    """Write ``dataset`` in each of ``formats`` into the folder ``output``; return every path written, in order.

    Deterministic: the same data gives the same bytes in every format of
    :data:`REPRODUCIBLE` (csv, json, jsonl, sqlite, network; parquet for a
    given pyarrow version). DuckDB files differ from run to run in their
    storage metadata, so checksum the other formats, not ``mydiplo.duckdb``.
    Raises ``ValueError`` for an unknown format and
    :class:`~mydiplo.extras.MissingExtraError` when a format's optional
    package is not installed (before anything is written).
    """
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown:
        raise ValueError(
            f"unknown export format {', '.join(map(repr, unknown))}; formats are: {', '.join(EXPORT_FORMATS)}"
        )
    _check_extras(formats)
    written: list[Path] = []
    with collector_paused():  # the writers make a row object per row and value; none forms a cycle
        for name in dict.fromkeys(formats):
            written.extend(EXPORT_FORMATS[name](dataset, Path(output)))
    return written


def _check_extras(formats: Sequence[str]) -> None:
    """Fail before writing anything when a requested format's package is missing."""
    from ..extras import require

    needs = {"parquet": ("Parquet export", ("pyarrow.parquet",)), "duckdb": ("DuckDB export", ("duckdb", "pyarrow"))}
    for name in formats:
        if name in needs:
            purpose, modules = needs[name]
            for module in modules:
                require(module, purpose)


__all__ = ["DEFAULT_FORMATS", "EXPORT_FORMATS", "REPRODUCIBLE", "connect", "write_exports"]
