"""The loaded dataset: immutable typed records per table, lookup by id, and navigation along references."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .files.locate import package_root
from .models import (
    Actor,
    ActorName,
    Agreement,
    AgreementParty,
    AgreementSubject,
    Alignment,
    ArmsTransfer,
    Citation,
    Election,
    ElectionAssessment,
    ElectionObservation,
    ElectionPhase,
    ElectionResult,
    Honour,
    Office,
    Position,
    Record,
    RetiredId,
    Source,
    Visit,
    VisitParticipant,
)
from .problems import Problem, problem
from .registry import RECORD_TABLES, TABLES

R = TypeVar("R", bound=Record)


class InvalidPackageError(ValueError):
    """The data package does not pass validation; ``problems`` holds every error found."""

    def __init__(self, root: Path, problems: list[Problem]) -> None:
        self.root = root
        self.problems = problems
        shown = "\n".join(f"  {p.location()}: [{p.rule}] {p.message}" for p in problems[:5])
        more = f"\n  ... and {len(problems) - 5} more" if len(problems) > 5 else ""
        super().__init__(
            f"the data package in {root} has {len(problems)} errors:\n{shown}{more}\n"
            f"run `mydiplo validate {root}` to see them all with hints"
        )


@dataclass(frozen=True)
class Dataset:
    """Every table of mydiplo as a tuple of immutable records, with lookups across them.

    Get one with `mydiplo.load()`. Each table is an attribute of the same
    name (``ds.visits``, ``ds.visit_citations``); records are looked up by id
    with ``ds["min-aung-hlaing"]`` or ``ds.get(...)``, and the methods below
    follow references in both directions:

        >>> ds = load()
        >>> belarus = ds["belarus"]
        >>> [v.visit_id for v in ds.visits_of("alexander-lukashenko")]  # doctest: +SKIP
    """

    version: str
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    actor_citations: tuple[Citation, ...]
    actor_names: tuple[ActorName, ...]
    offices: tuple[Office, ...]
    office_citations: tuple[Citation, ...]
    visits: tuple[Visit, ...]
    visit_citations: tuple[Citation, ...]
    visit_participants: tuple[VisitParticipant, ...]
    honours: tuple[Honour, ...]
    honour_citations: tuple[Citation, ...]
    agreements: tuple[Agreement, ...]
    agreement_citations: tuple[Citation, ...]
    agreement_parties: tuple[AgreementParty, ...]
    agreement_subjects: tuple[AgreementSubject, ...]
    elections: tuple[Election, ...]
    election_citations: tuple[Citation, ...]
    election_phases: tuple[ElectionPhase, ...]
    election_results: tuple[ElectionResult, ...]
    election_result_citations: tuple[Citation, ...]
    election_assessments: tuple[ElectionAssessment, ...]
    election_assessment_citations: tuple[Citation, ...]
    election_observations: tuple[ElectionObservation, ...]
    election_observation_citations: tuple[Citation, ...]
    arms_transfers: tuple[ArmsTransfer, ...]
    arms_transfer_citations: tuple[Citation, ...]
    alignments: tuple[Alignment, ...]
    alignment_citations: tuple[Citation, ...]
    positions: tuple[Position, ...]
    position_citations: tuple[Citation, ...]
    retired_ids: tuple[RetiredId, ...]

    def table(self, name: str) -> tuple[Record, ...]:
        """The records of the table called ``name`` (see ``mydiplo.registry.TABLES``)."""
        if name not in TABLES:
            raise KeyError(f"no table {name!r}; tables are: {', '.join(TABLES)}")
        return getattr(self, name)

    def counts(self) -> dict[str, int]:
        """How many records each table holds."""
        return {name: len(self.table(name)) for name in TABLES}

    @cached_property
    def _by_id(self) -> dict[str, Record]:
        return {getattr(r, t.id_field): r for t in RECORD_TABLES for r in self.table(t.name)}  # type: ignore[arg-type]

    def get(self, record_id: str) -> Record | None:
        """The record of any table with this id, or None."""
        return self._by_id.get(record_id)

    def __getitem__(self, record_id: str) -> Record:
        record = self._by_id.get(record_id)
        if record is None:
            raise KeyError(f"no record has the id {record_id!r}")
        return record

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    @cached_property
    def _referrers(self) -> dict[str, list[tuple[str, Record]]]:
        index: dict[str, list[tuple[str, Record]]] = defaultdict(list)
        for table in TABLES.values():
            for record in self.table(table.name):
                for key in table.foreign_keys:
                    value = getattr(record, key.field)
                    if value is not None:
                        index[value].append((table.name, record))
        return index

    def referencing(self, record_id: str, table: str | None = None) -> tuple[Record, ...]:
        """Every row that references ``record_id`` (optionally only rows of ``table``), each once."""
        found: dict[int, Record] = {}
        for name, record in self._referrers.get(record_id, []):
            if table is None or name == table:
                found.setdefault(id(record), record)
        return tuple(found.values())

    def citations_of(self, record_id: str) -> tuple[Citation, ...]:
        """The citations of a record: which sources support it, where, claimed by whom."""
        return tuple(r for r in self.referencing(record_id) if isinstance(r, Citation) and r.record_id == record_id)

    def sources_of(self, record_id: str) -> tuple[Source, ...]:
        """The sources that a record's citations name, each once, in citation order."""
        ids = dict.fromkeys(c.source_id for c in self.citations_of(record_id))
        return tuple(self[source_id] for source_id in ids)  # type: ignore[misc]

    def visits_of(self, actor_id: str) -> tuple[Visit, ...]:
        """Visits in which an actor travelled, was represented, hosted, or took part."""
        ids = {v.visit_id for v in self.referencing(actor_id, "visit_participants")}  # type: ignore[attr-defined]
        return tuple(
            v for v in self.visits
            if v.visit_id in ids or actor_id in (v.traveller_id, v.on_behalf_of_id, v.host_id)
        )

    def participants_of(self, visit_id: str) -> tuple[VisitParticipant, ...]:
        """Who took part in a visit besides its traveller, and in which role."""
        return self.referencing(visit_id, "visit_participants")  # type: ignore[return-value]

    def agreements_of(self, record_id: str) -> tuple[Agreement, ...]:
        """Agreements made during a visit, or to which an actor is a party, signatory, promisor or beneficiary."""
        made_during = [a for a in self.agreements if a.visit_id == record_id]
        parties = {p.agreement_id for p in self.referencing(record_id, "agreement_parties")}  # type: ignore[attr-defined]
        return tuple(made_during + [a for a in self.agreements if a.agreement_id in parties and a not in made_during])

    def observations_of(self, election_id: str) -> tuple[ElectionObservation, ...]:
        """Who observed, was invited to, promised to, or declined to observe an election."""
        return self.referencing(election_id, "election_observations")  # type: ignore[return-value]

    def positions_of(self, actor_id: str) -> tuple[Position, ...]:
        """The stances an actor took, and those taken toward it, earliest first."""
        return _earliest_first([p for p in self.positions if actor_id in (p.actor_id, p.target_id)])

    def offices_of(self, actor_id: str) -> tuple[Office, ...]:
        """The offices a person held, earliest first."""
        return _earliest_first([o for o in self.offices if o.holder_id == actor_id])

    def names_of(self, actor_id: str) -> tuple[str, ...]:
        """An actor's name followed by every other name sources give it."""
        actor: Actor = self[actor_id]  # type: ignore[assignment]
        return (actor.name, *(n.name for n in self.actor_names if n.actor_id == actor_id))

    def to_pandas(self, table: str) -> Any:
        """A table (or a derived one: ``dyadic_events``, ``event_codes``, ``state_codes``) as a typed pandas DataFrame.

        Needs the ``pandas`` extra (``pip install 'mydiplo[pandas]'``).
        """
        from .analysis.dataframes import to_pandas

        return to_pandas(self, table)

    def to_polars(self, table: str) -> Any:
        """A table (or a derived one) as a typed polars DataFrame; needs the ``polars`` extra."""
        from .analysis.dataframes import to_polars

        return to_polars(self, table)

    def __repr__(self) -> str:
        counts = ", ".join(f"{count} {name}" for name, count in self.counts().items() if count and not name.endswith("_citations"))
        citations = sum(count for name, count in self.counts().items() if name.endswith("_citations"))
        return f"<mydiplo Dataset {self.version}: {counts}; {citations} citations>"


def _earliest_first(records: list[R]) -> tuple[R, ...]:
    """Records with a ``start_date`` sorted by it, undated ones last."""
    return tuple(sorted(records, key=lambda r: (r.start_date is None, r.start_date.earliest if r.start_date else None)))  # type: ignore[attr-defined]


def load(path: Path | str | None = None) -> Dataset:
    """Load and check the data package, returning every table as immutable typed records.

    ``path`` is a data package folder or its ``datapackage.json``; by default
    the mydiplo checkout the current folder lies in, else the checkout this
    code runs from, else the data shipped in the installed package. Raises `InvalidPackageError` listing the errors when the
    package does not validate (run ``mydiplo validate`` for hints).
    """
    from .validation import validate_records

    root = package_root(path)
    report, records = validate_records(root)
    if not report.valid:
        raise InvalidPackageError(root, list(report.errors))
    tables = {name: tuple(kept) for name, kept in records.items()}
    return Dataset(version=_version(root), **tables)  # type: ignore[arg-type]


def _version(root: Path) -> str:
    """The data version the package's descriptor declares."""
    try:
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        unreadable = problem("file-unreadable", "datapackage.json", variant="descriptor", reason=error)
        raise InvalidPackageError(root, [unreadable]) from None
    return str(descriptor.get("version", "unversioned"))

