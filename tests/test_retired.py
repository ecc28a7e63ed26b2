"""The register of retired ids: a table of the package, validated, and never a record of its own.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

from pathlib import Path

import mydiplo
from mydiplo.files.canonical import render
from mydiplo.files.records import read_table
from mydiplo.registry import RECORD_TABLES, RETIRED_IDS
from mydiplo.validation import validate

REGISTER = "datasets/retired_ids.csv"


def test_the_register_is_a_table_of_the_package_but_names_no_record() -> None:
    assert RETIRED_IDS.path == REGISTER
    assert RETIRED_IDS.id_field is None
    assert RETIRED_IDS not in RECORD_TABLES


def test_the_fixture_register_validates_and_round_trips(package: Path) -> None:
    assert validate(package).valid
    read = read_table(package, RETIRED_IDS)
    assert [r.retired_id for r in read.records] == ["old-sco-record", "withdrawn-claim"]  # type: ignore[attr-defined]
    assert render(RETIRED_IDS, read.records) == (package / REGISTER).read_text(encoding="utf-8")


def test_loaded_register_lists_retirements_but_lookup_by_id_finds_no_record(package: Path) -> None:
    ds = mydiplo.load(package)
    assert [r.replaced_by for r in ds.retired_ids] == ["myanmar-sco-dialogue-partner", None]
    assert "old-sco-record" not in ds
    assert ds["myanmar-sco-dialogue-partner"] is not None


def test_reuse_of_a_retired_id_is_refused_where_it_is_reused(package_copy: Path) -> None:
    alignments = package_copy / "datasets/alignments.csv"
    text = alignments.read_text(encoding="utf-8")
    alignments.write_text(text.replace("myanmar-sco-dialogue-partner,", "withdrawn-claim,"), encoding="utf-8")
    line = text[: text.index("myanmar-sco-dialogue-partner,")].count("\n") + 1
    problems = validate(package_copy).problems
    reuse = [p for p in problems if p.rule == "retired-id"]
    assert [(p.file, p.line, p.field) for p in reuse] == [("datasets/alignments.csv", line, "alignment_id")]
    assert "line 3 of datasets/retired_ids.csv" in reuse[0].message
    assert reuse[0].hint
    # The old successor is gone, so the register's pointer to it is refused too.
    assert any(p.rule == "retired-successor" and p.file == REGISTER and p.line == 2 for p in problems)


def test_a_retired_id_cannot_be_retired_twice(package_copy: Path) -> None:
    path = package_copy / REGISTER
    path.write_text(path.read_text(encoding="utf-8") + "withdrawn-claim,,0.3.0,Again.\n", encoding="utf-8")
    assert ("duplicate-key", 4) in {(p.rule, p.line) for p in validate(package_copy).problems}


def test_retired_in_is_a_semantic_version(package_copy: Path) -> None:
    path = package_copy / REGISTER
    path.write_text(path.read_text(encoding="utf-8").replace(",0.2.0,Renamed", ",v0.2,Renamed"), encoding="utf-8")
    assert ("field-pattern", 2, "retired_in") in {(p.rule, p.line, p.field) for p in validate(package_copy).problems}
