"""Checks across rows and tables: keys, references and provenance.

Each check takes what :func:`mydiplo.reading.read_package` read and yields
problems; none of them stops at the first. They run on the records that
parsed, so one bad cell does not hide every other error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from ..csvio import to_cell
from ..reading import TableRead
from ..registry import RECORD_TABLES, TABLES, Table
from ..problems import Problem


def duplicate_keys(reads: Mapping[str, TableRead]) -> Iterator[Problem]:
    """Rows whose key repeats an earlier row's, in each table."""
    for read in reads.values():
        table = read.table
        seen: dict[tuple[Any, ...], int] = {}
        for record, line in zip(read.records, read.lines):
            key = tuple(getattr(record, name) for name in table.key)
            if key in seen:
                shown = ", ".join(to_cell(value) for value in key)
                yield Problem("duplicate-key", f"({shown}) is already used on line {seen[key]}", table.path, line, table.key[0])
            else:
                seen[key] = line


def duplicate_ids(reads: Mapping[str, TableRead]) -> Iterator[Problem]:
    """Ids used by records of two different tables."""
    owner: dict[str, str] = {}
    for table in RECORD_TABLES:
        read = reads[table.name]
        for record, line in zip(read.records, read.lines):
            record_id = getattr(record, table.id_field)
            first = owner.setdefault(record_id, table.name)
            if first != table.name:
                yield Problem("duplicate-id", f"{record_id!r} is already an id in {first}", table.path, line, table.id_field)


def foreign_keys(reads: Mapping[str, TableRead]) -> Iterator[Problem]:
    """References to records that do not exist."""
    known = {
        table.name: {getattr(record, table.id_field) for record in reads[table.name].records}
        for table in RECORD_TABLES
    }
    for read in reads.values():
        for key in read.table.foreign_keys:
            targets = known[key.reference_table]
            for record, line in zip(read.records, read.lines):
                value = getattr(record, key.field)
                if value is not None and value not in targets:
                    yield Problem(
                        "foreign-key",
                        f"{value!r} is not a {key.reference_field} in {key.reference_table}",
                        read.table.path,
                        line,
                        key.field,
                    )


def provenance(reads: Mapping[str, TableRead]) -> Iterator[Problem]:
    """Records without a citation, sources nobody cites, and citations of fields that do not exist."""
    cited_sources: set[str] = set()
    for table in TABLES.values():
        if table.cites is None:
            continue
        citations = reads[table.name]
        cited_sources.update(c.source_id for c in citations.records)
        yield from _citation_fields(citations, TABLES[table.cites])
        cited = {c.record_id for c in citations.records}
        parent = reads[table.cites]
        id_field = parent.table.id_field
        for record, line in zip(parent.records, parent.lines):
            if getattr(record, id_field) not in cited:
                yield Problem("uncited-record", f"no row of {table.path} cites this record", parent.table.path, line, id_field)
    sources = reads["sources"]
    for source, line in zip(sources.records, sources.lines):
        if source.source_id not in cited_sources:
            yield Problem("uncited-source", "no citation names this source", sources.table.path, line, "source_id")


def _citation_fields(citations: TableRead, cited: Table) -> Iterator[Problem]:
    for citation, line in zip(citations.records, citations.lines):
        if citation.field is None:
            continue
        if citation.field not in cited.fields or citation.field == cited.id_field:
            yield Problem("citation-field", f"{citation.field!r} is not a column of {cited.name} that a source can read", citations.table.path, line, "field")
            continue
        try:
            _adapter(cited.name, citation.field).validate_python(citation.value)
        except ValidationError as error:
            reason = error.errors(include_url=False)[0]["msg"]
            yield Problem("citation-field", f"{citation.value!r} is not a valid {citation.field}: {reason}", citations.table.path, line, "value")


@cache
def _adapter(table: str, field: str) -> TypeAdapter[Any]:
    info = TABLES[table].model.model_fields[field]
    if not info.metadata:
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])  # type: ignore[valid-type]
