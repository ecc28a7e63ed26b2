"""``mydiplo fmt`` rewrites files into the canonical form, loses nothing, and ``--check`` names what is not canonical.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import replace_in

from mydiplo.cli import main
from mydiplo.registry import TABLES, Table
from mydiplo.tools.fmt import State, compare, compare_all, rewrite
from mydiplo.validation import validate

FORMAT_RULES = {"rows-unsorted", "not-canonical", "line-endings", "blank-row", "file-unreadable"}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "datasets").glob("*.csv"))}


def _disorder(root: Path) -> dict[str, str]:
    """Break the canonical form of four files in the ways spreadsheets and editors do; return what was done, by file."""
    actors = root / "datasets/actors.csv"
    header, first, second, *rest = actors.read_text(encoding="utf-8").split("\n")
    actors.write_text("\n".join([header, second, first, *rest]), encoding="utf-8")
    replace_in(
        root / "datasets/election_phases.csv", "myanmar-general-election-2025,2,", "myanmar-general-election-2025,02,"
    )
    replace_in(root / "datasets/election_results.csv", ",alexander-lukashenko,true,", ',alexander-lukashenko,"True",')
    honours = root / "datasets/honours.csv"
    honours.write_bytes(b"\xef\xbb\xbf" + honours.read_bytes().replace(b"\n", b"\r\n") + b"\r\n")
    return {
        "actors.csv": "rows",
        "election_phases.csv": "number",
        "election_results.csv": "boolean",
        "honours.csv": "bom, crlf, blank line",
    }


def test_the_fixture_files_are_canonical(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", "--check", "--path", str(package)]) == 0
    assert "0 files not in canonical form" in capsys.readouterr().out


def test_check_names_each_file_that_is_not_canonical_and_writes_nothing(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _disorder(package_copy)
    before = _snapshot(package_copy)
    assert main(["fmt", "--check", "--path", str(package_copy)]) == 1
    out = capsys.readouterr().out
    named = {
        line.split(":")[0].removeprefix("datasets/") for line in out.splitlines() if "not in canonical form (" in line
    }
    assert named == set(broken)
    assert "datasets/actors.csv: not in canonical form (from line 2)" in out
    assert _snapshot(package_copy) == before


def test_fmt_fixes_exactly_what_the_validator_flags_and_is_idempotent(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _disorder(package_copy)
    flagged = {p.rule for p in validate(package_copy).problems}
    assert {"rows-unsorted", "not-canonical", "line-endings", "file-unreadable"} <= flagged
    assert main(["fmt", "--path", str(package_copy)]) == 0
    assert "4 files reformatted" in capsys.readouterr().out
    assert {p.rule for p in validate(package_copy).problems} & FORMAT_RULES == set()
    assert validate(package_copy).valid
    once = _snapshot(package_copy)
    assert main(["fmt", "--path", str(package_copy)]) == 0
    assert "0 files reformatted" in capsys.readouterr().out
    assert _snapshot(package_copy) == once


def test_fmt_restores_the_original_bytes(package: Path, package_copy: Path) -> None:
    """Reformatting loses nothing: the disordered files come back exactly as they were."""
    _disorder(package_copy)
    assert main(["fmt", "--path", str(package_copy)]) == 0
    assert _snapshot(package_copy) == _snapshot(package)


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ('covered an arms deal.",', "covered an arms deal.,", "csv-syntax"),
        ("visit_id,kind,", "visit,kind,", "header-mismatch"),
        ("hun-sen-visit-myanmar-2022,unspecified,", "hun-sen-visit-myanmar-2022,unspecified,,", "row-length"),
    ],
)
def test_a_file_that_cannot_be_read_whole_is_reported_and_left_untouched(
    package_copy: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, rule: str
) -> None:
    visits = package_copy / "datasets/visits.csv"
    line = replace_in(visits, old, new)
    # Disorder the same file too: fmt must still not touch it, since rewriting would lose the rows it cannot read.
    visits.write_text(visits.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = visits.read_bytes()
    assert main(["fmt", "--path", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "datasets/visits.csv: cannot be read whole, so it was left as it is" in out
    assert f"[{rule}]" in out and "fix: " in out
    if rule != "header-mismatch":
        assert f"datasets/visits.csv:{line}" in out
    assert visits.read_bytes() == before


def test_fmt_repairs_the_form_of_a_file_around_the_rows_it_cannot_parse(
    package: Path, package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A byte-order mark, CRLF, needless quotes and rows out of order are repaired although two rows hold
    values the model refuses; those rows are written back as they are, where they were."""
    visits = package_copy / "datasets/visits.csv"
    enum_line = replace_in(visits, ",goodwill-visit,", ",holiday,")
    date_line = replace_in(visits, "2023-09-06,2023-09-12", "2023-09-06,2023-09-31")
    header, *rows = visits.read_text(encoding="utf-8").rstrip("\n").split("\n")
    rows[3], rows[4] = rows[4], rows[3]  # two valid rows (lines 5 and 6) out of order
    rows[0] = '"' + rows[0].replace(",", '",', 1)  # the first cell quoted without need
    assert {enum_line, date_line}.isdisjoint({2, 5, 6})
    visits.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([header, *rows, ""]).encode("utf-8"))

    assert main(["fmt", "--check", "--path", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "datasets/visits.csv: not in canonical form (from line 1)" in out
    assert "datasets/visits.csv: its content has 2 problems, which fmt leaves as written for you to fix:" in out
    assert f"datasets/visits.csv:{enum_line} [kind]: error [field-enum]" in out
    assert f"datasets/visits.csv:{date_line} [end_date]: error [partial-date]" in out

    assert main(["fmt", "--path", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "datasets/visits.csv: reformatted\n" in out and "1 file reformatted, " in out
    assert "fix the problems reported above" in out
    fixed = visits.read_bytes()
    assert not fixed.startswith(b"\xef\xbb\xbf") and b"\r" not in fixed
    lines = fixed.decode("utf-8").split("\n")
    assert ",holiday," in lines[enum_line - 1] and "2023-09-31" in lines[date_line - 1]
    corrected = fixed.replace(b",holiday,", b",goodwill-visit,").replace(b"2023-09-31", b"2023-09-12")
    assert corrected == (package / "datasets/visits.csv").read_bytes()


def test_a_row_the_model_refuses_keeps_its_place_and_none_is_lost(package: Path, package_copy: Path) -> None:
    visits = package_copy / "datasets/visits.csv"
    replace_in(visits, ",goodwill-visit,", ",holiday,")
    header, *rows = visits.read_text(encoding="utf-8").rstrip("\n").split("\n")
    refused = next(row for row in rows if ",holiday," in row)
    others = [row for row in rows if row != refused]
    visits.write_text("\n".join([header, *reversed(others), refused, ""]), encoding="utf-8")

    outcome = compare(package_copy, TABLES["visits"])
    assert outcome.state is State.NOT_CANONICAL
    assert [(p.rule, p.line) for p in outcome.problems] == [("field-enum", len(rows) + 1)]
    rewrite(package_copy, outcome)
    assert visits.read_text(encoding="utf-8").split("\n") == [header, *others, refused, ""]

    replace_in(visits, ",holiday,", ",goodwill-visit,")
    assert main(["fmt", "--path", str(package_copy)]) == 0
    assert visits.read_bytes() == (package / "datasets/visits.csv").read_bytes()


def test_a_file_that_is_not_utf8_is_never_rewritten(package_copy: Path) -> None:
    sources = package_copy / "datasets/sources.csv"
    sources.write_bytes(sources.read_bytes().replace(b"Published on", b"Publish\xe9d on", 1))
    before = sources.read_bytes()
    outcome = next(o for o in compare_all(package_copy) if o.table.name == "sources")
    assert outcome.state is State.UNREADABLE
    assert [p.rule for p in outcome.problems] == ["file-unreadable"]
    assert main(["fmt", "--path", str(package_copy)]) == 1
    assert sources.read_bytes() == before


def test_fmt_refuses_a_folder_without_a_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", "--path", str(tmp_path)]) == 2
    assert "no datapackage.json" in capsys.readouterr().err


@pytest.mark.parametrize("table", [t for t in TABLES.values() if not t.retirements], ids=lambda t: t.name)
def test_every_table_comes_back_byte_for_byte_from_reversed_rows_and_crlf(
    package: Path, package_copy: Path, table: Table
) -> None:
    path = package_copy / table.path
    header, *rows = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_bytes(("\r\n".join([header, *reversed(rows)]) + "\r\n").encode("utf-8"))
    outcome = compare(package_copy, table)
    assert outcome.state is State.NOT_CANONICAL  # CRLF alone makes every file differ
    rewrite(package_copy, outcome)
    assert path.read_bytes() == (package / table.path).read_bytes()


def _unsorted_visits(root: Path) -> Path:
    """The fixture's visits file with its first two rows swapped, so that fmt has something to rewrite."""
    path = root / "datasets" / "visits.csv"
    header, first, second, *rest = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([header, second, first, *rest]), encoding="utf-8")
    return path


APPENDED = "zz-appended-visit,unspecified,hun-sen,,cambodia,MMR,,2022,,myanmar,,,,\n"


def test_fmt_never_overwrites_a_row_appended_after_it_read_the_file(package_copy: Path) -> None:
    from mydiplo.tools.fmt import ChangedMeanwhile

    path = _unsorted_visits(package_copy)
    outcome = compare(package_copy, TABLES["visits"])
    assert outcome.state is State.NOT_CANONICAL
    path.write_text(path.read_text(encoding="utf-8") + APPENDED, encoding="utf-8")  # another writer, meanwhile
    with pytest.raises(ChangedMeanwhile, match="datasets/visits.csv changed after it was read"):
        rewrite(package_copy, outcome)
    assert path.read_text(encoding="utf-8").endswith(APPENDED)


def test_a_file_that_changes_while_fmt_reads_it_is_left_as_it_is(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mydiplo.tools import fmt

    path = _unsorted_visits(package_copy)
    reading = fmt.read_table

    def read_while_appending(root: Path, table: Table):  # type: ignore[no-untyped-def]
        read = reading(root, table)
        if table.name == "visits":
            path.write_text(path.read_text(encoding="utf-8") + APPENDED, encoding="utf-8")
        return read

    monkeypatch.setattr(fmt, "read_table", read_while_appending)
    assert main(["fmt", "--path", str(package_copy)]) == 1
    assert "datasets/visits.csv: changed while fmt read it, so it was left as it is" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8").endswith(APPENDED)
