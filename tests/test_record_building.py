"""``load()`` builds the records of accepted rows without the model, and they are the model's records.

Code test: runs on the frozen fixture package and, as the one package with
every table filled as curators write it, on the shipped data.

The validating pass builds the record of each row its fast checks accepted
directly from the converted cells (:mod:`mydiplo.validation.building`); each
must equal, field by field and in the fields it counts as set, the record
``model_validate`` makes of the same row, which is how ``fmt`` and ``diff``
read the files. A row the fast checks refuse still goes through the model,
and ``load()`` still refuses the package with the problem ``validate`` reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import replace_in

import mydiplo
from mydiplo.dataset import InvalidPackageError
from mydiplo.files.canonical import cells_of
from mydiplo.files.records import read_table
from mydiplo.models.base import Record
from mydiplo.registry import TABLES
from mydiplo.validation import ENGINES, validate, validate_records
from mydiplo.validation.building import RecordBuilder

ENGINE_NAMES = [name for name in ENGINES if name != "auto"]


def _same(built: Record, validated: Record) -> None:
    """Equal as records, with values of the same types written the same way, and the same fields set."""
    assert built == validated
    assert repr(built) == repr(validated)  # an enum member, not its text; Decimal('1.50'), not Decimal('1.5')
    assert built.model_fields_set == validated.model_fields_set


def _engine_ready(engine: str) -> None:
    if engine == "fast":
        pytest.importorskip("polars")


@pytest.mark.parametrize("engine", ENGINE_NAMES)
@pytest.mark.parametrize("which", ["package", "checkout"])
def test_every_kept_record_is_the_model_s_record(which: str, engine: str, request: pytest.FixtureRequest) -> None:
    _engine_ready(engine)
    root = request.getfixturevalue(which)
    report, records = validate_records(root, engine=engine)
    assert report.valid
    compared = 0
    for name, table in TABLES.items():
        validated = read_table(root, table).records
        assert len(records[name]) == len(validated), name
        for built, record in zip(records[name], validated):
            _same(built, record)
        compared += len(validated)
    assert compared == sum(report.counts.values()) > 100


def test_the_builder_fills_empty_cells_with_defaults_and_shares_equal_values(package: Path) -> None:
    table = TABLES["arms_transfers"]
    validated = read_table(package, table).records
    cells = list(zip(*(cells_of(table, record) for record in validated)))
    built = RecordBuilder(table).records(cells)
    for record, model_record in zip(built, validated, strict=True):
        _same(record, model_record)
    statuses = [record.status for record in built]  # type: ignore[attr-defined]
    assert len(set(statuses)) < len(statuses)
    assert len({id(status) for status in statuses}) == len(set(statuses))


@pytest.mark.parametrize("engine", ENGINE_NAMES)
@pytest.mark.parametrize(
    ("old", "new", "field", "rule"),
    [
        (",RUS,Moscow,", ",XXR,Moscow,", "destination_country", "country-code"),
        (",RUS,Moscow,", ",RUS, Moscow,", "destination_city", "text-hygiene"),
        (",goodwill-visit,", ",goodwill,", "kind", "field-enum"),
        (",2023-09-06,2023-09-12,", ",2023-09-06,2023-09-31,", "end_date", "partial-date"),
    ],
)
def test_a_bad_cell_still_refuses_the_package_with_validate_s_problem(
    package_copy: Path, engine: str, old: str, new: str, field: str, rule: str
) -> None:
    _engine_ready(engine)
    line = replace_in(package_copy / "datasets/visits.csv", old, new)
    with pytest.raises(InvalidPackageError) as caught:
        mydiplo.load(package_copy)
    assert caught.value.problems == list(validate(package_copy, engine=engine).errors)
    first = caught.value.problems[0]
    assert (first.file, first.line, first.field, first.rule) == ("datasets/visits.csv", line, field, rule)


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_a_valid_but_unwritten_cell_keeps_its_record_in_its_place(package_copy: Path, engine: str) -> None:
    _engine_ready(engine)
    table = TABLES["arms_transfers"]
    line = replace_in(package_copy / table.path, ",aircraft,6,", ",aircraft,06,")
    report, records = validate_records(package_copy, engine=engine)
    assert [(p.line, p.field, p.rule) for p in report.errors] == [(line, "quantity_ordered", "not-canonical")]
    validated = read_table(package_copy, table).records
    assert len(records[table.name]) == len(validated)
    for built, record in zip(records[table.name], validated):
        _same(built, record)
