"""The actor network: every actor as a node, every coded event and standing relation as a directed edge.

:mod:`mydiplo.export.graphml` writes it as GraphML and as node and edge CSV
files. Edges are parallel where two actors met more than once: each edge is one
record's event, keyed by ``record_table`` and ``record_id`` back to the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..dataset import Dataset
from ..registry import TABLES
from .events import events
from .statecodes import codes_of

NODE_FIELDS = ("id", "label", "kind", "country", "cow_code", "gw_code", "wikidata_id")
EDGE_FIELDS = (
    "source",
    "target",
    "relation",
    "record_table",
    "record_id",
    "cameo_code",
    "plover_event",
    "date_earliest",
    "date_latest",
)


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
        nodes.append(
            {
                "id": actor.actor_id,
                "label": actor.name,
                "kind": actor.kind.value,
                "country": actor.country,
                "cow_code": codes.cow_code if codes else None,
                "gw_code": codes.gw_code if codes else None,
                "wikidata_id": actor.wikidata_id,
            }
        )
    edges = [
        {
            "source": e.source.actor_id,
            "target": e.target.actor_id,
            "relation": e.event,
            "record_table": e.record_table,
            "record_id": e.record_id,
            "cameo_code": e.code.cameo,
            "plover_event": e.code.plover,
            "date_earliest": e.earliest,
            "date_latest": e.latest,
        }
        for e in events(dataset)
        if e.source.actor_id and e.target.actor_id
    ]
    edges.extend(_standing_edges(dataset))
    edges.sort(key=lambda e: tuple("" if e[f] is None else str(e[f]) for f in EDGE_FIELDS))
    return Graph(tuple(nodes), tuple(edges))


def _standing_edges(dataset: Dataset) -> list[dict[str, Any]]:
    """Relations that are not coded events, as each model states them (its ``relations``): meetings
    during visits, offices, alignments, positions, honours.

    An empty ``date_latest`` means the relation has no known end (an office still held).
    """
    found: list[dict[str, Any]] = []
    for table in TABLES.values():
        owner = table.id_field or (table.parent_key.field if table.parent_key else None)
        if owner is None:
            continue
        for record in dataset.table(table.name):
            found.extend(
                {
                    "source": r.source,
                    "target": r.target,
                    "relation": r.name,
                    "record_table": table.name,
                    "record_id": getattr(record, owner),
                    "cameo_code": None,
                    "plover_event": None,
                    "date_earliest": r.start.earliest if r.start else None,
                    "date_latest": r.end.latest if r.end else None,
                }
                for r in record.relations(dataset)
            )
    return found
