"""What each source says a field of a record holds, and where sources of the same time disagree.

A citation with ``field`` and ``value`` set is a *reading*: one source's value
for one field of one record, as of a date (the citation's ``as_of``, else the
source's publication date). Readings of one field at different times are the
field's history (an election ``postponed`` in 2023 and ``held`` in 2025);
readings whose dates overlap but whose values differ are a *dispute*, which
the record settles for one value while keeping the others as data.

``Dataset.readings`` and ``Dataset.disputes`` delegate here, so the rule is
written once and the site and ``mydiplo show`` mark the same fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .files.canonical import to_cell
from .models import Certainty, Citation, Cites, ClaimantKind, PartialDate, Record, Source
from .registry import RECORD_TABLES, Table, citation_table

if TYPE_CHECKING:
    from .dataset import Dataset


@dataclass(frozen=True)
class Reading:
    """One source's value for one field of one record, as of a date, with who claims it and how surely.

    ``value`` is text, as it would stand in the field's CSV column, so readings
    of any field compare alike. ``as_of`` is the date the reading speaks for:
    the citation's ``as_of``, else the source's ``published_date``.
    ``is_explicit`` is False for a reading implied by a citation of the whole
    record: the record's own value, supported by a source that names no field.
    """

    record_id: str
    field: str
    value: str
    source: Source
    claimant_kind: ClaimantKind
    claimant_id: str | None
    certainty: Certainty
    as_of: PartialDate
    locator: str
    note: str | None
    is_explicit: bool = True

    @property
    def sort_key(self) -> tuple[object, ...]:
        """Oldest first: by the earliest, then the latest day of ``as_of``, then by source and place in it."""
        return (self.as_of.earliest, self.as_of.latest, self.source.source_id, self.locator)

    def overlaps(self, other: Reading) -> bool:
        """Whether the two readings may speak for the same day: their ``as_of`` spans share at least one."""
        return self.as_of.earliest <= other.as_of.latest and other.as_of.earliest <= self.as_of.latest


@dataclass(frozen=True)
class Dispute:
    """A field of a record whose sources, speaking for the same time, give different values.

    ``value`` is the record's own value as CSV text (None when the field is
    empty); ``readings`` are every reading of the field, oldest first, not only
    those that disagree, so the dispute is seen with its history.
    """

    record_id: str
    table: str
    field: str
    value: str | None
    readings: tuple[Reading, ...]

    @property
    def values(self) -> tuple[str, ...]:
        """The distinct values the readings give, in the order they first appear."""
        return tuple(dict.fromkeys(r.value for r in self.readings))


def reading_of(citation: Citation, source: Source, value: str | None = None, field: str | None = None) -> Reading:
    """The reading a citation makes; ``value`` and ``field`` stand in for a citation of the whole record."""
    return Reading(
        record_id=citation.record_id,
        field=citation.field or field or "",
        value=citation.value if citation.value is not None else (value or ""),
        source=source,
        claimant_kind=citation.claimant_kind,
        claimant_id=citation.claimant_id,
        certainty=citation.certainty,
        as_of=citation.as_of or source.published_date,
        locator=citation.locator,
        note=citation.note,
        is_explicit=citation.field is not None,
    )


def _table_of(record: Record) -> Table:
    return next(t for t in RECORD_TABLES if type(record) is t.model)


def readings(dataset: Dataset, record_id: str, field: str) -> tuple[Reading, ...]:
    """Every reading of ``field`` of the record ``record_id``, oldest first.

    When no citation reads the field, the record's own value is returned as
    read by each citation of the whole record (``is_explicit`` False), so the
    answer always says where a value comes from; a field that is empty and
    read by no source has no readings, and neither has a source, which is
    not cited. Raises ``KeyError`` for an unknown record and ``ValueError``
    for a field its table does not have.
    """
    record = dataset.get(record_id)
    if record is None:
        raise KeyError(f"no record has the id {record_id!r}")
    table = _table_of(record)
    if field not in table.fields:
        raise ValueError(f"{table.name} has no field {field!r}; its fields are: {', '.join(table.fields)}")
    citations = dataset.citations_of(record_id)
    explicit = [c for c in citations if c.field == field]
    if explicit:
        found = [reading_of(c, dataset[c.source_id]) for c in explicit]  # type: ignore[arg-type]
    else:
        own = getattr(record, field)
        if own is None:
            return ()
        found = [reading_of(c, dataset[c.source_id], to_cell(own), field) for c in citations if c.field is None]  # type: ignore[arg-type]
    return tuple(sorted(found, key=lambda r: r.sort_key))


def disputes(dataset: Dataset) -> list[Dispute]:
    """Every field whose readings of the same time disagree, by table (registry order), record and field.

    Two readings disagree when their values differ and their ``as_of`` spans
    overlap. Readings that follow each other in time are history, not a
    dispute. Two partial dates that overlap do not differ either: "December
    2025" and "28 December 2025" are the same reading at two precisions.
    """
    found = []
    for table in RECORD_TABLES:
        cites = citation_table(table.name)
        if cites is not None:
            found += _disputes_among(dataset, table, dataset.table(cites.name))  # type: ignore[arg-type]
    return found


def disputes_of(dataset: Dataset, record_id: str) -> list[Dispute]:
    """The disputes of one record's fields, as :func:`disputes` finds them, from its own citations alone."""
    record = dataset.get(record_id)
    if record is None:
        raise KeyError(f"no record has the id {record_id!r}")
    return _disputes_among(dataset, _table_of(record), dataset.citations_of(record_id))


def _disputes_among(dataset: Dataset, table: Table, citations: Iterable[Cites]) -> list[Dispute]:
    """The disputes that ``citations`` of records of ``table`` make, by record and field."""
    grouped: dict[tuple[str, str], list[Reading]] = {}
    for citation in citations:
        if isinstance(citation, Citation) and citation.field is not None:
            reading = reading_of(citation, dataset[citation.source_id])  # type: ignore[arg-type]
            grouped.setdefault((citation.record_id, citation.field), []).append(reading)
    dates = _date_fields(table)
    found = []
    for (record_id, field), group in sorted(grouped.items()):
        if _disagree(group, field in dates):
            value = to_cell(getattr(dataset[record_id], field, None)) or None
            ordered = tuple(sorted(group, key=lambda r: r.sort_key))
            found.append(Dispute(record_id, table.name, field, value, ordered))
    return found


def _date_fields(table: Table) -> set[str]:
    """The fields of a table that hold partial dates."""
    return {name for name, info in table.model.model_fields.items() if "PartialDate" in str(info.annotation)}


def _disagree(group: list[Reading], is_date: bool) -> bool:
    """Whether any two readings of the group speak for the same time and give different values."""
    return any(
        a.overlaps(b) and not _same_value(a.value, b.value, is_date)
        for index, a in enumerate(group)
        for b in group[index + 1 :]
    )


def _same_value(a: str, b: str, is_date: bool) -> bool:
    """Equal text; for dates, spans that share a day (a coarser and a finer reading of one date)."""
    if a == b:
        return True
    if not is_date:
        return False
    try:
        first, second = PartialDate(a), PartialDate(b)
    except ValueError:
        return False
    return first.earliest <= second.latest and second.earliest <= first.latest
