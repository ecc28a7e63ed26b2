"""``mydiplo show ID``: one record and everything linked to it, readable in a terminal.

Shows the record's fields (references with the name they point to, partial
dates in words), its event codes, its citations with their sources, and
every row elsewhere that refers to it, so a reader can check a claim
without opening eleven files.
"""

from __future__ import annotations

import difflib
from typing import Any

from ..dataset import Dataset
from ..models import Actor, Citation, PartialDate, Record
from ..registry import RECORD_TABLES, SOURCES, TABLES, Table, citation_table
from .eventcodes import CODED_TABLES, record_codes
from .frames import cell


class UnknownRecordError(KeyError):
    """No record has the id; the message suggests the closest ids."""

    def __str__(self) -> str:
        return str(self.args[0])


def find(dataset: Dataset, record_id: str) -> tuple[Table, Record]:
    """The table and record with this id, or :class:`UnknownRecordError` naming the closest ids."""
    for table in RECORD_TABLES:
        for record in dataset.table(table.name):
            if getattr(record, table.id_field) == record_id:  # type: ignore[arg-type]
                return table, record
    ids = [getattr(r, t.id_field) for t in RECORD_TABLES for r in dataset.table(t.name)]  # type: ignore[arg-type]
    close = difflib.get_close_matches(record_id, ids, n=3, cutoff=0.6) or [i for i in ids if record_id in i][:3]
    hint = (
        f"; did you mean {', '.join(close)}?"
        if close
        else "; ids are kebab-case, such as lukashenko-visit-myanmar-2025"
    )
    raise UnknownRecordError(f"no record has the id {record_id!r}{hint}")


def _value(dataset: Dataset, table: Table, field: str, value: Any) -> str:
    if isinstance(value, PartialDate):
        return f"{value} ({value.describe()})"
    if any(k.field == field for k in table.foreign_keys):
        target = dataset.get(value)
        name = getattr(target, "name", None) or getattr(target, "title", None)
        return f"{value} ({name})" if name else str(value)
    return str(cell(value))


def _fields(dataset: Dataset, table: Table, record: Record, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [
        (field, _value(dataset, table, field, getattr(record, field)))
        for field in table.fields
        if getattr(record, field) is not None and field not in skip
    ]


def render(dataset: Dataset, record_id: str) -> str:
    """The text ``mydiplo show`` prints for a record."""
    table, record = find(dataset, record_id)
    lines = [f"{table.name}: {record_id}", ""]
    fields = _fields(dataset, table, record)
    width = max(len(f) for f, _ in fields)
    lines += [f"  {field:<{width}}  {text}" for field, text in fields]
    if isinstance(record, Actor):
        others = dataset.names_of(record.actor_id)[1:]
        if others:
            lines += ["", "Also known as", *(f"  {name}" for name in others)]
    if table.name in CODED_TABLES:
        lines += ["", "Event codes"]
        for rule in record_codes(dataset, table.name, record):
            code = rule.code
            plover = (
                " / ".join(p for p in (code.plover, code.plover_mode, code.plover_context) if p) or "no PLOVER category"
            )
            lines.append(f"  {rule.event}: CAMEO {code.cameo} {code.cameo_label}; PLOVER {plover} ({rule.direction})")
    cites = citation_table(table.name)
    if cites is not None:
        citations = [c for c in dataset.table(cites.name) if isinstance(c, Citation) and c.record_id == record_id]
        lines += ["", f"Citations ({len(citations)})"]
        for c in citations:
            source = dataset[c.source_id]
            reading = f" reads {c.field} = {c.value}" if c.field else ""
            lines.append(
                f"  {c.source_id}, {c.locator}{reading}: {c.certainty.value}, claimed by "
                f"{c.claimant_id or c.claimant_kind.value}"
            )
            url = f" <{source.url}>" if source.url else ""  # type: ignore[attr-defined]
            lines.append(f"    {source.title or '(untitled)'}{url}")  # type: ignore[attr-defined]
    if table is SOURCES:
        cited = [
            (t.cites, c)
            for t in TABLES.values()
            if t.cites
            for c in dataset.table(t.name)
            if isinstance(c, Citation) and c.source_id == record_id
        ]
        lines += ["", f"Cited by ({len(cited)})"]
        lines += [f"  {cites}: {c.record_id}, {c.locator}" + (f" ({c.field})" if c.field else "") for cites, c in cited]
    for other in TABLES.values():
        if other.cites is not None or other.name == table.name:
            continue
        keys = [k.field for k in other.foreign_keys if k.reference_table == table.name]
        rows = [r for r in dataset.table(other.name) if any(getattr(r, k) == record_id for k in keys)]
        if rows:
            lines += ["", f"{other.name} ({len(rows)})"]
            lines += [f"  {_summary(dataset, other, row, record_id)}" for row in rows]
    return "\n".join(lines) + "\n"


_LONG_TEXT = 80


def _summary(dataset: Dataset, table: Table, row: Record, record_id: str) -> str:
    """One row on one line: its keys and references (but not the record shown), then its short fields."""
    references = {k.field for k in table.foreign_keys} | set(table.key)
    skip = tuple(f for f in table.fields if getattr(row, f) == record_id)
    parts = [
        text for field, text in _fields(dataset, table, row, skip) if field in references or len(text) <= _LONG_TEXT
    ]
    return "; ".join(parts)
