"""Every table survives CSV -> models -> CSV byte for byte, and the writer is atomic.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mydiplo.files.atomic import write_atomic
from mydiplo.files.canonical import render
from mydiplo.files.records import read_table
from mydiplo.registry import TABLES, Table


@pytest.mark.parametrize("table", list(TABLES.values()), ids=lambda t: t.name)
def test_csv_models_csv_is_byte_identical(package: Path, table: Table) -> None:
    read = read_table(package, table)
    assert read.problems == []
    original = (package / table.path).read_bytes()
    assert render(table, read.records).encode("utf-8") == original


@pytest.mark.parametrize("table", list(TABLES.values()), ids=lambda t: t.name)
def test_files_are_utf8_lf_with_exact_header(package: Path, table: Table) -> None:
    data = (package / table.path).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.endswith(b"\n")
    assert data.decode("utf-8").split("\n", 1)[0] == ",".join(table.fields)


def test_rendering_sorts_rows_by_key(package: Path) -> None:
    table = TABLES["actors"]
    records = read_table(package, table).records
    shuffled = list(reversed(records))
    assert render(table, shuffled) == (package / table.path).read_text(encoding="utf-8")


def test_tables_used_in_the_round_trip_hold_records(package: Path) -> None:
    empty = [t.name for t in TABLES.values() if not read_table(package, t).records]
    assert empty == [], f"tables without records cannot prove their round trip: {empty}"


def test_atomic_write_leaves_the_old_file_whole_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(target, 12)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]
