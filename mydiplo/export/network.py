"""The actor network: every actor as a node, every coded event and standing relation as a directed edge.

Written as GraphML (for Gephi, networkx, igraph) and as two CSV files,
``nodes.csv`` and ``edges.csv`` (Gephi's spreadsheet import, or any tool).
Edges are parallel where two actors met more than once: each edge is one
record's event, keyed by ``record_table`` and ``record_id`` back to the data.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
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


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def csv_text(rows: tuple[dict[str, Any], ...], fields: tuple[str, ...]) -> str:
    """Rows as CSV text with a header, LF line endings and empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_text(row[f]) for f in fields])
    return buffer.getvalue()


_GRAPHML_TYPES = {"cow_code": "int", "gw_code": "int"}


def graphml_text(network: Graph) -> str:
    """The network as GraphML: a directed multigraph with typed node and edge attributes."""
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    for domain, fields in (("node", NODE_FIELDS[1:]), ("edge", EDGE_FIELDS[2:])):
        for name in fields:
            ET.SubElement(root, "key", {"id": name, "for": domain, "attr.name": name, "attr.type": _GRAPHML_TYPES.get(name, "string")})
    container = ET.SubElement(root, "graph", {"id": "mydiplo", "edgedefault": "directed"})
    for node in network.nodes:
        element = ET.SubElement(container, "node", {"id": node["id"]})
        _data(element, node, NODE_FIELDS[1:])
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(container, "edge", {"id": f"e{number}", "source": edge["source"], "target": edge["target"]})
        _data(element, edge, EDGE_FIELDS[2:])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _data(element: ET.Element, row: dict[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        if row[name] is not None:
            ET.SubElement(element, "data", {"key": name}).text = str(row[name])


def write_network(dataset: Dataset, folder: Path) -> list[Path]:
    """Write ``mydiplo.graphml``, ``nodes.csv`` and ``edges.csv`` into ``folder``, atomically; return their paths."""
    network = graph(dataset)
    files = {
        folder / "mydiplo.graphml": graphml_text(network),
        folder / "nodes.csv": csv_text(network.nodes, NODE_FIELDS),
        folder / "edges.csv": csv_text(network.edges, EDGE_FIELDS),
    }
    for path, text in files.items():
        write_atomic(path, text)
    return list(files)
