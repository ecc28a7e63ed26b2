"""One command line: every command takes the package as ``--path``, finds a checkout from where the user
stands whatever kind of install runs it, and says on stderr which package it used.

Code test: runs on the frozen fixture package (with the checkout's docs and release files where a checkout
is needed), never on the shipped data.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mydiplo import about
from mydiplo.cli import main
from mydiplo.files import locate

VERSION = about.DATA_VERSION
PYPROJECT = '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "mydiplo"\ndynamic = ["version"]\n'


def _used(package: Path) -> str:
    return f"mydiplo: used the data package at {package} (data {VERSION})\n"


@pytest.fixture()
def checkout_copy(release_root: Path) -> Path:
    """A clone as a contributor has it: the fixture package, the release files, the docs and a pyproject.toml."""
    (release_root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    return release_root


@pytest.fixture()
def installed_elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """mydiplo runs from a wheel installed in site-packages, not from a checkout."""
    site = tmp_path / "site-packages" / "mydiplo"
    site.mkdir(parents=True)
    monkeypatch.setattr(locate, "_PACKAGE_DIR", site)
    assert locate.checkout_root() is None


@pytest.fixture()
def outside_any_package(
    package: Path, tmp_path: Path, installed_elsewhere: None, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The user stands in a folder that lies in no package, and mydiplo's installed data is the fixture's;
    returns that folder."""
    monkeypatch.setattr(locate, "installed_root", lambda: package)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- one way to name the package ------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["fmt", "--check"],
        ["show", "belarus"],
        ["query", "SELECT count(*) AS visits FROM visits"],
        ["add", "--dry-run", "{entries}"],
    ],
    ids=lambda command: command[0],
)
def test_every_command_takes_the_package_as_path(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    entries = tmp_path / "entries.json"
    entries.write_text("{}", encoding="utf-8")
    arguments = [str(entries) if part == "{entries}" else part for part in command]
    assert main([*arguments, "--path", str(package / "datapackage.json")]) == 0
    assert capsys.readouterr().err == _used(package)


def test_export_generate_and_build_take_the_package_as_path(
    checkout_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--path", str(checkout_copy), "--format", "csv", "--output", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == _used(checkout_copy)
    assert main(["generate", "--check", "--path", str(checkout_copy)]) == 0
    assert capsys.readouterr().err == f"mydiplo: used the checkout at {checkout_copy} (data {VERSION})\n"
    assert main(["build", "--path", str(checkout_copy), "--output", str(tmp_path / "dist")]) == 0
    assert capsys.readouterr().err == f"mydiplo: used the checkout at {checkout_copy} (data {VERSION})\n"
    assert (tmp_path / "dist" / "SHA256SUMS").is_file()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["validate", "{package}"], "mydiplo validate --path {package}"),
        (["fmt", "--check", "{package}"], "mydiplo fmt --path {package}"),
        (["generate", "--check", "--root", "{package}"], "mydiplo generate --path {package}"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else "",
)
def test_the_older_forms_still_work_and_say_what_to_write_instead(
    checkout_copy: Path, capsys: pytest.CaptureFixture[str], old: list[str], new: str
) -> None:
    assert main([part.format(package=checkout_copy) for part in old]) == 0
    err = capsys.readouterr().err
    assert f"is deprecated and will be removed in the next release; write `{new.format(package=checkout_copy)}`" in err
    assert err.endswith(f" at {checkout_copy} (data {VERSION})\n")


def test_build_still_takes_root(checkout_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(checkout_copy), "--output", str(tmp_path / "dist")]) == 0
    assert "`mydiplo build --root DIR` is deprecated" in capsys.readouterr().err
    assert (tmp_path / "dist" / "SHA256SUMS").is_file()


def test_two_packages_at_once_are_refused(package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path), "--path", str(package)]) == 2
    assert (
        capsys.readouterr().err
        == f"mydiplo: two packages given, {tmp_path} and --path {package}; give one, with --path\n"
    )


# -- a checkout found from where the user stands ---------------------------------------------------


def test_generate_and_build_work_in_the_checkout_you_stand_in_whatever_the_install(
    checkout_copy: Path,
    tmp_path: Path,
    installed_elsewhere: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (checkout_copy / "docs" / "validation-rules.md").unlink()
    monkeypatch.chdir(checkout_copy / "datasets")
    assert main(["generate"]) == 0
    out, err = capsys.readouterr()
    assert out == "wrote docs/validation-rules.md\n"
    assert err == f"mydiplo: used the checkout at {checkout_copy} (data {VERSION})\n"
    assert (checkout_copy / "docs" / "validation-rules.md").is_file()
    assert main(["generate", "--check"]) == 0
    capsys.readouterr()
    assert main(["build", "--output", str(tmp_path / "dist")]) == 0
    assert capsys.readouterr().err == f"mydiplo: used the checkout at {checkout_copy} (data {VERSION})\n"
    assert (tmp_path / "dist" / "SHA256SUMS").is_file()


def test_a_folder_without_the_project_markers_is_no_checkout(
    checkout_copy: Path, installed_elsewhere: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (checkout_copy / "pyproject.toml").write_text(PYPROJECT.replace('"mydiplo"', '"another"'), encoding="utf-8")
    monkeypatch.chdir(checkout_copy)
    assert main(["generate", "--check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mydiplo: generate works in a checkout of mydiplo (a folder with its pyproject.toml and ")
    assert f"and {checkout_copy} lies in none; run it in one or give it with --path\n" in err


# -- each command says which package it used ---------------------------------------------------


def test_query_as_csv_writes_only_csv_to_stdout(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT visit_id, start_date FROM visits ORDER BY visit_id"
    assert main(["query", sql, "--format", "csv", "--path", str(package)]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["visit_id", "start_date"] and len(rows) > 5
    assert all(len(row) == 2 for row in rows) and "mydiplo" not in rows[0][0]
    assert err == _used(package)


def test_validate_outside_any_package_names_the_installed_copy(
    package: Path, outside_any_package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().err == (
        f"mydiplo: used the data installed with mydiplo at {package} (data {VERSION}): "
        f"{outside_any_package} lies in no mydiplo data package\n"
    )


def test_validate_outside_any_package_names_the_checkout_it_runs_from(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(locate, "checkout_root", lambda: package)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().err == (
        f"mydiplo: used the data package at {package} (data {VERSION}), the checkout mydiplo runs from: "
        f"{tmp_path} lies in no mydiplo data package\n"
    )


@pytest.mark.parametrize("command", [["fmt"], ["add", "entries.toml"]], ids=lambda command: command[0])
def test_fmt_and_add_never_rewrite_the_installed_data(
    outside_any_package: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main(command) == 2
    assert capsys.readouterr().err == (
        f"mydiplo: {command[0]} rewrites the files of a checkout, and {outside_any_package} lies in none; run it "
        "in one or give the data package with --path\n"
    )
