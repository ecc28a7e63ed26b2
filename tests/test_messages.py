"""The validator's messages say what to do: the ids an unknown id may mean, a date written year first, the
command that repairs a file's form, counts in words; and every report lists problems by file and line.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from conftest import replace_in

from mydiplo.cli import main
from mydiplo.nearest import COMPARED, Vocabulary
from mydiplo.plural import counted
from mydiplo.problems import MAX_PER_RULE
from mydiplo.validation import validate

PARTICIPANTS = "datasets/visit_participants.csv"
VISITS = "datasets/visits.csv"


def _problem(root: Path, rule: str, file: str) -> str:
    """The message of the one problem of ``rule`` in ``file``."""
    (found,) = [p.message for p in validate(root).problems if p.rule == rule and p.file == file]
    return found


# -- an unknown id names the nearest ids --------------------------------------------------------


def test_an_unknown_id_names_the_nearest_existing_ids(package_copy: Path) -> None:
    replace_in(package_copy / PARTICIPANTS, ",min-aung-hlaing,met", ",min-aung-hlang,met")
    assert _problem(package_copy, "foreign-key", PARTICIPANTS) == (
        "'min-aung-hlang' is not the actor_id of any row of actors; did you mean 'min-aung-hlaing'?"
    )


def test_an_id_like_none_names_none(package_copy: Path) -> None:
    replace_in(package_copy / PARTICIPANTS, ",min-aung-hlaing,met", ",xyzzy,met")
    assert _problem(package_copy, "foreign-key", PARTICIPANTS) == "'xyzzy' is not the actor_id of any row of actors"


def test_both_engines_name_the_same_nearest_ids(package_copy: Path) -> None:
    pytest.importorskip("polars")
    replace_in(package_copy / PARTICIPANTS, ",min-aung-hlaing,met", ",min-aung-hlang,met")
    replace_in(
        package_copy / "datasets/actors.csv", ",GBR,kings-college-london,", ",GBR,kings-college-londres,"
    )  # a reference within its own table, checked once every row is read
    default, fast = validate(package_copy, "default").problems, validate(package_copy, "fast").problems
    assert [p.message for p in fast] == [p.message for p in default]
    assert sum("did you mean" in p.message for p in default) == 2


def test_the_nearest_ids_are_looked_for_only_for_the_first_problems_of_a_file(package_copy: Path) -> None:
    """However many unknown ids a file holds, the search (some ten microseconds an id) runs a bounded number
    of times: the first problems of each file name the nearest ids, the others only the unknown id."""
    path = package_copy / PARTICIPANTS
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.split("\n") if ",min-aung-hlaing," in line)
    mistyped = [row.replace(",min-aung-hlaing,", f",min-aung-hlang-{n:02d},") for n in range(MAX_PER_RULE + 10)]
    path.write_text(text + "\n".join(mistyped) + "\n", encoding="utf-8")
    problems = [
        p for p in validate(package_copy, max_per_rule=0).problems if p.rule == "foreign-key" and p.file == PARTICIPANTS
    ]
    assert len(problems) == len(mistyped)
    named = [p.line for p in problems if "did you mean 'min-aung-hlaing'?" in p.message]
    assert named == [p.line for p in problems][:MAX_PER_RULE]


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("pesident-of-state-0421", "president-of-state-0421"), ("president-of-state-0421x", "president-of-state-0421")],
    ids=["typo at the start", "typo at the end"],
)
def test_among_many_ids_a_typo_at_either_end_is_found(typo: str, meant: str) -> None:
    ids = [f"{word}-of-state-{n:04d}" for word in ("president", "minister", "envoy") for n in range(1000)]
    ids += [f"{letter}{n}-agency" for letter in string.ascii_lowercase for n in range(100)]
    assert len(ids) > COMPARED
    assert Vocabulary(ids).nearest(typo)[0] == meant
    assert Vocabulary(reversed(ids)).nearest(typo) == Vocabulary(ids).nearest(typo)


# -- a date written with its year last -----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("28/12/2023", "write it year first: 2023-12-28"),
        ("28-12-2023", "write it year first: 2023-12-28"),
        ("28.12.2023", "write it year first: 2023-12-28"),
        ("05/06/2023", "write it year first: 2023-06-05 if 05 is the day, 2023-05-06 if it is the month"),
        ("12/2023", "write it year first: 2023-12"),
    ],
)
def test_a_date_written_with_its_year_last_says_how_to_write_it(package_copy: Path, written: str, told: str) -> None:
    replace_in(package_copy / VISITS, "2023-09-06,2023-09-12", f"2023-09-06,{written}")
    assert _problem(package_copy, "partial-date", VISITS) == f"{written!r} is written with the year last; {told}"


def test_a_year_last_text_that_is_no_date_gets_the_general_message(package_copy: Path) -> None:
    replace_in(package_copy / VISITS, "2023-09-06,2023-09-12", "2023-09-06,31/02/2023")
    assert "write YYYY, YYYY-MM or YYYY-MM-DD" in _problem(package_copy, "partial-date", VISITS)


# -- the form of a file: the hint names fmt, and fmt repairs it ----------------------------------


@pytest.mark.parametrize(
    ("rule", "spoil"),
    [
        ("file-unreadable", lambda data: b"\xef\xbb\xbf" + data),
        ("line-endings", lambda data: data.replace(b"\n", b"\r\n")),
    ],
    ids=["byte-order mark", "CRLF"],
)
def test_a_byte_order_mark_or_crlf_points_at_fmt_which_repairs_it(
    package_copy: Path, capsys: pytest.CaptureFixture[str], rule: str, spoil: object
) -> None:
    path = package_copy / VISITS
    path.write_bytes(spoil(path.read_bytes()))  # type: ignore[operator]
    (found,) = validate(package_copy).problems
    assert found.rule == rule and "Run `mydiplo fmt`" in found.hint
    assert main(["fmt", "--path", str(package_copy)]) == 0
    assert validate(package_copy).valid


# -- every report lists problems by file, then line ---------------------------------------------


def _interleaved(root: Path) -> list[int]:
    """Problems of two rules in one file, the rule first in the alphabet on the later line; their lines."""
    date = replace_in(root / VISITS, "Naypyidaw,2022-01-07,2022-01-08,", "Naypyidaw,2022-01-07,2022-01-32,")
    kind = replace_in(root / VISITS, ",goodwill-visit,", ",holiday,")
    assert date < kind  # and field-enum comes before partial-date in the alphabet
    return [date, kind]


@pytest.mark.parametrize("report_format", ["human", "json", "github"])
def test_every_report_format_lists_problems_by_file_then_line(
    package_copy: Path, capsys: pytest.CaptureFixture[str], report_format: str
) -> None:
    # partial-date on an earlier line than field-enum, and a file (actors.csv) before visits.csv
    lines = _interleaved(package_copy)
    actor = replace_in(
        package_copy / "datasets/actors.csv", ",GBR,kings-college-london,", ",GBR,kings-college-londres,"
    )
    assert main(["validate", "--path", str(package_copy), "--format", report_format]) == 1
    out = capsys.readouterr().out
    if report_format == "json":
        shown = [(p["file"], p["line"], p["rule"]) for p in json.loads(out)["problems"]]
    elif report_format == "github":
        shown = [
            (line.split("file=")[1].split(",")[0], int(line.split("line=")[1].split(",")[0]), line.split("title=")[1])
            for line in out.splitlines()
            if line.startswith("::error")
        ]
        shown = [(file, line, title.split("::")[0].split(" ")[0]) for file, line, title in shown]
    else:
        shown, file = [], ""
        for line in out.splitlines():
            if line.startswith("datasets/"):
                file = line
            elif line.startswith("  line "):
                shown.append((file, int(line.split()[1].rstrip(":,")), line.split("[")[1].split("]")[0]))
    assert shown == [
        ("datasets/actors.csv", actor, "foreign-key"),
        (VISITS, lines[0], "partial-date"),
        (VISITS, lines[1], "field-enum"),
    ]


# -- counts in words --------------------------------------------------------------------------


def test_counts_are_words_in_the_singular_for_one(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(package_copy / VISITS, ",goodwill-visit,", ",holiday,")
    assert main(["validate", "--path", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "election_results                       1 record\n" in out
    assert ", 1 error, 0 warnings" in out.splitlines()[-1]
    assert " 1 records" not in out and " 1 errors" not in out
    assert main(["export", "--path", str(package_copy), "--output", str(package_copy / "out")]) == 1
    assert "has 1 error; run `mydiplo validate --path" in capsys.readouterr().err
    assert [counted(n, "entry", "entries") for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]
