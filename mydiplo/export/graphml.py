"""The actor network as files: GraphML (for Gephi, networkx, igraph) and ``nodes.csv`` / ``edges.csv``.

Edges are parallel where two actors met more than once: each edge is one
record's event, keyed by ``record_table`` and ``record_id`` back to the data
(see :mod:`mydiplo.analysis.graph`).
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..analysis.graph import EDGE_FIELDS, NODE_FIELDS, Graph, graph
from ..dataset import Dataset
from ..files.atomic import write_atomic


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
            ET.SubElement(
                root,
                "key",
                {"id": name, "for": domain, "attr.name": name, "attr.type": _GRAPHML_TYPES.get(name, "string")},
            )
    container = ET.SubElement(root, "graph", {"id": "mydiplo", "edgedefault": "directed"})
    for node in network.nodes:
        element = ET.SubElement(container, "node", {"id": node["id"]})
        _data(element, node, NODE_FIELDS[1:])
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(
            container, "edge", {"id": f"e{number}", "source": edge["source"], "target": edge["target"]}
        )
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
