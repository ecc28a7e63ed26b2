"""How much the data holds: records per family and year, as docs/coverage.md and the site show them.

A record is counted in the year of its first date (a visit's start, an
agreement's signature, a transfer's order), or of the record it is dated by
(a claimed result by its election); a record without any date is counted as
undated, so the totals are the tables' sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dataset import Dataset
from ..models import PartialDate, Record
from ..registry import CENSUS_TABLES, Table


@dataclass(frozen=True)
class Coverage:
    """Records per table and year; ``None`` is the year of undated records."""

    counts: dict[str, dict[int | None, int]]

    @property
    def years(self) -> list[int]:
        """Every year that has a record, earliest first, with no year skipped between the first and the last."""
        found = {year for by_year in self.counts.values() for year in by_year if year is not None}
        return list(range(min(found), max(found) + 1)) if found else []

    def total(self, table: str) -> int:
        return sum(self.counts[table].values())


def first_date(ds: Dataset, record: Record) -> PartialDate | None:
    """The first date a record's table places it by (its ``span``), else its first date of any kind, else
    the first date of the record its model is ``dated_by`` (an election's result, by the election)."""
    for name in record.span or ():
        value = getattr(record, name)
        if isinstance(value, PartialDate):
            return value
    own = next((v for v in record.__dict__.values() if isinstance(v, PartialDate)), None)
    if own is None and record.dated_by is not None and (other := ds.get(getattr(record, record.dated_by))):
        return first_date(ds, other)
    return own


def coverage(ds: Dataset, tables: tuple[Table, ...] = CENSUS_TABLES) -> Coverage:
    """Count the records of ``tables`` by the year of their first date."""
    counts: dict[str, dict[int | None, int]] = {}
    for table in tables:
        by_year: dict[int | None, int] = {}
        for record in ds.table(table.name):
            date = first_date(ds, record)
            year = date.earliest.year if date is not None else None
            by_year[year] = by_year.get(year, 0) + 1
        counts[table.name] = by_year
    return Coverage(counts)
