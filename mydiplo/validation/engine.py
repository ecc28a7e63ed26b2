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
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from ..files.canonical import to_cell
from ..files.records import record_of
from ..files.rows import table_chunks
from ..files.tablefile import open_table
from ..models.base import ID_PATTERN, Kinds, Record
from ..problems import Problem
from ..registry import RETIRED_IDS, TABLES, Table, citation_table, field_metadata
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
    signatures: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))
    retired: dict[str, tuple[int, str]] = field(default_factory=dict)
    deferred: list[tuple[Table, int, _Reference, str]] = field(default_factory=list)


@dataclass
class _TableState:
    """What the pass carries from one chunk of a table to the next."""

    valid: int = 0
    previous: Any = None
    seen: dict[Any, int] = field(default_factory=dict)


_ID = re.compile(ID_PATTERN)


class Validator:
    """Validate the data package in ``root``; :meth:`run` returns the problems and the rows per table."""

    def __init__(self, root: Path, keep_records: bool = False) -> None:
        self.root = root
        self.records: dict[str, list[Record]] | None = defaultdict(list) if keep_records else None
        """The records of the valid rows, per table, when ``keep_records`` asks for them."""
        self.index = _Index()
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}

    def run(self) -> tuple[list[Problem], dict[str, int]]:
        """Check the descriptor, every table, then what spans tables."""
        self.problems.extend(descriptor_problems(self.root))
        for table in read_order():
            self.counts[table.name] = self._table(_compile(table))
        for check in (self._deferred, self._uncited, self._parties, self._reported_dates, self._duplicates, self._retired):
            self.problems.extend(check())
        self.counts = {name: self.counts[name] for name in TABLES}
        return self.problems, self.counts

    # -- one table, chunk by chunk -------------------------------------------------

    def _table(self, compiled: _Compiled) -> int:
        table, state = compiled.table, _TableState()
        opened = open_table(self.root / table.path, table.path, self.problems)
        if opened is None:
            return 0
        for chunk in table_chunks(opened, table, self.problems):
            state.valid += self._chunk(compiled, chunk.lines, chunk.rows, state)
        return state.valid

    def _chunk(self, compiled: _Compiled, lines: list[int], rows: list[list[str]], state: _TableState) -> int:
        """Check a chunk of well-shaped rows column by column; return how many were valid."""
        columns: list[Any] = list(zip(*rows))
        rejected = sorted(compiled.plan.rejected_rows(columns))
        judged = {lines[p]: self._fallback(compiled, lines[p], rows[p]) for p in rejected}
        self._keep(compiled.table, zip(lines, rows), judged)
        invalid = [p for p in rejected if judged[lines[p]] is None]
        if invalid:
            self._salvage(compiled, [rows[p] for p in invalid])
            columns = [list(column) for column in columns]
            for position in reversed(invalid):
                del lines[position]
                for column in columns:
                    del column[position]
            if not lines:
                return 0
        self._keys(compiled, lines, columns, state)
        self._references(compiled, lines, columns)
        self._remember(compiled, lines, columns)
        return len(lines)

    def _fallback(self, compiled: _Compiled, line: int, cells: list[str]) -> Record | None:
        """Let the model judge a row the fast checks refused; report its errors, or the non-canonical cells."""
        table = compiled.table
        record = record_of(table, line, cells, self.problems)
        if record is not None:
            self.problems.extend(_not_canonical(table, record, line, cells))
        return record

    def _keep(self, table: Table, rows: Iterable[tuple[int, Sequence[str]]], judged: dict[int, Record | None]) -> None:
        """Keep the records of valid rows when asked, so that :func:`mydiplo.load` reads and parses each file once.

        ``judged`` holds, by line, what the model made of the rows the fast checks refused.
        """
        if self.records is None:
            return
        kept = self.records[table.name]
        for line, cells in rows:
            record = judged[line] if line in judged else record_of(table, line, cells, self.problems)
            if record is not None:
                kept.append(record)

    def _salvage(self, compiled: _Compiled, rows: list[list[str]]) -> None:
        """Keep the ids and citations of invalid rows, so that one bad cell is not also reported as
        broken references and uncited records elsewhere."""
        table = compiled.table
        if compiled.id_index is not None:
            known = self.index.lines[table.name]
            for cells in rows:
                if _ID.fullmatch(cells[compiled.id_index]):
                    known.setdefault(sys.intern(cells[compiled.id_index]), 0)
        if table.cites is not None:
            self.index.cited[table.cites].update(sys.intern(cells[0]) for cells in rows)
            self.index.cited["sources"].update(cells[1] for cells in rows)

    def _keys(self, compiled: _Compiled, lines: list[int], columns: list[Sequence[str]], state: _TableState) -> None:
        table = compiled.table
        keys, orders = key_orders(compiled, columns)
        if (state.previous is not None and orders[0] < state.previous) or orders != sorted(orders):
            state.previous = out_of_order(table, lines, orders, state.previous, self.problems)
        else:
            state.previous = orders[-1]
        if compiled.id_index is not None:
            seen, tokens = self.index.lines[table.name], keys
        else:
            # Composite keys are remembered by their 64-bit hash: a tenth of the memory of the tuples.
            seen, tokens = state.seen, list(map(hash, keys))
        distinct = set(tokens)
        if len(distinct) != len(tokens) or not distinct.isdisjoint(seen):
            fresh_lines: list[int] = []
            fresh_keys: list[Any] = []
            for line, key, token in zip(lines, keys, tokens):
                # An id kept from an invalid row (line 0) does not make a valid row a duplicate: that row is
                # reported for its own cells, and which of the two rows a chunk holds must not matter.
                first = seen.get(token)
                if not first:
                    seen[token] = line
                    fresh_lines.append(line)
                    fresh_keys.append(key)
                else:
                    self.problems.append(duplicate_key(table, line, key, first))
            lines, keys = fresh_lines, fresh_keys
        else:
            seen.update(zip(tokens, lines))
        if compiled.id_index is not None:
            self._unique_across_tables(table, lines, keys)

    def _unique_across_tables(self, table: Table, lines: list[int], ids: list[str]) -> None:
        distinct = set(ids)
        for other, known in self.index.lines.items():
            if other == table.name:
                continue
            clashes = distinct.intersection(known)
            if not clashes:
                continue
            self.problems.extend(duplicate_id(table, line, record_id, other) for line, record_id in zip(lines, ids) if record_id in clashes)

    def _references(self, compiled: _Compiled, lines: list[int], columns: list[Sequence[str]]) -> None:
        table = compiled.table
        for reference in compiled.references:
            column = columns[reference.index]
            if reference.table == table.name:
                self.index.deferred.extend((table, line, reference, value) for line, value in zip(lines, column) if value)
                continue
            known = self.index.lines[reference.table]
            distinct = set(column)
            distinct.discard("")
            missing = distinct.difference(known)
            kinds = self.index.actor_kinds
            # An actor whose row is invalid has no known kind: its own row is reported, not each reference to it.
            wrong_kind = {v for v in distinct - missing if kinds.get(v, reference.kinds[0]) not in reference.kinds} if reference.kinds else set()
            if missing or wrong_kind:
                for line, value in zip(lines, column):
                    if value in missing:
                        self.problems.append(_missing(table, line, reference, value))
                    elif value in wrong_kind:
                        self.problems.append(wrong_actor_kind(table, line, reference, value, kinds[value]))
        for office, actor in compiled.capacities:
            holders = self.index.office_holders
            for line, office_id, actor_id in zip(lines, columns[office], columns[actor]):
                holder = holders.get(office_id) if office_id else None
                if holder is not None and holder != actor_id:
                    self.problems.append(office_holder(table, line, table.fields[office], office_id, holder, actor_id))

    # -- what later tables and checks need ----------------------------------------

    def _remember(self, compiled: _Compiled, lines: list[int], columns: list[Sequence[str]]) -> None:
        table, index = compiled.table, self.index
        column = dict(zip(table.fields, columns))
        if table.name == "actors":
            index.actor_kinds.update(zip(column["actor_id"], column["kind"]))
        elif table.name == "offices":
            index.office_holders.update(zip(column["office_id"], column["holder_id"]))
        elif table.name == "sources":
            for source_id, text in zip(column["source_id"], column["published_date"]):
                published = partial_date(text) if text else None
                index.published[source_id] = published.latest if published else None
        elif table.name == "agreement_parties":
            index.with_parties.update(column["agreement_id"])
        elif table.cites is not None:
            self._citations(table, lines, column)
        elif table.retirements:
            index.retired.update(zip(column["retired_id"], zip(lines, column["replaced_by"])))
        model: type[Record] = table.model
        if model.reported_date is not None:
            self._event_dates(table, model.reported_date, column)
        if model.duplicate_signature:
            self._signatures(table, model, lines, column)

    def _citations(self, table: Table, lines: list[int], column: dict[str, Sequence[str]]) -> None:
        cited_table = table.cites
        assert cited_table is not None
        self.index.cited[cited_table].update(map(sys.intern, column["record_id"]))
        self.index.cited["sources"].update(column["source_id"])
        published = self.index.published
        if any(published.get(source) for source in set(column["source_id"])):
            newest = self.index.newest_report[cited_table]
            for record_id, source_id in zip(column["record_id"], column["source_id"]):
                date = published.get(source_id)
                if date is not None and (record_id not in newest or newest[record_id] < date):
                    newest[record_id] = date
        for line, field_name, value in zip(lines, column["field"], column["value"]):
            if field_name:
                self.problems.extend(_reading(table, TABLES[cited_table], line, field_name, value))

    def _event_dates(self, table: Table, rule: tuple[str, str | None, tuple[str, ...]], column: dict[str, Sequence[str]]) -> None:
        date_field, status_field, statuses = rule
        texts = column[date_field]
        earliest = {text: date.earliest for text in set(texts) if text and (date := partial_date(text)) is not None}
        ids = column[table.id_field]  # type: ignore[index]
        if status_field is None:
            pairs = zip(ids, texts)
        else:
            pairs = ((i, t) for i, t, status in zip(ids, texts, column[status_field]) if status in statuses)
        self.index.event_dates[table.name].update((i, earliest[t]) for i, t in pairs if t in earliest)

    def _signatures(self, table: Table, model: type[Record], lines: list[int], column: dict[str, Sequence[str]]) -> None:
        """Keep (signature..., start, end, line) rows; sorting them at the end puts look-alikes side by side."""
        parts = [list(map(sys.intern, column[name])) for name in model.duplicate_signature]
        if model.duplicate_dates is None:
            starts: Sequence[dt.date] = [dt.date.min] * len(lines)
            ends: Sequence[dt.date] = [dt.date.max] * len(lines)
        else:
            first, last = model.duplicate_dates
            pairs = list(zip(column[first], column[last]))
            known = {pair: _span(*pair) for pair in set(pairs)}
            starts = [known[pair][0] for pair in pairs]
            ends = [known[pair][1] for pair in pairs]
        self.index.signatures[table.name].extend(zip(*parts, starts, ends, lines))

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
                if line and record_id not in cited:  # line 0: an invalid row, reported for its cells
                    yield uncited(cited_table, line)
        cited_sources = self.index.cited["sources"]
        for source_id, line in self.index.lines["sources"].items():
            if line and source_id not in cited_sources:
                yield uncited(TABLES["sources"], line)

    def _parties(self) -> Iterator[Problem]:
        for agreement_id, line in self.index.lines["agreements"].items():
            if line and agreement_id not in self.index.with_parties:
                yield without_parties(line)

    def _reported_dates(self) -> Iterator[Problem]:
        for name, dates in self.index.event_dates.items():
            table, newest = TABLES[name], self.index.newest_report[name]
            date_field = table.model.reported_date[0]  # type: ignore[index]
            for record_id, earliest in dates.items():
                reported = newest.get(record_id)
                if reported is not None and earliest > reported:
                    yield dated_after_sources(table, self.index.lines[name][record_id], date_field, earliest, reported)

    def _duplicates(self) -> Iterator[Problem]:
        for name, entries in self.index.signatures.items():
            table = TABLES[name]
            width = len(table.model.duplicate_signature)
            entries.sort()
            for a, b in zip(entries, entries[1:]):
                if a[:width] == b[:width] and b[width] <= a[width + 1]:
                    yield likely_duplicate(table, b[:width], a[-1], b[-1])

    def _retired(self) -> Iterator[Problem]:
        """A retired id names no record again, and its replacement is a record that exists."""
        retired = self.index.retired
        if not retired:
            return
        register = RETIRED_IDS
        current: dict[str, str] = {}
        for table in TABLES.values():
            known = self.index.lines[table.name]
            current.update(dict.fromkeys(known, table.name))
            for record_id in known.keys() & retired.keys():
                successor = retired[record_id][1]
                instead = f"; its successor is {successor!r}" if successor else ""
                yield Problem(
                    "retired-id", f"{record_id!r} is a retired id (line {retired[record_id][0]} of {register.path}){instead}",
                    table.path, known[record_id] or None, table.id_field,
                )
        for record_id, (line, successor) in retired.items():
            if not successor:
                continue
            if successor in retired:
                onward = retired[successor][1]
                instead = f"name its successor {onward!r} instead" if onward else "it has no successor, so leave replaced_by empty"
                yield Problem("retired-successor", f"{successor!r} is itself retired; {instead}", register.path, line, "replaced_by")
            elif successor not in current:
                yield Problem("retired-successor", f"{successor!r} is not the id of any record", register.path, line, "replaced_by")


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


@cache
def _adapter(table: str, field: str) -> TypeAdapter[Any]:
    info = TABLES[table].model.model_fields[field]
    if not info.metadata:
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])  # type: ignore[valid-type]


def _span(start: str, end: str) -> tuple[dt.date, dt.date]:
    """The days a record's start and end cells allow (all time when neither is given)."""
    first = partial_date(start) if start else None
    last = partial_date(end) if end else first
    return (first.earliest if first else dt.date.min, last.latest if last else dt.date.max)


def _missing(table: Table, line: int, reference: _Reference, value: str) -> Problem:
    target = TABLES[reference.table]
    return Problem("foreign-key", f"{value!r} is not the {target.primary_key[0]} of any row of {target.name}", table.path, line, reference.field)


def key_orders(compiled: _Compiled, columns: Sequence[Sequence[str]]) -> tuple[list[Any], list[Any]]:
    """The keys of a chunk's rows, and what their order is checked on (numbers compared as numbers)."""
    if compiled.id_index is not None:
        keys: list[Any] = [sys.intern(value) for value in columns[compiled.id_index]]
        return keys, keys
    keys = list(zip(*(columns[i] for i in compiled.key)))
    numeric = compiled.numeric_key
    return keys, [tuple(int(v) if n and v else v for v, n in zip(key, numeric)) for key in keys] if any(numeric) else keys


# -- the wording of the problems both engines find ---------------------------------


def out_of_order(table: Table, lines: Sequence[int], orders: Sequence[Any], highest: Any, problems: list[Problem]) -> Any:
    """Report each row whose key is below the highest key above it; return the highest key seen."""
    for line, order in zip(lines, orders):
        if highest is not None and order < highest:
            problems.append(Problem("rows-unsorted", f"the row belongs before the row above it (rows are sorted by {', '.join(table.key)})", table.path, line, table.key[0]))
        else:
            highest = order
    return highest


def duplicate_key(table: Table, line: int, key: str | tuple[str, ...], first: int) -> Problem:
    """A valid row repeats the key of the valid row on line ``first``."""
    shown = ", ".join(key) if isinstance(key, tuple) else key
    return Problem("duplicate-key", f"({shown}) is already used on line {first}", table.path, line, table.key[0])


def duplicate_id(table: Table, line: int, record_id: str, other: str) -> Problem:
    """A record's id is already the id of a record of the table ``other``."""
    return Problem("duplicate-id", f"{record_id!r} is already an id in {other}", table.path, line, table.id_field)


def wrong_actor_kind(table: Table, line: int, reference: _Reference, value: str, kind: str) -> Problem:
    """A reference points at an actor of a kind the field does not take."""
    return Problem("actor-kind", f"{value!r} is a {kind}; {reference.field} takes {', '.join(reference.kinds or ())}", table.path, line, reference.field)


def office_holder(table: Table, line: int, field: str, office_id: str, holder: str, actor_id: str) -> Problem:
    """An office named as someone's capacity is held by someone else."""
    return Problem("office-holder", f"{office_id!r} is held by {holder!r}, not {actor_id!r}", table.path, line, field)


def uncited(cited_table: Table, line: int) -> Problem:
    """A record (or a source) that no citation names."""
    if cited_table.name == "sources":
        return Problem("uncited-source", "no citation names this source", cited_table.path, line, "source_id")
    citations = citation_table(cited_table.name)
    assert citations is not None
    return Problem("uncited-record", f"no row of {citations.path} cites this record", cited_table.path, line, cited_table.id_field)


def without_parties(line: int) -> Problem:
    """An agreement that no row of agreement_parties names."""
    return Problem("agreement-parties", f"no row of {TABLES['agreement_parties'].path} names a party to it", TABLES["agreements"].path, line, "agreement_id")


def dated_after_sources(table: Table, line: int, date_field: str, earliest: dt.date, reported: dt.date) -> Problem:
    """A record dated after the newest dated source that reports it."""
    return Problem("dated-after-sources", f"dated from {earliest.isoformat()}, after its newest dated source ({reported.isoformat()})", table.path, line, date_field)


def likely_duplicate(table: Table, signature: Sequence[str], line: int, other_line: int) -> Problem:
    """Two records with the same signature and overlapping dates; reported on the later line."""
    shown = ", ".join(value or "(empty)" for value in signature)
    first, second = sorted((line, other_line))
    return Problem("likely-duplicate", f"same {', '.join(table.model.duplicate_signature)} ({shown}) and overlapping dates as line {first}", table.path, second)


def _not_canonical(table: Table, record: Record, line: int, cells: list[str]) -> Iterator[Problem]:
    for name, cell in zip(table.fields, cells):
        canonical = to_cell(getattr(record, name))
        if canonical != cell:
            yield Problem("not-canonical", f"{cell!r} is valid but written {canonical!r} in canonical form", table.path, line, name)


def descriptor_problems(root: Path) -> Iterator[Problem]:
    """``datapackage.json`` and the table schemas must be exactly what the models generate."""
    from ..generate.schemas import datapackage, table_schema

    expected = {"datapackage.json": datapackage(), **{t.table_schema_path: table_schema(t) for t in TABLES.values()}}
    for path in expected:
        try:
            found = json.loads((root / path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            yield Problem("descriptor-mismatch", "the file is missing", path)
            continue
        except (OSError, UnicodeDecodeError, ValueError) as error:
            yield Problem("descriptor-mismatch", f"the file is not readable JSON: {error}", path)
            continue
        if found != expected[path]:
            yield Problem("descriptor-mismatch", "the file differs from what the models generate", path)

