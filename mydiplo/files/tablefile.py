"""Opening a table's CSV file: file-level checks first, then a text stream that is never read whole.

The checks (the file exists, is UTF-8, has no byte-order mark, ends lines
with LF) run over a memory map of the bytes, so a large file costs no more
memory than a small one; the rows are then streamed from the file.
"""

from __future__ import annotations

import codecs
import mmap
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TextIO

from ..problems import Problem, problem

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

    def lines_from(self, start: int) -> Iterator[str]:
        """The file's physical lines from line ``start`` (1-based) on, for the rare re-reads."""
        with self.open() as file:
            yield from islice(file, start - 1, None)


def _line_at(data: mmap.mmap | bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def open_table(path: Path, name: str, problems: list[Problem]) -> TableFile | None:
    """Check a table file's bytes; return how to read it, or None (with the problem added) when it cannot be."""
    try:
        size = path.stat().st_size
        if size == 0:
            return TableFile(path, "utf-8", "")
        with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _checked(path, name, data, size, problems)
    except FileNotFoundError:
        problems.append(problem("file-missing", name))
    except OSError as error:
        problems.append(problem("file-unreadable", name, reason=error.strerror or error))
    return None


def _checked(path: Path, name: str, data: mmap.mmap, size: int, problems: list[Problem]) -> TableFile | None:
    has_bom = data[:3] == _BOM
    if has_bom:
        problems.append(problem("file-unreadable", name, 1, variant="bom"))
    decoder = codecs.getincrementaldecoder("utf-8")()
    for offset in range(0, size, _BLOCK):
        try:
            decoder.decode(data[offset : offset + _BLOCK], final=offset + _BLOCK >= size)
        except UnicodeDecodeError as error:
            at = offset + error.start
            problems.append(
                problem("file-unreadable", name, _line_at(data, at), variant="encoding", offset=at, reason=error.reason)
            )
            return None
    carriage = data.find(b"\r")
    if carriage != -1:
        problems.append(problem("line-endings", name, _line_at(data, carriage)))
    return TableFile(path, "utf-8-sig" if has_bom else "utf-8", None if carriage != -1 else "")
