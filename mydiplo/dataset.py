"""The loaded dataset: immutable typed records per table, lookup by id, and navigation along references."""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .files.jsontext import parse_json
from .files.locate import package_root
from .files.tablefile import regular_file
from .labels import describe, label
from .models import (
    Actor,
    ActorName,
    Agreement,
    AgreementParty,
    Citation,
    Cites,
    ElectionObservation,
    Office,
    Position,
    Record,
    RetiredId,
    Side,
    Source,
    Visit,
    VisitParticipant,
)
from .models.actors import STATE_KINDS
from .models.sources import key_of
from .plural import counted
from .problems import Problem, ProblemLog, problem
from .registry import ACTORS, RECORD_TABLES, RETIRED_IDS, TABLES, citation_table, table_of
from .retirements import Resolution, RetiredIdWarning, resolve

if TYPE_CHECKING:
    from .readings import Dispute, Reading

R = TypeVar("R", bound=Record)


class InvalidPackageError(ValueError):
    """The data package does not pass validation; ``problems`` holds every error found."""

    def __init__(self, root: Path, problems: list[Problem]) -> None:
        self.root = root
        self.problems = problems
        super().__init__(
            f"the data package in {root} has {counted(sum(p.count for p in problems), 'error')}:{self.listing()}\n"
            f"run `mydiplo validate --path {root}` to see them all with hints"
        )

    def listing(self) -> str:
        """The first five problems, each on a line of its own after a line break, and how many more there are."""
        shown = "".join(f"\n  {p.location()}: [{p.rule}] {p.message}" for p in self.problems[:5])
        more = f"\n  ... and {len(self.problems) - 5} more" if len(self.problems) > 5 else ""
        return shown + more


class Dataset:
    """Every table of mydiplo as a tuple of immutable records, with lookups across them.

    Get one with `mydiplo.load()`. Each table of the registry is an attribute
    of the same name (``ds.visits``, ``ds.visit_citations``); records are
    looked up by id with ``ds["min-aung-hlaing"]`` or ``ds.get(...)``, and the
    methods below follow references in both directions:

        >>> ds = load()
        >>> belarus = ds["belarus"]
        >>> [ds.label(v) for v in ds.visits_of("alexander-lukashenko")]  # doctest: +SKIP
        ['Alexander Lukashenko to Myanmar', ...]

    ``print(ds)`` lists the tables and their counts, the data version and the
    folder the data was read from. A dataset is immutable; :meth:`replace`
    makes a copy with some tables changed.
    """

    def __init__(self, version: str, tables: Mapping[str, tuple[Record, ...]], root: Path | None = None) -> None:
        missing = [name for name in TABLES if name not in tables]
        unknown = [name for name in tables if name not in TABLES]
        if missing or unknown:
            raise ValueError(
                f"a dataset holds exactly the tables of the registry; missing {missing}, unknown {unknown}"
            )
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "root", root)
        object.__setattr__(self, "_tables", {name: tuple(tables[name]) for name in TABLES})

    version: str
    """The data version, as ``datapackage.json`` declares it."""
    root: Path | None
    """The data package folder the records were read from; None for a dataset built in memory."""
    _tables: dict[str, tuple[Record, ...]]

    def __getattr__(self, name: str) -> tuple[Any, ...]:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a dataset is immutable; use replace({name}=...) for a changed copy")

    def replace(self, **tables: tuple[Record, ...]) -> Dataset:
        """A copy of the dataset with the tables named in ``tables`` replaced, for what-if checks."""
        unknown = [name for name in tables if name not in TABLES]
        if unknown:
            raise KeyError(f"no table {', '.join(map(repr, unknown))}; tables are: {', '.join(TABLES)}")
        return Dataset(self.version, {**self._tables, **tables}, self.root)

    def table(self, name: str) -> tuple[Record, ...]:
        """The records of the table called ``name`` (see ``mydiplo.registry.TABLES``)."""
        if name not in TABLES:
            raise KeyError(f"no table {name!r}; tables are: {', '.join(TABLES)}")
        return self._tables[name]

    def counts(self) -> dict[str, int]:
        """How many records each table holds."""
        return {name: len(self.table(name)) for name in TABLES}

    @cached_property
    def _by_id(self) -> dict[str, Record]:
        return {getattr(r, t.id_field): r for t in RECORD_TABLES for r in self.table(t.name)}  # type: ignore[arg-type]

    @cached_property
    def _retired(self) -> dict[str, RetiredId]:
        return {r.retired_id: r for r in self.table(RETIRED_IDS.name)}  # type: ignore[attr-defined,misc]

    def resolve(self, record_id: str) -> Resolution:
        """Where an id leads now: ``(record_id, chain)``, following the register of retired ids.

        An id that names a record, or that was never used, leads to itself
        with an empty chain. A retired id leads to the record that replaced
        it, through every retirement on the way (``chain``, the register's
        rows in order), or to None when the record was withdrawn; ``note``
        says so in words:

            >>> ds.resolve("old-sco-record")  # doctest: +SKIP
            Resolution(record_id='myanmar-sco-dialogue-partner', chain=(RetiredId(retired_id='old-sco-record', ...),))
            >>> ds.resolve("old-sco-record").note  # doctest: +SKIP
            'old-sco-record was retired in 0.2.0 and is now myanmar-sco-dialogue-partner (Renamed ...)'
        """
        if record_id in self._by_id:
            return Resolution(record_id, ())
        return resolve(self._retired, record_id)

    def _follow(self, record_id: str) -> tuple[Record | None, str | None]:
        """The record an id leads to (None if none), and what a reader is told of its retirement (None if none)."""
        record = self._by_id.get(record_id)
        if record is not None:
            return record, None
        resolution = self.resolve(record_id)
        successor = self._by_id.get(resolution.record_id) if resolution.record_id is not None else None
        return successor, resolution.note

    def get(self, record_id: str) -> Record | None:
        """The record of any table with this id, or None.

        A retired id gives the record that replaced it (None if it was
        withdrawn) with a :class:`~mydiplo.RetiredIdWarning` saying so;
        :meth:`resolve` gives the way without the warning.
        """
        record, note = self._follow(record_id)
        if note is not None:
            warnings.warn(note, RetiredIdWarning, stacklevel=2)
        return record

    def __getitem__(self, record_id: str) -> Record:
        """The record with this id, following a retired id as :meth:`get` does; ``KeyError`` when there is none
        (saying when the id was withdrawn, if it was)."""
        record, note = self._follow(record_id)
        if record is None:
            raise KeyError(note or f"no record has the id {record_id!r}")
        if note is not None:
            warnings.warn(note, RetiredIdWarning, stacklevel=2)
        return record

    def __contains__(self, record_id: object) -> bool:
        """Whether a current record has this very id (a retired id is not in the dataset, though ``get`` follows it)."""
        return record_id in self._by_id

    def label(self, record: Record | str) -> str:
        """What a record (or the record with this id) is called, for printing: a name, a title, or a phrase.

        An actor by its name, a source by its title, a visit by who went where
        (``Alexander Lukashenko to Myanmar``), a participant of a visit by the
        visit, the actor and the role; ``for v in ds.visits: print(ds.label(v))``.
        """
        return label(self, self[record] if isinstance(record, str) else record)

    def describe(self, record: Record | str) -> str:
        """A record (or the record with this id) on several lines: its label, then each filled field by its
        human label, with the names of the records it references and dates in words.

        ``print(ds.describe("lukashenko-visit-myanmar-2025"))``; ``mydiplo show`` adds citations and links.
        """
        return describe(self, self[record] if isinstance(record, str) else record)

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

    @cached_property
    def _row_citations(self) -> dict[tuple[str, tuple[str, ...]], list[Cites]]:
        index: dict[tuple[str, tuple[str, ...]], list[Cites]] = defaultdict(list)
        for table in TABLES.values():
            if table.cites is not None and table.row_reference is not None:
                for citation in self.table(table.name):
                    index[table.cites, citation.cited_key].append(citation)  # type: ignore[attr-defined,arg-type]
        return index

    def row_citations(self, row: Record) -> tuple[Cites, ...]:
        """The citations of a row that belongs to a record: a visit's participant, an agreement's party.

        Such rows have no id; their citation table names them by their key
        columns (``visit_participant_citations`` by visit, actor and role), so
        the row itself is the question: ``ds.row_citations(ds.participants_of(visit_id)[0])``.
        """
        table = table_of(type(row))
        cites = citation_table(table.name)
        if cites is None or cites.row_reference is None:
            return ()
        return tuple(self._row_citations.get((table.name, key_of(row, cites.cited_fields)), ()))

    def sources_of(self, record_id: str) -> tuple[Source, ...]:
        """The sources that a record's citations name, each once, in citation order."""
        ids = dict.fromkeys(c.source_id for c in self.citations_of(record_id))
        return tuple(self[source_id] for source_id in ids)  # type: ignore[misc]

    def readings(self, record_id: str, field: str) -> tuple[Reading, ...]:
        """What each source says ``field`` of the record holds, oldest first, as :class:`~mydiplo.Reading` values.

        Each reading carries its source, claimant, certainty and the date it
        speaks for (``as_of``: the citation's, else the source's publication
        date). When no citation reads the field, the record's own value is
        given as read by each citation of the whole record (``is_explicit``
        False), so the answer always says where a value comes from:

            >>> status = ds.readings("myanmar-general-election-2025", "status")
            >>> [(r.value, r.as_of.text) for r in status]  # doctest: +SKIP
            [('postponed', '2023-09-13/2023-09-15'), ('held', '2026-01-01')]

        Raises ``KeyError`` for an unknown record, ``ValueError`` for a field its table lacks.
        """
        from .readings import readings

        return readings(self, record_id, field)

    def disputes(self) -> list[Dispute]:
        """The fields whose sources, speaking for the same time, give different values.

        Readings at different times are history (``postponed`` in 2023, ``held``
        in 2025); readings whose ``as_of`` spans overlap and whose values differ
        make a :class:`~mydiplo.Dispute`, which holds the record's own value and
        every reading of the field, oldest first. Ordered by table, record and field.
        """
        from .readings import disputes

        return disputes(self)

    def rows_of(self, model: type[R], record_id: str) -> tuple[R, ...]:
        """The rows of ``model``'s table that reference ``record_id``: ``ds.rows_of(AgreementParty, agreement_id)``."""
        return self.referencing(record_id, table_of(model).name)  # type: ignore[return-value]

    def visits_of(self, actor_id: str, direct: bool = False) -> tuple[Visit, ...]:
        """Visits in which an actor travelled, was represented, hosted, or took part, itself or through
        those who act for it (see :meth:`acts_for`): Russia's include a visit its defence ministry
        hosted. ``direct=True`` gives only the visits that name the actor itself."""
        visits: tuple[Visit, ...] = self.table(table_of(Visit).name)  # type: ignore[assignment]
        if direct:
            ids = {p.visit_id for p in self.rows_of(VisitParticipant, actor_id)} | {
                v.visit_id for v in self.rows_of(Visit, actor_id)
            }
            return tuple(v for v in visits if v.visit_id in ids)
        return tuple(v for v in visits if any(actor_id in self.acts_for(*side) for side in self._visit_sides(v)))

    def _visit_sides(self, visit: Visit) -> list[tuple[str | None, str | None]]:
        """Everyone a visit involves, each with the office the visit names for them: both sides of the
        visit event (a host left unnamed is the state visited) and every participant."""
        sides = [(side.actor_id, side.office_id) for pair in visit.event_sides(self, "visit") for side in pair]
        sides.append((visit.traveller_id, visit.traveller_office_id))
        sides += [(p.actor_id, p.office_id) for p in self.rows_of(VisitParticipant, visit.visit_id)]
        return sides

    def participants_of(self, visit_id: str) -> tuple[VisitParticipant, ...]:
        """Who took part in a visit besides its traveller, and in which role."""
        return self.rows_of(VisitParticipant, visit_id)

    def agreements_of(self, record_id: str, direct: bool = False) -> tuple[Agreement, ...]:
        """Agreements made during a visit, or to which an actor is a party, signatory, promisor or
        beneficiary, itself or through those who act for it (Russia's include those its defence minister
        and its election commission signed); ``direct=True`` gives only those that name the actor."""
        made_during = list(self.rows_of(Agreement, record_id))
        agreements: tuple[Agreement, ...] = self.table(table_of(Agreement).name)  # type: ignore[assignment]
        if direct:
            parties = {p.agreement_id for p in self.rows_of(AgreementParty, record_id)}
        else:
            rows: tuple[AgreementParty, ...] = self.table(table_of(AgreementParty).name)  # type: ignore[assignment]
            parties = {p.agreement_id for p in rows if record_id in self.acts_for(p.actor_id, p.office_id)}
        return tuple(made_during + [a for a in agreements if a.agreement_id in parties and a not in made_during])

    def observations_of(self, election_id: str) -> tuple[ElectionObservation, ...]:
        """Who observed, was invited to, promised to, or declined to observe an election."""
        return self.rows_of(ElectionObservation, election_id)

    def positions_of(self, actor_id: str, direct: bool = False) -> tuple[Position, ...]:
        """The stances an actor took, and those taken toward it, itself or through those who act for it;
        earliest first. ``direct=True`` gives only those that name the actor."""
        if direct:
            return _earliest_first(list(self.rows_of(Position, actor_id)))
        positions: tuple[Position, ...] = self.table(table_of(Position).name)  # type: ignore[assignment]
        involved = [
            p
            for p in positions
            if any(actor_id in self.acts_for(side.actor_id) for pair in p.event_sides(self, "") for side in pair)
        ]
        return _earliest_first(involved)

    def offices_of(self, actor_id: str) -> tuple[Office, ...]:
        """The offices a person held, earliest first."""
        return _earliest_first([o for o in self.rows_of(Office, actor_id) if o.holder_id == actor_id])

    def names_of(self, actor_id: str) -> tuple[str, ...]:
        """An actor's name followed by every other name sources give it."""
        actor: Actor = self[actor_id]  # type: ignore[assignment]
        return (actor.name, *(n.name for n in self.rows_of(ActorName, actor_id)))

    def state_of(self, actor_id: str | None, office_id: str | None = None) -> str | None:
        """The ISO code of the state an actor acts for, or None (a bloc, an NGO, a collective).

        The one rule every view shares (navigation, dyads, the network, actor pages): an actor acts for
        what the top of its ``parent_id`` chain acts for, and a person acting in an office a record names
        (``office_id``: an envoy's office in ASEAN) for what the office's organisation acts for. The top
        acts for its ``country`` when it is a state, a person, a government body, a military or a state
        company; other kinds act for no state.
        """
        return _state_of_top(self._top(actor_id, office_id))

    def principal(self, actor_id: str, office_id: str | None = None) -> str:
        """The actor ``actor_id`` acts for in the end: the actor of its state (:meth:`state_of`) when the
        data has one, else the top of its ``parent_id`` chain (the EU for its council), else itself."""
        top = self._top(actor_id, office_id)
        state = self.state_actor(_state_of_top(top))
        return state or (top.actor_id if top is not None else actor_id)

    def acts_for(self, actor_id: str | None, office_id: str | None = None) -> frozenset[str]:
        """Every actor whose records include those of ``actor_id`` (acting in ``office_id``, if given):
        itself, the office's organisation, their parents up the chain, and the actor of its state."""
        if actor_id is None:
            return frozenset()
        found = self._acting.get((actor_id, office_id))
        if found is None:
            chain = {actor_id, *self._chain(actor_id)}
            office = self.get(office_id) if office_id else None
            if isinstance(office, Office):
                chain |= {office.organisation_id, *self._chain(office.organisation_id)}
            state = self.state_actor(self.state_of(actor_id, office_id))
            found = self._acting[actor_id, office_id] = frozenset(chain | ({state} if state else set()))
        return found

    @cached_property
    def _acting(self) -> dict[tuple[str, str | None], frozenset[str]]:
        """What :meth:`acts_for` found, by actor and office: navigation asks it again for every record."""
        return {}

    def _chain(self, actor_id: str) -> list[str]:
        """The ids up an actor's ``parent_id`` chain, nearest first (a cycle, which validation refuses, ends it)."""
        found: list[str] = []
        actor = self.get(actor_id)
        while (
            isinstance(actor, Actor)
            and actor.parent_id
            and actor.parent_id not in found
            and actor.parent_id != actor_id
        ):
            found.append(actor.parent_id)
            actor = self.get(actor.parent_id)
        return found

    def _top(self, actor_id: str | None, office_id: str | None) -> Actor | None:
        """The actor at the top of the chain from ``actor_id`` (or from the organisation of the office it
        acts in), or None when there is no such actor."""
        if (actor_id, office_id) in self._tops:
            return self._tops[actor_id, office_id]
        office = self.get(office_id) if office_id else None
        start = office.organisation_id if isinstance(office, Office) else actor_id
        top: Record | None = None
        if start is not None:
            chain = self._chain(start)
            top = self.get(chain[-1] if chain else start)
        found = self._tops[actor_id, office_id] = top if isinstance(top, Actor) else None
        return found

    @cached_property
    def _tops(self) -> dict[tuple[str | None, str | None], Actor | None]:
        """What :meth:`_top` found, by actor and office: every event of a visit asks it for both sides."""
        return {}

    @cached_property
    def _states(self) -> dict[str | None, str]:
        states: dict[str | None, str] = {}
        for actor in self.table(ACTORS.name):
            if actor.kind.value == "state":  # type: ignore[attr-defined]
                states.setdefault(actor.country, actor.actor_id)  # type: ignore[attr-defined]
        return states

    def state_actor(self, country: str | None) -> str | None:
        """The id of the state actor with this ISO code, if the data has one."""
        return self._states.get(country)

    def side(self, actor_id: str | None, office_id: str | None = None) -> Side:
        """One side of an event: the actor, the state it acts for, and the office it acts in, if named."""
        return Side(actor_id, self.state_of(actor_id, office_id), office_id)

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
        counts = ", ".join(
            f"{count} {name}" for name, count in self.counts().items() if count and not name.endswith("_citations")
        )
        citations = sum(count for name, count in self.counts().items() if name.endswith("_citations"))
        return f"<mydiplo Dataset {self.version}: {counts}; {citations} citations>"

    def __str__(self) -> str:
        """The dataset on several lines: its version and folder, then each table (an attribute) and its count."""
        counts = self.counts()
        citations = {name: count for name, count in counts.items() if TABLES[name].cites is not None}
        rows = [(name, count) for name, count in counts.items() if name not in citations]
        rows.append((f"*_citations ({len(citations)} tables)", sum(citations.values())))
        width = max(len(name) for name, _ in rows)
        digits = max(len(str(count)) for _, count in rows)
        origin = f"read from {self.root}" if self.root is not None else "built in memory"
        return "\n".join(
            [
                f"mydiplo Dataset, data version {self.version}, {origin}",
                *(f"  {name:<{width}}  {count:>{digits}}" for name, count in rows),
            ]
        )


def _state_of_top(top: Actor | None) -> str | None:
    """The state the top of a chain acts for: its ``country``, when it is of a kind that acts for a state."""
    return top.country if top is not None and top.kind.value in STATE_KINDS else None


def _earliest_first(records: list[R]) -> tuple[R, ...]:
    """Records with a ``start_date`` sorted by it, undated ones last."""
    return tuple(sorted(records, key=lambda r: (r.start_date is None, r.start_date.earliest if r.start_date else None)))  # type: ignore[attr-defined]


def load(path: Path | str | None = None) -> Dataset:
    """Load and check the data package, returning every table as immutable typed records.

    ``path`` is a data package folder or its ``datapackage.json``; by default
    the mydiplo checkout the current folder lies in, else the checkout this
    code runs from, else the data shipped in the installed package. Raises
    `InvalidPackageError` listing the errors when the package does not
    validate (run ``mydiplo validate`` for hints).
    """
    from .validation import validate_records

    root = package_root(path)
    report, records = validate_records(root)
    if not report.valid:
        raise InvalidPackageError(root, list(report.errors))
    return Dataset(version_of(root), {name: tuple(kept) for name, kept in records.items()}, root)


def version_of(root: Path) -> str:
    """The data version the package's descriptor declares."""
    refused = ProblemLog()
    located = regular_file(root, "datapackage.json", refused)
    if located is None:
        raise InvalidPackageError(root, refused.problems())
    try:
        descriptor = parse_json(located[0].read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        unreadable = problem("file-unreadable", "datapackage.json", variant="descriptor", reason=error)
        raise InvalidPackageError(root, [unreadable]) from None
    return str(descriptor.get("version", "unversioned"))
