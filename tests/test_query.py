"""``mydiplo query`` only reads and always ends: nothing it is given creates a file, runs for ever or fills memory.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mydiplo
from mydiplo.analysis.query import QueryError, run
from mydiplo.cli import main
from mydiplo.dataset import Dataset

FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


@pytest.fixture(scope="module")
def dataset(package: Path) -> Dataset:
    return mydiplo.load(package)


@pytest.mark.parametrize(
    "sql",
    [
        "ATTACH DATABASE 'attached.db' AS other",
        "ATTACH DATABASE '{folder}/attached.db' AS other",
        "VACUUM INTO 'vacuumed.db'",
        "VACUUM INTO '{folder}/vacuumed.db'",
    ],
)
def test_a_query_creates_no_file(dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sql: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(QueryError, match="^the query was refused: mydiplo query only reads"):
        run(dataset, sql.format(folder=tmp_path))
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM visits",
        "CREATE TABLE t (x)",
        "CREATE TEMP VIEW v AS SELECT 1",
        "PRAGMA query_only = OFF",
        "PRAGMA foreign_keys = ON",  # a statement the database was built with: no prepared statement is reused
        "BEGIN",
        "SAVEPOINT s",
        "SELECT * FROM pragma_table_info('visits')",
    ],
)
def test_anything_but_reading_is_refused(dataset: Dataset, sql: str) -> None:
    with pytest.raises(QueryError, match="^the query was refused"):
        run(dataset, sql)


def test_a_query_that_never_ends_is_stopped(
    dataset: Dataset, package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(QueryError, match=r"^the query was stopped after 0\.05 seconds; narrow it down"):
        run(dataset, FOREVER, timeout=0.05)
    assert main(["query", FOREVER, "--timeout", "0.05", "--path", str(package)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mydiplo: the query was stopped after 0.05 seconds") and err.count("\n") == 1


def test_a_result_of_too_many_rows_is_refused_whole(dataset: Dataset) -> None:
    counting = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT {n}) SELECT x FROM c"
    names, rows = run(dataset, counting.format(n=10), max_rows=10)
    assert names == ["x"] and rows == [(i,) for i in range(1, 11)]
    with pytest.raises(QueryError, match="^the query gives more than 10 rows"):
        run(dataset, counting.format(n=11), max_rows=10)


def test_a_value_too_large_is_refused(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="string or blob too big"):
        run(dataset, "SELECT zeroblob(1000000000)")


def test_reading_the_tables_and_documented_views_still_works(dataset: Dataset) -> None:
    assert run(dataset, "SELECT count(*) FROM visits") == (["count(*)"], [(len(dataset.table("visits")),)])
    _, rows = run(dataset, "SELECT name, type FROM sqlite_master WHERE type = 'view'")
    assert {"visits_named", "all_citations", "dyads_by_year"} <= {name for name, _ in rows}
    for view in ("visits_named", "all_citations", "dyads_by_year"):
        assert run(dataset, f"SELECT count(*) FROM {view}")[1][0][0] > 0, view
    assert run(dataset, "SELECT traveller_name FROM visits_named WHERE visit_id = 'kim-jong-un-visit-russia-2023'") == (
        ["traveller_name"],
        [("Kim Jong Un",)],
    )
    assert run(dataset, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3) SELECT sum(x) FROM c")[
        1
    ] == [(6,)]


@pytest.mark.parametrize("option", ["--timeout", "--max-rows"])
@pytest.mark.parametrize("value", ["0", "-1", "nan", "many"])
def test_limits_must_be_numbers_above_zero(option: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["query", "SELECT 1", option, value])
    assert raised.value.code == 2
    assert f"argument {option}: '{value}' is not a number above 0" in capsys.readouterr().err
