"""The JSON Schemas of the nested JSON export: one per table with ids, shipped in ``schema/export/``.

Generated from the models with the other schemas, so a reader of the JSON
or JSONL export can validate each document, and each line, without mydiplo.
"""

from __future__ import annotations

import copy
from typing import Any

from ..analysis.eventcodes import CODED_TABLES, EVENT_CODE_FIELDS
from ..registry import ACTORS, SOURCES, TABLES, Table, citation_table, related_tables
from .schemas import JSON_SCHEMA_DIALECT, json_schema


def nested_schema(table: Table) -> dict[str, Any]:
    """The JSON Schema of a table's nested document; ``$defs/record`` is the schema of one record (one JSONL line)."""
    defs: dict[str, Any] = {}

    def flat(name: str) -> dict[str, Any]:
        schema = copy.deepcopy(json_schema(TABLES[name]))
        defs.update(schema.pop("$defs", {}))
        schema.pop("$schema")
        return schema

    def cited(cites: Table) -> dict[str, Any]:
        """A citation, with its source inline."""
        citation = flat(cites.name)
        citation["properties"]["source"] = {"$ref": "#/$defs/sources", "description": "The cited source."}
        citation["required"] = [*citation.get("required", []), "source"]
        return citation

    record = flat(table.name)
    for name in {ACTORS.name, SOURCES.name, *(t.name for t in related_tables(table.name))}:
        defs[name] = flat(name)
    for child in related_tables(table.name):
        child_cites = citation_table(child.name)
        if child_cites is not None:
            defs[child_cites.name] = cited(child_cites)
            defs[child.name]["properties"]["citations"] = {
                "type": "array",
                "description": "The row's citations, each with its source.",
                "items": {"$ref": f"#/$defs/{child_cites.name}"},
            }
            defs[child.name]["required"] = [*defs[child.name].get("required", []), "citations"]
    extra: dict[str, Any] = {
        "actors": {
            "type": "object",
            "description": "Every actor the record, its related rows and its citations name, by id.",
            "additionalProperties": {"$ref": f"#/$defs/{ACTORS.name}"},
        },
        "related": {
            "type": "object",
            "description": "Rows of other tables that reference this record, by table.",
            "properties": {
                t.name: {"type": "array", "items": {"$ref": f"#/$defs/{t.name}"}} for t in related_tables(table.name)
            },
            "required": [t.name for t in related_tables(table.name)],
            "additionalProperties": False,
        },
    }
    cites = citation_table(table.name)
    if cites is not None:
        defs["citation"] = cited(cites)
        extra["citations"] = {
            "type": "array",
            "description": "The record's citations, each with its source.",
            "items": {"$ref": "#/$defs/citation"},
        }
    if table.name in CODED_TABLES:
        extra["event_codes"] = {
            "type": "array",
            "description": "CAMEO code and PLOVER category of each event of the record.",
            "items": {
                "type": "object",
                "properties": {f: {"type": ["string", "null"]} for f in EVENT_CODE_FIELDS},
                "required": list(EVENT_CODE_FIELDS),
                "additionalProperties": False,
            },
        }
    record["properties"].update(extra)
    record["required"] = [*record.get("required", []), *extra]
    defs["record"] = record
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"mydiplo {table.name} (nested JSON export)",
        "description": (
            f"The nested JSON export of table {table.name}: each record with its actors, citations and related rows. "
            "Each line of the JSONL export is valid against $defs/record."
        ),
        "type": "object",
        "properties": {
            "name": {"const": "mydiplo"},
            "version": {"type": "string"},
            "table": {"const": table.name},
            "records": {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "required": ["name", "version", "table", "records"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def schema_path(table: Table) -> str:
    """Where the nested schema of a table is shipped, relative to the data package root."""
    return f"schema/export/{table.name}.json"
