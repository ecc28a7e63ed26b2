"""Fast acceptance of canonical rows, compiled from the same column declarations as the models.

Validating every row through pydantic costs a few microseconds a row; most
rows are fine. So each column gets a small compiled check (a set lookup, a
regular expression, a cached date parse) that accepts only values the model
accepts *and* that are written in canonical form. A row that passes every
check, and the model's declared row rules, is valid. A row that fails any
check is handed to the model itself, which reports the errors, so both paths
report the same problems; where the model accepts what the fast check
refused, the value was valid but not canonical.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..generate.schemas import Column, columns
from ..models.base import CONTROL_CHARACTERS, TEXT_HYGIENE, CodeList
from ..models.dates import PartialDate
from ..registry import Table, field_metadata

BadValues = Callable[[set[str]], set[str]]
"""Given a column's distinct non-empty values, return those that are not valid and canonical."""

_CONTROL = CONTROL_CHARACTERS
_TEXT = rf"(?![=+\-@])[^\s{_CONTROL}](?:[^{_CONTROL}]*[^\s{_CONTROL}])?"
_INTEGER = re.compile(r"0|[1-9][0-9]*")
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


@lru_cache(maxsize=65536)
def partial_date(text: str) -> PartialDate | None:
    """The partial date a cell holds, or None when it holds none; cached, since dates repeat."""
    try:
        return PartialDate(text)
    except ValueError:
        return None


def _allowed(values: Iterable[str]) -> BadValues:
    allowed = frozenset(values)
    return lambda found: found - allowed


def _each(check: Callable[[str], bool]) -> BadValues:
    return lambda found: {value for value in found if not check(value)}


def _matching(body: str, longest: int | None) -> BadValues:
    """Values must match the regular expression ``body`` (and be at most ``longest`` long).

    All values are first matched at once, joined by line breaks, which no
    pattern here admits; only when that fails is each value matched alone.
    """
    limit = rf"(?=[^\n]{{0,{longest}}}(?:\n|\Z))" if longest else ""
    item = f"{limit}(?:{body})"
    one = re.compile(rf"{item}\Z")
    many = re.compile(rf"{item}(?:\n{item})*\Z")

    def bad(found: set[str]) -> set[str]:
        joined = "\n".join(found)
        if joined.count("\n") == len(found) - 1 and many.match(joined):
            return set()
        return {value for value in found if not one.match(value)}

    return bad


def _bounded(parse: Callable[[str], Any], pattern: re.Pattern[str], constraints: dict[str, Any]) -> BadValues:
    low, high = constraints.get("minimum"), constraints.get("maximum")

    def check(cell: str) -> bool:
        if pattern.fullmatch(cell) is None:
            return False
        value = parse(cell)
        return (low is None or value >= low) and (high is None or value <= high)

    return _each(check)


def _unanchored(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


def bad_values(column: Column, metadata: Sequence[Any]) -> BadValues:
    """The compiled check of one column: which of its distinct non-empty values are not valid and canonical."""
    kind = column.python_type
    if column.enum is not None:
        return _allowed(member.value for member in column.enum)
    codes = next((item for item in metadata if isinstance(item, CodeList)), None)
    if codes is not None:
        return _allowed(codes.codes)
    if kind is bool:
        return _allowed(("true", "false"))
    if kind is int:
        return _bounded(int, _INTEGER, column.constraints)
    if kind is Decimal:
        return _bounded(_decimal, _DECIMAL, column.constraints)
    if kind is PartialDate:
        return _each(lambda cell: partial_date(cell) is not None)
    longest = column.constraints.get("maxLength")
    if "pattern" in column.constraints:
        return _matching(_unanchored(column.constraints["pattern"]), longest)
    if any(item is TEXT_HYGIENE for item in metadata):
        return _matching(_TEXT, longest)
    return lambda found: set()


_ASCII_TEXT = r"[!-*,.-<>-?A-~](?:[ -~]*[!-~])?"
"""Printable ASCII text, trimmed, not starting with a formula sign: a subset of what ``_TEXT`` accepts."""


def portable_pattern(column: Column, metadata: Sequence[Any]) -> tuple[str, int | None] | None:
    """A regular expression (and a length limit) accepting only values the column's check accepts.

    The expression uses only what Python's and Rust's regular expression
    engines read alike (ASCII classes and literals, groups, repetition), so a
    columnar engine can set aside the values it accepts without a call into
    Python; the rest go through :func:`bad_values`. None when the check has
    no such expression (vocabularies, numbers and dates have few distinct
    values; patterns with escapes or look-arounds stay in Python).
    """
    if column.enum is not None or column.python_type is not str or any(isinstance(item, CodeList) for item in metadata):
        return None
    longest = column.constraints.get("maxLength")
    if "pattern" in column.constraints:
        body = _unanchored(column.constraints["pattern"])
        return (
            (body, longest)
            if body.isascii() and "\\" not in body and "(?=" not in body and "(?!" not in body and "(?<" not in body
            else None
        )
    if any(item is TEXT_HYGIENE for item in metadata):
        return _ASCII_TEXT, longest
    return None


def _decimal(cell: str) -> Decimal:
    try:
        return Decimal(cell)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return Decimal("NaN")


def positions(column: Sequence[object], values: set[Any]) -> list[int]:
    """Where ``values`` occur in ``column``: searched in C with ``list.index`` while they are rare."""
    if len(values) > 16:
        return [row for row, value in enumerate(column) if value in values]
    found = []
    for value in values:
        at = -1
        while True:
            try:
                at = column.index(value, at + 1)
            except ValueError:
                break
            found.append(at)
    return found


def runs_backwards(start: str, end: str) -> bool:
    """True when both dates are given and the end is unreadable or before the start."""
    if not start or not end:
        return False
    a, b = partial_date(start), partial_date(end)
    return a is None or b is None or b.latest < a.earliest


@dataclass(frozen=True)
class RowPlan:
    """Everything needed to accept a table's canonical rows quickly: per-column checks and row rules."""

    checks: tuple[tuple[int, bool, BadValues], ...]
    together: tuple[tuple[int, ...], ...]
    either: tuple[tuple[int, ...], ...]
    date_order: tuple[tuple[int, int], ...]
    linked_values: tuple[tuple[int, str, int, str], ...]
    at_most: tuple[tuple[int, int, int | None], ...] = ()
    """``(count, limit, note)`` positions; ``note`` None when the table has no note."""

    def rejected_rows(self, columns: Sequence[Sequence[str]]) -> set[int]:
        """Positions of the rows of a chunk, given column by column, that are not valid and canonical.

        Column-wise: each distinct value is checked once, and set operations
        in C find the rows that hold a bad one, so a column of repeated
        values costs almost nothing.
        """
        rejected: set[int] = set()
        for index, required, check in self.checks:
            column = columns[index]
            distinct = set(column)
            empty = "" in distinct
            distinct.discard("")
            bad = check(distinct)
            if empty and required:
                bad.add("")
            if bad:
                rejected.update(positions(column, bad))
        for group in self.together:
            width = len(group)
            for row, cells in enumerate(zip(*(columns[i] for i in group))):
                filled = width - cells.count("")
                if filled and filled != width:
                    rejected.add(row)
        for group in self.either:
            for row, cells in enumerate(zip(*(columns[i] for i in group))):
                if len(group) - cells.count("") != 1:
                    rejected.add(row)
        for first, then in self.date_order:
            pairs = list(zip(columns[first], columns[then]))
            backwards = {pair for pair in set(pairs) if runs_backwards(*pair)}
            if backwards:
                rejected.update(positions(pairs, backwards))
        for field, value, other, other_value in self.linked_values:
            for row, (cell, other_cell) in enumerate(zip(columns[field], columns[other])):
                if cell and (cell == value) != (other_cell == other_value):
                    rejected.add(row)
        for count, limit, note in self.at_most:
            notes = columns[note] if note is not None else [""] * len(columns[count])
            for row, (value, bound, said) in enumerate(zip(columns[count], columns[limit], notes)):
                if value and bound and not said and exceeds(value, bound):
                    rejected.add(row)
        return rejected


def row_plan(table: Table) -> RowPlan:
    """Compile the checks of a table's columns and the row rules its model declares."""
    model = table.model
    position = {name: index for index, name in enumerate(table.fields)}
    checks = tuple(
        (position[column.name], column.required, bad_values(column, field_metadata(model.model_fields[column.name])))
        for column in columns(model)
    )
    return RowPlan(
        checks=checks,
        together=tuple(tuple(position[name] for name in group) for group in model.together),
        either=tuple(tuple(position[name] for name in group) for group in model.either),
        date_order=tuple((position[a], position[b]) for a, b in model.date_order),
        linked_values=tuple((position[f], v, position[o], ov) for f, v, o, ov in model.linked_values),
        at_most=tuple((position[c], position[b], position.get("note")) for c, b in model.at_most),
    )


def exceeds(value: str, bound: str) -> bool:
    """Whether one count cell is larger than another; a cell that is no number is left to the cell checks."""
    try:
        return int(value) > int(bound)
    except ValueError:
        return False
