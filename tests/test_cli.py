"""``mydiplo validate`` reports records per table and the verdict, and locates every error.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import replace_in

from mydiplo.cli import main
from mydiplo.files import locate
from mydiplo.validation import validate


def test_validate_reports_records_per_table_and_the_verdict(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--path", str(package)]) == 0
    out = capsys.readouterr().out
    assert "visits" in out and "records" in out
    assert out.strip().splitlines()[-1].startswith("valid: ")


def test_validate_reports_each_error_with_its_place(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    date_line = replace_in(package_copy / "datasets/visits.csv", "2023-09-06,2023-09-12", "2023-09-06,2023-09-31")
    ref_line = replace_in(
        package_copy / "datasets/visit_participants.csv", ",min-aung-hlaing,met", ",no-such-actor,met"
    )
    assert main(["validate", "--path", str(package_copy), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = {(p["file"], p["line"], p["field"], p["rule"]) for p in report["problems"]}
    assert ("datasets/visits.csv", date_line, "end_date", "partial-date") in found
    assert ("datasets/visit_participants.csv", ref_line, "actor_id", "foreign-key") in found
    assert report["valid"] is False and report["errors"] == len(report["problems"])
    assert all(p["hint"] for p in report["problems"])


def test_validate_human_format_groups_by_file(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = replace_in(package_copy / "datasets/visits.csv", ",goodwill-visit,", ",holiday,")
    assert main(["validate", "--path", str(package_copy / "datapackage.json")]) == 1
    out = capsys.readouterr().out
    assert "datasets/visits.csv\n" in out
    assert f"line {line}, kind: error [field-enum]" in out
    assert "fix: " in out
    assert out.strip().splitlines()[-1].startswith("invalid: ")


def test_uncited_record_and_source(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = package_copy / "datasets/honour_citations.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n", encoding="utf-8")
    assert main(["validate", "--path", str(package_copy), "--format", "json"]) == 1
    rules = {p["rule"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert "uncited-record" in rules


def test_missing_package_is_unusable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--path", str(tmp_path)]) == 2
    assert "no datapackage.json" in capsys.readouterr().err


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text("{}", encoding="utf-8")
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "visits.csv").write_bytes(b"\xff\xfe\x00garbage")
    result = subprocess.run(
        [sys.executable, "-m", "mydiplo", "validate", "--path", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "file-missing" in result.stdout and "file-unreadable" in result.stdout


def test_no_command_prints_help() -> None:
    assert main([]) == 2


def test_commands_without_a_path_check_the_package_you_stand_in(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A contributor runs ``mydiplo validate`` in their clone, whatever copy of the code is installed."""
    line = replace_in(package_copy / "datasets/visits.csv", ",goodwill-visit,", ",holiday,")
    monkeypatch.chdir(package_copy / "datasets")
    assert main(["validate"]) == 1
    assert f"line {line}, kind: error [field-enum]" in capsys.readouterr().out
    (package_copy / "datasets/actors.csv").write_bytes(
        (package_copy / "datasets/actors.csv").read_bytes().replace(b"\n", b"\r\n")
    )
    assert main(["fmt", "--check"]) == 1
    out = capsys.readouterr().out
    assert "datasets/actors.csv: not in canonical form (from line 1)" in out
    assert "datasets/visits.csv: its content has 1 problem" in out


def test_a_data_package_of_another_name_is_not_taken_for_mydiplo(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Standing in another data package, the command falls back to the checkout's package (here the fixture)."""
    monkeypatch.setattr(locate, "checkout_root", lambda: package)
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datapackage.json").write_text('{"name": "another-package", "resources": []}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    records = sum(validate(package).counts.values())
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith(f"valid: {records} records in ")
