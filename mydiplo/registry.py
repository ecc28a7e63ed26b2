"""The table registry: every table of the data package, its model, its file and its keys.

Everything that handles tables (loading, validation, schema generation, the
data dictionary, the site, the exports, the events and the network) iterates
over `TABLES` instead of naming tables again, and reads what a table is from
its model's declarations (see :class:`~mydiplo.models.Record`), so a table
added here is loaded, validated, documented, exported, drawn and tested at once.

Foreign keys are not written by hand: they are read off the models' field
types (a field typed ``ActorId`` references ``actors``), and each citation
table's ``record_id`` references the table it cites.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, get_args

from pydantic.fields import FieldInfo

from .models import (
    Actor,
    ActorName,
    Agreement,
    AgreementParty,
    AgreementSubject,
    Alignment,
    ArmsDelivery,
    ArmsTransfer,
    Citation,
    Election,
    ElectionAssessment,
    ElectionObservation,
    ElectionPhase,
    ElectionResult,
    Honour,
    Measure,
    Office,
    Position,
    Record,
    Ref,
    RetiredId,
    Source,
    Visit,
    VisitParticipant,
    Vote,
    row_citation_model,
)


@dataclass(frozen=True)
class ForeignKey:
    """``field`` of one table references ``reference_field`` of ``reference_table``."""

    field: str
    reference_table: str
    reference_field: str


@dataclass(frozen=True)
class RowReference:
    """``fields`` together name a row of ``table`` by its key columns of the same names (a citation of the
    participant of a visit names the visit, the actor and the role)."""

    fields: tuple[str, ...]
    table: str


@dataclass(frozen=True)
class Table:
    """One table of the data package.

    ``primary_key`` is the unique identifier of a row (empty for citation
    tables, which are unique over ``unique_key`` instead because their
    ``field`` column may be empty). ``cites`` is the table a citation table
    belongs to. ``group`` orders tables in documentation. ``retirements``
    marks the register of retired ids, whose key names no record.

    What the checks across tables need of a table is declared here, not
    written into the validator: ``remembers`` names the columns they look
    up by the table's id (an actor's kind, an office's holder, a source's
    publication date, an election's dates); ``required_by`` is ``(table, rule)`` when every
    record of that table needs at least one row here that references it
    (every agreement has a party), else a breach of ``rule``.
    """

    name: str
    model: type[Record]
    primary_key: tuple[str, ...]
    group: str
    cites: str | None = None
    unique_key: tuple[str, ...] = field(default=())
    retirements: bool = False
    remembers: tuple[str, ...] = ()
    required_by: tuple[str, str] | None = None

    @property
    def path(self) -> str:
        """The CSV file, relative to the data package root."""
        return f"datasets/{self.name}.csv"

    @property
    def table_schema_path(self) -> str:
        """The Frictionless Table Schema, relative to the data package root."""
        return f"schema/tableschema/{self.name}.json"

    @property
    def json_schema_path(self) -> str:
        """The JSON Schema of one record, relative to the data package root."""
        return f"schema/jsonschema/{self.name}.json"

    @cached_property
    def key(self) -> tuple[str, ...]:
        """The columns that identify a row: the primary key, or the unique key."""
        return self.primary_key or self.unique_key

    @cached_property
    def id_field(self) -> str | None:
        """The single text column that identifies a record, for tables that have one."""
        if self.retirements:
            return None
        if len(self.primary_key) == 1 and self.model.model_fields[self.primary_key[0]].annotation is str:
            return self.primary_key[0]
        return None

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """The columns, in the order of the CSV header."""
        return tuple(self.model.model_fields)

    @property
    def description(self) -> str:
        """What a row is: the model's docstring."""
        return inspect.cleandoc(self.model.__doc__ or "")

    @property
    def cited_fields(self) -> tuple[str, ...]:
        """For a citation table, the columns that name the cited row (``record_id``, or the row's key); else ()."""
        if self.cites is None:
            return ()
        return self.model.cited_fields  # type: ignore[attr-defined]

    @cached_property
    def row_reference(self) -> RowReference | None:
        """For the citations of a table keyed by several columns, the reference by those columns to its rows."""
        if self.cites is None or self.cited_fields == ("record_id",):
            return None
        return RowReference(self.cited_fields, self.cites)

    @cached_property
    def foreign_keys(self) -> tuple[ForeignKey, ...]:
        """Foreign keys read off the model's field types, plus ``record_id`` for citations of records."""
        keys = []
        if self.cites is not None and self.row_reference is None:
            keys.append(ForeignKey("record_id", self.cites, TABLES[self.cites].primary_key[0]))
        for name, info in self.model.model_fields.items():
            ref = field_ref(info)
            if ref is not None:
                keys.append(ForeignKey(name, ref, TABLES[ref].primary_key[0]))
        return tuple(keys)

    # What the table is to the site, the events and the network; the rest is declared on its model.

    @property
    def label(self) -> str:
        """What the table is called in headings and figures: ``Arms transfers`` for ``arms_transfers``."""
        return self.name.replace("_", " ").capitalize()

    @property
    def parent_key(self) -> ForeignKey | None:
        """For a table of rows that belong to a record (citations, participants, parties, phases,
        names), the reference to that record; None for record tables."""
        if self.id_field is not None:
            return None
        return next(
            (
                key
                for key in self.foreign_keys
                if key.field in self.key and TABLES[key.reference_table].id_field is not None
            ),
            None,
        )

    @property
    def captioned(self) -> bool:
        """Whether the model calls its records by a phrase of their fields rather than by a name."""
        return self.model.caption is not Record.caption


def field_ref(info: FieldInfo) -> str | None:
    """The table a field references, from the :class:`~mydiplo.models.Ref` in its type."""
    for item in field_metadata(info):
        if isinstance(item, Ref):
            return item.table
    return None


def field_metadata(info: FieldInfo) -> list[Any]:
    """Every metadata item of a field, including those inside ``X | None``."""
    items = list(info.metadata)
    for arg in get_args(info.annotation):
        items.extend(getattr(arg, "__metadata__", ()))
    return items


_CITATION_KEY = ("source_id", "locator", "field", "as_of")
"""After the cited row's key, what tells one citation of a row from another: a source may read a field twice at one
place only as of two dates (a bloc's invitation in 2023, its membership in 2025)."""


def _with_citations(
    name: str, model: type[Record], key: tuple[str, ...], group: str, singular: str, **declared: Any
) -> list[Table]:
    """A table and its citation table: every row of every table but the sources is a claim that needs a source.

    A record table's citations name the record by ``record_id``; those of a table keyed by several columns
    name the row by those columns (:func:`~mydiplo.models.row_citation_model`).
    """
    cites = Citation if len(key) == 1 else row_citation_model(model, key)
    return [
        Table(name, model, key, group, **declared),
        Table(f"{singular}_citations", cites, (), group, cites=name, unique_key=(*cites.cited_fields, *_CITATION_KEY)),
    ]


def _build() -> dict[str, Table]:
    tables = [
        Table("sources", Source, ("source_id",), "provenance", remembers=("published_date",)),
        *_with_citations("actors", Actor, ("actor_id",), "actors", "actor", remembers=("kind",)),
        *_with_citations("actor_names", ActorName, ("actor_id", "name"), "actors", "actor_name"),
        *_with_citations("offices", Office, ("office_id",), "actors", "office", remembers=("holder_id",)),
        *_with_citations("visits", Visit, ("visit_id",), "visits", "visit"),
        *_with_citations(
            "visit_participants", VisitParticipant, ("visit_id", "actor_id", "role"), "visits", "visit_participant"
        ),
        *_with_citations("honours", Honour, ("honour_id",), "visits", "honour"),
        *_with_citations("agreements", Agreement, ("agreement_id",), "agreements", "agreement"),
        *_with_citations(
            "agreement_parties",
            AgreementParty,
            ("agreement_id", "actor_id", "role"),
            "agreements",
            "agreement_party",
            required_by=("agreements", "agreement-parties"),
        ),
        *_with_citations(
            "agreement_subjects", AgreementSubject, ("agreement_id", "subject"), "agreements", "agreement_subject"
        ),
        *_with_citations(
            "elections", Election, ("election_id",), "elections", "election", remembers=("start_date", "end_date")
        ),
        *_with_citations("election_phases", ElectionPhase, ("election_id", "phase"), "elections", "election_phase"),
        *_with_citations("election_results", ElectionResult, ("result_id",), "elections", "election_result"),
        *_with_citations(
            "election_assessments", ElectionAssessment, ("assessment_id",), "elections", "election_assessment"
        ),
        *_with_citations(
            "election_observations", ElectionObservation, ("observation_id",), "elections", "election_observation"
        ),
        *_with_citations("arms_transfers", ArmsTransfer, ("transfer_id",), "arms", "arms_transfer"),
        *_with_citations("arms_deliveries", ArmsDelivery, ("transfer_id", "batch"), "arms", "arms_delivery"),
        *_with_citations("alignments", Alignment, ("alignment_id",), "alignments", "alignment"),
        *_with_citations("positions", Position, ("position_id",), "positions", "position"),
        *_with_citations("votes", Vote, ("position_id", "actor_id"), "positions", "vote"),
        *_with_citations("measures", Measure, ("measure_id",), "measures", "measure"),
        Table("retired_ids", RetiredId, ("retired_id",), "identifiers", retirements=True),
    ]
    return {table.name: table for table in tables}


TABLES: dict[str, Table] = _build()
"""Every table of the data package, by name, in the order of ``datapackage.json``."""

RETIRED_IDS: Table = next(t for t in TABLES.values() if t.retirements)
"""The register of retired ids (see :class:`~mydiplo.models.RetiredId`)."""

RECORD_TABLES: tuple[Table, ...] = tuple(t for t in TABLES.values() if t.id_field is not None)
"""Tables whose rows are records with a single text id (and citations of their own, except sources)."""


CENSUS_TABLES: tuple[Table, ...] = tuple(
    t for t in RECORD_TABLES if t.group not in ("provenance", "actors", "identifiers")
)
"""The record tables of the families the census covers (docs/coverage.md): events, standings and stances."""


ACTORS: Table = TABLES["actors"]
"""The actors every actor reference points to; each actor has a page of its own on the site."""

SOURCES: Table = TABLES["sources"]
"""The sources every citation names."""


def table_of(model: type[Record]) -> Table:
    """The table whose rows are ``model`` records; an error for a model several tables share (citations)."""
    found = [t for t in TABLES.values() if t.model is model]
    if len(found) != 1:
        raise ValueError(f"{model.__name__} is the model of {len(found)} tables; name the table instead")
    return found[0]


def related_tables(table: str) -> list[Table]:
    """Tables, other than citation tables, whose rows reference rows of ``table``."""
    return [
        t
        for t in TABLES.values()
        if t.cites is None and t.name != table and any(k.reference_table == table for k in t.foreign_keys)
    ]


def citation_table(table: str) -> Table | None:
    """The citation table of ``table``, if it has one."""
    return next((t for t in TABLES.values() if t.cites == table), None)
