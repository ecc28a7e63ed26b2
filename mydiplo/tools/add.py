"""``mydiplo add FILE``: add records, the rows that belong to them and their citations from one entry file.

Entering a visit by hand means writing rows in four files (the visit, its
citations, its participants, theirs) with the same ids spelled the same way,
each file kept sorted and canonical. An entry file says it once, grouped as
a reader thinks of it::

    [[visits]]
    visit_id = "min-aung-hlaing-visit-russia-2021-06"
    traveller_id = "min-aung-hlaing"
    start_date = "2021-06-20"
    # ...every other field of the table, by the name the data dictionary gives it
    [[visits.citations]]
    source_id = "reuters-2021-06-20-min-aung-hlaing-moscow"
    locator = "para 1"
    claimant_kind = "source"
    certainty = "reported"

Each top-level array is a table of the package by its name; an entry's
``citations`` go to that table's citation table, with the cited record's id
(or, for a row that belongs to a record, its key columns) filled in.
``extra_citations`` entries add citations to records already in the package:
each names its ``table`` and the cited record or row. The file is TOML
(Python 3.11 or later, or with ``tomli`` installed) or JSON of the same shape.

Nothing is written unless the whole package, with the new rows, validates:
the rows are added to a copy, checked there by every rule of ``mydiplo
validate`` (each problem of a new row named by its entry), and only then put
in canonical order and written over the package's files, each atomically,
and only if no file changed since it was read.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import importlib
import io
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..files.atomic import write_atomic
from ..files.jsontext import parse_json
from ..files.tablefile import regular_file
from ..problems import Problem, ProblemLog, Severity
from ..registry import TABLES, Table, citation_table
from ..validation import validate
from .fmt import State, compare, rewrite

EXTRA_CITATIONS = "extra_citations"
"""The top-level key of citations added to records already in the package."""

CITATIONS = "citations"
"""The key, inside an entry, of the entry's own citations."""

PACKAGE_PARTS = ("datapackage.json", "datasets", "schema")
"""What of a package the validator reads, and so what the trial copy holds."""


class EntryError(Exception):
    """The entry file cannot be read, or names a table or field the package does not have."""


@dataclass
class NewRows:
    """The rows an entry file adds, table by table, each with the entry it came from."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    labels: dict[str, list[str]] = field(default_factory=dict)

    def add(self, table: Table, row: dict[str, str], label: str) -> None:
        self.rows.setdefault(table.name, []).append(row)
        self.labels.setdefault(table.name, []).append(label)

    def counts(self) -> dict[str, int]:
        """How many rows each table gains, in the package's order of tables."""
        return {name: len(self.rows[name]) for name in TABLES if self.rows.get(name)}

    def drop_known(self, trial: Path, entry_file: str) -> int:
        """Leave out the rows the package (or an earlier entry) already holds; return how many.

        A row identical to one already there is the same claim twice. A record
        whose id is taken is the same record if every field the entry fills
        agrees with it: the entry then only adds its citations. A record that
        disagrees is refused, naming the field, since an id never names two things.
        """
        dropped = 0
        for name, table_rows in self.rows.items():
            table = TABLES[name]
            known = _rows_in(trial, table.path)
            by_id = {row[table.id_field]: row for row in known} if table.id_field else {}
            lines = {tuple(row.values()) for row in known}
            kept, labels = [], []
            for row, label in zip(table_rows, self.labels[name], strict=True):
                same = by_id.get(row[table.id_field]) if table.id_field else None
                if same is not None:
                    differs = [f for f in table.fields if row[f] and row[f] != same[f]]
                    if differs:
                        raise EntryError(
                            f"{entry_file}: {label}: the id is taken by a record whose {differs[0]} is "
                            f"{same[differs[0]]!r}, not {row[differs[0]]!r}; use a new id, or correct one of the two"
                        )
                if same is not None or tuple(row.values()) in lines:
                    dropped += 1
                    continue
                kept.append(row)
                labels.append(label)
                lines.add(tuple(row.values()))
                if table.id_field:
                    by_id[row[table.id_field]] = row
            self.rows[name], self.labels[name] = kept, labels
        return dropped


@dataclass(frozen=True)
class Outcome:
    """What ``add`` did: the rows it added (or would add), and the problems that stopped it, if any."""

    counts: dict[str, int]
    problems: tuple[Problem, ...]
    written: bool
    known: int = 0
    """Rows of the entry file the package already held, left out."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)


def read_entries(path: Path) -> dict[str, Any]:
    """The entry file as a mapping, from TOML or (``.json``) JSON."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise EntryError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        if path.suffix == ".json":
            parsed = parse_json(data.decode("utf-8"))
        else:
            parsed = _toml().loads(data.decode("utf-8"))
    except RecursionError:  # tomllib, like json, recurses once per level of nesting
        raise EntryError(f"{path}: arrays or tables nested too deeply to read") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise EntryError(f"{path}: not valid {'JSON' if path.suffix == '.json' else 'TOML'}: {error}") from None
    if not isinstance(parsed, dict):
        raise EntryError(f"{path}: the file must hold tables of entries, such as [[visits]]")
    return parsed


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:
        return importlib.import_module("tomli")
    except ModuleNotFoundError:
        raise EntryError(
            "reading TOML needs Python 3.11 or later, or `pip install tomli`; a .json entry file works anywhere"
        ) from None


def new_rows(entries: Mapping[str, Any], name: str) -> NewRows:
    """The rows an entry file adds, as cells, each labelled by its entry (``visits[2].citations[1]``)."""
    found = NewRows()
    for key, items in entries.items():
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise EntryError(f"{name}: {key} must be an array of tables ([[{key}]] entries)")
        if key == EXTRA_CITATIONS:
            for index, item in enumerate(items):
                _extra_citation(found, dict(item), f"{key}[{index}]", name)
            continue
        table = _table(key, name)
        for index, item in enumerate(items):
            _entry(found, table, dict(item), f"{key}[{index}]", name)
    return found


def _table(key: str, name: str) -> Table:
    table = TABLES.get(key)
    if table is None or table.cites is not None or table.retirements:
        choices = [t.name for t in TABLES.values() if t.cites is None and not t.retirements]
        close = difflib.get_close_matches(key, choices, n=1)
        hint = f"did you mean {close[0]}?" if close else f"tables are: {', '.join(choices)}"
        raise EntryError(f"{name}: no table {key!r} takes entries; {hint} (citations go inside their entry)")
    return table


def _entry(found: NewRows, table: Table, item: dict[str, Any], label: str, name: str) -> None:
    citations = item.pop(CITATIONS, [])
    row = _cells(table, item, label, name)
    found.add(table, row, _named(label, table, row))
    if not isinstance(citations, list) or not all(isinstance(c, dict) for c in citations):
        raise EntryError(
            f"{name}: {label}.{CITATIONS} must be an array of tables ([[{label.split('[')[0]}.citations]])"
        )
    cites = citation_table(table.name)
    if citations and cites is None:
        raise EntryError(f"{name}: {label}: rows of {table.name} take no citations")
    for index, citation in enumerate(citations):
        assert cites is not None
        cited = {"record_id": row[table.key[0]]} if cites.row_reference is None else {k: row[k] for k in table.key}
        _citation(found, cites, {**cited, **citation}, f"{label}.{CITATIONS}[{index}]", name)


def _extra_citation(found: NewRows, item: dict[str, Any], label: str, name: str) -> None:
    cited_table = _table(str(item.pop("table", "")), name) if "table" in item else None
    if cited_table is None:
        raise EntryError(f'{name}: {label}: say which table the cited record is in (table = "visits")')
    cites = citation_table(cited_table.name)
    if cites is None:
        raise EntryError(f"{name}: {label}: rows of {cited_table.name} take no citations")
    _citation(found, cites, item, label, name)


def _citation(found: NewRows, cites: Table, item: dict[str, Any], label: str, name: str) -> None:
    row = _cells(cites, item, label, name)
    found.add(cites, row, f"{label} ({row.get('source_id', '')}, {row.get('locator', '')})")


def _cells(table: Table, item: Mapping[str, Any], label: str, name: str) -> dict[str, str]:
    unknown = [key for key in item if key not in table.fields]
    if unknown:
        close = difflib.get_close_matches(unknown[0], table.fields, n=1)
        hint = f"did you mean {close[0]}?" if close else f"its fields are: {', '.join(table.fields)}"
        raise EntryError(f"{name}: {label}: {table.name} has no field {unknown[0]!r}; {hint}")
    return {f: _cell(item.get(f), f"{label}.{f}", name) for f in table.fields}


def _cell(value: Any, label: str, name: str) -> str:
    """A value of the entry file as the CSV cell that says it: TOML dates and booleans as the data writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    raise EntryError(f"{name}: {label}: a field holds one value, not {type(value).__name__}")


def _named(label: str, table: Table, row: Mapping[str, str]) -> str:
    key = ", ".join(row[k] for k in table.key if row.get(k))
    return f"{label} ({key})" if key else label


def add(root: Path, entry_file: Path, dry_run: bool = False) -> Outcome:
    """Add the entry file's rows to the package under ``root`` if, with them, it validates.

    Returns the rows added per table and the problems found; ``written`` is
    False when errors (or ``dry_run``) kept the package as it was.
    """
    rows = new_rows(read_entries(entry_file), entry_file.name)
    with tempfile.TemporaryDirectory(prefix="mydiplo-add-") as scratch:
        trial = Path(scratch) / "package"
        _copy_package(root, trial)
        known = rows.drop_known(trial, entry_file.name)
        originals = _originals(trial, rows)
        places = _append(trial, rows)
        # By file, each file's in the order of its lines (the entry file's, in the order of its entries).
        named = (_named_problem(p, places, entry_file.name) for p in _checked(trial, places))
        problems = tuple(sorted(named, key=lambda p: p.file))
        written = False
        if not any(p.severity is Severity.ERROR for p in problems) and not dry_run:
            _write_back(root, trial, rows, originals)
            written = True
    return Outcome(rows.counts(), problems, written, known)


def _copy_package(root: Path, trial: Path) -> None:
    """Copy what the validator reads into ``trial``."""
    trial.mkdir()
    for part in PACKAGE_PARTS:
        source = root / part
        if source.is_dir():  # links stay links: the validator refuses those that lead out of the package
            shutil.copytree(source, trial / part, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, trial / part)


def _originals(trial: Path, rows: NewRows) -> dict[str, bytes]:
    """The bytes, as copied, of each table file the entries will change: the package's files must still
    hold them when the result is written back."""
    return {
        name: found[0].read_bytes()
        for name in rows.rows
        if (found := regular_file(trial, TABLES[name].path, ProblemLog()))
    }


def _append(trial: Path, rows: NewRows) -> dict[tuple[str, int], str]:
    """Append the new rows to the trial copy's files; return the entry label of each new line."""
    places: dict[tuple[str, int], str] = {}
    for name, table_rows in rows.rows.items():
        table = TABLES[name]
        path = trial / table.path
        if path.is_symlink() or (path.exists() and regular_file(trial, table.path, ProblemLog()) is None):
            continue  # a link, pipe or device is never written through; the validator says what it is
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ",".join(table.fields) + "\n"
        if not text.endswith("\n"):
            text += "\n"
        first = text.count("\n") + 1
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([row[f] for f in table.fields] for row in table_rows)
        write_atomic(path, text + buffer.getvalue())
        for offset, label in enumerate(rows.labels[name]):
            places[table.path, first + offset] = label
    return places


def _rows_in(root: Path, name: str) -> list[dict[str, str]]:
    """The rows of a table file as cells by column; none when there is no regular file to read (the
    validator then says why)."""
    located = regular_file(root, name, ProblemLog())
    if located is None:
        return []
    with located[0].open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(csv.DictReader(handle))


def _checked(trial: Path, places: Mapping[tuple[str, int], str]) -> Iterator[Problem]:
    """The problems of the trial copy, but for the order of rows, which ``add`` puts right itself."""
    changed = {file for file, _ in places}
    for problem in validate(trial).problems:
        if not (problem.rule == "rows-unsorted" and problem.file in changed):
            yield problem


def _named_problem(problem: Problem, places: Mapping[tuple[str, int], str], entry_file: str) -> Problem:
    """A problem of a new row, placed at its entry in the entry file instead of a line of the trial copy."""
    label = places.get((problem.file, problem.line or 0))
    if label is None:
        return problem
    return replace(problem, message=f"{label}: {problem.message}", file=entry_file, line=None)


class ChangedMeanwhile(EntryError):
    """A file of the package changed while ``add`` worked on it: nothing was written."""


def _write_back(root: Path, trial: Path, rows: NewRows, originals: Mapping[str, bytes]) -> None:
    """Sort the changed tables of the trial copy into canonical form and write them over the package's files."""
    finished: dict[Path, str] = {}
    for name in rows.rows:
        table = TABLES[name]
        outcome = compare(trial, table)
        if outcome.state is State.UNREADABLE:  # validated rows always read; this guards the guarantee
            raise EntryError(f"{table.path}: the rows could not be put in canonical form; nothing was written")
        if outcome.state is State.NOT_CANONICAL:
            rewrite(trial, outcome)
        finished[root / table.path] = (trial / table.path).read_text(encoding="utf-8")
        target = root / table.path
        before = target.read_bytes() if target.is_file() else None
        if before != originals.get(name):
            raise ChangedMeanwhile(f"{table.path} changed while the entries were checked; nothing was written")
    for path, text in finished.items():
        write_atomic(path, text)
