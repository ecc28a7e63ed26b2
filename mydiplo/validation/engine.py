"""The validator: one streaming pass over the tables, then the checks that need them all.

Tables are read in dependency order (a table after the tables it references),
so a reference can be checked as its row is read and no table is held in
memory: what later checks need (ids and their lines, actor kinds, office
holders, publication dates) is kept in compact indexes. Every problem is
collected; none stops the pass.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from functools import lru_cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from ..csvio import CsvSyntaxError, parse_rows, row_values, to_cell
from ..models.base import Kinds, Record
from ..problems import Problem
from ..reading import problems_of, read_text
from ..registry import TABLES, Table, field_metadata
from .cells import RowPlan, partial_date, row_plan


def read_order() -> list[Table]:
    """Tables ordered so that each comes after every table it references (self-references aside)."""
    ordered: list[Table] = []
    done: set[str] = set()

    def visit(table: Table) -> None:
        if table.name in done:
            return
        done.add(table.name)
        for key in table.foreign_keys:
            if key.reference_table != table.name:
                visit(TABLES[key.reference_table])
        ordered.append(table)

    for table in TABLES.values():
        visit(table)
    return ordered


@dataclass(frozen=True)
class _Reference:
    index: int
    field: str
    table: str
    kinds: tuple[str, ...] | None


@dataclass
class _Compiled:
    """What the pass needs of one table, computed once."""

    table: Table
    plan: RowPlan
    references: tuple[_Reference, ...]
    key: tuple[int, ...]
    numeric_key: tuple[bool, ...]
    id_index: int | None
    capacities: tuple[tuple[int, int], ...]


def _compile(table: Table) -> _Compiled:
    position = {name: index for index, name in enumerate(table.fields)}
    references = []
    for key in table.foreign_keys:
        info = table.model.model_fields[key.field]
        kinds = next((m.kinds for m in field_metadata(info) if isinstance(m, Kinds)), None)
        references.append(_Reference(position[key.field], key.field, key.reference_table, kinds))
    model = table.model
    return _Compiled(
        table=table,
        plan=row_plan(table),
        references=tuple(references),
        key=tuple(position[name] for name in table.key),
        numeric_key=tuple(model.model_fields[name].annotation is int for name in table.key),
        id_index=position[table.id_field] if table.id_field else None,
        capacities=tuple((position[o], position[a]) for o, a in model.capacities),
    )


@dataclass
class _Index:
    """What later checks need to know of the rows already read."""

    lines: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    cited: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    actor_kinds: dict[str, str] = field(default_factory=dict)
    office_holders: dict[str, str] = field(default_factory=dict)
    published: dict[str, dt.date | None] = field(default_factory=dict)
    event_dates: dict[str, dict[str, dt.date]] = field(default_factory=lambda: defaultdict(dict))
    newest_report: dict[str, dict[str, dt.date]] = field(default_factory=lambda: defaultdict(dict))
    with_parties: set[str] = field(default_factory=set)
    signatures: dict[str, dict[tuple[str, ...], list[tuple[int, dt.date, dt.date]]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    deferred: list[tuple[Table, int, _Reference, str]] = field(default_factory=list)


class Validator:
    """Validate the data package in ``root``; :meth:`run` returns the problems and the rows per table."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.index = _Index()
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}

    def run(self) -> tuple[list[Problem], dict[str, int]]:
        """Check the descriptor, every table, then what spans tables."""
        self.problems.extend(descriptor_problems(self.root))
        for table in read_order():
            self.counts[table.name] = self._table(_compile(table))
        for check in (self._deferred, self._uncited, self._parties, self._reported_dates, self._duplicates):
            self.problems.extend(check())
        self.counts = {name: self.counts[name] for name in TABLES}
        return self.problems, self.counts

    # -- one table ---------------------------------------------------------------

    def _table(self, compiled: _Compiled) -> int:
        table = compiled.table
        text = read_text(self.root / table.path, table.path, self.problems)
        if text is None:
            return 0
        if "\r" in text:
            line = text[: text.index("\r")].count("\n") + 1
            self.problems.append(Problem("line-endings", "the file has CR or CRLF line endings", table.path, line))
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        valid = 0
        try:
            header, rows = parse_rows(text)
            if tuple(header) != table.fields:
                self.problems.append(Problem("header-mismatch", f"expected the header {','.join(table.fields)}", table.path, 1))
                return 0
            previous: tuple[Any, ...] | None = None
            seen: dict[tuple[str, ...], int] = {}
            for line, cells in rows:
                if not self._row_is_valid(compiled, line, cells):
                    continue
                valid += 1
                previous = self._keys(compiled, line, cells, previous, seen)
                self._references(compiled, line, cells)
                self._remember(compiled, line, cells)
        except CsvSyntaxError as error:
            self.problems.append(Problem("csv-syntax", f"the CSV cannot be read from here: {error}", table.path, error.line))
        return valid

    def _row_is_valid(self, compiled: _Compiled, line: int, cells: list[str]) -> bool:
        table = compiled.table
        if not cells:
            self.problems.append(Problem("blank-row", "the line is empty", table.path, line))
            return False
        if len(cells) != len(table.fields):
            self.problems.append(Problem("row-length", f"the row has {len(cells)} cells, the header {len(table.fields)}", table.path, line))
            return False
        if compiled.plan.accepts(cells):
            return True
        try:
            record = table.model.model_validate(row_values(dict(zip(table.fields, cells))))
        except ValidationError as error:
            self.problems.extend(problems_of(error, table, line))
            return False
        self.problems.extend(_not_canonical(table, record, line, cells))
        return True

    def _keys(self, compiled: _Compiled, line: int, cells: list[str], previous: tuple[Any, ...] | None, seen: dict[tuple[str, ...], int]) -> tuple[Any, ...]:
        table = compiled.table
        key = tuple(sys.intern(cells[i]) for i in compiled.key)
        order = tuple((0, "") if not value else (1, int(value) if numeric else value) for value, numeric in zip(key, compiled.numeric_key))
        if previous is not None and order < previous:
            self.problems.append(Problem("rows-unsorted", f"the row belongs before the row above it (rows are sorted by {', '.join(table.key)})", table.path, line, table.key[0]))
        first = seen.get(key) if compiled.id_index is None else self.index.lines[table.name].get(key[0])
        if first is not None:
            self.problems.append(Problem("duplicate-key", f"({', '.join(key)}) is already used on line {first}", table.path, line, table.key[0]))
        elif compiled.id_index is None:
            seen[key] = line
        else:
            self._new_id(table, key[0], line)
        return max(order, previous) if previous is not None else order

    def _new_id(self, table: Table, record_id: str, line: int) -> None:
        for other, lines in self.index.lines.items():
            if record_id in lines:
                self.problems.append(Problem("duplicate-id", f"{record_id!r} is already an id in {other}", table.path, line, table.id_field))
                return
        self.index.lines[table.name][record_id] = line

    def _references(self, compiled: _Compiled, line: int, cells: list[str]) -> None:
        table = compiled.table
        for reference in compiled.references:
            value = cells[reference.index]
            if not value:
                continue
            if reference.table == table.name:
                self.index.deferred.append((table, line, reference, value))
            elif value not in self.index.lines[reference.table]:
                self.problems.append(_missing(table, line, reference, value))
            elif reference.kinds is not None and self.index.actor_kinds.get(value) not in reference.kinds:
                kind = self.index.actor_kinds.get(value)
                self.problems.append(Problem("actor-kind", f"{value!r} is a {kind}; {reference.field} takes {', '.join(reference.kinds)}", table.path, line, reference.field))
        for office, actor in compiled.capacities:
            holder = self.index.office_holders.get(cells[office])
            if cells[office] and holder is not None and holder != cells[actor]:
                self.problems.append(Problem("office-holder", f"{cells[office]!r} is held by {holder!r}, not {cells[actor]!r}", table.path, line, table.fields[office]))

    # -- what later tables and checks need ----------------------------------------

    def _remember(self, compiled: _Compiled, line: int, cells: list[str]) -> None:
        table, index = compiled.table, self.index
        values = dict(zip(table.fields, cells))
        if table.name == "actors":
            index.actor_kinds[values["actor_id"]] = values["kind"]
        elif table.name == "offices":
            index.office_holders[values["office_id"]] = values["holder_id"]
        elif table.name == "sources":
            published = partial_date(values["published_date"]) if values["published_date"] else None
            index.published[values["source_id"]] = published.latest if published else None
        elif table.name == "agreement_parties":
            index.with_parties.add(values["agreement_id"])
        elif table.cites is not None:
            self._citation(table.cites, values)
            if values["field"]:
                self.problems.extend(_reading(table, TABLES[table.cites], line, values["field"], values["value"]))
        model: type[Record] = table.model
        if model.reported_date is not None:
            self._event_date(table, model.reported_date, values)
        if model.duplicate_signature:
            self._signature(table, model, line, values)

    def _citation(self, cited_table: str, values: dict[str, str]) -> None:
        record_id = sys.intern(values["record_id"])
        self.index.cited[cited_table].add(record_id)
        self.index.cited["sources"].add(sys.intern(values["source_id"]))
        published = self.index.published.get(values["source_id"])
        if published is not None:
            newest = self.index.newest_report[cited_table]
            if record_id not in newest or newest[record_id] < published:
                newest[record_id] = published

    def _event_date(self, table: Table, rule: tuple[str, str | None, tuple[str, ...]], values: dict[str, str]) -> None:
        date_field, status_field, statuses = rule
        if not values[date_field] or (status_field is not None and values[status_field] not in statuses):
            return
        date = partial_date(values[date_field])
        if date is not None:
            self.index.event_dates[table.name][values[table.id_field]] = date.earliest  # type: ignore[index]

    def _signature(self, table: Table, model: type[Record], line: int, values: dict[str, str]) -> None:
        signature = tuple(sys.intern(values[name]) for name in model.duplicate_signature)
        start = end = None
        if model.duplicate_dates is not None:
            first, last = (partial_date(values[name]) if values[name] else None for name in model.duplicate_dates)
            start, end = first, last or first
        self.index.signatures[table.name][signature].append(
            (line, start.earliest if start else dt.date.min, end.latest if end else dt.date.max)
        )

    # -- checks that need every table -------------------------------------------

    def _deferred(self) -> Iterator[Problem]:
        for table, line, reference, value in self.index.deferred:
            if value not in self.index.lines[reference.table]:
                yield _missing(table, line, reference, value)

    def _uncited(self) -> Iterator[Problem]:
        for table in TABLES.values():
            if table.cites is None:
                continue
            cited_table = TABLES[table.cites]
            cited = self.index.cited[table.cites]
            for record_id, line in self.index.lines[table.cites].items():
                if record_id not in cited:
                    yield Problem("uncited-record", f"no row of {table.path} cites this record", cited_table.path, line, cited_table.id_field)
        cited_sources = self.index.cited["sources"]
        for source_id, line in self.index.lines["sources"].items():
            if source_id not in cited_sources:
                yield Problem("uncited-source", "no citation names this source", TABLES["sources"].path, line, "source_id")

    def _parties(self) -> Iterator[Problem]:
        for agreement_id, line in self.index.lines["agreements"].items():
            if agreement_id not in self.index.with_parties:
                yield Problem("agreement-parties", f"no row of {TABLES['agreement_parties'].path} names a party to it", TABLES["agreements"].path, line, "agreement_id")

    def _reported_dates(self) -> Iterator[Problem]:
        for name, dates in self.index.event_dates.items():
            table, newest = TABLES[name], self.index.newest_report[name]
            date_field = table.model.reported_date[0]  # type: ignore[index]
            for record_id, earliest in dates.items():
                reported = newest.get(record_id)
                if reported is not None and earliest > reported:
                    yield Problem(
                        "dated-after-sources",
                        f"dated from {earliest.isoformat()}, after its newest dated source ({reported.isoformat()})",
                        table.path, self.index.lines[name][record_id], date_field,
                    )

    def _duplicates(self) -> Iterator[Problem]:
        for name, groups in self.index.signatures.items():
            table = TABLES[name]
            for signature, entries in groups.items():
                entries.sort(key=lambda entry: entry[1])
                for (line_a, _, end_a), (line_b, start_b, _) in zip(entries, entries[1:]):
                    if start_b <= end_a:
                        shown = ", ".join(value or "(empty)" for value in signature)
                        yield Problem("likely-duplicate", f"same {', '.join(table.model.duplicate_signature)} ({shown}) and overlapping dates as line {line_a}", table.path, line_b)


def _reading(table: Table, cited: Table, line: int, field: str, value: str) -> Iterator[Problem]:
    """A citation's reading of a field must name a column of the cited table and hold a valid value for it."""
    if field not in cited.fields or field == cited.id_field:
        yield Problem("citation-field", f"{field!r} is not a column of {cited.name} that a source can read", table.path, line, "field")
        return
    try:
        _adapter(cited.name, field).validate_python(value)
    except ValidationError as error:
        reason = error.errors(include_url=False)[0]["msg"]
        yield Problem("citation-field", f"{value!r} is not a valid {field}: {reason}", table.path, line, "value")


@lru_cache(maxsize=None)
def _adapter(table: str, field: str) -> TypeAdapter[Any]:
    info = TABLES[table].model.model_fields[field]
    if not info.metadata:
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])  # type: ignore[valid-type]


def _missing(table: Table, line: int, reference: _Reference, value: str) -> Problem:
    target = TABLES[reference.table]
    return Problem("foreign-key", f"{value!r} is not a {target.primary_key[0]} in {target.name}", table.path, line, reference.field)


def _not_canonical(table: Table, record: Record, line: int, cells: list[str]) -> Iterator[Problem]:
    for name, cell in zip(table.fields, cells):
        canonical = to_cell(getattr(record, name))
        if canonical != cell:
            yield Problem("not-canonical", f"{cell!r} is valid but written {canonical!r} in canonical form", table.path, line, name)


def descriptor_problems(root: Path) -> Iterator[Problem]:
    """``datapackage.json`` and the table schemas must be exactly what the models generate."""
    from ..generate import expected_files

    expected = expected_files()
    for path in ["datapackage.json", *(t.table_schema_path for t in TABLES.values())]:
        try:
            found = json.loads((root / path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            yield Problem("descriptor-mismatch", "the file is missing", path)
            continue
        except (OSError, UnicodeDecodeError, ValueError) as error:
            yield Problem("descriptor-mismatch", f"the file is not readable JSON: {error}", path)
            continue
        if found != json.loads(expected[path]):
            yield Problem("descriptor-mismatch", "the file differs from what the models generate", path)

