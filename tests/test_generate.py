"""Generated files are in sync with the models, and --check catches drift.

Data-policy test: the checkout's generated files (schema/, datapackage.json, the docs) follow the models.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mydiplo.cli import main
from mydiplo.generate.files import expected_files, stale_files
from mydiplo.registry import TABLES


def test_checked_in_files_match_the_models(checkout: Path) -> None:
    assert stale_files(checkout) == []


def test_generate_check_exits_zero_in_the_checkout(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--check", "--path", str(checkout)]) == 0
    assert "up to date" in capsys.readouterr().out


def _copy_generated(checkout: Path, target: Path) -> None:
    for path in expected_files():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(checkout / path, target / path)


def test_check_names_each_stale_file_and_generate_repairs(
    checkout: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _copy_generated(checkout, tmp_path)
    (tmp_path / "schema/tableschema/visits.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "datapackage.json").unlink()
    assert main(["generate", "--check", "--path", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "schema/tableschema/visits.json" in out and "datapackage.json" in out
    assert "schema/jsonschema/visits.json" not in out
    assert main(["generate", "--path", str(tmp_path)]) == 0
    assert stale_files(tmp_path) == []


def test_descriptor_declares_licence_version_and_every_table(checkout: Path) -> None:
    descriptor = json.loads((checkout / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["version"].count(".") == 2
    assert [r["name"] for r in descriptor["resources"]] == list(TABLES)
    for resource in descriptor["resources"]:
        assert (checkout / resource["path"]).is_file()
        assert (checkout / resource["schema"]).is_file()


def test_table_schemas_carry_keys_and_foreign_keys(checkout: Path) -> None:
    schema = json.loads((checkout / TABLES["visit_participants"].table_schema_path).read_text(encoding="utf-8"))
    assert schema["primaryKey"] == ["visit_id", "actor_id", "role"]
    references = {k["fields"]: k["reference"]["resource"] for k in schema["foreignKeys"]}
    assert references == {"visit_id": "visits", "actor_id": "actors", "office_id": "offices"}
    actors = json.loads((checkout / TABLES["actors"].table_schema_path).read_text(encoding="utf-8"))
    assert {"fields": "parent_id", "reference": {"resource": "", "fields": "actor_id"}} in actors["foreignKeys"]
    country = next(f for f in actors["fields"] if f["name"] == "country")
    assert "MMR" in country["constraints"]["enum"] and "XXX" not in country["constraints"]["enum"]


def test_data_dictionary_lists_every_column_and_value(checkout: Path) -> None:
    text = (checkout / "docs/data-dictionary.md").read_text(encoding="utf-8")
    for table in TABLES.values():
        assert f"### `{table.name}`" in text
    assert "| `goodwill-visit` |" in text
    assert "| `sipri-tiv` |" in text
