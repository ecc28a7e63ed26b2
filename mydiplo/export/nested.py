"""Nested JSON records: each record with its actors, citations (with their sources) and related rows inline.

A journalist or a web developer wants one object per visit that says who
travelled, who hosted, what was signed and which sources say so, without
joining eleven tables. :func:`documents` builds, for every table whose rows
have an id, one document of such records (the rows that belong to a record,
such as a visit's participants, each with its own citations), valid against the JSON Schema of
:func:`mydiplo.generate.export_schemas.nested_schema` (shipped in
``schema/export/``).
Every row of every table appears somewhere in the documents, so the tables
can be rebuilt from them (:func:`tables_from_documents`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..analysis.eventcodes import CODED_TABLES, EVENT_CODE_FIELDS, record_codes
from ..analysis.memo import per_dataset
from ..dataset import Dataset
from ..models import Cites, Record
from ..registry import ACTORS, RECORD_TABLES, TABLES, Table, citation_table, related_tables

NESTED_KEYS = ("actors", "citations", "related", "event_codes")
"""Keys a nested record adds to the record's own fields."""


def _index(dataset: Dataset) -> dict[tuple[str, str], dict[str, list[Record]]]:
    """Rows by (their table, the table they reference) and the referenced id, each row once under an id.

    A row that references one id through two of its columns (an actor who
    both signs and promises) is listed once: the ids a row was filed under
    are remembered per row, so the cost stays linear however many rows one
    id gathers (a source cited ten thousand times).
    """
    index: dict[tuple[str, str], dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for table in TABLES.values():
        keys = [(key.field, index[(table.name, key.reference_table)]) for key in table.foreign_keys]
        for record in dataset.table(table.name):
            filed: set[tuple[int, str]] = set()
            for field, by_id in keys:
                value = getattr(record, field)
                if value is not None and (id(by_id), value) not in filed:
                    filed.add((id(by_id), value))
                    by_id[value].append(record)
    return index


def _row_citations(dataset: Dataset) -> dict[tuple[str, tuple[str, ...]], list[Cites]]:
    """The citations of rows keyed by several columns, by (the cited table, the row's key cells)."""
    found: dict[tuple[str, tuple[str, ...]], list[Cites]] = defaultdict(list)
    for table in TABLES.values():
        if table.row_reference is not None:
            for citation in dataset.table(table.name):
                found[(table.row_reference.table, citation.cited_key)].append(citation)  # type: ignore[attr-defined, arg-type]
    return found


@per_dataset
def _dumps(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """The JSON form of the records dumped so far, by id: a source or an actor appears in many documents."""
    return {}


def _dumped(dataset: Dataset, record_id: str) -> dict[str, Any]:
    """The JSON form of the record with this id, dumped once however many documents hold it (read-only)."""
    found = _dumps(dataset)
    if record_id not in found:
        found[record_id] = dataset[record_id].model_dump(mode="json")
    return found[record_id]


@per_dataset
def documents(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """One document per table with ids: ``{"name", "version", "table", "records"}``, records sorted by id
    (built once per dataset, for the JSON and the JSON Lines export alike)."""
    nesting = _Nesting(dataset)
    return {table.name: nesting.document(table) for table in RECORD_TABLES}


class _Nesting:
    """Nests the records of one dataset: the indexes of rows by what they reference, and what the registry
    says of each table (its actor columns, the tables of rows that belong to its records, its citation
    table), looked up once instead of for every record."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.index = _index(dataset)
        self.row_citations = _row_citations(dataset)
        self.actor_fields = {
            t.name: tuple(k.field for k in t.foreign_keys if k.reference_table == ACTORS.name) for t in TABLES.values()
        }
        self.children = {t.name: tuple(related_tables(t.name)) for t in RECORD_TABLES}
        self.cites = {t.name: citation_table(t.name) for t in TABLES.values()}

    def document(self, table: Table) -> dict[str, Any]:
        id_field = table.id_field
        records = sorted(self.dataset.table(table.name), key=lambda r: getattr(r, id_field))  # type: ignore[arg-type]
        return {
            "name": "mydiplo",
            "version": self.dataset.version,
            "table": table.name,
            "records": [self.nested(table, record) for record in records],
        }

    def actor_ids(self, table: Table, rows: Iterable[Record]) -> set[str]:
        fields = self.actor_fields[table.name]
        return {getattr(row, f) for row in rows for f in fields if getattr(row, f) is not None}

    def cited(self, citation: Cites) -> dict[str, Any]:
        """A citation with its source inline."""
        return {**citation.model_dump(mode="json"), "source": _dumped(self.dataset, citation.source_id)}

    def nested(self, table: Table, record: Record) -> dict[str, Any]:
        """A record with its actors, its citations and the rows that belong to it inline."""
        record_id = getattr(record, table.id_field)  # type: ignore[arg-type]
        nested = record.model_dump(mode="json")
        actor_ids = self.actor_ids(table, [record])
        related: dict[str, list[dict[str, Any]]] = {}
        for child in self.children[table.name]:
            rows = self.index[(child.name, table.name)].get(record_id, [])
            actor_ids |= self.actor_ids(child, rows)
            child_cites = self.cites[child.name]
            related[child.name] = []
            for row in rows:
                dumped = row.model_dump(mode="json")
                if child_cites is not None:
                    key = tuple(str(getattr(row, f)) for f in child.primary_key)
                    citations = self.row_citations[(child.name, key)]
                    actor_ids |= self.actor_ids(child_cites, citations)
                    dumped["citations"] = [self.cited(c) for c in citations]
                related[child.name].append(dumped)
        cites = self.cites[table.name]
        if cites is not None:
            cited = self.index[(cites.name, table.name)].get(record_id, [])
            actor_ids |= self.actor_ids(cites, cited)
            nested["citations"] = [self.cited(c) for c in cited if isinstance(c, Cites)]
        nested["actors"] = {a: _dumped(self.dataset, a) for a in sorted(actor_ids)}
        nested["related"] = related
        if table.name in CODED_TABLES:
            nested["event_codes"] = [
                dict(
                    zip(
                        EVENT_CODE_FIELDS,
                        (
                            r.event,
                            r.code.cameo,
                            r.code.cameo_label,
                            r.code.plover,
                            r.code.plover_mode,
                            r.code.plover_context,
                        ),
                    )
                )
                for r in record_codes(self.dataset, table.name, record)
            ]
        return nested


def tables_from_documents(docs: Iterable[dict[str, Any]]) -> dict[str, set[Record]]:
    """Every table's rows rebuilt from nested documents (each row once), to check that nothing was lost."""
    found: dict[str, set[Record]] = defaultdict(set)
    for doc in docs:
        table = TABLES[doc["table"]]
        cites = citation_table(table.name)
        for nested in doc["records"]:
            found[table.name].add(table.model.model_validate({k: v for k, v in nested.items() if k not in NESTED_KEYS}))
            for citation in nested.get("citations", []):
                found[cites.name].add(cites.model.model_validate({k: v for k, v in citation.items() if k != "source"}))  # type: ignore[union-attr]
            for child, rows in nested["related"].items():
                child_cites = citation_table(child)
                for row in rows:
                    found[child].add(
                        TABLES[child].model.model_validate({k: v for k, v in row.items() if k != "citations"})
                    )
                    for citation in row.get("citations", []):
                        found[child_cites.name].add(  # type: ignore[union-attr]
                            child_cites.model.model_validate({k: v for k, v in citation.items() if k != "source"})  # type: ignore[union-attr]
                        )
    return dict(found)
