"""Who acted toward whom in each coded record: the actor-level events behind the dyads and the network.

A visit, agreement, observation or transfer becomes one or more directed
events between actors, each with its CAMEO/PLOVER code (see
:mod:`mydiplo.analysis.eventcodes`), its date bounds and the state each side
belongs to. The dyadic table keeps the events between two states; the
network keeps every event between two actors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import permutations

from ..dataset import Dataset
from ..models import Actor, Agreement, ArmsTransfer, ElectionObservation, PartialDate, Record, Visit
from ..registry import TABLES
from .eventcodes import CODED_TABLES, CodingRule, EventCode, record_codes

STATE_KINDS = frozenset({"state", "person", "government-body", "military"})
"""Actors that act for the state of their ``country``; other kinds (blocs, NGOs, media, armed groups) act for no state."""


@dataclass(frozen=True)
class Side:
    """One side of an event: an actor (when there is one) and the state it acts for (when there is one)."""

    actor_id: str | None
    country: str | None


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


def state_of(dataset: Dataset, actor_id: str | None) -> str | None:
    """The ISO code of the state an actor acts for, or None (a bloc, an NGO, a collective)."""
    actor = dataset.get(actor_id) if actor_id else None
    if isinstance(actor, Actor) and actor.kind.value in STATE_KINDS:
        return actor.country
    return None


def state_actor(dataset: Dataset, country: str | None) -> str | None:
    """The id of the state actor with this ISO code, if the data has one."""
    return next((a.actor_id for a in dataset.actors if a.kind.value == "state" and a.country == country), None)


def _side(dataset: Dataset, actor_id: str | None) -> Side:
    return Side(actor_id, state_of(dataset, actor_id))


def _bounds(*dates: PartialDate | None) -> tuple[dt.date | None, dt.date | None]:
    known = [d for d in dates if d is not None]
    if not known:
        return None, None
    return min(d.earliest for d in known), max(d.latest for d in known)


def _visit_sides(dataset: Dataset, visit: Visit) -> tuple[Side, Side]:
    traveller = visit.on_behalf_of_id or visit.traveller_id
    host = visit.host_id or state_actor(dataset, visit.destination_country)
    return _side(dataset, traveller), Side(host, visit.destination_country)


def _agreement_pairs(dataset: Dataset, agreement: Agreement) -> list[tuple[Side, Side]]:
    roles: dict[str, list[str]] = {}
    for party in dataset.referencing(agreement.agreement_id, "agreement_parties"):
        roles.setdefault(party.role.value, []).append(party.actor_id)  # type: ignore[attr-defined]
    if roles.get("promisor"):
        return [(_side(dataset, a), _side(dataset, b)) for a in roles["promisor"] for b in roles.get("beneficiary", [])]
    members = roles.get("party") or roles.get("signatory") or []
    return [(_side(dataset, a), _side(dataset, b)) for a, b in permutations(members, 2)]


def _observation_pair(dataset: Dataset, observation: ElectionObservation) -> tuple[Side, Side]:
    """Observer -> the state holding the election; an invitation runs the other way, from whoever invited."""
    election = dataset[observation.election_id]
    country = election.country  # type: ignore[attr-defined]
    host = Side(state_actor(dataset, country), country)
    observer = _side(dataset, observation.observer_id)
    if observation.status.value == "invited":
        inviter = _side(dataset, observation.invited_by_id) if observation.invited_by_id else host
        return inviter, observer
    return observer, host


def _pairs(dataset: Dataset, record: Record, rule: CodingRule) -> list[tuple[Side, Side]]:
    if isinstance(record, Visit):
        traveller, host = _visit_sides(dataset, record)
        return [(traveller, host)] if rule.event == "visit" else [(host, traveller)]
    if isinstance(record, Agreement):
        return _agreement_pairs(dataset, record)
    if isinstance(record, ElectionObservation):
        return [_observation_pair(dataset, record)]
    if isinstance(record, ArmsTransfer):
        return [(_side(dataset, record.supplier_id), _side(dataset, record.recipient_id))]
    raise TypeError(f"no events for {type(record).__name__}")


def _dates(record: Record) -> tuple[dt.date | None, dt.date | None]:
    if isinstance(record, Visit):
        return _bounds(record.start_date, record.end_date)
    if isinstance(record, ArmsTransfer):
        return _bounds(record.order_date, record.delivery_start, record.delivery_end)
    return _bounds(record.date)  # type: ignore[attr-defined]


def coded_records(dataset: Dataset) -> Iterator[tuple[str, Record, CodingRule]]:
    """Every coded record with the rule of each of its events, tables in rule order, records by id."""
    for table in CODED_TABLES:
        id_field = TABLES[table].id_field
        for record in sorted(dataset.table(table), key=lambda r: getattr(r, id_field)):  # type: ignore[arg-type]
            for rule in record_codes(dataset, table, record):
                yield table, record, rule


def events(dataset: Dataset) -> list[Event]:
    """Every directed event of every coded record, in a fixed order."""
    found = []
    for table, record, rule in coded_records(dataset):
        earliest, latest = _dates(record)
        record_id = getattr(record, TABLES[table].id_field)  # type: ignore[arg-type]
        for source, target in _pairs(dataset, record, rule):
            found.append(Event(table, record_id, rule.event, rule.code, source, target, earliest, latest))
    return found

