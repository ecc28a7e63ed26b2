"""Writing, or checking, every file derived from the models.

``mydiplo generate`` writes them; ``mydiplo generate --check`` compares them
with what is on disk and names each file that differs, so a change to a
model that was not regenerated fails CI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..files.atomic import write_atomic
from ..registry import RECORD_TABLES, TABLES
from . import dictionary, export_schemas, schemas


def _json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def expected_files() -> dict[str, str]:
    """Every generated file, by path relative to the checkout, with its exact content."""
    files = {
        "datapackage.json": _json(schemas.datapackage()),
        "docs/data-dictionary.md": dictionary.render(),
        "docs/validation-rules.md": dictionary.render_rules(),
    }
    for table in TABLES.values():
        files[table.table_schema_path] = _json(schemas.table_schema(table))
        files[table.json_schema_path] = _json(schemas.json_schema(table))
    for table in RECORD_TABLES:
        files[export_schemas.schema_path(table)] = _json(export_schemas.nested_schema(table))
    return files


def stale_files(root: Path) -> list[str]:
    """The generated files under ``root`` that are missing or differ from what the models give."""
    stale = []
    for path, content in expected_files().items():
        target = root / path
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            stale.append(path)
    return stale


def write_files(root: Path) -> list[str]:
    """Write every generated file that changed under ``root``; return their paths."""
    changed = stale_files(root)
    files = expected_files()
    for path in changed:
        write_atomic(root / path, files[path])
    return changed
