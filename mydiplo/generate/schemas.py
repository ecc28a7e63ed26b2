"""Deriving the published schemas from the models: Frictionless Table Schemas, JSON Schemas, the descriptor.

Nothing here declares a field: every name, type, constraint, description and
example is read off the pydantic models and the table registry, so the
schemas cannot say anything the models do not.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Union, get_args, get_origin

import annotated_types
from pydantic.fields import FieldInfo

from .. import about
from ..models import PartialDate
from ..models.base import CodeList, DocEnum, Record
from ..models.dates import PATTERN as DATE_PATTERN
from ..registry import TABLES, Table

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_FRICTIONLESS_TYPES: dict[type, str] = {
    str: "string",
    int: "integer",
    Decimal: "number",
    bool: "boolean",
    PartialDate: "string",
}


@dataclass(frozen=True)
class Column:
    """Everything the schemas say about one column, read off a model field."""

    name: str
    python_type: type
    required: bool
    description: str
    example: Any
    constraints: dict[str, Any]

    @property
    def enum(self) -> type[DocEnum] | None:
        """The vocabulary of the column, if it has one."""
        return self.python_type if issubclass(self.python_type, Enum) else None  # type: ignore[return-value]

    @property
    def frictionless_type(self) -> str:
        """The Table Schema type of the column."""
        return "string" if self.enum else _FRICTIONLESS_TYPES[self.python_type]


def columns(model: type[Record]) -> list[Column]:
    """The columns of a model's table, in order."""
    return [_column(name, info) for name, info in model.model_fields.items()]


def _column(name: str, info: FieldInfo) -> Column:
    python_type, metadata = _unwrap(info)
    constraints: dict[str, Any] = {}
    if info.is_required():
        constraints["required"] = True
    for item in metadata:
        constraints.update(_constraint(item))
    if python_type is PartialDate:
        constraints["pattern"] = DATE_PATTERN
    if isinstance(python_type, type) and issubclass(python_type, Enum):
        constraints["enum"] = [member.value for member in python_type]
    examples = info.examples or [None]
    return Column(name, python_type, info.is_required(), info.description or "", examples[0], constraints)


def _unwrap(info: FieldInfo) -> tuple[type, list[Any]]:
    """The field's base type without ``None``, and all its metadata, however nested."""
    annotation: Any = info.annotation
    metadata = list(info.metadata)
    if get_origin(annotation) is Union or type(annotation).__name__ == "UnionType":
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    while hasattr(annotation, "__metadata__"):
        metadata.extend(annotation.__metadata__)
        annotation = annotation.__origin__
    return annotation, metadata


def _constraint(item: Any) -> dict[str, Any]:
    if isinstance(item, FieldInfo):  # Field(ge=..., le=...) nested inside an Annotated type
        found: dict[str, Any] = {}
        for inner in item.metadata:
            found.update(_constraint(inner))
        return found
    if isinstance(item, CodeList):
        return {"enum": list(item.codes)}
    found = {}
    for attribute, key in (("pattern", "pattern"), ("min_length", "minLength"), ("max_length", "maxLength")):
        value = getattr(item, attribute, None)
        if value is not None:
            found[key] = value
    if isinstance(item, (annotated_types.Ge, annotated_types.Le)):
        bound = item.ge if isinstance(item, annotated_types.Ge) else item.le
        found["minimum" if isinstance(item, annotated_types.Ge) else "maximum"] = bound
    return found


def _frictionless_field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.frictionless_type, "description": column.description}
    if column.example is not None:
        field["example"] = column.example
    if column.python_type is bool:
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    if column.constraints:
        field["constraints"] = column.constraints
    return field


def table_schema(table: Table) -> dict[str, Any]:
    """The Frictionless Table Schema of a table."""
    schema: dict[str, Any] = {
        "fields": [_frictionless_field(column) for column in columns(table.model)],
        "missingValues": [""],
    }
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": key.field,
                "reference": {
                    "resource": "" if key.reference_table == table.name else key.reference_table,
                    "fields": key.reference_field,
                },
            }
            for key in table.foreign_keys
        ]
    if table.row_reference is not None:
        fields = list(table.row_reference.fields)
        schema.setdefault("foreignKeys", []).append(
            {"fields": fields, "reference": {"resource": table.row_reference.table, "fields": fields}}
        )
    return schema


def json_schema(table: Table) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record of a table, as exported to JSON."""
    schema = table.model.model_json_schema(mode="serialization")
    for definition in schema.get("$defs", {}).values():
        _document_enum(definition, table.model)
    return {"$schema": JSON_SCHEMA_DIALECT, **schema, "description": inspect.cleandoc(table.model.__doc__ or "")}


def _document_enum(definition: dict[str, Any], model: type[Record]) -> None:
    """Replace a bare ``enum`` list by ``oneOf`` constants that carry each value's meaning."""
    enum = next((c.enum for c in columns(model) if c.enum and c.enum.__name__ == definition.get("title")), None)
    if enum is None:
        return
    del definition["enum"]
    definition["oneOf"] = [{"const": member.value, "description": member.doc} for member in enum]


def resource(table: Table) -> dict[str, Any]:
    """The Data Package resource describing a table's CSV file."""
    return {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "description": table.description.split("\n\n")[0].replace("\n", " "),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table.table_schema_path,
    }


def datapackage() -> dict[str, Any]:
    """The ``datapackage.json`` descriptor: metadata, licence, version and one resource per table."""
    return {
        "profile": "tabular-data-package",
        "name": about.NAME,
        "title": about.TITLE,
        "description": about.DESCRIPTION,
        "version": about.DATA_VERSION,
        "licenses": [about.DATA_LICENSE],
        "keywords": list(about.KEYWORDS),
        "resources": [resource(table) for table in TABLES.values()],
    }
