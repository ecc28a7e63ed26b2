"""R reads the data package: docs/r/read_mydiplo.R on the fixture package and its SQLite export, as docs/r.md shows.

Code test: runs on the frozen fixture package and an SQLite export of it. Needs Debian's R (``r-base-core``) with
``r-cran-readr``, ``r-cran-jsonlite``, ``r-cran-dbi`` and ``r-cran-rsqlite``, which ``.ci/run`` installs; skipped,
saying so, only where ``Rscript`` is absent.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

import mydiplo
from mydiplo.export import write_exports
from mydiplo.registry import TABLES

SCRIPT = ROOT / "docs" / "r" / "read_mydiplo.R"

DEBIAN_PACKAGES = ("r-base-core", "r-cran-readr", "r-cran-jsonlite", "r-cran-dbi", "r-cran-rsqlite")
"""Debian's R and the R packages the script loads, which CI installs."""

R_CLASSES = {"integer": "integer", "number": "numeric", "boolean": "logical"}
"""The R class readr gives a column of each Table Schema type other than ``string``."""


@pytest.fixture(scope="module")
def database(package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture package's SQLite export."""
    output = tmp_path_factory.mktemp("r-export")
    write_exports(mydiplo.load(package), ["sqlite"], output)
    return output / "mydiplo.sqlite"


def _run_script(package: Path, database: Path) -> subprocess.CompletedProcess[str]:
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip(f"Rscript is not installed: apt-get install {' '.join(DEBIAN_PACKAGES)} (CI installs them)")
    return subprocess.run(
        [rscript, "--vanilla", str(SCRIPT), str(package), str(database)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _schema_types(package: Path) -> dict[str, dict[str, str]]:
    """Per table, the R class of each column the Table Schema does not type as ``string``."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    found = {}
    for resource in descriptor["resources"]:
        schema = json.loads((package / resource["schema"]).read_text(encoding="utf-8"))
        found[resource["name"]] = {f["name"]: R_CLASSES[f["type"]] for f in schema["fields"] if f["type"] != "string"}
    return found


def test_r_reads_every_table_with_its_types_and_joins_visits_to_travellers(package: Path, database: Path) -> None:
    result = _run_script(package, database)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    counts, types = {}, {}
    for line in lines:
        if line.count("\t") == 2:
            name, rows, columns = line.split("\t")
            counts[name] = int(rows)
            types[name] = dict(column.split(":") for column in columns.split())
    ds = mydiplo.load(package)
    assert counts == {name: len(ds.table(name)) for name in TABLES}
    assert types == _schema_types(package)
    assert types["arms_deliveries"] == {"batch": "integer", "quantity": "integer"}  # the schema types something

    shown = [line.split() for line in lines if line.count("\t") != 2]
    assert shown[0] == ["visit_id", "start_date", "traveller"]
    visits = sorted(ds.visits, key=lambda v: (str(v.start_date), v.visit_id))
    assert [row[:2] for row in shown[1:]] == [[v.visit_id, str(v.start_date)] for v in visits]
    assert [" ".join(row[2:]) for row in shown[1:]] == [ds[v.traveller_id].name for v in visits]


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        (
            "DELETE FROM visits WHERE visit_id = 'hun-sen-visit-myanmar-2022'",
            "rows differ between the CSV files and SQLite: visits",
        ),
        (
            "UPDATE actors SET name = 'Someone Else' WHERE actor_id = 'hun-sen'",
            "the travellers of the visits differ between the CSV files and SQLite",
        ),
    ],
)
def test_the_script_stops_when_sqlite_disagrees_with_the_csv(
    package: Path, database: Path, tmp_path: Path, statement: str, message: str
) -> None:
    changed = tmp_path / "changed.sqlite"
    shutil.copy(database, changed)
    connection = sqlite3.connect(changed)
    try:
        with connection:
            assert connection.execute(statement).rowcount == 1
    finally:
        connection.close()
    result = _run_script(package, changed)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_script_stops_at_a_cell_not_of_its_columns_type(package_copy: Path, database: Path) -> None:
    deliveries = package_copy / "datasets" / "arms_deliveries.csv"
    row = "russia-myanmar-su-30sme,1,2022-03,2,"
    text = deliveries.read_text(encoding="utf-8")
    assert row in text
    deliveries.write_text(text.replace(row, row.replace(",2,", ",2.5,")), encoding="utf-8")
    result = _run_script(package_copy, database)
    assert result.returncode != 0
    assert "arms_deliveries: cells that are not of their column's type" in result.stderr


def test_ci_installs_r_and_the_packages_the_script_loads() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installed = re.search(r"^r_packages=\((.*)\)$", ci, re.MULTILINE)
    assert installed, ".ci/run names the R packages it installs in r_packages=(...)"
    assert set(installed.group(1).split()) == set(DEBIAN_PACKAGES)
    loaded = re.findall(r"^library\((\w+)\)$", SCRIPT.read_text(encoding="utf-8"), re.MULTILINE)
    assert {f"r-cran-{name.lower()}" for name in [*loaded, "RSQLite"]} <= set(DEBIAN_PACKAGES)


def test_the_page_shows_the_script() -> None:
    """Every R block of docs/r.md is a verbatim part of the script the tests run."""
    page = (ROOT / "docs" / "r.md").read_text(encoding="utf-8")
    script = SCRIPT.read_text(encoding="utf-8")
    blocks = re.findall(r"```r\n(.*?)```", page, re.DOTALL)
    assert len(blocks) >= 3
    for block in blocks:
        assert block.strip() in script, f"docs/r.md shows R that the script does not run:\n{block}"
