"""The checks across tables, written once over a few column operations that each engine implements.

A check here says what is checked and which problem each breach makes; it
reads rows only through a :class:`Columns` backend, which says how: the
default engine's over Python lists and dictionaries, a chunk at a time
(:mod:`mydiplo.validation.engine`), the columnar engine's over polars
frames, a table at a time (:mod:`mydiplo.validation.columnar`). So both
engines report the same problems by construction, and each keeps its own
speed: no column leaves polars for Python unless it holds a breach.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from ..problems import Problem
from ..registry import Table
from . import breaches
from .cells import partial_date
from .plan import HOLDER, KIND, ROW, ROW_SEPARATOR, TablePlan

Rows_contra = TypeVar("Rows_contra", contravariant=True)
"""The valid rows of a table (or of a chunk of it), with the line of each."""
Known_contra = TypeVar("Known_contra", contravariant=True)
"""A set of ids, as the engine holds it."""
Lookup_contra = TypeVar("Lookup_contra", contravariant=True)
"""Ids and one value remembered of each, as the engine holds them."""


class Columns(Protocol[Rows_contra, Known_contra, Lookup_contra]):
    """The column operations the checks are written in."""

    def absent(self, rows: Rows_contra, column: str, known: Known_contra) -> Iterator[tuple[int, str]]:
        """(line, value) of the rows whose ``column`` is filled with a value not in ``known``."""
        ...

    def looked_up_outside(
        self, rows: Rows_contra, column: str, lookup: Lookup_contra, allowed: Collection[str]
    ) -> Iterator[tuple[int, str, str]]:
        """(line, value, looked-up value) of the rows whose ``column`` is in ``lookup`` with a value not ``allowed``."""
        ...

    def looked_up_unlike(
        self, rows: Rows_contra, column: str, lookup: Lookup_contra, other: str
    ) -> Iterator[tuple[int, str, str, str]]:
        """(line, value, looked-up value, ``other``) of the rows whose filled ``column`` is in ``lookup``
        with a value that differs from the row's ``other`` column."""
        ...

    def looked_up_beside(
        self, rows: Rows_contra, column: str, lookup: Lookup_contra, other: str
    ) -> Iterator[tuple[int, str, str, str]]:
        """(line, value, looked-up value, ``other``) of the rows whose filled ``column`` is in ``lookup`` with a
        filled value and whose ``other`` column is filled: what a check compares in Python, for few rows."""
        ...

    def held_elsewhere(
        self, rows: Rows_contra, column: str, others: Sequence[tuple[str, Known_contra]]
    ) -> Iterator[tuple[int, str, str]]:
        """(line, value, table) of the rows whose ``column`` holds a value that ``table`` of ``others`` knows."""
        ...

    def overlapping_neighbours(self, spans: Any, width: int) -> Iterator[tuple[tuple[str, ...], int, int]]:
        """(signature, line, line before) of each span that, with the spans (the ``width`` cells of a signature,
        a first and a last possible day, a line) sorted, shares the signature of the span before it and starts
        no later than that one ends."""
        ...

    def exceeding(
        self, values: Lookup_contra, bounds: Lookup_contra, lines: Lookup_contra
    ) -> Iterator[tuple[int, Any, Any]]:
        """(line, value, bound) of the ids whose value in ``values`` exceeds their bound in ``bounds``, with the
        line ``lines`` holds for the id."""
        ...


def reference_problems(
    backend: Columns[Rows_contra, Known_contra, Lookup_contra],
    plan: TablePlan,
    rows: Rows_contra,
    known: Callable[[str], Known_contra],
    remembered: Callable[[str, str], Lookup_contra],
) -> Iterator[Problem]:
    """Every reference to another table points at a known record of a kind it takes; offices are held by the
    actor named.

    ``known(table)`` gives the ids a reference to ``table`` may point at; ``remembered(table, column)`` the
    value of ``column`` the table remembers for each of its valid rows' ids. The citations of rows keyed by
    several columns name them in the column ``ROW`` that the engine adds. References to the same table
    are left to the pass, which checks them once every row is read. An actor whose row is invalid has no
    known kind: its own row is reported, not each reference to it.
    """
    table = plan.table
    for reference in plan.references:
        if reference.table == table.name:
            continue
        for line, value in backend.absent(rows, reference.field, known(reference.table)):
            yield breaches.missing(table, line, reference, value)
        if reference.kinds:
            kinds = remembered(reference.table, KIND)
            for line, value, kind in backend.looked_up_outside(rows, reference.field, kinds, reference.kinds):
                yield breaches.wrong_actor_kind(table, line, reference, value, kind)
    if table.row_reference is not None:
        for line, name in backend.absent(rows, ROW, known(table.row_reference.table)):
            yield breaches.missing_row(table, line, name.split(ROW_SEPARATOR))
    for office, actor, offices in plan.capacities:
        office_field, actor_field = table.fields[office], table.fields[actor]
        holders = remembered(offices, HOLDER)
        for line, office_id, holder, actor_id in backend.looked_up_unlike(rows, office_field, holders, actor_field):
            yield breaches.office_holder(table, line, office_field, office_id, holder, actor_id)
    if plan.within is not None:
        yield from _outside_window(backend, plan, rows, remembered)


def _outside_window(
    backend: Columns[Rows_contra, Known_contra, Lookup_contra],
    plan: TablePlan,
    rows: Rows_contra,
    remembered: Callable[[str, str], Lookup_contra],
) -> Iterator[Problem]:
    """A row's date overlaps the dates of the record it belongs to: a phase is not polled before its
    election starts nor after it ends. A bound left empty sets no limit."""
    assert plan.within is not None
    date_field, reference_field, target, span = plan.within
    first, last = span[0], span[-1]
    for bound, before in ((first, True), (last, False)):
        found = backend.looked_up_beside(rows, reference_field, remembered(target, bound), date_field)
        for line, record_id, bound_text, date_text in found:
            date, limit = partial_date(date_text), partial_date(bound_text)
            if date is None or limit is None:
                continue
            if date.latest < limit.earliest if before else date.earliest > limit.latest:
                record = (record_id, bound, bound_text)
                yield breaches.outside_window(plan.table, line, date_field, date_text, record, before)


def ids_unique_across_tables(
    backend: Columns[Rows_contra, Known_contra, Any],
    table: Table,
    rows: Rows_contra,
    others: Sequence[tuple[str, Known_contra]],
) -> Iterator[Problem]:
    """No record has the id of a record of another table (``others``: each table read before, and its ids).

    ``rows`` are the table's rows that hold the first of their id, so a repeated id is reported once, as
    a duplicate key.
    """
    assert table.id_field is not None
    for line, record_id, other in backend.held_elsewhere(rows, table.id_field, others):
        yield breaches.duplicate_id(table, line, record_id, other)


def dated_after_sources(
    backend: Columns[Any, Any, Lookup_contra],
    table: Table,
    earliest: Mapping[str, Lookup_contra],
    newest: Lookup_contra,
    first: Lookup_contra,
) -> Iterator[Problem]:
    """No event is dated after the newest source citing it: the earliest possible date of each of its date
    fields (``earliest``: per field, per record id) is not later than the latest possible publication day
    of the newest source (``newest``).

    The breach is reported at the record's first valid row (``first``: each id's line), once per record,
    under the first field in the model's order that breaks the rule (an end after the sources usually
    follows a start after them).
    """
    reported: set[int] = set()
    for date_field, dates in earliest.items():
        for line, date, newest_date in backend.exceeding(dates, newest, first):
            if line not in reported:
                reported.add(line)
                yield breaches.dated_after_sources(table, line, date_field, date, newest_date)


def likely_duplicates(
    backend: Columns[Any, Any, Any],
    table: Table,
    spans: Any,
    notes: Mapping[int, str],
    id_at: Callable[[], Mapping[int, str]],
) -> Iterator[Problem]:
    """No two records of ``table`` share the cells of its signature and overlapping dates, unless a note of
    one names the other's id: the curator's word that they are two events (the rule's fix says so).

    Sorted by signature, dates and line, look-alikes sit side by side: each record that overlaps the one
    before it is reported once, naming that one's line. ``notes`` holds the non-empty notes by line;
    ``id_at`` gives the ids by line, asked for only when a look-alike has a note.
    """
    width = len(table.model.duplicate_signature)
    ids: Mapping[int, str] | None = None
    for signature, line, previous in backend.overlapping_neighbours(spans, width):
        if line in notes or previous in notes:
            ids = id_at() if ids is None else ids
            if _told_apart(notes, ids, line, previous) or _told_apart(notes, ids, previous, line):
                continue
        yield breaches.likely_duplicate(table, signature, previous, line)


def _told_apart(notes: Mapping[int, str], ids: Mapping[int, str], line: int, other: int) -> bool:
    """Whether the note of the record at ``line`` names the id of the record at ``other``."""
    other_id = ids.get(other)
    return other_id is not None and other_id in notes.get(line, "")
