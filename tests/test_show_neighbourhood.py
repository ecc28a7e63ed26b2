"""``mydiplo show`` reads only a record's neighbourhood, and prints from it what it prints from the whole package.

Code test: runs on the frozen fixture package (and copies of it), never on the shipped data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import replace_in

import mydiplo
from mydiplo.analysis import neighbourhood as reading
from mydiplo.analysis.neighbourhood import neighbourhood
from mydiplo.analysis.show import UnknownRecordError, render
from mydiplo.cli import main
from mydiplo.dataset import Dataset, InvalidPackageError
from mydiplo.files import mentions
from mydiplo.registry import RECORD_TABLES
from mydiplo.validation import validate


def _every_id(dataset: Dataset) -> list[str]:
    """Every current and retired id of the dataset."""
    current = [getattr(r, t.id_field) for t in RECORD_TABLES for r in dataset.table(t.name)]  # type: ignore[arg-type]
    return current + [r.retired_id for r in dataset.retired_ids]


@pytest.fixture(scope="module")
def whole(package: Path) -> Dataset:
    return mydiplo.load(package)


@pytest.mark.parametrize("searched", [mentions.SEARCHED, 0, 10_000], ids=["default", "parsed", "searched"])
def test_every_record_reads_as_from_the_whole_package(
    package: Path, whole: Dataset, searched: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of finding rows (searching the bytes, parsing the file) give every page as the whole does."""
    monkeypatch.setattr(mentions, "SEARCHED", searched)
    for record_id in _every_id(whole):
        try:
            expected = render(whole, record_id)
        except UnknownRecordError as error:  # a withdrawn id
            with pytest.raises(UnknownRecordError, match=re.escape(str(error))):
                render(neighbourhood(package, record_id), record_id)
            continue
        assert render(neighbourhood(package, record_id), record_id) == expected, record_id


def test_the_neighbourhood_is_a_small_part_of_the_package(package: Path, whole: Dataset) -> None:
    near = neighbourhood(package, "lukashenko-visit-myanmar-2025")
    assert 0 < sum(near.counts().values()) < sum(whole.counts().values()) / 4
    assert len(near.visits) < len(whole.visits)


def _noted(package: Path, note: str) -> None:
    """Give every participant without a note ``note``, as a CSV cell."""
    path = package / "datasets/visit_participants.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    noted = [line[:-1] + note + "\n" if i and line.endswith(",\n") else line for i, line in enumerate(lines)]
    path.write_text("".join(noted), "utf-8")


def test_quoted_cells_holding_commas_quotes_and_the_id_read_as_from_the_whole(package_copy: Path) -> None:
    visit = "lukashenko-visit-myanmar-2025"
    before = render(mydiplo.load(package_copy), visit)
    _noted(package_copy, f'"Named, with ""{visit}"", in a quote"')
    whole = mydiplo.load(package_copy)
    assert render(neighbourhood(package_copy, visit), visit) == render(whole, visit) != before


def test_a_row_spanning_lines_is_read_whole_and_reported_at_its_first_line(package_copy: Path) -> None:
    """A line break inside a quoted cell, with the id on the line after it, is one broken row, not two."""
    visit = "lukashenko-visit-myanmar-2025"
    _noted(package_copy, f'"First line, then\n{visit}\nand a ""quote"""')
    with pytest.raises(InvalidPackageError) as raised:
        neighbourhood(package_copy, visit)
    found = {(p.rule, p.file, p.line) for p in raised.value.problems}
    expected = {(p.rule, p.file, p.line) for p in validate(package_copy).errors if p.rule == "text-hygiene"}
    assert found and found <= expected


def test_a_retired_id_shows_its_successor_with_the_note(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "old-sco-record", "--path", str(package)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("old-sco-record was retired in 0.2.0 and is now myanmar-sco-dialogue-partner")


def test_an_unknown_id_names_the_closest_ids(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "hun-sen-visit-myanmar-2023", "--path", str(package)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mydiplo: no record has the id 'hun-sen-visit-myanmar-2023'; did you mean hun-sen-visit")
    assert "Traceback" not in err and err.count("\n") == 1


def _break_lukashenko_visit(package: Path) -> None:
    """Give Lukashenko's visit a kind no visit has."""
    replace_in(
        package / "datasets/visits.csv", ",goodwill-visit,alexander-lukashenko,", ",holiday,alexander-lukashenko,"
    )


def test_a_broken_row_among_those_read_fails_naming_its_place(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(
        package_copy / "datasets/visits.csv", ",goodwill-visit,alexander-lukashenko,", ",holiday,alexander-lukashenko,"
    )
    assert main(["show", "alexander-lukashenko", "--path", str(package_copy)]) == 1
    err = capsys.readouterr().err
    assert "the rows show reads for alexander-lukashenko have 1 error:" in err
    assert "datasets/visits.csv:" in err and "[field-enum]" in err and "mydiplo validate --path" in err
    assert "Traceback" not in err


def test_a_broken_row_elsewhere_is_left_to_validate(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(
        package_copy / "datasets/visits.csv", ",goodwill-visit,alexander-lukashenko,", ",holiday,alexander-lukashenko,"
    )
    assert main(["show", "hun-sen-visit-myanmar-2022", "--path", str(package_copy)]) == 0
    with pytest.raises(InvalidPackageError):
        mydiplo.load(package_copy)


def test_a_name_that_leads_nowhere_is_reported_as_the_validator_does(package_copy: Path) -> None:
    replace_in(package_copy / "datasets/visit_participants.csv", "prak-sokhonn", "prak-sokhon")
    with pytest.raises(InvalidPackageError) as raised:
        neighbourhood(package_copy, "hun-sen-visit-myanmar-2022")
    [problem] = raised.value.problems
    assert (problem.rule, problem.file, problem.field) == ("foreign-key", "datasets/visit_participants.csv", "actor_id")


def test_a_missing_table_file_is_reported(package_copy: Path) -> None:
    (package_copy / "datasets/actor_names.csv").unlink()
    with pytest.raises(InvalidPackageError) as raised:
        neighbourhood(package_copy, "min-aung-hlaing")
    assert [p.rule for p in raised.value.problems] == ["file-missing"]


def test_rounds_stop_when_no_record_is_new(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each table file is opened once, however many rounds read it."""
    opened: list[str] = []
    real = reading.open_table
    monkeypatch.setattr(reading, "open_table", lambda root, name, log: opened.append(name) or real(root, name, log))
    neighbourhood(package, "min-aung-hlaing")
    assert len(opened) == len(set(opened))
