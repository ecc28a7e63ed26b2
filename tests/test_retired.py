"""The register of retired ids: a table of the package, validated, and never a record of its own.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import mydiplo
from mydiplo.cli import main
from mydiplo.files.canonical import render
from mydiplo.files.records import read_table
from mydiplo.models import RetiredId
from mydiplo.registry import RECORD_TABLES, RETIRED_IDS
from mydiplo.validation import validate

REGISTER = "datasets/retired_ids.csv"
RENAMED = (
    "old-sco-record was retired in 0.2.0 and is now myanmar-sco-dialogue-partner "
    "(Renamed to the pattern of the other alignments.)"
)
WITHDRAWN = "withdrawn-claim was withdrawn in 0.2.0 (Withdrawn: the only source retracted it, and no other reports it.)"


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


def test_a_retired_id_leads_to_its_successor_with_a_warning_saying_so(package: Path) -> None:
    ds = mydiplo.load(package)
    successor = ds["myanmar-sco-dialogue-partner"]
    with pytest.warns(mydiplo.RetiredIdWarning) as got:
        found = ds.get("old-sco-record")
    with pytest.warns(mydiplo.RetiredIdWarning) as indexed:
        found_by_index = ds["old-sco-record"]
    assert found is successor and found_by_index is successor
    caught = [*got, *indexed]
    assert [str(w.message) for w in caught] == [RENAMED, RENAMED]
    assert all(w.filename == __file__ for w in caught)  # the warning points at the caller's line


def test_resolve_gives_the_way_without_a_warning(package: Path) -> None:
    ds = mydiplo.load(package)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        record_id, chain = ds.resolve("old-sco-record")
        assert record_id == "myanmar-sco-dialogue-partner"
        assert [r.retired_id for r in chain] == ["old-sco-record"]
        assert ds.resolve("old-sco-record").note == RENAMED
        assert ds.resolve("belarus") == ("belarus", ()) and ds.resolve("belarus").note is None
        assert ds.resolve("never-used") == ("never-used", ())
        assert ds.get("never-used") is None


def test_a_withdrawn_id_says_when_it_was_withdrawn(package: Path) -> None:
    ds = mydiplo.load(package)
    assert ds.resolve("withdrawn-claim") == (None, ds.retired_ids[1:])
    with pytest.warns(mydiplo.RetiredIdWarning, match="withdrawn-claim was withdrawn in 0.2.0"):
        assert ds.get("withdrawn-claim") is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(KeyError) as raised:
            ds["withdrawn-claim"]
    assert raised.value.args == (WITHDRAWN,)


def _retired(retired_id: str, replaced_by: str | None) -> RetiredId:
    return RetiredId(retired_id=retired_id, replaced_by=replaced_by, retired_in="0.1.0", reason="Renamed.")


def test_a_chain_of_retirements_is_followed_to_its_end(package: Path) -> None:
    # A package that validates has no chains; a dataset put together by hand may.
    ds = mydiplo.load(package)
    chained = ds.replace(retired_ids=(_retired("oldest-sco-record", "old-sco-record"), *ds.retired_ids))
    resolution = chained.resolve("oldest-sco-record")
    assert resolution.record_id == "myanmar-sco-dialogue-partner"
    assert [r.retired_id for r in resolution.chain] == ["oldest-sco-record", "old-sco-record"]
    assert resolution.note == f"oldest-sco-record was retired in 0.1.0 and is now old-sco-record (Renamed.); {RENAMED}"
    with pytest.warns(mydiplo.RetiredIdWarning):
        assert chained.get("oldest-sco-record") is ds["myanmar-sco-dialogue-partner"]


def test_a_register_that_loops_is_refused_rather_than_followed_for_ever(package: Path) -> None:
    ds = mydiplo.load(package)
    looped = ds.replace(retired_ids=(_retired("a-record", "b-record"), _retired("b-record", "a-record")))
    with pytest.raises(ValueError, match="the register of retired ids loops: a-record -> b-record -> a-record"):
        looped.resolve("a-record")


def test_show_says_a_retired_id_was_replaced_then_shows_its_successor(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "old-sco-record", "--path", str(package)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [RENAMED, "", "alignments: myanmar-sco-dialogue-partner"]


def test_show_says_a_withdrawn_id_was_withdrawn_and_when(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "withdrawn-claim", "--path", str(package)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"mydiplo: {WITHDRAWN}\n" and captured.out == ""
