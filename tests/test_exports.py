"""Every export reads back to the records it was written from; the files are deterministic and written atomically.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import jsonschema
import pytest

import mydiplo
from mydiplo.analysis.frames import Frame, frame, frames, records_from_rows
from mydiplo.dataset import Dataset
from mydiplo.export import EXPORT_FORMATS, REPRODUCIBLE, write_exports
from mydiplo.export.nested import tables_from_documents
from mydiplo.files.atomic import write_atomic
from mydiplo.registry import RECORD_TABLES, TABLES, Table


@pytest.fixture(scope="module")
def dataset(package: Path) -> Dataset:
    return mydiplo.load(package)


@pytest.fixture(scope="module")
def exported(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format written once into one folder."""
    output = tmp_path_factory.mktemp("out")
    write_exports(dataset, list(EXPORT_FORMATS), output)
    return output


def _same_records(table: Table, rows: list[dict[str, object]], dataset: Dataset) -> None:
    assert set(records_from_rows(table, rows)) == set(dataset.table(table.name)), table.name
    assert len(rows) == len(dataset.table(table.name)), table.name


def test_every_format_writes_its_files(exported: Path) -> None:
    for table in TABLES:
        assert (exported / "csv" / f"{table}.csv").is_file()
        assert (exported / "parquet" / f"{table}.parquet").is_file()
    for table in RECORD_TABLES:
        assert (exported / "json" / f"{table.name}.json").is_file()
        assert (exported / "jsonl" / f"{table.name}.jsonl").is_file()
    for name in (
        "mydiplo.sqlite",
        "mydiplo.duckdb",
        "network/mydiplo.graphml",
        "network/nodes.csv",
        "network/edges.csv",
    ):
        assert (exported / name).is_file(), name
    assert not list(exported.rglob("*.tmp")), "temporary files left behind"


def test_csv_is_the_canonical_data(package: Path, exported: Path) -> None:
    for table in TABLES.values():
        assert (exported / "csv" / f"{table.name}.csv").read_bytes() == (package / table.path).read_bytes(), table.name


@pytest.mark.parametrize("folder", ["json", "jsonl"])
def test_json_reads_back_to_every_table(exported: Path, dataset: Dataset, folder: str) -> None:
    if folder == "json":
        docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((exported / "json").glob("*.json"))]
    else:
        docs = [
            {"table": p.stem, "records": [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]}
            for p in sorted((exported / "jsonl").glob("*.jsonl"))
        ]
    back = tables_from_documents(docs)
    for table in TABLES.values():
        if table.retirements:
            continue  # the nested documents are records and what hangs off them; the register of retired ids is neither
        assert back.get(table.name, set()) == set(dataset.table(table.name)), table.name


def test_json_validates_against_the_generated_schemas(package: Path, exported: Path) -> None:
    for table in RECORD_TABLES:
        schema = json.loads((package / "schema" / "export" / f"{table.name}.json").read_text(encoding="utf-8"))
        document = json.loads((exported / "json" / f"{table.name}.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(document)
        line_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/record"}
        for line in (exported / "jsonl" / f"{table.name}.jsonl").read_text(encoding="utf-8").splitlines():
            jsonschema.Draft202012Validator(line_schema).validate(json.loads(line))


def test_nested_schema_rejects_a_broken_record(package: Path, exported: Path) -> None:
    schema = json.loads((package / "schema" / "export" / "visits.json").read_text(encoding="utf-8"))
    document = json.loads((exported / "json" / "visits.json").read_text(encoding="utf-8"))
    del document["records"][0]["citations"][0]["source"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_nested_record_inlines_actors_sources_and_related_rows(exported: Path) -> None:
    document = json.loads((exported / "json" / "visits.json").read_text(encoding="utf-8"))
    visit = next(r for r in document["records"] if r["visit_id"] == "lukashenko-visit-myanmar-2025")
    assert visit["actors"]["alexander-lukashenko"]["name"] == "Alexander Lukashenko"
    assert {"belarus", "myanmar", "min-aung-hlaing"} <= set(visit["actors"])
    assert all(c["source"]["source_id"] == c["source_id"] for c in visit["citations"])
    assert "myanmar-belarus-roadmap-2026-2028" in {a["agreement_id"] for a in visit["related"]["agreements"]}
    assert {e["cameo_code"] for e in visit["event_codes"]} == {"042", "043"}


def test_parquet_reads_back_with_real_types(exported: Path, dataset: Dataset) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table in TABLES.values():
        read = pq.read_table(exported / "parquet" / f"{table.name}.parquet")
        _same_records(table, read.to_pylist(), dataset)
    visits = pq.read_table(exported / "parquet" / "visits.parquet")
    assert visits.schema.field("start_date").type == pa.string()
    assert visits.schema.field("start_date_earliest").type == pa.date32()
    results = pq.read_table(exported / "parquet" / "election_results.parquet").schema
    assert results.field("vote_share").type == pa.float64() and results.field("is_official").type == pa.bool_()
    dyads = pq.read_table(exported / "parquet" / "dyadic_events.parquet").schema
    assert dyads.field("source_cow_code").type == pa.int64()


COUNTS = {
    "arms_deliveries": ("batch", "quantity"),
    "arms_transfers": ("quantity_ordered", "quantity_delivered"),
    "election_results": ("seats",),
    "election_phases": ("phase",),
    "sources": ("paragraphs",),
    "state_codes": ("cow_code", "gw_code"),
}


def test_parquet_keeps_counts_integer_and_empty_cells_empty(exported: Path, dataset: Dataset) -> None:
    """Read by pyarrow, polars or pandas, a count with an empty cell stays an integer, not 12.0 beside NaN."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    empty = 0
    for name, columns in COUNTS.items():
        typed = frame(dataset, name)
        path = exported / "parquet" / f"{name}.parquet"
        read, pandas = pq.read_table(path), pd.read_parquet(path)
        for column in columns:
            expected = [row[typed.column_names.index(column)] for row in typed.rows]
            assert read.schema.field(column).type == pa.int64(), (name, column)
            assert read.column(column).to_pylist() == expected, (name, column)
            assert str(pandas[column].dtype) == "Int64", (name, column)
            assert [None if value is pd.NA else value for value in pandas[column]] == expected, (name, column)
            empty += expected.count(None)
    assert empty, "the fixture has empty counts, so the test sees what becomes of them"
    flags = pd.read_parquet(exported / "parquet" / "election_results.parquet")
    assert str(flags["is_official"].dtype) == "boolean" and str(flags["vote_share"].dtype) == "Float64"


def test_sqlite_reads_back_with_foreign_keys_intact(exported: Path, dataset: Dataset) -> None:
    connection = sqlite3.connect(exported / "mydiplo.sqlite")
    connection.row_factory = sqlite3.Row
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in TABLES.values():
            rows = [dict(r) for r in connection.execute(f'SELECT * FROM "{table.name}"')]
            _same_records(table, rows, dataset)
        keys = {(t, row[3]) for t in TABLES for row in connection.execute(f"PRAGMA foreign_key_list('{t}')")}
        assert ("visits", "traveller_id") in keys and ("visit_citations", "record_id") in keys
        indexes = {row[1] for row in connection.execute("PRAGMA index_list('visits')")}
        assert "visits_traveller_id" in indexes
        named = connection.execute(
            "SELECT traveller_name, host_name FROM visits_named WHERE visit_id = 'lukashenko-visit-myanmar-2025'"
        ).fetchone()
        assert tuple(named) == ("Alexander Lukashenko", "Myanmar")
        cited = connection.execute("SELECT COUNT(*) FROM all_citations").fetchone()[0]
        assert cited == sum(len(dataset.table(t.name)) for t in TABLES.values() if t.cites)
    finally:
        connection.close()


def test_foreign_key_check_finds_a_broken_reference(exported: Path, tmp_path: Path) -> None:
    """The check above can fail: a row pointing nowhere is reported."""
    copy = tmp_path / "broken.sqlite"
    shutil.copy(exported / "mydiplo.sqlite", copy)
    connection = sqlite3.connect(copy)
    try:
        connection.execute(
            "UPDATE visits SET host_id = 'no-such-actor' WHERE visit_id = 'lukashenko-visit-myanmar-2025'"
        )
        assert connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()


def test_duckdb_reads_back_with_real_dates(exported: Path, dataset: Dataset) -> None:
    import duckdb

    connection = duckdb.connect(str(exported / "mydiplo.duckdb"), read_only=True)
    try:
        for table in TABLES.values():
            cursor = connection.execute(f'SELECT * FROM "{table.name}"')
            names = [d[0] for d in cursor.description]
            _same_records(table, [dict(zip(names, row)) for row in cursor.fetchall()], dataset)
        kinds = dict(
            connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'visits'"
            ).fetchall()
        )
        assert kinds["start_date_earliest"] == "DATE" and kinds["start_date"] == "VARCHAR"
        assert connection.execute("SELECT COUNT(*) FROM dyads_by_year").fetchone()[0] > 0
    finally:
        connection.close()


def test_duckdb_file_is_the_size_of_its_data(exported: Path, dataset: Dataset) -> None:
    """DuckDB's default 256 KiB blocks made 18 MB of a few hundred rows; the file stays near the SQLite one."""
    import duckdb

    size = (exported / "mydiplo.duckdb").stat().st_size
    assert size <= 2 * (exported / "mydiplo.sqlite").stat().st_size, f"{size:,} bytes"
    connection = duckdb.connect(str(exported / "mydiplo.duckdb"), read_only=True)
    try:
        held = {name for (name,) in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert held == {typed.name for typed in frames(dataset)}
        for typed in frames(dataset):
            assert connection.execute(f'SELECT COUNT(*) FROM "{typed.name}"').fetchone()[0] == len(typed.rows)
    finally:
        connection.close()


def test_reproducible_formats_write_the_same_bytes_twice(dataset: Dataset, exported: Path, tmp_path: Path) -> None:
    formats = sorted(REPRODUCIBLE)
    for path in write_exports(dataset, formats, tmp_path):
        assert path.read_bytes() == (exported / path.relative_to(tmp_path)).read_bytes(), path.name


def test_unknown_format_writes_nothing(dataset: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xlsx'.*sqlite"):
        write_exports(dataset, ["sqlite", "xlsx"], tmp_path)
    assert not any(tmp_path.iterdir())


def test_interrupted_database_write_leaves_the_old_file_whole(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mydiplo.analysis import sql

    write_exports(dataset, ["sqlite"], tmp_path)
    before = (tmp_path / "mydiplo.sqlite").read_bytes()
    calls = {"n": 0}
    real_insert = sql.insert

    def insert_then_crash(frame: Frame) -> str:
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real_insert(frame)

    monkeypatch.setattr(sql, "insert", insert_then_crash)
    with pytest.raises(KeyboardInterrupt):
        write_exports(dataset, ["sqlite"], tmp_path)
    assert (tmp_path / "mydiplo.sqlite").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mydiplo.sqlite"]


@pytest.mark.parametrize("fmt", ["parquet", "json", "csv"])
def test_interrupted_rename_leaves_no_partial_file(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    write_exports(dataset, [fmt], tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_exports(dataset, [fmt], tmp_path)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_write_atomic_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    write_atomic(target, "old\n")
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n" and [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_frames_cover_every_table_and_the_derived_ones(dataset: Dataset) -> None:
    for name in [*TABLES, "state_codes", "event_codes", "dyadic_events", "dyad_years"]:
        typed = frame(dataset, name)
        assert all(len(row) == len(typed.columns) for row in typed.rows)
    with pytest.raises(KeyError, match="dyadic_events"):
        frame(dataset, "no_such_table")
