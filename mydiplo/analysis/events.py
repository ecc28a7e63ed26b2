"""Who acted toward whom in each coded record: the actor-level events behind the dyads and the network.

A record of a table with event rules (a visit, agreement, observation or
transfer) becomes one or more directed events between actors, each with its
CAMEO/PLOVER code (see :mod:`mydiplo.analysis.eventcodes`), the date bounds
of its model's ``span`` and the state each side belongs to; who acts toward
whom is the model's ``event_sides``. The dyadic table keeps the events
between two states; the network keeps every event between two actors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dataset import Dataset
from ..models import Record, Side
from ..registry import TABLES
from .eventcodes import CODED_TABLES, CodingRule, EventCode, record_codes
from .memo import per_dataset


@dataclass(frozen=True)
class Event:
    """A directed, coded interaction from ``source`` to ``target`` drawn from one record."""

    record_table: str
    record_id: str
    event: str
    code: EventCode
    source: Side
    target: Side
    earliest: dt.date | None
    latest: dt.date | None


def date_bounds(record: Record) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest day the record's ``span`` dates allow; None for both when it has none."""
    known = [d for d in (getattr(record, field) for field in record.span) if d is not None]
    if not known:
        return None, None
    return min(d.earliest for d in known), max(d.latest for d in known)


@per_dataset
def coded_records(dataset: Dataset) -> tuple[tuple[str, Record, CodingRule], ...]:
    """Every coded record with the rule of each of its events, tables in rule order, records by id (found once
    per dataset: the event codes and the events both start from them)."""
    found = []
    for table in CODED_TABLES:
        id_field = TABLES[table].id_field
        for record in sorted(dataset.table(table), key=lambda r: getattr(r, id_field)):  # type: ignore[arg-type]
            found += [(table, record, rule) for rule in record_codes(dataset, table, record)]
    return tuple(found)


@per_dataset
def events(dataset: Dataset) -> tuple[Event, ...]:
    """Every directed event of every coded record, in a fixed order (found once per dataset: the dyadic
    events, the panel and the network all start from them)."""
    found = []
    for table, record, rule in coded_records(dataset):
        earliest, latest = date_bounds(record)
        record_id = getattr(record, TABLES[table].id_field)  # type: ignore[arg-type]
        for source, target in record.event_sides(dataset, rule.event):
            found.append(Event(table, record_id, rule.event, rule.code, source, target, earliest, latest))
    return tuple(found)
