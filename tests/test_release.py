"""Versions, citation and ``mydiplo build``: the same checkout gives the same bytes, and only a valid one is released.

Code test: releases the frozen fixture package with the checkout's docs and release files; the citation
and changelog checks read the checkout.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import replace_in

import mydiplo
from mydiplo import about
from mydiplo.cli import main
from mydiplo.registry import TABLES
from mydiplo.tools.release import archive_name
from mydiplo.validation import validate

ARCHIVE = archive_name(about.DATA_VERSION)
TOP = f"mydiplo-data-{about.DATA_VERSION}"
RELEASE = {
    ARCHIVE,
    f"mydiplo-{about.DATA_VERSION}.sqlite",
    *(f"mydiplo-{name}-{about.DATA_VERSION}.zip" for name in ("csv", "json", "jsonl", "network", "parquet")),
}


def _build(root: Path, output: Path) -> int:
    return main(["build", "--path", str(root), "--output", str(output)])


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_two_builds_give_the_same_bytes_whatever_the_file_times(release_root: Path, tmp_path: Path) -> None:
    assert _build(release_root, tmp_path / "first") == 0
    for number, path in enumerate(sorted(release_root.rglob("*"))):
        os.utime(path, (1_000_000_000 + number, 1_000_000_000 + number))
    assert _build(release_root, tmp_path / "second") == 0
    first, second = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert set(first) == RELEASE | {"SHA256SUMS"}
    assert first == second


def test_the_archive_is_a_valid_data_package_with_fixed_metadata(release_root: Path, tmp_path: Path) -> None:
    assert _build(release_root, tmp_path / "dist") == 0
    with zipfile.ZipFile(tmp_path / "dist" / ARCHIVE) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in infos)
        assert all(info.external_attr >> 16 == 0o100644 for info in infos)
        assert {name.split("/", 1)[0] for name in names} == {TOP}
        for table in TABLES.values():
            assert archive.read(f"{TOP}/{table.path}") == (release_root / table.path).read_bytes()
        readme = archive.read(f"{TOP}/README.md").decode("utf-8")
        archive.extractall(tmp_path / "unpacked")
    for name in (
        "CITATION.cff",
        "LICENSE-DATA.md",
        "CHANGELOG.md",
        "data-dictionary.md",
        "schema/jsonschema/visits.json",
    ):
        assert f"{TOP}/{name}" in names
    assert f"Data version {about.DATA_VERSION}." in readme and "CC BY 4.0" in readme
    assert validate(tmp_path / "unpacked" / TOP).valid


def test_checksums_are_those_of_the_files(release_root: Path, tmp_path: Path) -> None:
    assert _build(release_root, tmp_path) == 0
    lines = (tmp_path / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert lines == [
        f"{hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()}  {name}" for name in sorted(RELEASE)
    ]


def test_the_exports_are_released_whole(release_root: Path, tmp_path: Path) -> None:
    assert _build(release_root, tmp_path) == 0
    ds = mydiplo.load(release_root)
    with sqlite3.connect(tmp_path / f"mydiplo-{about.DATA_VERSION}.sqlite") as database:
        for table in TABLES.values():
            assert database.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] == len(ds.table(table.name))
    with zipfile.ZipFile(tmp_path / f"mydiplo-json-{about.DATA_VERSION}.zip") as archive:
        top = f"mydiplo-json-{about.DATA_VERSION}"
        visits = json.loads(archive.read(f"{top}/visits.json"))
        assert len(visits["records"]) == len(ds.visits)


def test_a_missing_export_package_writes_nothing(
    release_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if the parquet extra were not installed
    assert _build(release_root, tmp_path / "dist") == 1
    assert "pip install 'mydiplo[parquet]'" in capsys.readouterr().err
    assert not (tmp_path / "dist").exists()


def test_a_read_only_output_folder_is_named_in_one_line(
    release_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output, real = tmp_path / "dist", tempfile.mkstemp

    def refuse(*args: object, **kwargs: Any) -> tuple[int, str]:
        if Path(kwargs["dir"]) == output:  # the exports are made elsewhere first; only the release folder refuses
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(output))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert _build(release_root, output) == 2
    assert (
        capsys.readouterr().err
        == f"mydiplo: cannot write {output / f'mydiplo-{about.DATA_VERSION}.sqlite'}: Permission denied\n"
    )


def test_an_invalid_package_is_not_released(
    release_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(release_root / "datasets/visits.csv", "2023-09-06,2023-09-12", "2023-09-06,2023-09-31")
    assert _build(release_root, tmp_path / "dist") == 1
    err = capsys.readouterr().err
    assert "no release built" in err and "[partial-date]" in err
    assert not (tmp_path / "dist").exists()


def test_a_citation_of_another_version_is_not_released(
    release_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(release_root / "CITATION.cff", f"version: {about.DATA_VERSION}", "version: 9.9.9")
    assert _build(release_root, tmp_path / "dist") == 1
    assert "CITATION.cff gives version 9.9.9" in capsys.readouterr().err


def test_citation_cff_is_valid_cff_1_2(checkout: Path) -> None:
    schema = json.loads((checkout / "tests/data/cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((checkout / "CITATION.cff").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [error.message for error in validator.iter_errors(citation)] == []
    assert citation["cff-version"] == "1.2.0"
    broken = {**citation, "authors": [{"nam": "typo"}]}
    assert list(validator.iter_errors(broken)), "the schema must be able to fail"


def test_citation_describes_the_data_package(checkout: Path) -> None:
    citation = yaml.safe_load((checkout / "CITATION.cff").read_text(encoding="utf-8"))
    descriptor = json.loads((checkout / "datapackage.json").read_text(encoding="utf-8"))
    assert str(citation["version"]) == descriptor["version"] == about.DATA_VERSION
    assert citation["title"] == descriptor["title"]
    assert citation["license"] == descriptor["licenses"][0]["name"]
    assert citation["type"] == "dataset"
    assert "doi" not in citation and "identifiers" not in citation  # none has been minted


def test_changelog_has_a_section_for_the_data_version(checkout: Path) -> None:
    assert f"### Data {about.DATA_VERSION}" in (checkout / "CHANGELOG.md").read_text(encoding="utf-8")
