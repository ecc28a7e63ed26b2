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

from ..problems import Problem

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
        problems.append(Problem("file-missing", "the file does not exist", name))
    except OSError as error:
        problems.append(Problem("file-unreadable", f"the file cannot be read: {error.strerror or error}", name))
    return None


def _checked(path: Path, name: str, data: mmap.mmap, size: int, problems: list[Problem]) -> TableFile | None:
    has_bom = data[:3] == _BOM
    if has_bom:
        problems.append(Problem("file-unreadable", "the file starts with a byte-order mark (BOM)", name, 1))
    decoder = codecs.getincrementaldecoder("utf-8")()
    for offset in range(0, size, _BLOCK):
        try:
            decoder.decode(data[offset : offset + _BLOCK], final=offset + _BLOCK >= size)
        except UnicodeDecodeError as error:
            at = offset + error.start
            problems.append(Problem("file-unreadable", f"byte {at} is not UTF-8 ({error.reason})", name, _line_at(data, at)))
            return None
    carriage = data.find(b"\r")
    if carriage != -1:
        problems.append(Problem("line-endings", "the file has CR or CRLF line endings", name, _line_at(data, carriage)))
    return TableFile(path, "utf-8-sig" if has_bom else "utf-8", None if carriage != -1 else "")
