"""What the operating system refuses (a read-only folder, a full disk) is one line naming the file, exit 2; killed
exports leave nothing behind for long; input nested too deeply for the parsers is bad input, not an internal error.

Code test: runs on the frozen fixture package, never on the shipped data. The refusals are simulated where
they happen (tests may run as root, whom a read-only folder does not stop).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from mydiplo.cli import main
from mydiplo.dataset import InvalidPackageError, load
from mydiplo.export import write_exports
from mydiplo.files.atomic import STALE_AFTER, WriteError
from mydiplo.files.locate import working_root
from mydiplo.tools.add import EntryError, read_entries

DEEP = "[" * 100_000 + "]" * 100_000
"""A JSON value nested far deeper than Python's parsers recurse."""


def _read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make creating a file in ``folder`` fail as a read-only folder does, for every user."""
    real = tempfile.mkstemp

    def refuse(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if Path(kwargs["dir"]) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder / "x.tmp"))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" not in err, err
    return err.rstrip("\n")


def test_export_into_a_read_only_folder_names_the_file(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _read_only(monkeypatch, tmp_path)
    assert main(["export", "--path", str(package), "--output", str(tmp_path)]) == 2
    assert _one_line(capsys) == f"mydiplo: cannot write {tmp_path / 'mydiplo.sqlite'}: Permission denied"


def test_fmt_into_a_read_only_folder_names_the_file(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    visits = package_copy / "datasets/visits.csv"
    header, first, second, *rest = visits.read_text(encoding="utf-8").split("\n")
    visits.write_text("\n".join([header, second, first, *rest]), encoding="utf-8")
    _read_only(monkeypatch, visits.parent)
    assert main(["fmt", "--path", str(package_copy)]) == 2
    assert _one_line(capsys) == f"mydiplo: cannot write {visits}: Permission denied"


def test_generate_into_a_read_only_folder_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _read_only(monkeypatch, tmp_path)
    assert main(["generate", "--path", str(tmp_path)]) == 2
    assert _one_line(capsys) == f"mydiplo: cannot write {tmp_path / 'datapackage.json'}: Permission denied"


def test_a_full_disk_names_the_file_and_leaves_no_temporary(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", full)
    assert main(["export", "--format", "csv", "--path", str(package), "--output", str(tmp_path)]) == 2
    assert _one_line(capsys) == f"mydiplo: cannot write {tmp_path / 'csv/sources.csv'}: No space left on device"
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


class _FullDatabase(sqlite3.Connection):
    """A database that fills up after a few pages, whose ROLLBACK then fails as it does when SQLite has
    already rolled the transaction back itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.execute("PRAGMA max_page_count = 8")

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "ROLLBACK":
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")
        return super().execute(sql, *args)


def test_a_full_disk_under_sqlite_is_reported_not_hidden_by_the_rollback(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda path: real(path, factory=_FullDatabase))
    dataset = load(package)
    with pytest.raises(WriteError) as raised:
        write_exports(dataset, ["sqlite"], tmp_path)
    assert raised.value.errno == errno.ENOSPC
    assert str(raised.value) == f"cannot write {tmp_path / 'mydiplo.sqlite'}: database or disk is full"
    assert main(["export", "--path", str(package), "--output", str(tmp_path)]) == 2
    assert _one_line(capsys) == f"mydiplo: cannot write {tmp_path / 'mydiplo.sqlite'}: database or disk is full"
    assert not any(tmp_path.iterdir())


def test_a_full_disk_under_duckdb_names_the_file(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    duckdb = pytest.importorskip("duckdb")
    from mydiplo.export import duckdb_format

    def full(connection: Any, tables: Any) -> None:
        raise duckdb.IOException('IO Error: Could not write file "x": No space left on device')

    monkeypatch.setattr(duckdb_format, "fill_duckdb", full)
    with pytest.raises(WriteError, match=r"^cannot write .*mydiplo\.duckdb: IO Error: .*No space left on device$"):
        write_exports(load(package), ["duckdb"], tmp_path)
    assert not any(tmp_path.iterdir())


def test_an_output_folder_that_is_a_file_is_named(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    output.write_text("not a folder\n")
    assert main(["export", "--path", str(package), "--output", str(output)]) == 2
    assert _one_line(capsys) == (
        f"mydiplo: cannot write {output / 'mydiplo.sqlite'}: its folder cannot be made (File exists)"
    )


def test_any_other_refusal_of_the_system_names_its_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mydiplo.cli

    def refused(args: object) -> int:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/some/file.csv")

    monkeypatch.setattr(mydiplo.cli, "_show", refused)
    assert main(["show", "anything"]) == 2
    assert _one_line(capsys) == "mydiplo: cannot access /some/file.csv: Permission denied"


# -- what killed exports leave ----------------------------------------------------------


def _aged(path: Path, seconds: float) -> Path:
    path.write_bytes(b"partial")
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_temporaries_a_killed_export_left_are_removed_on_the_next_run(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = STALE_AFTER + 60
    left = [
        _aged(tmp_path / ".mydiplo.sqlite.k1ll3d_x.tmp", old),
        _aged(tmp_path / ".mydiplo.sqlite.k1ll3d_x.tmp-journal", old),
        _aged(tmp_path / ".mydiplo.sqlite.0ther_ab.tmp.wal", old),
    ]
    kept = [
        _aged(tmp_path / ".mydiplo.sqlite.wr1t1ng_.tmp", 5),  # another export may be writing it now
        _aged(tmp_path / ".mydiplo.duckdb.k1ll3d_x.tmp", old),  # another target's
        _aged(tmp_path / ".mydiplo.sqlite.k1ll3d_x.tmp.bak", old),  # not a name we give
        _aged(tmp_path / ".mydiplo.sqlite.short.tmp", old),
        _aged(tmp_path / "mydiplo.sqlite.k1ll3d_x.tmp", old),
        _aged(tmp_path / "notes.txt", old),
    ]
    (tmp_path / ".mydiplo.sqlite.d1rectry.tmp").mkdir()
    os.utime(tmp_path / ".mydiplo.sqlite.d1rectry.tmp", (time.time() - old, time.time() - old))
    assert main(["export", "--path", str(package), "--output", str(tmp_path)]) == 0
    assert not [path for path in left if path.exists()]
    assert all(path.exists() for path in kept) and (tmp_path / ".mydiplo.sqlite.d1rectry.tmp").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.name for p in kept] + [".mydiplo.sqlite.d1rectry.tmp", "mydiplo.sqlite"]
    )


# -- input nested too deeply ------------------------------------------------------------


def test_a_descriptor_nested_too_deeply_is_a_validation_problem(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (package_copy / "datapackage.json").write_text(DEEP, encoding="utf-8")
    assert main(["validate", "--path", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "[descriptor-mismatch] the file is not readable JSON: arrays or objects nested too deeply to read" in out
    with pytest.raises(InvalidPackageError) as raised:
        load(package_copy)
    assert [p.rule for p in raised.value.problems] == ["descriptor-mismatch"]
    assert working_root(package_copy) is None  # not taken for mydiplo's package, and no crash


@pytest.mark.parametrize("descriptor", [f'{{"deep": {DEEP}, "version": "9.9.9"}}', "[1]"])
def test_a_descriptor_nested_too_deeply_or_not_an_object_is_compared_as_unreadable(
    package: Path, package_copy: Path, capsys: pytest.CaptureFixture[str], descriptor: str
) -> None:
    (package_copy / "datapackage.json").write_text(descriptor, encoding="utf-8")
    assert main(["diff", str(package), str(package_copy)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"from {package} (data 0.3.0) to {package_copy} (data unreadable)")


@pytest.mark.parametrize(("suffix", "text"), [(".json", DEEP), (".toml", f"a = {DEEP}")])
def test_an_entry_file_nested_too_deeply_is_refused(tmp_path: Path, suffix: str, text: str) -> None:
    entries = tmp_path / f"entries{suffix}"
    entries.write_text(text, encoding="utf-8")
    with pytest.raises(EntryError, match="nested too deeply to read"):
        read_entries(entries)
