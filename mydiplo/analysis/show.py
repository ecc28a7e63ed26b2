"""``mydiplo show ID``: one record and everything linked to it, readable in a terminal.

Shows the record's fields by their labels (references with the name they
point to, partial dates in words), each disputed field marked with every
source's reading of it, its event codes, its citations under the sources
they come from, and every row elsewhere that refers to it (with the
citations of the rows that belong to it, such as a visit's participants), so a reader can
check a claim without opening eleven files. A source is always shown as a
reader would look it up: title, publisher, date and address, never as an id.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from ..dataset import Dataset
from ..models import Actor, Citation, Cites, PartialDate, Record, Source, field_label
from ..readings import Reading
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


def source_text(dataset: Dataset, source: Source) -> str:
    """A source as a reader looks it up: title (in brackets when supplied), publisher, date, and address.

    A source without a URL says why it has none, so its absence is not taken for an omission.
    """
    publisher = dataset.get(source.publisher_id)
    title = f"[{source.title}]" if source.title_supplied else source.title
    text = f"{title}. {getattr(publisher, 'name', source.publisher_id)}, {source.published_date.describe()}."
    if source.url:
        text += f" <{source.url}>"
    elif source.missing_address is not None:
        text += f" No URL ({source.missing_address.value}): {source.missing_address.doc}"
    if source.archive_url:
        text += f" Archived: <{source.archive_url}>"
    return text


def _claimant(dataset: Dataset, kind: str, actor_id: str | None) -> str:
    """Who makes a claim: the named actor and its kind, else only the kind (the source's own reporting)."""
    if actor_id:
        return f"{getattr(dataset.get(actor_id), 'name', actor_id)} ({kind})"
    return "the source itself" if kind == "source" else kind


def _reading_lines(dataset: Dataset, reading: Reading, indent: str) -> list[str]:
    """One reading on two lines: the value, when and by whom; then the source and the place in it."""
    claimant = _claimant(dataset, reading.claimant_kind.value, reading.claimant_id)
    when = reading.as_of.describe()
    return [
        f"{indent}- {reading.value}, as of {when}, claimed by {claimant}, {reading.certainty.value}",
        f"{indent}  {reading.locator} of {source_text(dataset, reading.source)}",
    ]


def _field_lines(dataset: Dataset, table: Table, record: Record, record_id: str) -> list[str]:
    """The record's fields by their labels; a disputed field marked, with every reading of it under it."""
    fields = _fields(dataset, table, record)
    labels = {field: field_label(table.model, field) for field, _ in fields}
    disputed = {d.field for d in dataset.disputes() if d.record_id == record_id and d.table == table.name}
    width = max(len(label) for label in labels.values())
    lines = []
    for field, text in fields:
        mark = "  [disputed]" if field in disputed else ""
        lines.append(f"  {labels[field]:<{width}}  {text}{mark}")
        if field in disputed:
            for reading in dataset.readings(record_id, field):
                lines += _reading_lines(dataset, reading, " " * (width + 4))
    return lines


def _citation_lines(dataset: Dataset, table: Table, citations: Sequence[Cites], indent: str = "  ") -> list[str]:
    """Citations under the source they come from: each source once, then what each citation of it says."""
    lines = []
    for source_id in dict.fromkeys(c.source_id for c in citations):
        lines.append(f"{indent}{source_text(dataset, dataset[source_id])}")  # type: ignore[arg-type]
        for c in (c for c in citations if c.source_id == source_id):
            says = f"reads {field_label(table.model, c.field)} = {c.value}" if c.field else "supports the record"
            as_of = f" as of {c.as_of.describe()}" if c.as_of else ""
            claimant = _claimant(dataset, c.claimant_kind.value, c.claimant_id)
            lines.append(f"{indent}  {c.locator}: {says}{as_of}; {c.certainty.value}, claimed by {claimant}")
    return lines


def render(dataset: Dataset, record_id: str) -> str:
    """The text ``mydiplo show`` prints for a record."""
    table, record = find(dataset, record_id)
    lines = [f"{table.name}: {record_id}", ""]
    lines += _field_lines(dataset, table, record, record_id)
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
        lines += ["", f"Citations ({len(citations)})", *_citation_lines(dataset, table, citations)]
    if table is SOURCES:
        cited = [
            (t.cites, c)
            for t in TABLES.values()
            if t.cites
            for c in dataset.table(t.name)
            if isinstance(c, Citation) and c.source_id == record_id
        ]
        lines += ["", f"Cited by ({len(cited)})"]
        for cited_table, c in cited:
            field = f" ({field_label(TABLES[cited_table].model, c.field)})" if c.field else ""
            lines.append(f"  {cited_table}: {c.record_id}, {c.locator}{field}")
    for other in TABLES.values():
        if other.cites is not None or other.name == table.name:
            continue
        keys = [k.field for k in other.foreign_keys if k.reference_table == table.name]
        rows = [r for r in dataset.table(other.name) if any(getattr(r, k) == record_id for k in keys)]
        if rows:
            lines += ["", f"{other.name} ({len(rows)})"]
            for row in rows:
                lines.append(f"  {_summary(dataset, other, row, record_id)}")
                lines += _citation_lines(dataset, other, dataset.row_citations(row), indent="    ")
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
