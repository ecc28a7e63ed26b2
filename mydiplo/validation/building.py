"""Records of the rows the fast checks accepted, built without pydantic checking each cell again.

A row that passed every compiled check of :mod:`.cells` and the model's row
rules is valid and written in canonical form, so the model would accept it
and take each cell at its plain meaning: text as written, a vocabulary's
member, a whole or decimal number, a flag, a partial date, and for an empty
cell the field's default. :func:`mydiplo.load` keeps a record of every such
row, and asking the model to build each one spends most of ``load()``'s time
checking again what the pass has just checked.

So a :class:`RecordBuilder` converts each distinct cell of a column once per
chunk and builds the records directly, as pydantic's ``model_construct``
does, without its loop over the fields in Python. The records are equal to
those ``model_validate`` builds, with the same fields set (tested over the
shipped data and the fixture package). Equal cells of a chunk share one value
(one string, one partial date), which keeps the memory of many records small,
as values repeat heavily; records with the same cells filled share one set
of the fields set, which frozen records never change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from itertools import repeat
from typing import Any

from ..generate.schemas import Column, columns
from ..models.base import Record
from ..models.dates import PartialDate
from ..registry import Table
from .cells import partial_date

Convert = Callable[[str], Any]
"""What the model makes of one canonical, valid, non-empty cell of a column."""


def _converter(column: Column) -> Convert | None:
    """How a column's accepted cells become values; None for text, which the model keeps as written."""
    kind = column.python_type
    if column.enum is not None:
        return {member.value: member for member in column.enum}.__getitem__
    if kind is bool:
        return {"true": True, "false": False}.__getitem__
    if kind in (int, Decimal):
        return kind
    if kind is PartialDate:
        return partial_date
    return None


class RecordBuilder:
    """Builds the records of one table's accepted rows, given column by column."""

    def __init__(self, table: Table) -> None:
        model = table.model
        self.model = model
        self.fields = table.fields
        self.converters = [_converter(column) for column in columns(model)]
        self.defaults = [model.model_fields[name].default for name in table.fields]
        """Each field's default, what an empty cell becomes (never asked of a required field: its empty
        cell is refused by the fast checks)."""

    def records(self, cells: Sequence[Sequence[str]]) -> list[Record]:
        """The records of rows that passed the fast checks, given as one sequence of cells per column."""
        values: list[Sequence[Any]] = []
        holes: list[int] = []
        for position, (column, convert, default) in enumerate(zip(cells, self.converters, self.defaults)):
            distinct = set(column)
            if "" in distinct:
                holes.append(position)
            elif convert is None and len(distinct) == len(column):
                values.append(column)  # text filled in every row, each cell different: nothing to share
                continue
            meaning = {cell: (cell if convert is None else convert(cell)) if cell else default for cell in distinct}
            if len(meaning) == 1:  # a column of one value, such as an optional column left empty throughout
                values.append(list(meaning.values()) * len(column))
            else:
                values.append(list(map(meaning.__getitem__, column)))
        return self._records(zip(*values), self._fields_set(cells, holes))

    def _fields_set(self, cells: Sequence[Sequence[str]], holes: list[int]) -> Iterator[set[str]]:
        """Each row's set of the fields whose cells are filled (as ``model_validate`` records them), one set
        shared by the rows with the same cells filled; ``holes``: the columns where some cell is empty."""
        if not holes:
            return repeat(set(self.fields))
        patterns = list(zip(*(map(bool, cells[position]) for position in holes)))
        shared: dict[tuple[bool, ...], set[str]] = {}
        for pattern in set(patterns):
            empty = {position for position, filled in zip(holes, pattern) if not filled}
            shared[pattern] = {name for position, name in enumerate(self.fields) if position not in empty}
        return map(shared.__getitem__, patterns)

    def _records(self, rows: Iterator[tuple[Any, ...]], fields_sets: Iterator[set[str]]) -> list[Record]:
        """Records of the model with these values and fields set, set up as ``model_construct`` sets them up
        (in one loop rather than a call a record: the loop is most of the builder's time)."""
        model, fields, new = self.model, self.fields, object.__new__
        built = []
        for row, fields_set in zip(rows, fields_sets):
            record = new(model)
            _set(record, "__dict__", dict(zip(fields, row)))
            _set(record, "__pydantic_fields_set__", fields_set)
            _set(record, "__pydantic_extra__", None)
            _set(record, "__pydantic_private__", None)
            built.append(record)
        return built


_set = object.__setattr__
