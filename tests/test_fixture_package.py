"""The frozen fixture package stays a complete, valid package whose generated files follow the models.

Code test infrastructure: checks the fixture the code tests run on, not the shipped data.
"""

from __future__ import annotations

from pathlib import Path

from conftest import copy_package
from fixturepackage import REGENERATE, regenerate, stale_files

from mydiplo.files.records import read_table
from mydiplo.registry import TABLES
from mydiplo.validation import validate


def test_the_fixture_generated_files_follow_the_models(package: Path) -> None:
    stale = stale_files(package)
    assert stale == [], (
        f"the fixture's generated files differ from the models: {stale}; run `{REGENERATE}` and commit the result"
    )


def test_a_drifted_file_is_named_and_regenerate_repairs_it(package: Path, tmp_path: Path) -> None:
    """The drift check can fail, and the command it names repairs exactly what drifted."""
    copy = copy_package(package, tmp_path / "package")
    (copy / "schema/tableschema/visits.json").write_text("{}\n", encoding="utf-8")
    (copy / "datapackage.json").unlink()
    assert sorted(stale_files(copy)) == ["datapackage.json", "schema/tableschema/visits.json"]
    assert sorted(regenerate(copy)) == ["datapackage.json", "schema/tableschema/visits.json"]
    assert stale_files(copy) == []
    assert (copy / "datapackage.json").read_bytes() == (package / "datapackage.json").read_bytes()


def test_the_fixture_is_valid_and_every_table_holds_rows(package: Path) -> None:
    """Every rule can be broken from it, and every table's code is exercised: no table may be empty."""
    report = validate(package)
    assert report.valid and not report.problems, list(report.problems)[:5]
    empty = [table.name for table in TABLES.values() if not read_table(package, table).records]
    assert empty == [], f"tables of the fixture without rows: {empty}"
