"""Opening a table's CSV file: file-level checks first, then a text stream that is never read whole.

The checks (the file exists, is UTF-8, has no byte-order mark, ends lines
with LF) run over a memory map of the bytes, so a large file costs no more
memory than a small one; the rows are then streamed from the file.
"""

from __future__ import annotations

import codecs
import mmap
import stat
from collections.abc import Generator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TextIO

from ..problems import ProblemLog

_BOM = codecs.BOM_UTF8
_BLOCK = 1 << 22


@dataclass(frozen=True)
class TableFile:
    """A CSV file that passed the checks that make it readable, and how to read it."""

    path: Path
    encoding: str
    newline: str | None

    def open(self) -> TextIO:
        """A text stream of the file, ready for ``csv.reader``."""
        return self.path.open(encoding=self.encoding, newline=self.newline)

    def lines_from(self, start: int) -> Generator[str, None, None]:
        """The file's physical lines from line ``start`` (1-based) on, for the rare re-reads."""
        with self.open() as file:
            yield from islice(file, start - 1, None)


def _line_at(data: mmap.mmap | bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


MAX_TABLE_BYTES = 1 << 32
"""The largest table file read (4 GiB, some forty million rows): a larger one is refused, not read into memory."""


def regular_file(root: Path, name: str, problems: ProblemLog) -> tuple[Path, int] | None:
    """The file ``name`` of the package under ``root`` and its size, when it is a regular file inside the
    package and not too large; else None, with the problem added.

    A pull request can put a link to ``/dev/zero`` or to a file elsewhere, or a named pipe, at a table's
    path: reading those would never end, exhaust memory, or read what is not part of the package.
    """
    path = root / name
    try:
        target = path.resolve(strict=True)
        if not target.is_relative_to(root.resolve()):
            problems.add("file-not-regular", name, variant="outside", target=target)
            return None
        status = target.stat()
    except FileNotFoundError:
        problems.add("file-missing", name)
        return None
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links
        problems.add("file-unreadable", name, reason=getattr(error, "strerror", None) or error)
        return None
    if not stat.S_ISREG(status.st_mode):
        problems.add("file-not-regular", name)
        return None
    if status.st_size > MAX_TABLE_BYTES:
        problems.add("file-not-regular", name, variant="too-large", size=status.st_size, limit=MAX_TABLE_BYTES)
        return None
    return target, status.st_size


def open_table(root: Path, name: str, problems: ProblemLog) -> TableFile | None:
    """Check the table file ``name`` of the package under ``root``; return how to read it, or None (with the
    problem added) when it cannot be (see :func:`regular_file` for what is never read)."""
    found = regular_file(root, name, problems)
    if found is None:
        return None
    target, size = found
    if size == 0:
        return TableFile(target, "utf-8", "")
    try:
        with target.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _checked(target, name, data, size, problems)
    except OSError as error:
        problems.add("file-unreadable", name, reason=error.strerror or error)
    return None


def _checked(path: Path, name: str, data: mmap.mmap, size: int, problems: ProblemLog) -> TableFile | None:
    has_bom = data[:3] == _BOM
    if has_bom:
        problems.add("file-unreadable", name, 1, variant="bom")
    decoder = codecs.getincrementaldecoder("utf-8")()
    for offset in range(0, size, _BLOCK):
        try:
            decoder.decode(data[offset : offset + _BLOCK], final=offset + _BLOCK >= size)
        except UnicodeDecodeError as error:
            at = offset + error.start
            problems.add(
                "file-unreadable", name, _line_at(data, at), variant="encoding", offset=at, reason=error.reason
            )
            return None
    carriage = data.find(b"\r")
    if carriage != -1:
        problems.add("line-endings", name, _line_at(data, carriage))
    return TableFile(path, "utf-8-sig" if has_bom else "utf-8", None if carriage != -1 else "")
