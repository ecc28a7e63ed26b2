"""``mydiplo diff``: what changed in the data between two versions, record by record.

A reviewer of a correction wants to see "the start date of this visit went
from 2025-12-10 to 2025-12-11", not two CSV lines. So rows are matched by
their table's key, and each record is reported as added, removed, or changed
field by field with the old and the new value. Cells are compared in their
canonical form, so a change of quoting, order or spelling of a value
(``012`` for ``12``) is not a change of data; a row the models refuse is
still compared, cell by cell as written, so a broken correction shows too.

A version is a data package folder or a git revision of the repository in
the current directory; a revision is read with ``git archive`` into a
temporary folder, never touching the work tree.

Ids are stable: removing a record whose id is not in the new version's
register of retired ids (:class:`~mydiplo.models.RetiredId`) is refused, and
so is removing a row of the register itself.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ..files.canonical import to_cell
from ..files.jsontext import parse_json
from ..files.records import record_of
from ..files.rows import reading
from ..files.tablefile import open_table, regular_file
from ..problems import Problem, ProblemLog, problem
from ..registry import RETIRED_IDS, TABLES, Table


class UnusableVersion(Exception):
    """A version given to ``diff`` is neither a data package folder nor a git revision."""


class Change(str, Enum):
    """What happened to a record between two versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


Cells = dict[str, str]


class Level(str, Enum):
    """A release level of the data's semantic version, from none to major."""

    NONE = "none"
    PATCH = "patch"
    MINOR = "minor"
    MAJOR = "major"


@dataclass(frozen=True)
class RecordChange:
    """One record added, removed or changed; ``fields`` holds ``(field, old, new)`` for each differing cell."""

    change: Change
    key: tuple[tuple[str, str], ...]
    fields: tuple[tuple[str, str | None, str | None], ...]

    @property
    def label(self) -> str:
        """The record's key as people read it: the id alone, or ``name=value`` pairs."""
        if len(self.key) == 1:
            return self.key[0][1]
        return ", ".join(f"{name}={value}" for name, value in self.key if value)


@dataclass(frozen=True)
class TableDiff:
    """The changes to one table, the columns added or removed with them, and whether the table itself came or went."""

    table: Table
    changes: tuple[RecordChange, ...]
    added_columns: tuple[str, ...] = ()
    removed_columns: tuple[str, ...] = ()
    presence: Change | None = None
    """``ADDED`` when only the new version has the table's file, ``REMOVED`` when only the old one has."""

    def count(self, change: Change) -> int:
        """How many records underwent ``change``."""
        return sum(1 for c in self.changes if c.change is change)


@dataclass(frozen=True)
class PackageDiff:
    """Every change between two versions of the data package, and the problems that refuse it."""

    old: str
    new: str
    old_version: str
    new_version: str
    tables: tuple[TableDiff, ...]
    problems: tuple[Problem, ...] = ()

    def count(self, change: Change) -> int:
        """How many records of all tables underwent ``change``."""
        return sum(t.count(change) for t in self.tables)

    @property
    def level(self) -> tuple[Level, str]:
        """The least release level these changes call for under the versioning rules, and why.

        Only what the data shows is judged: a changed meaning of a field or a
        vocabulary value is a major change that no diff of values can see.
        """
        found = [_table_level(table) for table in self.tables]
        return max(found, key=lambda item: list(Level).index(item[0]), default=(Level.NONE, "no change"))


@dataclass
class _Rows:
    """One version of a table file: its header and its rows by key, each with its line."""

    header: tuple[str, ...] = ()
    rows: dict[tuple[tuple[str, str], ...], tuple[int, Cells]] = field(default_factory=dict)
    found: bool = False


# -- reading one version ---------------------------------------------------------


@contextmanager
def opened_version(spec: str, cwd: Path | None = None) -> Iterator[tuple[Path, str]]:
    """The data package folder of a version, and its label: a folder as given, or a git revision unpacked.

    A folder wins over a revision of the same name. Raises
    :class:`UnusableVersion` when ``spec`` is neither.
    """
    folder = Path(spec)
    if folder.name == "datapackage.json":
        folder = folder.parent
    if (folder / "datapackage.json").is_file():
        yield folder, spec
        return
    here = cwd or Path.cwd()
    commit = _git(here, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if commit is None:
        remote = _git(here, "rev-parse", "--verify", "--quiet", f"origin/{spec}^{{commit}}")
        hint = f" (this clone has it as origin/{spec})" if remote is not None else ""
        raise UnusableVersion(
            f"{spec!r} is neither a data package folder nor a git revision of the repository here{hint}"
        )
    top = _git(here, "rev-parse", "--show-toplevel")
    assert top is not None
    with tempfile.TemporaryDirectory(prefix="mydiplo-diff-") as temporary:
        _unpack(Path(top.decode().strip()), commit.decode().strip(), Path(temporary))
        yield Path(temporary), f"{spec} ({commit.decode()[:10]})"


def _git(cwd: Path, *args: str) -> bytes | None:
    """The output of a git command run in ``cwd``, or None when it fails (or git is missing)."""
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _unpack(repository: Path, commit: str, target: Path) -> None:
    """Write the data package files of ``commit`` into ``target`` (the work tree is not touched).

    A revision whose package holds a symbolic link is refused: the link
    may point out of the package (to any file of the machine), and one
    inside it would compare a table under another's name.
    """
    archive = _git(repository, "archive", "--format=tar", commit, "--", "datapackage.json", "datasets")
    if archive is None:
        raise UnusableVersion(f"revision {commit[:10]} holds no data package (datapackage.json and datasets/)")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = tar.getmembers()
        link = next((member for member in members if not (member.isfile() or member.isdir())), None)
        if link is not None:
            raise UnusableVersion(
                f"revision {commit[:10]} cannot be compared: its {link.name} is a link, not a file; "
                "a data package holds its files themselves"
            )
        tar.extractall(target, members, filter="data")


def _version_of(root: Path) -> str:
    located = regular_file(root, "datapackage.json", ProblemLog())
    if located is None:
        return "unreadable"
    try:
        return str(parse_json(located[0].read_text(encoding="utf-8")).get("version", "unversioned"))
    except (OSError, ValueError, AttributeError):  # AttributeError: JSON, but not an object
        return "unreadable"


def _read(root: Path, table: Table, problems: list[Problem]) -> _Rows:
    """A table's rows by key, in canonical form where the model accepts them, else as written."""
    path = root / table.path
    if not path.exists():
        return _Rows()
    opened = open_table(root, table.path, ProblemLog())
    if opened is None:
        problems.append(problem("file-unreadable", table.path, variant="to-compare", place=root.name or root))
        return _Rows()
    result = _Rows(found=True)
    read = ProblemLog()
    with reading(opened, table.path, read) as reader:
        result.header = reader.header or ()
        missing = [name for name in table.key if name not in result.header]
        if reader.header is not None and missing:
            problems.append(problem("header-mismatch", table.path, 1, variant="to-compare", column=missing[0]))
            return _Rows()
        for chunk in reader.chunks():
            for line, cells in zip(chunk.lines, chunk.rows):
                values = _canonical(table, result.header, line, cells)
                key = tuple((name, values[name]) for name in table.key)
                occurrence = 1
                while key in result.rows:  # a duplicated key stays visible instead of hiding a row
                    occurrence += 1
                    key = (*key[: len(table.key)], ("occurrence", str(occurrence)))
                result.rows[key] = (line, values)
    # Blank and misshapen rows are left out: `mydiplo validate` locates them. Rows past broken CSV cannot be compared.
    problems.extend(problem for problem in read if problem.rule == "csv-syntax")
    return result


def _canonical(table: Table, header: tuple[str, ...], line: int, cells: list[str]) -> Cells:
    """The cells in canonical form when the row is a valid record of ``table``; as written otherwise."""
    written = dict(zip(header, cells))
    record = record_of(table, line, cells, ProblemLog()) if header == table.fields else None
    if record is None:
        return written
    return {name: to_cell(getattr(record, name)) for name in table.fields}


# -- comparing ---------------------------------------------------------------------


def compare(old_root: Path, new_root: Path, old_label: str = "old", new_label: str = "new") -> PackageDiff:
    """Every record-level change from the package in ``old_root`` to the one in ``new_root``."""
    problems: list[Problem] = []
    tables = []
    read: dict[str, tuple[_Rows, _Rows]] = {}
    for table in TABLES.values():
        old, new = _read(old_root, table, problems), _read(new_root, table, problems)
        read[table.name] = (old, new)
        diff = _table_diff(table, old, new)
        if diff.changes or diff.added_columns or diff.removed_columns or diff.presence:
            tables.append(diff)
    problems.extend(_unrecorded_removals(tables, read))
    return PackageDiff(
        old_label, new_label, _version_of(old_root), _version_of(new_root), tuple(tables), tuple(problems)
    )


def _table_diff(table: Table, old: _Rows, new: _Rows) -> TableDiff:
    columns = list(new.header) + [name for name in old.header if name not in new.header]
    key_columns = set(table.key)
    changes = []
    for key in sorted(old.rows.keys() | new.rows.keys(), key=_key_order):
        before, after = old.rows.get(key), new.rows.get(key)
        if before is None or after is None:
            kind, cells = (Change.ADDED, after[1]) if before is None else (Change.REMOVED, before[1])  # type: ignore[index]
            shown = tuple(
                (name, None, value) if kind is Change.ADDED else (name, value, None)
                for name, value in cells.items()
                if value and name not in key_columns
            )
            changes.append(RecordChange(kind, key, shown))
            continue
        differing = tuple(
            (name, before[1].get(name), after[1].get(name))
            for name in columns
            if before[1].get(name) != after[1].get(name)
        )
        if differing:
            changes.append(RecordChange(Change.CHANGED, key, differing))
    if old.found != new.found:
        return TableDiff(table, tuple(changes), presence=Change.ADDED if new.found else Change.REMOVED)
    added = tuple(n for n in new.header if n not in old.header)
    removed = tuple(n for n in old.header if n not in new.header)
    return TableDiff(table, tuple(changes), added, removed)


def _key_order(key: tuple[tuple[str, str], ...]) -> tuple[tuple[int, int | str], ...]:
    """Keys in the files' order: whole numbers by value (phase 2 before phase 10), other values as text."""
    return tuple((0, int(value)) if value.isdigit() else (1, value) for _, value in key)


def _table_level(table: TableDiff) -> tuple[Level, str]:
    """The release level one table's changes call for.

    Removals of tables, columns or ids are major, additions minor, corrections patch.
    """
    removed_ids = table.table.id_field is not None and table.count(Change.REMOVED)
    if table.presence is Change.REMOVED or table.removed_columns or removed_ids:
        return (
            Level.MAJOR,
            "a table removed"
            if table.presence
            else "a column removed"
            if table.removed_columns
            else "records removed, their ids retired",
        )
    if table.presence is Change.ADDED or table.added_columns or table.count(Change.ADDED):
        return (
            Level.MINOR,
            "a table added" if table.presence else "a column added" if table.added_columns else "records added",
        )
    return Level.PATCH, "values corrected" if table.count(Change.CHANGED) else "rows removed"


def _unrecorded_removals(tables: list[TableDiff], read: dict[str, tuple[_Rows, _Rows]]) -> Iterator[Problem]:
    """Removed record ids the new register does not retire, and ids taken out of the register."""
    retired = _ids(read[RETIRED_IDS.name][1], "retired_id")
    for diff in tables:
        table = diff.table
        id_field = "retired_id" if table.retirements else table.id_field
        if id_field is None:
            continue
        remaining = _ids(read[table.name][1], id_field)
        for change in diff.changes:
            record_id = dict(change.key)[id_field]
            if change.change is not Change.REMOVED or record_id in remaining:
                continue  # only a duplicated row went when the id is still there
            if table.retirements:
                yield problem("retired-id", table.path, None, id_field, variant="unretired", value=record_id)
            elif record_id not in retired:
                yield problem("unrecorded-removal", table.path, None, id_field, value=record_id)


def _ids(rows: _Rows, id_field: str) -> set[str]:
    return {cells.get(id_field, "") for _, cells in rows.rows.values()}


# -- reports -----------------------------------------------------------------------


def _summary(diff: PackageDiff) -> str:
    counts = ", ".join(f"{diff.count(change)} {change.value}" for change in Change)
    tables = len(diff.tables)
    return f"{tables} table{'s' if tables != 1 else ''} changed; records: {counts}"


def _table_summary(table: TableDiff) -> str:
    parts = [f"table {table.presence.value}"] if table.presence else []
    parts += [f"{table.count(change)} {change.value}" for change in Change if table.count(change)]
    parts += [f"column {name} added" for name in table.added_columns]
    parts += [f"column {name} removed" for name in table.removed_columns]
    return ", ".join(parts)


def human(diff: PackageDiff) -> str:
    """The changes for a terminal: per table, each record and each changed field, old -> new."""
    lines = [f"from {diff.old} (data {diff.old_version}) to {diff.new} (data {diff.new_version})"]
    for table in diff.tables:
        lines.append(f"{table.table.path}: {_table_summary(table)}")
        for change in table.changes:
            lines.append(f"  {change.change.value} {change.label}")
            for name, old, new in change.fields:
                if change.change is Change.CHANGED:
                    lines.append(f"    {name}: {_shown(old)} -> {_shown(new)}")
                else:
                    lines.append(f"    {name}: {old if new is None else new}")
    lines.extend(str(found) for found in diff.problems)
    if not diff.tables:
        lines.append("no change to the data")
        return "\n".join(lines) + "\n"
    level, reason = diff.level
    lines += [_summary(diff), f"release level: {level.value} ({reason})"]
    return "\n".join(lines) + "\n"


def _shown(value: str | None) -> str:
    return "(empty)" if not value else value


def _md(value: str | None) -> str:
    """A cell's value in a Markdown table: blank where the record is absent, marked where the cell is empty."""
    if value is None:
        return ""
    if not value:
        return "*(empty)*"
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("<", "&lt;")


def markdown(diff: PackageDiff) -> str:
    """The changes as Markdown, for a pull request comment or a GitHub job summary."""
    lines = [f"## Data changes: `{diff.old}` → `{diff.new}`", ""]
    if diff.problems:
        lines += ["> [!CAUTION]", "> This change is refused:"]
        lines += [f"> - `{p.location()}` **{p.rule}**: {_md(p.message)}. Fix: {_md(p.hint)}" for p in diff.problems]
        lines.append("")
    if not diff.tables:
        return "\n".join([*lines, "No change to the data.", ""])
    level, reason = diff.level
    lines += [
        f"Data version {diff.old_version} → {diff.new_version}; {_summary(diff)}.",
        f"Release level these changes call for: **{level.value}** ({reason}).",
        "",
    ]
    for table in diff.tables:
        lines += [f"### `{table.table.name}`: {_table_summary(table)}", ""]
        if not table.changes:
            continue
        lines += ["| change | record | field | old | new |", "| --- | --- | --- | --- | --- |"]
        for change in table.changes:
            record = f"`{_md(change.label)}`"
            if not change.fields:
                lines.append(f"| {change.change.value} | {record} | | | |")
            for position, (name, old, new) in enumerate(change.fields):
                first = (change.change.value, record) if position == 0 else ("", "")
                lines.append(f"| {first[0]} | {first[1]} | `{name}` | {_md(old)} | {_md(new)} |")
        lines.append("")
    return "\n".join(lines)


def as_json(diff: PackageDiff) -> str:
    """The changes as JSON, for programs."""
    level, reason = diff.level
    document: dict[str, Any] = {
        "old": {"version": diff.old, "data_version": diff.old_version},
        "new": {"version": diff.new, "data_version": diff.new_version},
        "release_level": {"level": level.value, "reason": reason},
        "tables": [
            {
                "table": table.table.name,
                "presence": table.presence.value if table.presence else None,
                "added_columns": list(table.added_columns),
                "removed_columns": list(table.removed_columns),
                "records": [
                    {
                        "change": change.change.value,
                        "key": dict(change.key),
                        "fields": [{"field": name, "old": old, "new": new} for name, old, new in change.fields],
                    }
                    for change in table.changes
                ],
            }
            for table in diff.tables
        ],
        "problems": [p.as_dict() for p in diff.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


DIFF_FORMATS = {"human": human, "markdown": markdown, "json": as_json}
"""The report formats of ``mydiplo diff``, by name."""
