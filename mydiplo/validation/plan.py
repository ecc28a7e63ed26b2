"""What the validation pass needs of each table, worked out once from the registry and the models.

Both engines check tables in :func:`read_order` from a :class:`TablePlan`:
where the key, the references and the capacities sit among the columns, and
what the checks across tables need to keep of the table's rows.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models.base import Kinds
from ..registry import TABLES, Table, field_metadata
from .cells import RowPlan, row_plan

SOURCES = next(k.reference_table for t in TABLES.values() if t.cites for k in t.foreign_keys if k.field == "source_id")
"""The table that citations name their sources in."""


KIND, HOLDER, PUBLISHED = "kind", "holder_id", "published_date"
"""The columns tables declare they remember (``Table.remembers``) that the actor-kind, office-holder and
dated-after-sources checks look up."""


def read_order() -> list[Table]:
    """Tables ordered so that each comes after every table it references (self-references aside)."""
    ordered: list[Table] = []
    done: set[str] = set()

    def visit(table: Table) -> None:
        if table.name in done:
            return
        done.add(table.name)
        for key in table.foreign_keys:
            if key.reference_table != table.name:
                visit(TABLES[key.reference_table])
        ordered.append(table)

    for table in TABLES.values():
        visit(table)
    return ordered


@dataclass(frozen=True)
class Reference:
    """A column that references another table's records (``kinds``: the actor kinds it takes, if it says)."""

    index: int
    field: str
    table: str
    kinds: tuple[str, ...] | None


@dataclass(frozen=True)
class TablePlan:
    """What the pass needs of one table, computed once: its cell checks, and where its keys and references sit."""

    table: Table
    cells: RowPlan
    references: tuple[Reference, ...]
    key: tuple[int, ...]
    numeric_key: tuple[bool, ...]
    id_index: int | None
    capacities: tuple[tuple[int, int, str], ...]
    """Each capacity's office column, actor column, and the table of offices the office column references."""
    required_field: str | None
    """The column holding the id of the record each row completes, for a table declared ``required_by``."""


def plan_of(table: Table) -> TablePlan:
    """Work out the plan of one table from its registry entry and its model."""
    position = {name: index for index, name in enumerate(table.fields)}
    references = []
    for key in table.foreign_keys:
        info = table.model.model_fields[key.field]
        kinds = next((m.kinds for m in field_metadata(info) if isinstance(m, Kinds)), None)
        references.append(Reference(position[key.field], key.field, key.reference_table, kinds))
    model = table.model
    offices = {r.field: r.table for r in references}
    required = table.required_by[0] if table.required_by else None
    return TablePlan(
        table=table,
        cells=row_plan(table),
        references=tuple(references),
        key=tuple(position[name] for name in table.key),
        numeric_key=tuple(model.model_fields[name].annotation is int for name in table.key),
        id_index=position[table.id_field] if table.id_field else None,
        capacities=tuple((position[o], position[a], offices[o]) for o, a in model.capacities),
        required_field=next((r.field for r in references if r.table == required), None) if required else None,
    )


def key_orders(plan: TablePlan, columns: Sequence[Sequence[str]]) -> tuple[list[Any], list[Any]]:
    """The keys of some rows, and what their order is checked on (numbers compared as numbers)."""
    if plan.id_index is not None:
        keys: list[Any] = [sys.intern(value) for value in columns[plan.id_index]]
        return keys, keys
    keys = list(zip(*(columns[i] for i in plan.key)))
    numeric = plan.numeric_key
    return keys, [tuple(int(v) if n and v else v for v, n in zip(key, numeric)) for key in keys] if any(
        numeric
    ) else keys
