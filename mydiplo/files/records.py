"""Rows into typed records, keeping every problem found on the way.

Reading never stops at the first bad cell: each row that parses becomes a
record, each that does not becomes one :class:`~mydiplo.problems.Problem`
per broken field, with its file and line. :func:`record_of` is the one way a
row becomes a record: validation judges suspect rows with it, :func:`mydiplo.load`
keeps the records of its validating pass, ``fmt`` rewrites them and ``diff``
compares their canonical cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..models import Record
from ..problems import Problem, ProblemLog, problem
from ..registry import Table
from .canonical import row_values
from .rows import table_chunks
from .tablefile import open_table

_RULE_OF_ERROR = {
    "enum": "field-enum",
    "string_pattern_mismatch": "field-pattern",
    "partial_date": "partial-date",
    "country_code": "country-code",
    "text_hygiene": "text-hygiene",
    "date_order": "date-order",
    "fields_together": "fields-together",
    "fields_either": "fields-either",
    "count_exceeds": "count-exceeds",
    "linked_values": "linked-values",
    "formula_text": "formula-text",
    **dict.fromkeys(
        ["greater_than", "greater_than_equal", "less_than", "less_than_equal", "string_too_long", "string_too_short"],
        "field-constraint",
    ),
}


@dataclass
class TableRead:
    """What was read of one table: its records, the line each came from, and the problems (the first
    :data:`~mydiplo.problems.MAX_PER_RULE` of each rule whole, the others counted)."""

    table: Table
    records: list[Record] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    opened: bool = False
    """True once the file was found and decoded: ``records`` then holds every row that parsed."""
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)
    """The well-shaped rows the model refused, with their lines and cells as written: ``fmt`` keeps them
    as they are when it rewrites the file around them."""


def read_table(root: Path, table: Table) -> TableRead:
    """Read one table's CSV file under ``root`` into records."""
    result, log = TableRead(table), ProblemLog()
    opened = open_table(root, table.path, log)
    if opened is not None:
        result.opened = True
        for chunk in table_chunks(opened, table, log):
            for line, cells in zip(chunk.lines, chunk.rows):
                record = record_of(table, line, cells, log)
                if record is not None:
                    result.records.append(record)
                    result.lines.append(line)
                else:
                    result.rejected.append((line, cells))
    result.problems = log.problems()
    return result


def record_of(table: Table, line: int, cells: Sequence[str], problems: ProblemLog) -> Record | None:
    """The record a row of one cell per column holds; or None, with one problem per broken field added."""
    try:
        return table.model.model_validate(row_values(zip(table.fields, cells)))
    except ValidationError as error:
        problems.extend(problems_of(error, table, line))
        return None


def problems_of(error: ValidationError, table: Table, line: int) -> list[Problem]:
    """One problem per error pydantic found in a row, with the rule it breaks."""
    problems = []
    for detail in error.errors(include_url=False):
        field_name = str(detail["loc"][0]) if detail["loc"] else None
        value: Any = detail.get("input")
        if field_name is not None and (value is None or detail["type"] == "missing"):
            problems.append(problem("field-required", table.path, line, field_name, column=field_name))
            continue
        rule = _RULE_OF_ERROR.get(detail["type"], "field-type")
        year_first = (detail.get("ctx") or {}).get("year_first")
        if year_first is not None:  # a date written with its year last: say how to write it
            problems.append(
                problem(rule, table.path, line, field_name, "year-last", value=value, year_first=year_first)
            )
        elif field_name is None:  # a rule of the row, which names its field in its context
            problems.append(
                problem(
                    rule, table.path, line, (detail.get("ctx") or {}).get("field"), value=value, reason=detail["msg"]
                )
            )
        else:
            problems.append(problem(rule, table.path, line, field_name, value=value, reason=detail["msg"]))
    return problems
