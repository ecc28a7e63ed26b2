"""``mydiplo diff`` reports records, not lines: added, removed, changed field by field; it refuses unretired removals.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import replace_in

from mydiplo.cli import main
from mydiplo.tools.diff import Change, Level, compare

VISIT = "myanmar-election-commission-visit-russia-2023"


def _copy(package: Path, name: str) -> Path:
    target = package.parent / name
    shutil.copytree(package, target)
    return target


def _lines_without(path: Path, anchor: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(line for line in lines if anchor not in line), encoding="utf-8")


def _json_diff(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["diff", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_identical_packages_have_no_change(
    package_copy: Path, package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(package), str(package_copy)]) == 0
    assert capsys.readouterr().out.strip().endswith("no change to the data")


def test_a_changed_cell_is_reported_as_its_field_old_and_new(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = _copy(package_copy, "new")
    replace_in(new / "datasets/visits.csv", "2023-09-06,2023-09-12", "2023-09-06,2023-09-13")
    code, report = _json_diff(capsys, str(package_copy), str(new))
    assert code == 0
    assert report["tables"] == [
        {
            "table": "visits",
            "presence": None,
            "added_columns": [],
            "removed_columns": [],
            "records": [
                {
                    "change": "changed",
                    "key": {"visit_id": VISIT},
                    "fields": [{"field": "end_date", "old": "2023-09-12", "new": "2023-09-13"}],
                }
            ],
        }
    ]
    assert main(["diff", str(package_copy), str(new)]) == 0
    out = capsys.readouterr().out
    assert f"  changed {VISIT}\n    end_date: 2023-09-12 -> 2023-09-13\n" in out
    assert "1 table changed; records: 0 added, 0 removed, 1 changed\nrelease level: patch (values corrected)\n" in out


def test_markdown_is_a_table_for_a_pull_request(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _copy(package_copy, "new")
    replace_in(new / "datasets/visits.csv", "2023-09-06,2023-09-12", "2023-09-06,2023-09-13")
    replace_in(new / "datasets/actor_names.csv", "min-aung-hlaing,Aung Hlaing,", "min-aung-hlaing,Aung | Hlaing,")
    assert main(["diff", str(package_copy), str(new), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"## Data changes: `{package_copy}` → `{new}`")
    assert "### `visits`: 1 changed" in out
    assert f"| changed | `{VISIT}` | `end_date` | 2023-09-12 | 2023-09-13 |" in out
    # A key change is a removal plus an addition; a pipe in a value is escaped so the table holds.
    assert "### `actor_names`: 1 added, 1 removed" in out
    assert "Aung \\| Hlaing" in out


def test_a_change_of_form_only_is_no_change_of_data(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _copy(package_copy, "new")
    replace_in(
        new / "datasets/election_phases.csv", "myanmar-general-election-2025,2,", "myanmar-general-election-2025,02,"
    )
    replace_in(new / "datasets/election_results.csv", ",alexander-lukashenko,true,", ',alexander-lukashenko,"True",')
    actors = new / "datasets/actors.csv"
    header, first, second, *rest = actors.read_text(encoding="utf-8").split("\n")
    actors.write_text("\n".join([header, second, first, *rest]), encoding="utf-8")
    code, report = _json_diff(capsys, str(package_copy), str(new))
    assert (code, report["tables"]) == (0, [])


def test_an_added_record_lists_its_values(package_copy: Path) -> None:
    new = _copy(package_copy, "new")
    replace_in(new / "datasets/agreement_subjects.csv", "\n", "\nzzz-agreement,energy\n")  # after the header: a new row
    diff = compare(package_copy, new)
    [table] = diff.tables
    assert table.table.name == "agreement_subjects"
    [change] = table.changes
    assert change.change is Change.ADDED and change.label == "agreement_id=zzz-agreement, subject=energy"
    assert diff.level == (Level.MINOR, "records added")


def test_changes_are_listed_in_key_order_with_numbers_by_value(package_copy: Path) -> None:
    new = _copy(package_copy, "new")
    phases = new / "datasets/election_phases.csv"
    phases.write_text(
        phases.read_text(encoding="utf-8")
        + "myanmar-general-election-2025,10,2026-03,\nmyanmar-general-election-2025,9,2026-03,\n",
        encoding="utf-8",
    )
    [table] = compare(package_copy, new).tables
    assert [dict(c.key)["phase"] for c in table.changes] == ["9", "10"]


def test_removed_ids_call_for_a_major_release_and_removed_links_for_a_patch(package_copy: Path) -> None:
    new = _copy(package_copy, "new")
    _lines_without(new / "datasets/agreement_subjects.csv", "lukashenko-pledge-election-observers-2025,elections")
    assert compare(package_copy, new).level == (Level.PATCH, "rows removed")
    _lines_without(new / "datasets/honours.csv", "min-aung-hlaing-honorary-professorship-2021")
    assert compare(package_copy, new).level == (Level.MAJOR, "records removed, their ids retired")
    assert compare(package_copy, package_copy).level == (Level.NONE, "no change")


def test_a_table_that_comes_or_goes_is_reported_as_such(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = package_copy / "datasets/retired_ids.csv"
    register.write_text(
        register.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8"
    )  # empty: no retired id is dropped
    new = _copy(package_copy, "new")
    (new / "datasets/retired_ids.csv").unlink()
    code, report = _json_diff(capsys, str(package_copy), str(new))
    assert code == 0
    assert [(t["table"], t["presence"]) for t in report["tables"]] == [("retired_ids", "removed")]
    assert report["release_level"] == {"level": "major", "reason": "a table removed"}
    code, report = _json_diff(capsys, str(new), str(package_copy))
    assert (code, report["release_level"]) == (0, {"level": "minor", "reason": "a table added"})


def test_removing_a_record_without_retiring_its_id_is_refused(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = _copy(package_copy, "new")
    _lines_without(new / "datasets/honours.csv", "min-aung-hlaing-honorary-professorship-2021")
    _lines_without(new / "datasets/honour_citations.csv", "min-aung-hlaing-honorary-professorship-2021")
    code, report = _json_diff(capsys, str(package_copy), str(new))
    assert code == 1
    assert [(p["rule"], p["file"], p["field"]) for p in report["problems"]] == [
        ("unrecorded-removal", "datasets/honours.csv", "honour_id")
    ]
    assert main(["diff", str(package_copy), str(new), "--format", "markdown"]) == 1
    assert "> [!CAUTION]" in capsys.readouterr().out
    # Retiring the id in the register makes the same removal acceptable.
    register = new / "datasets/retired_ids.csv"
    register.write_text(
        register.read_text(encoding="utf-8") + "min-aung-hlaing-honorary-professorship-2021,,0.2.0,Withdrawn.\n",
        encoding="utf-8",
    )
    code, report = _json_diff(capsys, str(package_copy), str(new))
    assert (code, report["problems"]) == (0, [])
    removed = [r for t in report["tables"] for r in t["records"] if r["change"] == "removed"]
    assert {r["key"].get("honour_id") or r["key"]["record_id"] for r in removed} == {
        "min-aung-hlaing-honorary-professorship-2021"
    }


def test_an_id_cannot_be_taken_out_of_the_register(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = package_copy / "datasets/retired_ids.csv"
    register.write_text(register.read_text(encoding="utf-8") + "old-record,,0.2.0,Withdrawn.\n", encoding="utf-8")
    new = _copy(package_copy, "new")
    _lines_without(new / "datasets/retired_ids.csv", "old-record")
    code, report = _json_diff(capsys, str(package_copy), str(new))
    assert code == 1
    assert [(p["rule"], p["file"]) for p in report["problems"]] == [("retired-id", "datasets/retired_ids.csv")]


def test_removing_a_duplicated_row_keeps_its_id_and_is_not_refused(package_copy: Path) -> None:
    visits = package_copy / "datasets/visits.csv"
    row = next(line for line in visits.read_text(encoding="utf-8").splitlines() if line.startswith(VISIT))
    new = _copy(package_copy, "new")
    visits.write_text(visits.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    diff = compare(package_copy, new)
    assert [(c.change, c.label) for t in diff.tables for c in t.changes] == [
        (Change.REMOVED, f"visit_id={VISIT}, occurrence=2")
    ]
    assert diff.problems == ()


def _git(repository: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=repository, check=True, capture_output=True, text=True).stdout


def test_two_git_revisions_are_compared_without_touching_the_work_tree(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repository = package_copy
    _git(repository, "init", "-q", "-b", "main")
    _git(repository, "add", "-A")
    _git(repository, "commit", "-q", "-m", "data")
    replace_in(repository / "datasets/visits.csv", "2023-09-06,2023-09-12", "2023-09-06,2023-09-13")
    _git(repository, "commit", "-q", "-am", "correct a date")
    replace_in(repository / "datasets/visits.csv", "2023-09-06,2023-09-13", "2023-09-06,2023-09-14")  # uncommitted
    monkeypatch.chdir(repository)
    assert main(["diff", "HEAD~1", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "end_date: 2023-09-12 -> 2023-09-13" in out
    assert out.startswith("from HEAD~1 (") and "to HEAD (" in out
    assert main(["diff", "HEAD", "."]) == 0
    assert "end_date: 2023-09-13 -> 2023-09-14" in capsys.readouterr().out
    assert _git(repository, "status", "--porcelain") == " M datasets/visits.csv\n"


def test_a_branch_only_the_remote_has_is_named_in_the_error(
    package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _git(package_copy, "init", "-q", "-b", "main")
    _git(package_copy, "add", "-A")
    _git(package_copy, "commit", "-q", "-m", "data")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--origin", "origin", str(package_copy), str(clone)], check=True)
    _git(clone, "checkout", "-q", "-b", "my-fix")
    _git(clone, "branch", "-q", "-D", "main")
    monkeypatch.chdir(clone)
    assert main(["diff", "main", "."]) == 2
    assert "(this clone has it as origin/main)" in capsys.readouterr().err
    assert main(["diff", "origin/main", "."]) == 0


def test_an_unknown_version_is_unusable_input(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(package_copy)
    assert main(["diff", "no-such-revision", "."]) == 2
    assert "neither a data package folder nor a git revision" in capsys.readouterr().err


@pytest.mark.parametrize("target", ["/etc/passwd", "countries.csv", "../.."])
def test_a_revision_holding_a_link_is_refused_in_one_line(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    _git(package_copy, "init", "-q", "-b", "main")
    _git(package_copy, "add", "-A")
    _git(package_copy, "commit", "-q", "-m", "data")
    link = package_copy / "datasets/actors.csv"
    link.unlink()
    link.symlink_to(target)
    _git(package_copy, "commit", "-q", "-am", "a link instead of a table")
    monkeypatch.chdir(package_copy)
    assert main(["diff", "HEAD~1", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mydiplo: revision ") and err.count("\n") == 1
    assert err.endswith(
        "cannot be compared: its datasets/actors.csv is a link, not a file; a data package holds its files themselves\n"
    )
