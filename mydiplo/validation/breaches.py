"""The problems the checks of keys, references and meaning find, located once for both engines.

Each function takes what a check found (a row's line, the offending value,
what it clashes with) and fills its rule's message template
(:data:`mydiplo.problems.RULES`) at the right file, line and field, so the
default and the columnar engine report the same problem in the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from ..files.canonical import to_cell
from ..files.jsontext import parse_json
from ..files.tablefile import regular_file
from ..models.base import Record
from ..problems import RULES, Problem, ProblemLog, problem
from ..registry import RETIRED_IDS, TABLES, Table, citation_table
from .plan import SOURCES, Reference


def out_of_order(table: Table, lines: Sequence[int], orders: Sequence[Any], highest: Any, problems: ProblemLog) -> Any:
    """Report each row whose key is below the highest key above it; return the highest key seen."""
    for line, order in zip(lines, orders):
        if highest is not None and order < highest:
            problems.add("rows-unsorted", table.path, line, table.key[0], key=", ".join(table.key))
        else:
            highest = order
    return highest


def duplicate_key(table: Table, line: int, key: str | tuple[str, ...], first: int) -> Problem:
    """A valid row repeats the key of the valid row on line ``first``."""
    shown = ", ".join(key) if isinstance(key, tuple) else key
    return problem("duplicate-key", table.path, line, table.key[0], key=shown, first=first)


def duplicate_id(table: Table, line: int, record_id: str, other: str) -> Problem:
    """A record's id is already the id of a record of the table ``other``."""
    return problem("duplicate-id", table.path, line, table.id_field, value=record_id, table=other)


def missing(table: Table, line: int, reference: Reference, value: str) -> Problem:
    """A reference to no record of the table it references; :func:`with_nearest` adds the ids it may mean."""
    target = TABLES[reference.table]
    message = RULES["foreign-key"].message.format(value=value, column=target.primary_key[0], table=target.name)
    return Problem("foreign-key", message, table.path, line, reference.field, looked_for=(target.name, value))


def with_nearest(found: Problem, nearest: Sequence[str]) -> Problem:
    """A reference to no record (made by :func:`missing`), naming the ``nearest`` ids of the table it
    references when there are any."""
    if not nearest or found.looked_for is None:
        return found
    target, value = TABLES[found.looked_for[0]], found.looked_for[1]
    return problem(
        "foreign-key",
        found.file,
        found.line,
        found.field,
        variant="nearest",
        value=value,
        column=target.primary_key[0],
        table=target.name,
        nearest=" or ".join(map(repr, nearest)),
    )


def cycle(table: Table, line: int, field_name: str, ids: Sequence[str], first: str) -> Problem:
    """References that lead back to the record they start from; reported at the line of the cycle's first record."""
    at = list(ids).index(first)
    path = [*ids[at:], *ids[:at], first]
    return problem("reference-cycle", table.path, line, field_name, path=" → ".join(path))


def outside_window(
    table: Table, line: int, date_field: str, value: str, record: tuple[str, str, str], before: bool
) -> Problem:
    """A row dated ``before`` the start (or after the end) of the record it belongs to: ``record`` is that
    record's id, the field of the bound and its value."""
    record_id, bound, bound_value = record
    side = "before" if before else "after"
    return problem(
        "outside-window",
        table.path,
        line,
        date_field,
        value=value,
        side=side,
        record=record_id,
        bound=bound,
        bound_value=bound_value,
    )


def missing_row(table: Table, line: int, cells: list[str]) -> Problem:
    """A citation names a row (by its key cells) that the cited table does not hold."""
    reference = table.row_reference
    assert reference is not None
    value = ", ".join(f"{name}={cell}" for name, cell in zip(reference.fields, cells))
    return problem(
        "foreign-key", table.path, line, reference.fields[0], variant="row", value=value, table=reference.table
    )


def wrong_actor_kind(table: Table, line: int, reference: Reference, value: str, kind: str) -> Problem:
    """A reference points at an actor of a kind the field does not take."""
    kinds = ", ".join(reference.kinds or ())
    return problem(
        "actor-kind", table.path, line, reference.field, value=value, kind=kind, column=reference.field, kinds=kinds
    )


def office_holder(table: Table, line: int, field: str, office_id: str, holder: str, actor_id: str) -> Problem:
    """An office named as someone's capacity is held by someone else."""
    return problem("office-holder", table.path, line, field, value=office_id, holder=holder, actor=actor_id)


def uncited(cited_table: Table, line: int) -> Problem:
    """A record (or a source) that no citation names."""
    if cited_table.name == SOURCES:
        return problem("uncited-source", cited_table.path, line, cited_table.primary_key[0])
    citations = citation_table(cited_table.name)
    assert citations is not None
    if cited_table.id_field is None:
        field = cited_table.primary_key[0]
        return problem("uncited-record", cited_table.path, line, field, variant="row", path=citations.path)
    return problem("uncited-record", cited_table.path, line, cited_table.id_field, path=citations.path)


def without_rows(table: Table, line: int) -> Problem:
    """A record that no row of a table declared ``required_by`` its table references (an agreement without a party)."""
    completing = next(t for t in TABLES.values() if t.required_by and t.required_by[0] == table.name)
    assert completing.required_by is not None
    return problem(completing.required_by[1], table.path, line, table.id_field, path=completing.path)


def dated_after_sources(table: Table, line: int, date_field: str, earliest: dt.date, reported: dt.date) -> Problem:
    """A record dated after the newest dated source that reports it."""
    return problem(
        "dated-after-sources",
        table.path,
        line,
        date_field,
        earliest=earliest.isoformat(),
        reported=reported.isoformat(),
    )


def likely_duplicate(table: Table, signature: Sequence[str], line: int, other_line: int) -> Problem:
    """Two records with the same signature and overlapping dates; reported on the later line."""
    shown = ", ".join(value or "(empty)" for value in signature)
    first, second = sorted((line, other_line))
    fields = ", ".join(table.model.duplicate_signature)
    return problem("likely-duplicate", table.path, second, fields=fields, values=shown, first=first)


def citation_reading(table: Table, cited: Table, line: int, field: str, value: str) -> Iterator[Problem]:
    """A citation's reading of a field must name a column of the cited table and hold a valid value for it."""
    if field not in cited.fields or field == cited.id_field:
        yield problem("citation-field", table.path, line, "field", variant="column", column=field, table=cited.name)
        return
    try:
        _adapter(cited.name, field).validate_python(value)
    except ValidationError as error:
        reason = error.errors(include_url=False)[0]["msg"]
        yield problem("citation-field", table.path, line, "value", value=value, column=field, reason=reason)


@cache
def _adapter(table: str, field: str) -> TypeAdapter[Any]:
    info = TABLES[table].model.model_fields[field]
    if not info.metadata:
        return TypeAdapter(info.annotation)  # type: ignore[arg-type]
    declared: tuple[Any, ...] = (info.annotation, *info.metadata)  # the field's type with its constraints
    return TypeAdapter(Annotated[declared])  # type: ignore[arg-type]


def not_canonical(table: Table, record: Record, line: int, cells: Sequence[str]) -> Iterator[Problem]:
    """The cells of a valid row that are not written in their canonical form."""
    for name, cell in zip(table.fields, cells):
        canonical = to_cell(getattr(record, name))
        if canonical != cell:
            yield problem("not-canonical", table.path, line, name, value=cell, canonical=canonical)


def retired_problems(
    retired: Mapping[str, tuple[int, str]], lines: Mapping[str, Mapping[str, int]]
) -> Iterator[Problem]:
    """A retired id names no record again, and its successor is a record that exists.

    ``retired`` maps each retired id to its line in the register and its
    successor; ``lines`` maps each table to its ids and their lines (0 for
    an invalid row).
    """
    register = RETIRED_IDS
    current: set[str] = set()
    for table in TABLES.values():
        known = lines.get(table.name, {})
        current.update(known)
        for record_id in known.keys() & retired.keys():
            line, successor = retired[record_id]
            instead = f"; its successor is {successor!r}" if successor else ""
            yield problem(
                "retired-id",
                table.path,
                known[record_id] or None,
                table.id_field,
                value=record_id,
                register_line=line,
                path=register.path,
                successor=instead,
            )
    for line, successor in retired.values():
        if not successor:
            continue
        if successor in retired:
            onward = retired[successor][1]
            instead = (
                f"name its successor {onward!r} instead"
                if onward
                else "it has no successor, so leave replaced_by empty"
            )
            yield problem(
                "retired-successor",
                register.path,
                line,
                "replaced_by",
                variant="retired",
                value=successor,
                instead=instead,
            )
        elif successor not in current:
            yield problem("retired-successor", register.path, line, "replaced_by", value=successor)


def descriptor_problems(root: Path) -> Iterator[Problem]:
    """``datapackage.json`` and the table schemas must be exactly what the models generate."""
    from ..generate.schemas import datapackage, table_schema

    expected = {"datapackage.json": datapackage(), **{t.table_schema_path: table_schema(t) for t in TABLES.values()}}
    for path, generated in expected.items():
        if not (root / path).exists():
            yield problem("descriptor-mismatch", path, variant="missing")
            continue
        refused = ProblemLog()
        located = regular_file(root, path, refused)
        if located is None:  # a link out of the package, a pipe or a device: never read
            yield from refused
            continue
        try:
            found = parse_json(located[0].read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            yield problem("descriptor-mismatch", path, variant="unreadable", reason=error)
            continue
        if found != generated:
            yield problem("descriptor-mismatch", path)
