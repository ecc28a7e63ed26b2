"""The JSON and JSON Lines exports: nested records, one file per table with ids.

``json/<table>.json`` holds one document (``name``, ``version``, ``table``,
``records``) valid against ``schema/export/<table>.json``, each record on a
line of its own;
``jsonl/<table>.jsonl`` holds the same records one per line, each valid
against that schema's ``$defs/record``. Output is byte-reproducible: keys
keep the models' field order, records are sorted by id, nothing records
the time of writing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..files.atomic import write_atomic
from .nested import documents


def document_text(document: dict[str, Any]) -> str:
    """A document as JSON text: its fields one per line, then each record compact on a line of its own.

    A record per line keeps a change to one record a one-line diff and lets
    the standard library's C encoder write it: indenting every nested field
    took Python's pure encoder seven times as long.
    """
    fields = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in document.items()]
    records = [json.dumps(record, ensure_ascii=False) for record in document.get("records", [])]
    if records:
        fields[list(document).index("records")] = '  "records": [\n    ' + ",\n    ".join(records) + "\n  ]"
    return "{\n" + ",\n".join(fields) + "\n}\n"


def write_json(dataset: Dataset, output: Path) -> list[Path]:
    """Write ``json/<table>.json`` for every table with ids; return the paths."""
    written = []
    for name, document in documents(dataset).items():
        path = output / "json" / f"{name}.json"
        write_atomic(path, document_text(document))
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
