"""Atomic writing: build a file under a temporary name beside its target, then rename it over the target.

An interrupted write (a crash, Ctrl-C, a full disk) leaves the previous file
whole, never half a table or half a database. Every writer of the project
goes through :func:`replacing`: text and bytes by :func:`write_atomic`,
SQLite, DuckDB and Parquet by handing their own writer the temporary path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a fresh temporary path beside ``path``; on success rename it to ``path``, on failure delete it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    temporary.unlink()  # the writers (SQLite, DuckDB, pyarrow) create the file themselves
    try:
        yield temporary
        os.chmod(temporary, readable_mode())
        os.replace(temporary, path)
    finally:
        for leftover in (
            temporary,
            temporary.with_name(temporary.name + ".wal"),
            temporary.with_name(temporary.name + "-journal"),
        ):
            leftover.unlink(missing_ok=True)


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
