"""The columnar engine reports exactly what the default engine reports, and falls back where it must.

Code test: runs on the frozen fixture package, never on the shipped data.

Both engines run on every broken package of the corpus, on random
mutations of the data, and on a synthetic package large enough to span
several of the default engine's chunks; their problem lists and row counts
must be identical.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import sys
from pathlib import Path

import pytest
from conftest import copy_package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_broken_packages import CASES
from test_properties import MUTATIONS, mutated_copy

from mydiplo import validation
from mydiplo.cli import main
from mydiplo.files.rows import CHUNK_ROWS
from mydiplo.problems import MAX_PER_RULE
from mydiplo.registry import TABLES
from mydiplo.validation import EngineUnavailable, Report, validate
from mydiplo.validation.engine import Validator

pl = pytest.importorskip("polars")
from mydiplo.validation.columnar import ColumnarValidator, exact_frame

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import make_package


def _assert_same(root: Path) -> Report:
    default, fast = validate(root, "default"), validate(root, "fast")
    assert fast.problems == default.problems
    assert fast.counts == default.counts
    return default


@pytest.mark.parametrize("name", list(CASES))
def test_both_engines_report_the_same_problems_on_each_broken_package(name: str, package_copy: Path) -> None:
    CASES[name](package_copy)
    assert _assert_same(package_copy).problems, f"{name}: the case reports nothing"


def test_both_engines_agree_on_the_fixture_package(package: Path) -> None:
    report = _assert_same(package)
    assert report.valid and sum(report.counts.values()) > 100


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(**MUTATIONS)
def test_both_engines_agree_on_any_mutation(file: str, position: float, noise: str, delete: int) -> None:
    with mutated_copy(file, position, noise, delete) as root:
        _assert_same(root)


@pytest.fixture(scope="module")
def large_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package whose big tables span several chunks of the default engine, with errors of every kind of check."""
    root = tmp_path_factory.mktemp("large") / "package"
    make_package(root, 5 * CHUNK_ROWS + 40_000, errors=40)  # visits, a fifth of the rows, span two chunks
    visits = root / TABLES["visits"].path
    rows = list(csv.reader(visits.open(encoding="utf-8", newline="")))
    rows[5][7] = "2021-13-01"  # an invalid row ...
    rows[6][0] = rows[5][0]  # ... whose id a valid row repeats, in the same chunk
    rows[CHUNK_ROWS + 3][0] = rows[CHUNK_ROWS - 2][0]  # a duplicate across a chunk boundary, out of order
    rows[40][2] = "source-0000001"  # a reference to a record of the wrong table
    with visits.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    return root


def test_both_engines_agree_on_a_package_of_several_chunks(large_package: Path) -> None:
    report = _assert_same(large_package)
    rules = {p.rule for p in report.problems}
    assert {"country-code", "partial-date", "foreign-key", "field-pattern", "duplicate-key", "rows-unsorted"} <= rules
    assert sum(report.counts.values()) > 3 * CHUNK_ROWS


def test_both_engines_keep_and_count_the_same_problems_when_capped(large_package: Path, tmp_path: Path) -> None:
    """Each engine finds problems in its own order: the default one a chunk at a time, each reference column
    in turn, the columnar one a column at a time. A capped report keeps the first by place, so both keep
    the same ones and count the same rest."""
    root = copy_package(large_package, tmp_path / "package")
    visits = root / TABLES["visits"].path
    rows = list(csv.reader(visits.open(encoding="utf-8", newline="")))
    # Broken references in two columns (with the fixture's on line 41): the default engine finds lines 11, 41
    # and 21 first, the columnar one 11, 41 and 20011 (its traveller column whole before its host column).
    for row, column in ((10, 2), (20, 9), (CHUNK_ROWS + 10, 2), (CHUNK_ROWS + 11, 2)):
        rows[row][column] = f"no-such-actor-{row}"
    with visits.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    default, fast = validate(root, "default", 2), validate(root, "fast", 2)
    assert fast.problems == default.problems
    references = [p for p in default.problems if p.file == TABLES["visits"].path and p.rule == "foreign-key"]
    found = [(p.line, p.field, p.count) for p in references]
    assert found == [(11, "traveller_id", 1), (21, "host_id", 1), (41, None, 3)]
    assert any(p.count > 2 for p in default.problems)
    every = validate(root, "default", 0)
    assert sum(p.count for p in default.problems) == len(every.problems)
    assert (default.error_count, default.warning_count) == (every.error_count, every.warning_count)


@pytest.mark.parametrize("engine", ["default", "fast"])
def test_thousands_of_blank_lines_are_counted_alike_without_a_problem_each(
    engine: str, package_copy: Path, problems_made: list[int]
) -> None:
    visits = package_copy / TABLES["visits"].path
    visits.write_text(visits.read_text(encoding="utf-8") + "\n" * 5_000, encoding="utf-8")
    report = _assert_same(package_copy)
    assert [(p.rule, p.count) for p in report.problems] == [("blank-row", 1)] * MAX_PER_RULE + [("blank-row", 4_980)]
    before = problems_made[0]
    validate(package_copy, engine)
    assert problems_made[0] - before <= 2 * MAX_PER_RULE


def test_a_header_of_many_columns_is_one_problem_in_both_engines(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A header of 200,000 columns is read once, by the csv module, and reported once with its width."""
    visits = package_copy / TABLES["visits"].path
    rows = visits.read_text(encoding="utf-8").split("\n", 1)[1]
    visits.write_text(",".join(f"c{i}" for i in range(200_000)) + "\n" + rows, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("polars parsed a header that is not the table's")

    with monkeypatch.context() as patched:
        patched.setattr(pl, "read_csv", refuse)
        assert exact_frame(visits, TABLES["visits"].fields) is None
    monkeypatch.setattr(validation, "FAST_BYTES", 1)  # auto takes the columnar engine
    report = _assert_same(package_copy)
    assert validate(package_copy, "auto").problems == report.problems
    header = [p for p in report.problems if p.rule == "header-mismatch"]
    assert [(p.file, p.line) for p in header] == [(TABLES["visits"].path, 1)]
    assert header[0].message.endswith(f": {len(TABLES['visits'].fields)} columns, not the 200000 of line 1")
    assert len(report.problems) < 60 and report.counts["visits"] == 0


MALFORMED = {
    "short row": b"a,b\n1,2\n3\n",
    "blank line": b"a,b\n1,2\n\n3,4\n",
    "line break in a quoted cell": b'a,b\n"x\ny",2\n3,4\n',
    "unterminated quote": b'a,b\n1,"2\n3,4\n',
    "text after a closing quote": b'a,b\n1,"x"y\n',
    "extra cell": b"a,b\n1,2,3\n",
    "byte-order mark": b"\xef\xbb\xbfa,b\n1,2\n",
    "CRLF": b"a,b\r\n1,2\r\n",
    "empty file": b"",
    "latin-1 byte": b"a,b\n1,n\xe9t\n",
    "latin-1 byte in the header": b"a,b\xe9\n1,2\n",
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_files_polars_reads_otherwise_than_the_csv_module_fall_back(name: str, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(MALFORMED[name])
    assert exact_frame(path, ("a", "b")) is None


@settings(max_examples=300, deadline=None)
@given(body=st.text(st.sampled_from(["a", "b", ",", '"', "\n", " ", "\r", "é"]), max_size=40))
def test_what_polars_reads_is_what_the_csv_module_reads(body: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whenever the columnar engine keeps polars' reading of a file, the csv module reads the same rows and lines."""
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(("x,y\n" + body).encode("utf-8"))
    frame = exact_frame(path, ("x", "y"))
    if frame is None:
        return
    reader = csv.reader(io.StringIO("x,y\n" + body, newline=""), strict=True)
    next(reader)
    rows, start = [], 2
    for row in reader:
        rows.append((start, *row))
        start = reader.line_num + 1
    assert frame.rows() == rows


def test_polars_alone_would_misread_a_short_row(tmp_path: Path) -> None:
    """The fallback is needed: polars pads a short row where the csv module sees a row of the wrong length."""
    assert pl.read_csv(MALFORMED["short row"], infer_schema=False).height == 2


def test_well_formed_files_are_read_by_polars_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b'a,b\n1,"x, ""y"""\n2,\n')
    frame = exact_frame(path, ("a", "b"))
    assert frame is not None
    assert frame.rows() == [(2, "1", 'x, "y"'), (3, "2", "")]


def test_each_table_is_read_by_polars_as_by_the_csv_module(package: Path) -> None:
    for table in TABLES.values():
        frame = exact_frame(package / table.path, table.fields)
        assert frame is not None, table.path
        with (package / table.path).open(encoding="utf-8", newline="") as file:
            rows = [tuple(row) for row in csv.reader(file)][1:]
        assert frame.drop("__line").rows() == rows


def test_auto_picks_the_columnar_engine_only_for_large_packages(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert type(validation._validator(package, "auto")) is Validator
    monkeypatch.setattr(validation, "FAST_BYTES", 1)
    assert type(validation._validator(package, "auto")) is ColumnarValidator
    monkeypatch.setenv("MYDIPLO_ENGINE", "default")
    assert validate(package).valid


def test_without_the_extra_the_default_engine_runs(
    package: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(validation, "find_spec", lambda name: None)
    monkeypatch.setattr(validation, "FAST_BYTES", 1)
    assert type(validation._validator(package, "auto")) is Validator
    assert validate(package).valid
    with pytest.raises(EngineUnavailable, match=r"pip install 'mydiplo\[fast\]'"):
        validate(package, "fast")
    assert main(["validate", "--path", str(package), "--engine", "fast"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "mydiplo[fast]" in error


def test_polars_older_than_2_counts_as_missing(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "1.31.0")
    monkeypatch.setattr(validation, "FAST_BYTES", 1)
    assert type(validation._validator(package, "auto")) is Validator
    with pytest.raises(EngineUnavailable, match="polars 2 or newer"):
        validate(package, "fast")


@pytest.mark.parametrize("engine", ["default", "fast"])
def test_a_note_naming_the_other_record_tells_look_alikes_apart(engine: str, package_copy: Path) -> None:
    """The likely-duplicate rule's fix says to tell two events apart in a note: naming the other one's id does."""
    visits = package_copy / "datasets" / "visits.csv"
    twin = "kim-jong-un-visit-russia-2023-again,unspecified,kim-jong-un,,north-korea,RUS,,2023-09,,russia,,,,"
    text = visits.read_text(encoding="utf-8")
    anchor = next(line for line in text.split("\n") if line.startswith("kim-jong-un-visit-russia-2023,"))
    visits.write_text(text.replace(anchor, f"{anchor}\n{twin}"), encoding="utf-8")

    def look_alikes() -> list[str]:
        rules = [p.rule for p in validate(package_copy, engine).problems]
        assert set(rules) <= {"likely-duplicate", "uncited-record"}, rules  # the twin's row is read whole
        return [rule for rule in rules if rule == "likely-duplicate"]

    assert look_alikes() == ["likely-duplicate"]
    told_apart = twin + "A second trip; not kim-jong-un-visit-russia-2023."
    visits.write_text(visits.read_text(encoding="utf-8").replace(twin, told_apart), encoding="utf-8")
    assert look_alikes() == []
    vague = twin + "Perhaps another trip."
    visits.write_text(visits.read_text(encoding="utf-8").replace(told_apart, vague), encoding="utf-8")
    assert look_alikes() == ["likely-duplicate"]
