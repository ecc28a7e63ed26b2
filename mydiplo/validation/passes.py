"""The validation pass both engines run: the descriptor, every table in read order, then the checks across tables.

An engine supplies how a table is read and checked (:meth:`ValidationPass._table`)
and the checks that need every table (:meth:`ValidationPass._checks_across`);
what does not depend on how rows are held lives here once: judging a row the
fast checks refused with the model, keeping the records :func:`mydiplo.load`
asks for, keeping the ids of invalid rows so that one bad cell is reported
once, and the register of retired ids.
"""

from __future__ import annotations

import re
import sys
from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Literal

from ..collector import collector_paused
from ..files.records import record_of
from ..models.base import ID_PATTERN, Record
from ..nearest import Vocabulary
from ..problems import MAX_PER_RULE, Problem, ProblemLog
from ..registry import TABLES, Table
from . import breaches
from .building import RecordBuilder
from .evidence import Evidence
from .plan import SOURCES, Reference, TablePlan, plan_of, read_order, row_name

_ID = re.compile(ID_PATTERN)

NEAREST_PER_FILE = MAX_PER_RULE
"""Unknown ids of a file whose problem names the nearest existing ids: a bound on the time spent looking
for them, whatever ``max_per_rule`` keeps."""

Naming = Literal["citations", "required"]
"""What names a record: a citation, or a row of the table declared ``required_by`` its table."""


def cycles(parent: Mapping[str, str]) -> Iterator[list[str]]:
    """Each cycle of the links ``parent`` (every id names at most one other), once, as the ids along it.

    Each id is walked once: a walk stops at an id already seen, and is a cycle when that id was seen on the
    walk itself, so the cost is linear in the number of links.
    """
    done: set[str] = set()
    for start in parent:
        walk: dict[str, int] = {}
        node = start
        while node in parent and node not in done and node not in walk:
            walk[node] = len(walk)
            node = parent[node]
        if node in walk:
            yield list(walk)[walk[node] :]
        done.update(walk)


class ValidationPass(ABC):
    """Validate the data package in ``root``; :meth:`run` returns the problems and the valid rows per table."""

    def __init__(self, root: Path, keep_records: bool = False, max_per_rule: int = MAX_PER_RULE) -> None:
        self.root = root
        self.records: dict[str, list[Record]] | None = defaultdict(list) if keep_records else None
        """The records of the valid rows, per table, when ``keep_records`` asks for them."""
        self._builders: dict[str, RecordBuilder] = {}
        self.problems = ProblemLog(max_per_rule)
        """Every problem found, the first ``max_per_rule`` of each rule in each file whole, the others counted."""
        self.counts: dict[str, int] = {}
        self.lines: dict[str, dict[str, int]] = defaultdict(dict)
        """Per table, ids and the line of their row (0: an id kept from an invalid row). The columnar engine
        keeps only invalid rows' ids here, and those of its valid rows in frames."""
        self.cited: dict[str, set[str]] = defaultdict(set)
        """Per cited table (and the sources), ids that citations name (the columnar engine: invalid rows' only)."""
        self.retired: dict[str, tuple[int, str]] = {}
        """The register of retired ids: each id's line and its successor."""
        self.evidence = Evidence(self.problems)
        """The evidence rules' view of the valid sources, records and citations (both engines feed it)."""
        self.self_references: list[tuple[Table, int, Reference, str, str]] = []
        """References to a record of the same table, checked once every table is read: (table, line, column,
        the referring record's id, the id it names)."""

    def run(self) -> tuple[list[Problem], dict[str, int]]:
        """Check the descriptor, every table, then what spans tables; the problems come in the order of their
        place."""
        with collector_paused():
            return self._run()

    def _run(self) -> tuple[list[Problem], dict[str, int]]:
        self.problems.extend(breaches.descriptor_problems(self.root))
        for table in read_order():
            self.counts[table.name] = self._table(plan_of(table))
        for found in (self._to_same_table(), self._unnamed(), self.evidence.judged(), *self._checks_across()):
            self.problems.extend(found)
        named = {*self.retired, *(successor for _, successor in self.retired.values() if successor)}
        self.problems.extend(breaches.retired_problems(self.retired, self._id_lines(named)))
        self.counts = {name: self.counts[name] for name in TABLES}
        return list(self._with_nearest(self.problems.problems())), self.counts

    def _with_nearest(self, problems: Iterable[Problem]) -> Iterator[Problem]:
        """The problems to report, the first :data:`NEAREST_PER_FILE` unknown ids of each file with the
        existing ids nearest them (named only now: of many problems, most are counted, not reported)."""
        vocabularies: dict[str, Vocabulary] = {}
        named: Counter[str] = Counter()
        for found in problems:
            if found.looked_for is not None and named[found.file] < NEAREST_PER_FILE:
                named[found.file] += 1
                table = found.looked_for[0]
                if table not in vocabularies:
                    vocabularies[table] = Vocabulary(self._ids(table))
                found = breaches.with_nearest(found, vocabularies[table].nearest(found.looked_for[1]))
            yield found

    @abstractmethod
    def _table(self, plan: TablePlan) -> int:
        """Read and check one table; return how many of its rows are valid."""

    @abstractmethod
    def _checks_across(self) -> Iterable[Iterable[Problem]]:
        """The checks that need every table read and are the engine's own: dates, look-alikes."""

    @abstractmethod
    def _lines_not_named(self, table: str, by: Naming) -> Iterator[int]:
        """The lines of the valid records of ``table`` whose id no citation (or no row of the table
        declared ``required_by`` it) names."""

    @abstractmethod
    def _ids(self, table: str) -> Collection[str]:
        """Every id of a table that a reference may point at: those of valid rows, and of invalid rows kept."""

    def _unnamed(self) -> Iterator[Problem]:
        """Records no row names: uncited records and sources, and records without the rows another table owes them."""
        for name in [t.cites for t in TABLES.values() if t.cites is not None] + [SOURCES]:
            yield from (breaches.uncited(TABLES[name], line) for line in self._lines_not_named(name, "citations"))
        for name in (t.required_by[0] for t in TABLES.values() if t.required_by):
            yield from (breaches.without_rows(TABLES[name], line) for line in self._lines_not_named(name, "required"))

    def _to_same_table(self) -> Iterator[Problem]:
        """References to a record of the same table point at one that exists, and never lead back to the
        record they start from (an organisation that is part of itself, or of its own part)."""
        known = {name: self._ids(name) for name in {reference.table for _, _, reference, *_ in self.self_references}}
        links: dict[tuple[str, str], dict[str, tuple[int, str]]] = defaultdict(dict)
        for table, line, reference, record_id, value in self.self_references:
            if value not in known[reference.table]:
                yield breaches.missing(table, line, reference, value)
            links[table.name, reference.field][record_id] = (line, value)
        for (name, field_name), named in links.items():
            for cycle in cycles({record_id: value for record_id, (_, value) in named.items()}):
                first = min(cycle, key=lambda record_id: named[record_id][0])
                yield breaches.cycle(TABLES[name], named[first][0], field_name, cycle, first)

    def _id_lines(self, ids: set[str]) -> Mapping[str, Mapping[str, int]]:
        """Per table, the line of each of ``ids`` it holds (others may come too)."""
        return self.lines

    def _judge(self, plan: TablePlan, line: int, cells: Sequence[str]) -> Record | None:
        """Let the model judge a row the fast checks refused; report its errors, or the non-canonical cells."""
        table = plan.table
        record = record_of(table, line, cells, self.problems)
        if record is not None:
            self.problems.extend(breaches.not_canonical(table, record, line, cells))
        return record

    def _keep(
        self, plan: TablePlan, lines: Sequence[int], columns: Sequence[Sequence[str]], judged: dict[int, Record | None]
    ) -> None:
        """Keep the records of valid rows when asked, so that :func:`mydiplo.load` reads and parses each file once.

        ``lines`` and ``columns`` hold rows column by column; ``judged`` holds, by line, what the model made
        of the rows the fast checks refused. The others are valid and canonical, and built without the model
        checking them again (see :mod:`.building`).
        """
        if self.records is None:
            return
        builder = self._builders.get(plan.table.name)
        if builder is None:
            builder = self._builders[plan.table.name] = RecordBuilder(plan.table)
        kept = self.records[plan.table.name]
        if not judged:
            kept.extend(builder.records(columns))
            return
        accepted = [position for position, line in enumerate(lines) if line not in judged]
        # itemgetter picks the accepted cells of a column in C; given one position it returns a cell, not a tuple.
        pick = itemgetter(*accepted) if len(accepted) > 1 else lambda column: [column[p] for p in accepted]
        built = iter(builder.records([pick(column) for column in columns]))
        for line in lines:
            record = judged[line] if line in judged else next(built)
            if record is not None:
                kept.append(record)

    def _salvage(self, plan: TablePlan, rows: Sequence[Sequence[str]]) -> None:
        """Keep the ids and citations of invalid rows, so that one bad cell is not also reported as
        broken references and uncited records elsewhere."""
        table = plan.table
        if plan.id_index is not None:
            known = self.lines[table.name]
            for cells in rows:
                if _ID.fullmatch(cells[plan.id_index]):
                    known.setdefault(sys.intern(cells[plan.id_index]), 0)
        elif plan.named:
            known = self.lines[table.name]
            for cells in rows:
                known.setdefault(row_name([cells[i] for i in plan.named]), 0)
        if table.cites is not None:
            self.cited[table.cites].update(sys.intern(row_name([cells[i] for i in plan.cited])) for cells in rows)
            self.cited[SOURCES].update(cells[table.fields.index("source_id")] for cells in rows)
