"""A record's neighbourhood: the rows of a package that ``mydiplo show`` prints or names, read alone.

Loading a package validates and builds every row, which for one record's
page costs far more than the page: ``show`` needs the record, the rows that
refer to it (with their citations), the records those name (sources,
publishers, claimants, parents, offices, for their labels), the state
actors (a country is called by its state) and the register of retired ids.
Those rows are found by their values (:mod:`mydiplo.files.mentions`), in
rounds: the rows that hold the id, then the records they name, then the
records those name, until none is new. Each row read is built by its model,
so a broken one is reported as the validator words it; the rows not read
are not checked, which is what ``mydiplo validate`` is for.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..dataset import Dataset, InvalidPackageError, version_of
from ..files.mentions import Wanted, rows_holding
from ..files.records import record_of
from ..files.tablefile import TableFile, open_table
from ..models import ActorKind, Record, RetiredId
from ..problems import ProblemLog, Severity
from ..registry import ACTORS, RECORD_TABLES, RETIRED_IDS, SOURCES, TABLES, Table, citation_table
from ..retirements import resolve
from .show import unknown_id

Found = tuple[Table, int, Record]
"""A row read: its table, its line and its record."""


class _Rows:
    """The rows read so far, by table and line, and the problems of those read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems = ProblemLog()
        self.kept: dict[str, dict[int, Record]] = {name: {} for name in TABLES}
        self.read: dict[str, set[int]] = {name: set() for name in TABLES}
        self.opened: dict[str, TableFile | None] = {}
        self.refused: set[str] = set()
        """The ids of rows read that their model refused: a reference to one is not broken, the row is."""

    def take(self, table: Table, wanted: Wanted | None) -> list[Found]:
        """Read the rows of ``table`` that ``wanted`` asks for (all for None); return those not read before."""
        opened = self._opened(table)
        if opened is None:
            return []
        found = []
        for line, cells in rows_holding(opened, table, wanted, self.problems):
            if line in self.read[table.name]:
                continue
            self.read[table.name].add(line)
            record = record_of(table, line, cells, self.problems)
            if record is not None:
                self.kept[table.name][line] = record
                found.append((table, line, record))
            elif table.id_field is not None:
                self.refused.add(cells[table.fields.index(table.id_field)])
        return found

    def every_id(self) -> list[str]:
        """The id of every row of every record table, read from the files without building records."""
        ids = []
        for table in RECORD_TABLES:
            opened = self._opened(table)
            at = table.fields.index(table.id_field)
            if opened is not None:
                ids += [cells[at] for _, cells in rows_holding(opened, table, None, self.problems)]
        return ids

    def _opened(self, table: Table) -> TableFile | None:
        """The table's file, checked and opened once (None, with the problem added, when it cannot be)."""
        if table.name not in self.opened:
            self.opened[table.name] = open_table(self.root, table.path, self.problems)
        return self.opened[table.name]

    def ids(self) -> set[str]:
        """The ids of the records read."""
        return {getattr(r, t.id_field) for t in RECORD_TABLES for r in self.kept[t.name].values()}  # type: ignore[arg-type]

    def dataset(self) -> Dataset:
        """The rows read as a dataset, each table in file order; InvalidPackageError if a row read breaks a rule."""
        errors = [p for p in self.problems.problems() if p.severity is Severity.ERROR]
        if errors:
            raise InvalidPackageError(self.root, errors)
        tables = {name: tuple(rows[line] for line in sorted(rows)) for name, rows in self.kept.items()}
        return Dataset(version_of(self.root), tables, self.root)


def neighbourhood(root: Path, record_id: str) -> Dataset:
    """The rows of the package under ``root`` that ``show`` needs for ``record_id``, as a dataset that
    :func:`~mydiplo.analysis.show.render` reads as it reads the whole package.

    A retired id leads to its successor's rows (the register comes too, for
    the note). Raises :class:`~mydiplo.analysis.show.UnknownRecordError` for
    an id no record has nor had, naming the closest ids, and
    :class:`~mydiplo.dataset.InvalidPackageError` when a row read breaks a rule.
    """
    rows = _Rows(root)
    register: list[RetiredId] = [record for _, _, record in rows.take(RETIRED_IDS, None)]  # type: ignore[misc]
    current = resolve({r.retired_id: r for r in register}, record_id).record_id
    if current is not None:
        linked = [found for table in TABLES.values() for found in rows.take(table, _first_round(table, current))]
        if current not in rows.ids():
            rows.dataset()  # a broken row may be the record sought: say so rather than that it is unknown
            raise unknown_id(record_id, rows.every_id())
        citations = [found for table, wanted in _row_citations(linked).items() for found in rows.take(table, wanted)]
        _named(rows, linked + citations)
    return rows.dataset()


def _first_round(table: Table, record_id: str) -> Wanted:
    """The rows of ``table`` that hold the id: the record, the rows that refer to it and the citations of it
    or from it (not those it claims, which the page does not list); of actors, every state too."""
    columns = [
        key.field
        for key in table.foreign_keys
        if table.cites is None or key.field in table.cited_fields or key.reference_table == SOURCES.name
    ]
    if table.id_field is not None:
        columns.append(table.id_field)
    wanted: dict[tuple[str, ...], set[tuple[str, ...]]] = {(column,): {(record_id,)} for column in columns}
    if table is ACTORS:
        wanted["kind",] = {(ActorKind.STATE.value,)}
    return wanted


def _row_citations(linked: list[Found]) -> dict[Table, Wanted]:
    """The citations of the rows that belong to a record (a visit's participants) among ``linked``, asked
    for by that record: a few more than needed, which the dataset then tells apart by their keys."""
    wanted: dict[Table, dict[tuple[str, ...], set[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(set))
    for table, _, record in linked:
        cites = citation_table(table.name) if table.cites is None else None
        if cites is not None and cites.row_reference is not None and cites.parent_key is not None:
            field = cites.parent_key.field
            wanted[cites][field,].add((getattr(record, field),))
    return wanted  # type: ignore[return-value]


def _named(rows: _Rows, found: list[Found]) -> None:
    """Read every record the rows ``found`` name, and those these name in turn, until none is new; a name
    that leads to no record is a problem, as the validator reports it."""
    asked = rows.ids()
    while found:
        wanted: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
        askers: list[tuple[Table, int, str, str]] = []
        for table, line, record in found:
            for key in table.foreign_keys:
                value = getattr(record, key.field)
                if value is not None and value not in asked:
                    asked.add(value)
                    wanted[key.reference_table, key.reference_field].add((value,))
                    askers.append((table, line, key.field, value))
        found = [new for (name, column), ids in wanted.items() for new in rows.take(TABLES[name], {(column,): ids})]
        present = rows.ids() | rows.refused
        for table, line, field, value in askers:
            if value not in present:
                key = next(k for k in table.foreign_keys if k.field == field)
                rows.problems.add(
                    "foreign-key",
                    table.path,
                    line,
                    field,
                    value=value,
                    column=key.reference_field,
                    table=key.reference_table,
                )
