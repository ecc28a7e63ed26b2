"""The data dictionary: every table, column and vocabulary value in Markdown, from the models."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from ..models.base import MAX_COUNT, MAX_NUMBER, DocEnum, Kinds
from ..models.dates import FIRST_YEAR, LAST_YEAR, Precision
from ..registry import TABLES, Table, field_metadata
from .schemas import Column, columns

_INTRO = """\
# Data dictionary

Every table of the data package, every column and every value of every
vocabulary. This page is generated from the models by `mydiplo generate`;
edit the models, not this page.

Conventions shared by all tables:

- **Identifiers** (`*_id`) are stable kebab-case text (`min-aung-hlaing`),
  unique across all tables and never reused. A column named `*_id` other than
  a table's own id is a reference to another table.
- **Partial dates** (`*_date`, `date`, `validity_*`, `delivery_*`) are written
  at the precision the sources give, in EDTF: `2025`, `2025-12`, `2025-12-11`;
  `~` marks an approximate value, `?` an uncertain one, `%` both;
  `2024-12/2025-12` is a range. The library gives each value `earliest` and
  `latest` bounds for sorting and filtering. Years run from {first} to {last}.
- **Numbers** are bounded by what every export holds exactly: counts at most
  {count:,}, decimal values at most {number:,}.
- **Countries** are ISO 3166-1 alpha-3 codes (`MMR`, `RUS`, `BLR`).
- An **empty cell** means the value is unknown or does not apply.
- Each record table has a **citation table** (`visit_citations` for `visits`)
  saying which source supports each record, where, who claims it and how
  certain it is; a citation with `field` and `value` set records one source's
  reading of one field, so disagreements between sources are rows.
"""


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type_of(column: Column) -> str:
    if column.enum is not None:
        return f"[{column.enum.__name__}](#{column.enum.__name__.lower()})"
    if column.python_type.__name__ == "PartialDate":
        return "partial date"
    return column.frictionless_type


def _rules(column: Column, table: Table) -> str:
    parts = []
    if column.required:
        parts.append("required")
    reference = next((k for k in table.foreign_keys if k.field == column.name), None)
    if reference is not None:
        parts.append(f"→ `{reference.reference_table}.{reference.reference_field}`")
    kinds = next((m.kinds for m in field_metadata(table.model.model_fields[column.name]) if isinstance(m, Kinds)), None)
    if kinds:
        parts.append("an actor of kind " + " or ".join(f"`{kind}`" for kind in kinds))
    if column.name in table.primary_key:
        parts.append("key")
    bounds = column.constraints
    if "minimum" in bounds or "maximum" in bounds:
        parts.append(f"{bounds.get('minimum', '')}–{bounds.get('maximum', '')}")
    if column.python_type is str and "pattern" in bounds and "enum" not in bounds:
        parts.append(f"pattern `{_escape(bounds['pattern'])}`")
    if "enum" in bounds and column.enum is None:
        parts.append("ISO 3166-1 alpha-3")
    return "; ".join(parts)


def _table_section(table: Table) -> Iterator[str]:
    yield f"### `{table.name}`"
    yield ""
    if table.cites:
        yield (
            f"Citations of `{table.cites}`: one row per source supporting a record, "
            "or per source's reading of one field."
        )
    else:
        yield _escape(table.description)
    yield ""
    yield f"File `{table.path}`; key ({', '.join(f'`{k}`' for k in table.key)})."
    yield ""
    yield "| column | type | rules | description | example |"
    yield "| --- | --- | --- | --- | --- |"
    for column in columns(table.model):
        example = "" if column.example is None else f"`{_escape(str(column.example))}`"
        yield (
            f"| `{column.name}` | {_type_of(column)} | {_rules(column, table)} "
            f"| {_escape(column.description)} | {example} |"
        )
    yield ""


def _vocabularies() -> dict[str, type[Enum]]:
    found: dict[str, type[Enum]] = {}
    for table in TABLES.values():
        for column in columns(table.model):
            if column.enum is not None:
                found[column.enum.__name__] = column.enum
    return dict(sorted(found.items()))


def _vocabulary_section(name: str, enum: type[DocEnum]) -> Iterator[str]:
    yield f"### {name}"
    yield ""
    yield _escape((enum.__doc__ or "").strip())
    yield ""
    yield "| value | meaning |"
    yield "| --- | --- |"
    for member in enum:
        yield f"| `{member.value}` | {_escape(member.doc)} |"
    yield ""


def render_rules() -> str:
    """The catalogue of validation rules as Markdown, from the rules themselves."""
    from ..problems import RULES

    lines = [
        "# Validation rules",
        "",
        "Every rule `mydiplo validate` checks, by the id that its reports, JSON output and",
        "GitHub annotations carry (`unrecorded-removal` is checked by `mydiplo diff`, which",
        "compares two versions). Generated from `mydiplo/problems.py` by `mydiplo generate`.",
        "",
        "| rule | requirement | severity | how to fix |",
        "| --- | --- | --- | --- |",
    ]
    lines.extend(f"| `{r.id}` | {_escape(r.title)} | {r.severity.value} | {_escape(r.hint)} |" for r in RULES.values())
    return "\n".join(lines) + "\n"


def render() -> str:
    """The whole data dictionary as Markdown."""
    lines = [_INTRO.format(first=FIRST_YEAR, last=LAST_YEAR, count=MAX_COUNT, number=MAX_NUMBER), "## Tables", ""]
    group = None
    for table in TABLES.values():
        if table.group != group:
            group = table.group
            lines.extend([f"## {group.capitalize()}", ""])
        lines.extend(_table_section(table))
    lines.extend(["## Vocabularies", ""])
    for name, enum in _vocabularies().items():
        lines.extend(_vocabulary_section(name, enum))  # type: ignore[arg-type]
    precisions = ", ".join(f"`{p.value}`" for p in Precision)
    lines.extend(["## Partial-date precisions", "", f"A partial date's precision is one of {precisions}.", ""])
    return "\n".join(lines).rstrip("\n") + "\n"
