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


ROW, ROW_SEPARATOR = "__row", "\x1f"
"""The column both engines add for a row's name when a table is keyed by several columns: its key cells
joined by a separator no text cell may hold, so that rows keyed by several columns are named, cited and
looked up like records with an id."""


def row_name(cells: Sequence[str]) -> str:
    """The name of a row keyed by several columns: its key cells joined."""
    return ROW_SEPARATOR.join(cells)


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
        if table.row_reference is not None:
            visit(TABLES[table.row_reference.table])
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
    named: tuple[int, ...]
    """Where the cells that name a row sit: the id, or the key of a cited table keyed by several columns; ()
    for a table whose rows nothing names."""
    cited: tuple[int, ...]
    """For a citation table, where the cells that name the cited row sit (``record_id``, or that row's key)."""
    within: tuple[str, str, str, tuple[str, ...]] | None
    """For a model declaring ``within``: its date field, its reference field, the referenced table and the
    fields of that table's ``span``, which the table remembers."""


def plan_of(table: Table) -> TablePlan:
    """Work out the plan of one table from its registry entry and its model."""
    position = {name: index for index, name in enumerate(table.fields)}
    references = []
    for key in table.foreign_keys:
        info = table.model.model_fields[key.field]
        kinds = next((m.kinds for m in field_metadata(info) if isinstance(m, Kinds)), None)
        references.append(Reference(position[key.field], key.field, key.reference_table, kinds))
    model = table.model
    targets = {r.field: r.table for r in references}
    required = table.required_by[0] if table.required_by else None
    return TablePlan(
        table=table,
        cells=row_plan(table),
        references=tuple(references),
        key=tuple(position[name] for name in table.key),
        numeric_key=tuple(model.model_fields[name].annotation is int for name in table.key),
        id_index=position[table.id_field] if table.id_field else None,
        capacities=tuple((position[o], position[a], targets[o]) for o, a in model.capacities),
        required_field=next((r.field for r in references if r.table == required), None) if required else None,
        named=_named(table, position),
        cited=tuple(position[name] for name in table.cited_fields),
        within=_within(table, targets),
    )


def _within(table: Table, targets: dict[str, str]) -> tuple[str, str, str, tuple[str, ...]] | None:
    if table.model.within is None:
        return None
    date_field, reference_field = table.model.within
    target = targets[reference_field]
    return date_field, reference_field, target, TABLES[target].model.span


def _named(table: Table, position: dict[str, int]) -> tuple[int, ...]:
    if table.id_field is not None:
        return (position[table.id_field],)
    if len(table.primary_key) > 1 and any(t.cites == table.name for t in TABLES.values()):
        return tuple(position[name] for name in table.primary_key)
    return ()


def names_of(columns: Sequence[Sequence[str]], positions: Sequence[int]) -> Sequence[str]:
    """The names of some rows, given column by column: the one column itself, or the cells joined."""
    if len(positions) == 1:
        return columns[positions[0]]
    return [row_name(cells) for cells in zip(*(columns[i] for i in positions))]


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
