"""Atomic writing of binary files: build under a temporary name, then rename over the target.

An interrupted export (a crash, Ctrl-C, a full disk) leaves the previous file
whole, never half a database. Text files use :func:`mydiplo.csvio.write_atomic`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..csvio import readable_mode


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
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal"), temporary.with_name(temporary.name + "-journal")):
            leftover.unlink(missing_ok=True)
