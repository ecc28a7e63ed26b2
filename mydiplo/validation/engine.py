"""The default engine: one streaming pass over the tables, in the standard library only.

Tables are read in dependency order (a table after the tables it references),
so a reference can be checked as its row is read and no table is held in
memory: what later checks need (ids and their lines, the columns tables
declare that checks look up, publication dates) is kept in compact indexes.
Every problem is collected; none stops the pass.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..files.rows import table_chunks
from ..files.tablefile import open_table
from ..models.base import Record
from ..problems import MAX_PER_RULE, Problem
from ..registry import TABLES, Table
from . import breaches
from .cells import partial_date
from .checks import dated_after_sources, ids_unique_across_tables, likely_duplicates, reference_problems
from .passes import Naming, ValidationPass
from .plan import PUBLISHED, ROW, SOURCES, TablePlan, key_orders, names_of, row_name

_Rows = tuple[list[int], dict[str, Sequence[str]]]
"""A chunk's valid rows: their lines, and each column by name."""


class _Lists:
    """The column operations of :mod:`mydiplo.validation.checks` over a chunk's Python lists.

    Each looks values up once per distinct value, and walks the rows only when one breaks a rule.
    """

    def absent(self, rows: _Rows, column: str, known: Mapping[str, int]) -> Iterator[tuple[int, str]]:
        lines, values = rows[0], rows[1][column]
        distinct = set(values)
        distinct.discard("")
        missing = distinct.difference(known)
        if missing:
            yield from ((line, value) for line, value in zip(lines, values) if value in missing)

    def looked_up_outside(
        self, rows: _Rows, column: str, lookup: Mapping[str, Any], allowed: Collection[str]
    ) -> Iterator[tuple[int, str, str]]:
        lines, values = rows[0], rows[1][column]
        wrong = {v for v in set(values) if (found := lookup.get(v)) is not None and found not in allowed}
        if wrong:
            yield from ((line, value, lookup[value]) for line, value in zip(lines, values) if value in wrong)

    def looked_up_unlike(
        self, rows: _Rows, column: str, lookup: Mapping[str, Any], other: str
    ) -> Iterator[tuple[int, str, str, str]]:
        return (found for found in _looked_up(rows, column, lookup, other) if found[2] != found[3])

    def looked_up_beside(
        self, rows: _Rows, column: str, lookup: Mapping[str, Any], other: str
    ) -> Iterator[tuple[int, str, str, str]]:
        return (found for found in _looked_up(rows, column, lookup, other) if found[2] and found[3])

    def held_elsewhere(
        self, rows: _Rows, column: str, others: Sequence[tuple[str, Mapping[str, int]]]
    ) -> Iterator[tuple[int, str, str]]:
        lines, values = rows[0], rows[1][column]
        distinct = set(values)
        for other, known in others:
            clashes = distinct.intersection(known)
            if clashes:
                yield from ((line, value, other) for line, value in zip(lines, values) if value in clashes)

    def overlapping_neighbours(
        self, spans: list[tuple[Any, ...]], width: int
    ) -> Iterator[tuple[tuple[str, ...], int, int]]:
        """``spans``: (signature..., start, end, line) tuples, sorted here in place."""
        spans.sort()
        for a, b in pairwise(spans):
            if a[:width] == b[:width] and b[width] <= a[width + 1]:
                yield b[:width], b[-1], a[-1]

    def exceeding(
        self, values: Mapping[str, Any], bounds: Mapping[str, Any], lines: Mapping[str, Any]
    ) -> Iterator[tuple[int, Any, Any]]:
        for key, value in values.items():
            bound = bounds.get(key)
            if bound is not None and value > bound:
                yield lines[key], value, bound


def _looked_up(rows: _Rows, column: str, lookup: Mapping[str, Any], other: str) -> Iterator[tuple[int, str, Any, str]]:
    """(line, value, looked-up value, ``other``) of the rows whose filled ``column`` is in ``lookup``."""
    lines, columns = rows
    for line, value, other_value in zip(lines, columns[column], columns[other]):
        found = lookup.get(value) if value else None
        if found is not None:
            yield line, value, found, other_value


_LISTS = _Lists()


@dataclass
class _Index:
    """What later checks need to know of the valid rows already read, besides their ids."""

    remembered: dict[str, dict[str, dict[str, str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    """Per table, per column it ``remembers``, each id's value."""
    completed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Per table named in a ``required_by``, the ids that rows of the requiring table reference."""
    published: dict[str, dt.date | None] | None = None
    """Each valid source's latest possible publication day, worked out when the first citations are read."""
    event_dates: dict[str, dict[str, dict[str, dt.date]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    """Per table with a ``reported_date`` rule, per date field, each record's earliest possible date."""
    newest_report: dict[str, dict[str, dt.date]] = field(default_factory=lambda: defaultdict(dict))
    signatures: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    """Per table with a duplicate signature, the non-empty notes of its valid rows by line."""


@dataclass
class _TableState:
    """What the pass carries from one chunk of a table to the next."""

    valid: int = 0
    previous: Any = None
    seen: dict[Any, int] = field(default_factory=dict)


class Validator(ValidationPass):
    """The default engine: each table read by the one reader, chunk by chunk, and checked column by column."""

    def __init__(self, root: Path, keep_records: bool = False, max_per_rule: int = MAX_PER_RULE) -> None:
        super().__init__(root, keep_records, max_per_rule)
        self.index = _Index()

    def _checks_across(self) -> Iterable[Iterable[Problem]]:
        return (self._reported_dates(), self._duplicates())

    def _ids(self, table: str) -> Collection[str]:
        return self.lines[table]

    def _lines_not_named(self, table: str, by: Naming) -> Iterator[int]:
        names = self.cited[table] if by == "citations" else self.index.completed[table]
        # Line 0: an id kept from an invalid row, which is reported for its own cells.
        return (line for record_id, line in self.lines[table].items() if line and record_id not in names)

    # -- one table, chunk by chunk -------------------------------------------------

    def _table(self, plan: TablePlan) -> int:
        table, state = plan.table, _TableState()
        opened = open_table(self.root, table.path, self.problems)
        if opened is None:
            return 0
        for chunk in table_chunks(opened, table, self.problems):
            state.valid += self._chunk(plan, chunk.lines, chunk.rows, state)
        return state.valid

    def _chunk(self, plan: TablePlan, lines: list[int], rows: list[list[str]], state: _TableState) -> int:
        """Check a chunk of well-shaped rows column by column; return how many were valid."""
        columns: list[Any] = list(zip(*rows))
        rejected = sorted(plan.cells.rejected_rows(columns))
        judged = {lines[p]: self._judge(plan, lines[p], rows[p]) for p in rejected}
        self._keep(plan, lines, columns, judged)
        invalid = [p for p in rejected if judged[lines[p]] is None]
        if invalid:
            self._salvage(plan, [rows[p] for p in invalid])
            columns = [list(column) for column in columns]
            for position in reversed(invalid):
                del lines[position]
                for column in columns:
                    del column[position]
            if not lines:
                return 0
        self._keys(plan, lines, columns, state)
        cited = names_of(columns, plan.cited)  # the rows a citation table names, made once for every check
        self._references(plan, lines, columns, cited)
        self._remember(plan, lines, columns, cited)
        return len(lines)

    def _keys(self, plan: TablePlan, lines: list[int], columns: list[Sequence[str]], state: _TableState) -> None:
        table = plan.table
        keys, orders = key_orders(plan, columns)
        if (state.previous is not None and orders[0] < state.previous) or orders != sorted(orders):
            state.previous = breaches.out_of_order(table, lines, orders, state.previous, self.problems)
        else:
            state.previous = orders[-1]
        if plan.id_index is not None:
            seen, tokens = self.lines[table.name], keys
        elif plan.named:
            # Rows keyed by several columns that citations name: by their name, as records by their id.
            seen, tokens = self.lines[table.name], list(map(row_name, keys))
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
                    self.problems.append(breaches.duplicate_key(table, line, key, first))
            lines, keys = fresh_lines, fresh_keys
        else:
            seen.update(zip(tokens, lines))
        if plan.id_index is not None:
            self._unique_across_tables(table, lines, keys)

    def _unique_across_tables(self, table: Table, lines: list[int], ids: list[str]) -> None:
        others = [(name, known) for name, known in self.lines.items() if name != table.name and TABLES[name].id_field]
        rows: _Rows = (lines, {table.primary_key[0]: ids})
        self.problems.extend(ids_unique_across_tables(_LISTS, table, rows, others))

    def _references(
        self, plan: TablePlan, lines: list[int], columns: list[Sequence[str]], cited: Sequence[str]
    ) -> None:
        table = plan.table
        for reference in plan.references:
            if reference.table == table.name:
                column, ids = columns[reference.index], columns[table.fields.index(table.primary_key[0])]
                self.self_references.extend(
                    (table, line, reference, record_id, value)
                    for line, record_id, value in zip(lines, ids, column)
                    if value
                )
        named = dict(zip(table.fields, columns))
        if table.row_reference is not None:
            named[ROW] = cited
        rows = (lines, named)
        remembered = self.index.remembered
        self.problems.extend(
            reference_problems(_LISTS, plan, rows, self.lines.__getitem__, lambda t, c: remembered[t][c])
        )

    # -- what later tables and checks need ----------------------------------------

    def _remember(self, plan: TablePlan, lines: list[int], columns: list[Sequence[str]], cited: Sequence[str]) -> None:
        table = plan.table
        column = dict(zip(table.fields, columns))
        if table.remembers:
            ids = column[table.primary_key[0]]
            for name in table.remembers:
                self.index.remembered[table.name][name].update(zip(ids, column[name]))
        if table.required_by and plan.required_field:
            self.index.completed[table.required_by[0]].update(column[plan.required_field])
        if table.name == SOURCES:
            self.evidence.add_sources(lines, column)
        if table.model.asserted:
            self.evidence.add_records(table, lines, names_of(columns, plan.named), column)
        if table.cites is not None:
            self._citations(table, lines, column, cited)
            self.evidence.add_citations(table, lines, cited, column)
        if table.retirements:
            self.retired.update(zip(column["retired_id"], zip(lines, column["replaced_by"])))
        model: type[Record] = table.model
        if model.reported_date is not None:
            self._event_dates(table, model.reported_date, column)
        if model.duplicate_signature:
            self._signatures(table, model, lines, column)

    def _published(self) -> dict[str, dt.date | None]:
        """Each valid source's latest possible publication day; worked out once, as every source is read first."""
        if self.index.published is None:
            texts = self.index.remembered[SOURCES][PUBLISHED]
            self.index.published = {
                s: date.latest if t and (date := partial_date(t)) else None for s, t in texts.items()
            }
        return self.index.published

    def _citations(
        self, table: Table, lines: list[int], column: dict[str, Sequence[str]], cited: Sequence[str]
    ) -> None:
        """Keep the rows the citations name (``cited``), their sources, and the newest report of each record."""
        cited_table = table.cites
        assert cited_table is not None
        self.cited[cited_table].update(map(sys.intern, cited))
        self.cited[SOURCES].update(column["source_id"])
        published = self._published()
        if table.row_reference is None and any(published.get(source) for source in set(column["source_id"])):
            newest = self.index.newest_report[cited_table]
            for record_id, source_id in zip(column["record_id"], column["source_id"]):
                date = published.get(source_id)
                if date is not None and (record_id not in newest or newest[record_id] < date):
                    newest[record_id] = date
        for line, field_name, value in zip(lines, column["field"], column["value"]):
            if field_name:
                self.problems.extend(breaches.citation_reading(table, TABLES[cited_table], line, field_name, value))

    def _event_dates(
        self,
        table: Table,
        rule: tuple[tuple[str, ...], str | None, tuple[str, ...]],
        column: dict[str, Sequence[str]],
    ) -> None:
        date_fields, status_field, statuses = rule
        ids = column[table.id_field]  # type: ignore[index]
        for date_field in date_fields:
            texts = column[date_field]
            earliest = {t: date.earliest for t in set(texts) if t and (date := partial_date(t)) is not None}
            pairs: Iterable[tuple[str, str]]
            if status_field is None:
                pairs = zip(ids, texts)
            else:
                pairs = ((i, t) for i, t, status in zip(ids, texts, column[status_field]) if status in statuses)
            self.index.event_dates[table.name][date_field].update((i, earliest[t]) for i, t in pairs if t in earliest)

    def _signatures(
        self, table: Table, model: type[Record], lines: list[int], column: dict[str, Sequence[str]]
    ) -> None:
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
        notes = column.get("note")
        if notes is not None:
            self.index.notes[table.name].update((line, note) for line, note in zip(lines, notes) if note)

    # -- checks that need every table -------------------------------------------

    def _reported_dates(self) -> Iterator[Problem]:
        for name, dates in self.index.event_dates.items():
            newest: Mapping[str, Any] = self.index.newest_report[name]
            first: Mapping[str, Any] = self.lines[name]
            yield from dated_after_sources(_LISTS, TABLES[name], dates, newest, first)

    def _duplicates(self) -> Iterator[Problem]:
        for name, entries in self.index.signatures.items():
            ids = partial(_ids_by_line, self.lines[name])
            yield from likely_duplicates(_LISTS, TABLES[name], entries, self.index.notes[name], ids)


def _span(start: str, end: str) -> tuple[dt.date, dt.date]:
    """The days a record's start and end cells allow (all time when neither is given)."""
    first = partial_date(start) if start else None
    last = partial_date(end) if end else first
    return (first.earliest if first else dt.date.min, last.latest if last else dt.date.max)


def _ids_by_line(lines: Mapping[str, int]) -> dict[int, str]:
    """The id of each line, from the line of each id."""
    return {line: record_id for record_id, line in lines.items()}
