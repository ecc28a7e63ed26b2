"""Atomic writing: build a file under a temporary name beside its target, then rename it over the target.

An interrupted write (a crash, Ctrl-C, a full disk) leaves the previous file
whole, never half a table or half a database. Every writer of the project
goes through :func:`replacing`: text and bytes by :func:`write_atomic`,
SQLite, DuckDB and Parquet by handing their own writer the temporary path.
A failure of the operating system while writing is raised as a
:class:`WriteError` naming the file asked for, never the temporary one.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

STALE_AFTER = 3600.0
"""Seconds after its last change that a temporary file of ours counts as left behind by a killed process.

A writer changes its temporary file as it writes and renames it when done,
and an error or Ctrl-C deletes it (see :func:`replacing`); only a process
killed outright (``kill -9``, the out-of-memory killer, a power cut) leaves
one. A younger one may belong to another export writing into the same
folder at this moment, so it is left alone: an hour is far longer than any
export goes without writing, and short enough not to hoard the disk.
"""


class WriteError(OSError):
    """A file could not be written; ``filename`` is the file asked for and ``strerror`` the system's reason."""

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


def _write_error(path: Path, error: OSError, reason: str | None = None) -> WriteError:
    if isinstance(error, WriteError):
        return error
    return WriteError(error.errno, reason or error.strerror or str(error), str(path))


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a fresh temporary path beside ``path``; on success rename it to ``path``, on failure delete it.

    Temporary files of ``path`` left by a killed run are deleted first (see
    :data:`STALE_AFTER`). Raises :class:`WriteError` when the operating
    system refuses (a read-only folder, a full disk), also from the writer.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _write_error(path, error, f"its folder cannot be made ({error.strerror or error})") from error
    _remove_stale(path)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        temporary = Path(name)
        temporary.unlink()  # the writers (SQLite, DuckDB, pyarrow) create the file themselves
    except OSError as error:
        raise _write_error(path, error) from error
    try:
        yield temporary
        os.chmod(temporary, readable_mode())
        os.replace(temporary, path)
    except OSError as error:
        raise _write_error(path, error) from error
    finally:
        for leftover in _companions(temporary):
            with suppress(OSError):  # cleaning up must not hide why the write failed
                leftover.unlink(missing_ok=True)


_JOURNALS = ("-journal", ".wal")
"""What SQLite (its rollback journal) and DuckDB (its write-ahead log) add to a database file's name."""


def _companions(temporary: Path) -> tuple[Path, ...]:
    """The temporary file and the journals its writer may keep beside it."""
    return (temporary, *(temporary.with_name(temporary.name + end) for end in _JOURNALS))


def _stale_pattern(path: Path) -> re.Pattern[str]:
    """The names :func:`replacing` gives the temporary files of ``path``: ``mkstemp``'s eight random
    characters between our prefix and suffix, and the journals beside them; nothing else matches."""
    journals = "|".join(map(re.escape, _JOURNALS))
    return re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp(?:{journals})?")


def _remove_stale(path: Path) -> None:
    """Delete the temporary files of ``path`` that a killed run left beside it.

    Only regular files named as :func:`replacing` names them for this very
    target and unchanged for :data:`STALE_AFTER` seconds are removed; a
    file that cannot be removed is left (the write that follows reports
    the folder's trouble, if any).
    """
    pattern, limit = _stale_pattern(path), time.time() - STALE_AFTER
    with suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name):
                with suppress(OSError):
                    status = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(status.st_mode) and status.st_mtime < limit:
                        os.unlink(entry.path)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, or bytes) to ``path`` so that a crash never leaves half a file."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with replacing(path) as temporary:
        temporary.write_bytes(data)


def readable_mode() -> int:
    """The mode a new file gets under the current umask (``mkstemp`` alone would leave it private to its owner)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
