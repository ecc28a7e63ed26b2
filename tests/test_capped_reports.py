"""Repeats of one rule in one file are counted, not kept: a report's size, and the problems made, stay bounded.

Code test: runs on the frozen fixture package. A table of thousands of blank
lines stands for the two million of a broken export: the report keeps the
first problems whole and one problem counts the rest, in every format.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from mydiplo.cli import main
from mydiplo.problems import MAX_PER_RULE, Problem, ProblemLog, problem
from mydiplo.validation import validate

BLANK_LINES = 5_000
VISITS = "datasets/visits.csv"


def _blank_lines(root: Path, count: int = BLANK_LINES) -> list[int]:
    """Append ``count`` blank lines to the visits table; return their line numbers."""
    path = root / VISITS
    text = path.read_text(encoding="utf-8")
    first = text.count("\n") + 1
    path.write_text(text + "\n" * count, encoding="utf-8")
    return list(range(first, first + count))


def _runs(count: int) -> list[Problem]:
    return [problem("blank-row", VISITS, line) for line in range(2, 2 + count)]


# -- the log ---------------------------------------------------------------------------


def test_the_log_keeps_the_first_problems_by_place_whatever_order_they_come_in() -> None:
    found = _runs(100) + [problem("row-length", VISITS, 7, cells=1, columns=14)]
    logs = []
    for seed in range(3):
        random.Random(seed).shuffle(found)
        log = ProblemLog()
        log.extend(found)
        logs.append(log.problems())
    assert logs[0] == logs[1] == logs[2]
    blank = [p for p in logs[0] if p.rule == "blank-row"]
    assert [p.line for p in blank[:MAX_PER_RULE]] == list(range(2, 2 + MAX_PER_RULE))
    counted = blank[-1]
    assert (counted.count, counted.line, counted.field) == (100 - MAX_PER_RULE, 2 + MAX_PER_RULE, None)
    assert counted.message == f"and 80 more blank-row problems in {VISITS} (lines 22..101)"
    assert [p.rule for p in logs[0]].count("row-length") == 1


def test_a_count_stands_for_two_problems_or_more() -> None:
    log = ProblemLog(3)
    log.extend(_runs(4))
    assert [p.count for p in log] == [1, 1, 1, 1]  # one more than the cap is kept whole
    log.append(problem("blank-row", VISITS, 99))
    assert [(p.line, p.count) for p in log] == [(2, 1), (3, 1), (4, 1), (5, 2)]
    assert list(log)[-1].message.endswith("(lines 5..99)")


def test_a_log_of_no_cap_keeps_every_problem() -> None:
    log = ProblemLog(0)
    log.extend(_runs(500))
    assert len(log.problems()) == 500 and {p.count for p in log} == {1}
    with pytest.raises(ValueError, match="0 .keep all. or more"):
        ProblemLog(-1)


def test_adding_a_problem_that_is_only_counted_makes_none(problems_made: list[int]) -> None:
    log = ProblemLog()
    for line in range(2, 10_002):
        log.add("blank-row", VISITS, line)
    assert problems_made[0] == MAX_PER_RULE + 1
    assert sum(p.count for p in log) == 10_000


# -- the reports -------------------------------------------------------------------------


def test_thousands_of_blank_lines_make_a_short_report_with_their_count(
    package_copy: Path, problems_made: list[int]
) -> None:
    lines = _blank_lines(package_copy)
    report = validate(package_copy, "default")
    assert problems_made[0] <= 2 * MAX_PER_RULE  # the lines past the cap are counted without making a problem each
    assert [p.line for p in report.problems[:MAX_PER_RULE]] == lines[:MAX_PER_RULE]
    assert len(report.problems) == MAX_PER_RULE + 1
    counted = report.problems[-1]
    assert (counted.rule, counted.count, counted.line) == ("blank-row", BLANK_LINES - MAX_PER_RULE, lines[20])
    assert counted.message.endswith(f"(lines {lines[20]}..{lines[-1]})")
    assert report.error_count == BLANK_LINES and report.warning_count == 0 and not report.valid


def test_the_json_report_is_small_parses_and_carries_the_count(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _blank_lines(package_copy)
    assert main(["validate", "--path", str(package_copy), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert len(out.encode("utf-8")) < 16_000  # every problem whole would take some 1.3 MB
    document = json.loads(out)
    assert document["errors"] == BLANK_LINES == sum(p["count"] for p in document["problems"])
    assert [p["count"] for p in document["problems"]] == [1] * MAX_PER_RULE + [BLANK_LINES - MAX_PER_RULE]


@pytest.mark.parametrize("blank", [0, 3])
def test_the_streamed_json_is_laid_out_as_one_json_dump(
    blank: int, package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report is written a problem at a time, byte for byte as the document dumped whole used to be."""
    _blank_lines(package_copy, blank)
    main(["validate", "--path", str(package_copy), "--format", "json"])
    out = capsys.readouterr().out
    document = json.loads(out)
    assert len(document["problems"]) == blank
    assert out == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_every_problem_is_reported_when_asked(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _blank_lines(package_copy, 300)
    assert main(["validate", "--path", str(package_copy), "--format", "json", "--max-per-rule", "0"]) == 1
    assert [p["count"] for p in json.loads(capsys.readouterr().out)["problems"]] == [1] * 300
    with pytest.raises(SystemExit) as refused:
        main(["validate", "--path", str(package_copy), "--max-per-rule", "-1"])
    assert refused.value.code == 2
    assert "'-1' is not a whole number of 0 or more" in capsys.readouterr().err


def test_the_human_and_github_reports_say_how_many_more(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _blank_lines(package_copy)
    more = f"and {BLANK_LINES - MAX_PER_RULE} more blank-row problems in {VISITS} (lines {lines[20]}..{lines[-1]})"
    assert main(["validate", "--path", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert out.count("[blank-row]") == MAX_PER_RULE + 1 and more in out
    assert out.strip().splitlines()[-1].endswith(f" {BLANK_LINES} errors, 0 warnings")
    assert main(["validate", "--path", str(package_copy), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.count("::error ") == MAX_PER_RULE + 1
    assert f"::error file=datasets/visits.csv,line={lines[20]},title=blank-row::{more}" in out
