"""The JSON and JSON Lines exports: nested records, one file per table with ids.

``json/<table>.json`` holds one document (``name``, ``version``, ``table``,
``records``) valid against ``schema/export/<table>.json``;
``jsonl/<table>.jsonl`` holds the same records one per line, each valid
against that schema's ``$defs/record``. Output is byte-reproducible: keys
keep the models' field order, records are sorted by id, nothing records
the time of writing.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..dataset import Dataset
from ..files.atomic import write_atomic
from .nested import documents


def write_json(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``json/<table>.json`` for every table with ids; return the paths."""
    written = []
    for name, document in documents(dataset).items():
        path = output / "json" / f"{name}.json"
        write_atomic(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        written.append(path)
    return written


def write_jsonl(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``jsonl/<table>.jsonl`` (one nested record per line) for every table with ids; return the paths."""
    written = []
    for name, document in documents(dataset).items():
        path = output / "jsonl" / f"{name}.jsonl"
        write_atomic(path, "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in document["records"]))
        written.append(path)
    return written
