"""Every record, exported to JSON, validates against its table's JSON Schema (draft 2020-12).

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from mydiplo import load
from mydiplo.registry import TABLES, Table


@pytest.fixture(scope="module")
def dataset(package: Path):
    return load(package)


@pytest.mark.parametrize("table", list(TABLES.values()), ids=lambda t: t.name)
def test_every_record_validates(package: Path, dataset, table: Table) -> None:
    schema = json.loads((package / table.json_schema_path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    records = dataset.table(table.name)
    for record in records:
        document = json.loads(record.model_dump_json())
        errors = list(validator.iter_errors(document))
        assert not errors, f"{table.name}: {errors[0].message}"


def test_schema_rejects_what_the_model_rejects(package: Path, dataset) -> None:
    schema = json.loads((package / TABLES["visits"].json_schema_path).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    document = json.loads(dataset.visits[0].model_dump_json())
    for field, bad in (("kind", "holiday"), ("start_date", "2025-13"), ("visit_id", "Bad Id"), ("extra", 1)):
        assert not validator.is_valid({**document, field: bad}), field
