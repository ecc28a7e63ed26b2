"""Reading a data package's CSV files into typed records, keeping every problem found on the way.

Reading never stops at the first bad cell: each row that parses becomes a
record, each that does not becomes one :class:`~mydiplo.problems.Problem`
per broken field, with its file and line. :func:`mydiplo.load` builds its
records here, once ``mydiplo validate``'s checks have passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..models import Record
from ..problems import Problem
from ..registry import TABLES, Table
from .canonical import CsvSyntaxError, as_dict, parse_rows, row_values
from .tablefile import open_table

_RULE_OF_ERROR = {
    "enum": "field-enum",
    "string_pattern_mismatch": "field-pattern",
    "partial_date": "partial-date",
    "country_code": "country-code",
    "text_hygiene": "text-hygiene",
    "date_order": "date-order",
    "fields_together": "fields-together",
    "linked_values": "linked-values",
    "formula_text": "formula-text",
    **dict.fromkeys(
        ["greater_than", "greater_than_equal", "less_than", "less_than_equal", "string_too_long", "string_too_short"],
        "field-constraint",
    ),
}


@dataclass
class TableRead:
    """What was read of one table: its records, the line each came from, and the problems."""

    table: Table
    records: list[Record] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    opened: bool = False
    """True once the file was found and decoded: ``records`` then holds every row that parsed."""


def read_table(root: Path, table: Table) -> TableRead:
    """Read one table's CSV file under ``root`` into records."""
    result = TableRead(table)
    opened = open_table(root / table.path, table.path, result.problems)
    if opened is None:
        return result
    result.opened = True
    with opened.open() as file:
        text = file.read()
    try:
        header, rows = parse_rows(text)
        if tuple(header) != table.fields:
            result.problems.append(
                Problem("header-mismatch", f"expected the header {','.join(table.fields)}", table.path, 1)
            )
            return result
        for line, cells in rows:
            _read_row(result, line, cells)
    except CsvSyntaxError as error:
        result.problems.append(Problem("csv-syntax", f"the CSV cannot be read from here: {error}", table.path, error.line))
    return result


def _read_row(result: TableRead, line: int, cells: list[str]) -> None:
    table = result.table
    if not cells:
        result.problems.append(Problem("blank-row", "the line is empty", table.path, line))
        return
    if len(cells) != len(table.fields):
        result.problems.append(
            Problem("row-length", f"the row has {len(cells)} cells, the header {len(table.fields)}", table.path, line)
        )
        return
    values = row_values(as_dict(table.fields, cells))
    try:
        record = table.model.model_validate(values)
    except ValidationError as error:
        result.problems.extend(problems_of(error, table, line))
        return
    result.records.append(record)
    result.lines.append(line)


def problems_of(error: ValidationError, table: Table, line: int) -> list[Problem]:
    """One problem per error pydantic found in a row, with the rule it breaks."""
    problems = []
    for detail in error.errors(include_url=False):
        field_name = str(detail["loc"][0]) if detail["loc"] else None
        value: Any = detail.get("input")
        if field_name is not None and value is None:
            problems.append(Problem("field-required", f"{field_name} is required", table.path, line, field_name))
            continue
        rule = _RULE_OF_ERROR.get(detail["type"], "field-type")
        if field_name is None:
            field_name = (detail.get("ctx") or {}).get("field")
            message = detail["msg"]
        else:
            message = f"{value!r}: {detail['msg']}"
        problems.append(Problem(rule, message, table.path, line, field_name))
    return problems


def read_package(root: Path) -> dict[str, TableRead]:
    """Read every table of the data package under ``root``."""
    return {name: read_table(root, table) for name, table in TABLES.items()}
