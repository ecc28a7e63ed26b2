"""The actor network: every actor as a node, every coded event and standing relation as a directed edge.

:mod:`mydiplo.export.graphml` writes it as GraphML and as node and edge CSV
files. Edges are parallel where two actors met more than once: each edge is one
record's event, keyed by ``record_table`` and ``record_id`` back to the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..dataset import Dataset
from .events import events
from .statecodes import codes_of

NODE_FIELDS = ("id", "label", "kind", "country", "cow_code", "gw_code", "wikidata_id")
EDGE_FIELDS = ("source", "target", "relation", "record_table", "record_id", "cameo_code", "plover_event", "date_earliest", "date_latest")


@dataclass(frozen=True)
class Graph:
    """Nodes and directed edges as rows of :data:`NODE_FIELDS` and :data:`EDGE_FIELDS`."""

    nodes: tuple[dict[str, Any], ...]
    edges: tuple[dict[str, Any], ...]


def graph(dataset: Dataset) -> Graph:
    """The actor network of the dataset, nodes by id and edges in a fixed order."""
    nodes = []
    for actor in sorted(dataset.actors, key=lambda a: a.actor_id):
        codes = codes_of(actor.country) if actor.kind.value == "state" else None
        nodes.append({
            "id": actor.actor_id, "label": actor.name, "kind": actor.kind.value, "country": actor.country,
            "cow_code": codes.cow_code if codes else None, "gw_code": codes.gw_code if codes else None,
            "wikidata_id": actor.wikidata_id,
        })
    edges = [
        {
            "source": e.source.actor_id, "target": e.target.actor_id, "relation": e.event,
            "record_table": e.record_table, "record_id": e.record_id, "cameo_code": e.code.cameo,
            "plover_event": e.code.plover, "date_earliest": e.earliest, "date_latest": e.latest,
        }
        for e in events(dataset)
        if e.source.actor_id and e.target.actor_id
    ]
    edges.extend(_standing_edges(dataset))
    edges.sort(key=lambda e: tuple("" if e[f] is None else str(e[f]) for f in EDGE_FIELDS))
    return Graph(tuple(nodes), tuple(edges))


def _standing_edges(dataset: Dataset) -> list[dict[str, Any]]:
    """Relations that are not coded events: meetings during visits, offices, alignments, positions, honours.

    An empty ``date_latest`` means the relation has no known end (an office still held).
    """
    found = []

    def edge(source: str, target: str, relation: str, table: str, record_id: str, start: Any = None, end: Any = None) -> None:
        found.append({
            "source": source, "target": target, "relation": relation, "record_table": table, "record_id": record_id,
            "cameo_code": None, "plover_event": None,
            "date_earliest": start.earliest if start else None, "date_latest": end.latest if end else None,
        })

    for participant in dataset.visit_participants:
        visit = dataset[participant.visit_id]
        edge(visit.traveller_id, participant.actor_id, participant.role.value, "visit_participants", participant.visit_id, visit.start_date, visit.end_date or visit.start_date)  # type: ignore[attr-defined]
    for office in dataset.offices:
        edge(office.holder_id, office.organisation_id, "office", "offices", office.office_id, office.start_date, office.end_date)
    for alignment in dataset.alignments:
        edge(alignment.actor_id, alignment.organisation_id, f"alignment-{alignment.kind.value}", "alignments", alignment.alignment_id, alignment.start_date, alignment.end_date)
    for position in dataset.positions:
        edge(position.actor_id, position.target_id, f"position-{position.kind.value}", "positions", position.position_id, position.start_date, position.end_date)
    for honour in dataset.honours:
        edge(honour.conferred_by_id, honour.recipient_id, "honour", "honours", honour.honour_id, honour.date, honour.date)
    return found
