"""The shipped data package keeps the data policy: it validates, it is canonical, its schema examples are real records.

Data-policy test: runs on the shipped data of the checkout. The code tests
run on the frozen fixture package instead, so they never fail on a
correction of the data; these checks are the ones that must.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_frictionless import frictionless_validate

import mydiplo
from mydiplo.cli import main
from mydiplo.generate.schemas import columns
from mydiplo.registry import TABLES, Table
from mydiplo.validation import validate


@pytest.fixture(scope="module")
def shipped(checkout: Path) -> mydiplo.Dataset:
    return mydiplo.load(checkout)


def test_the_shipped_package_is_valid(checkout: Path) -> None:
    report = validate(checkout)
    assert report.valid, list(report.problems)[:5]
    assert [p for p in report.problems if p.rule == "likely-duplicate"] == []


def test_the_shipped_files_are_canonical(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", "--check", "--path", str(checkout)]) == 0
    assert "0 files not in canonical form" in capsys.readouterr().out


@pytest.mark.slow
def test_frictionless_says_the_shipped_package_is_valid(checkout: Path) -> None:
    result = frictionless_validate(checkout)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "INVALID" not in result.stdout


@pytest.mark.parametrize("table", list(TABLES.values()), ids=lambda t: t.name)
def test_example_ids_are_real_records(shipped: mydiplo.Dataset, table: Table) -> None:
    """An example identifier in the schema must name a record that exists, never an invented one."""
    targets = {k.field: k.reference_table for k in table.foreign_keys}
    if table.id_field:
        targets[table.id_field] = table.name
    for column in columns(table.model):
        if column.name in targets and column.example is not None:
            assert column.example in shipped, f"{table.name}.{column.name} example {column.example!r} is not a record"


def test_the_readme_states_the_size_of_the_shipped_data(shipped: mydiplo.Dataset, checkout: Path) -> None:
    """The README's opening says how much the data holds; a release that adds records updates it."""
    opening = " ".join((checkout / "README.md").read_text(encoding="utf-8").split("Use it three ways")[0].split())
    for table, words in [
        ("visits", "visits"),
        ("agreements", "agreements and pledges"),
        ("arms_transfers", "arms and military transfers"),
        ("election_observations", "observers, invitations"),
        ("alignments", "bloc standings"),
        ("positions", "positions"),
        ("measures", "sanctions"),
        ("sources", "public sources"),
    ]:
        assert f"{len(shipped.table(table))} {words}" in opening, (
            f"README: {table} now holds {len(shipped.table(table))}"
        )
