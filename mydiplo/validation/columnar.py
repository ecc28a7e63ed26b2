"""The columnar fast path: the default path's rules, checked over whole tables with polars.

Large packages spend nearly all their time reading CSV and checking cells row
by row in Python. This engine reads each table with polars and checks it a
column at a time, while reporting exactly the problems the default path
reports, at the same lines:

- A table is read by polars only when that read provably equals what the
  ``csv`` module reads (one line per row, one cell per column, the header
  in place, UTF-8 with LF line endings and no BOM); any other file is read by
  the one reader (:mod:`mydiplo.files.rows`), which reports every syntax and
  shape problem.
- Cells: polars finds a superset of the rows that may be invalid (distinct
  values that a portable regular expression does not accept go through the
  default path's compiled checks); each such row is then judged by the
  model in the pass both engines share (:mod:`mydiplo.validation.passes`),
  which words the problems.
- References, actor kinds, office holders, ids across tables, dates and
  look-alike records are checked by the rules of
  :mod:`mydiplo.validation.checks`, over the column operations this module
  implements with joins and sorts; keys are checked here, each problem
  worded by :mod:`mydiplo.validation.breaches`, as in the default path.

polars is imported here only; this module is imported only when the
``fast`` extra is installed and the package is large (see
:func:`mydiplo.validation.validate`).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from ..files.rows import table_chunks, written_quoted
from ..files.tablefile import TableFile, open_table, regular_file
from ..generate.schemas import columns
from ..models.base import Record
from ..models.dates import PartialDate
from ..problems import MAX_PER_RULE, Problem, ProblemLog
from ..registry import TABLES, Table, field_metadata
from . import breaches
from .cells import BadValues, partial_date, portable_pattern, runs_backwards
from .checks import dated_after_sources, ids_unique_across_tables, likely_duplicates, reference_problems
from .evidence import CITATION_COLUMNS, SOURCE_COLUMNS
from .passes import Naming, ValidationPass
from .plan import PUBLISHED, ROW, ROW_SEPARATOR, SOURCES, TablePlan, key_orders, read_order

LINE = "__line"
"""The column holding each row's line in its file (the header is line 1)."""

_STRINGS = pl.Series([], dtype=pl.String)


def _exact_frame_of(root: Path, table: Table) -> pl.DataFrame | None:
    """A table's file read by polars (:func:`exact_frame`), when it is a regular file of the package; else
    None, and the default path's reading reports why it is not read."""
    located = regular_file(root, table.path, ProblemLog())
    return None if located is None else exact_frame(located[0], table.fields)


def exact_frame(path: Path, fields: tuple[str, ...]) -> pl.DataFrame | None:
    """The table read by polars, with each row's line; None unless the read equals the ``csv`` module's.

    polars refuses most malformed CSV, but reads some of it differently
    (a short row is padded, a blank line becomes a row of empty cells, a
    quoted line break makes rows and lines differ, a trailing empty cell on
    an unterminated last line is dropped). So the file must end with a line
    break and hold no blank line, and three counts rule out the rest: the
    header is the table's, there is one line per row, and the file has
    exactly one separator fewer per line than there are columns, once the
    commas inside quoted cells are set apart. A cell longer than the ``csv``
    module reads falls back too.

    The file checks of :func:`~mydiplo.files.tablefile.open_table` hold too when
    this returns a frame: polars refuses bytes that are not UTF-8, and a
    file with a BOM or a CR is left to the default path's reading, and so is
    one where a line with a quote reads otherwise (:func:`_quoted_lines_agree`).

    The header is compared first, as bytes: a file whose first line is not the table's header, written
    plainly, is never parsed by polars, which would make a column of every cell of a wrong header (two
    million of them cost polars seconds and gigabytes; the ``csv`` module reads them as one short row).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(",".join(fields).encode("utf-8") + b"\n"):
        return None  # another header, or the table's written otherwise (quoted): the csv module's reading judges it
    if b"\r" in data or not data.endswith(b"\n") or b"\n\n" in data:
        return None  # also a blank line, or a last line without its LF, where polars may drop empty cells
    try:
        frame = pl.read_csv(
            io.BytesIO(data),
            infer_schema=False,
            empty_string_is_null=False,
            raise_if_empty=False,
            truncate_ragged_lines=False,
        )
    except pl.exceptions.PolarsError:
        return None
    if tuple(frame.columns) != fields:
        return None
    lines = data.count(b"\n")
    if lines != frame.height + 1:
        return None
    cells = pl.col(list(fields))
    quoted, longest = frame.select(
        (pl.sum_horizontal(cells.str.count_matches(",", literal=True).sum()) if b'"' in data else pl.lit(0)).alias(
            "quoted"
        ),
        (pl.max_horizontal(cells.str.len_bytes().max()) if len(data) > csv.field_size_limit() else pl.lit(0)).alias(
            "longest"
        ),
    ).row(0)
    if data.count(b",") - (quoted or 0) != (len(fields) - 1) * lines:
        return None
    if (longest or 0) > csv.field_size_limit():
        return None  # the csv module refuses a cell this long: its reading reports it
    if b'"' in data and not _quoted_lines_agree(frame, data):
        return None
    return frame.with_row_index(LINE, offset=2).with_columns(pl.col(LINE).cast(pl.Int64))


def _quoted_lines_agree(frame: pl.DataFrame, data: bytes) -> bool:
    """Whether polars read each line holding a double quote as the ``csv`` module reads it, every quote in a
    cell written quoted (:func:`~mydiplo.files.rows.written_quoted`), as the default engine requires.

    The two parsers part ways on a quote in the middle of a cell (``"a"b"c"`` is one cell to polars and
    two to the ``csv`` module), and polars keeps a stray quote in an unquoted cell as text; lines with a
    quote are few, so only they are read again.
    """
    lines = data.split(b"\n")[1:-1]
    positions = [i for i, line in enumerate(lines) if b'"' in line]
    for position, row in zip(positions, frame[positions].rows()):
        text = lines[position].decode("utf-8")
        cells = next(csv.reader([text]))
        if tuple(cells) != row or not all(written_quoted(cell, text) for cell in cells):
            return False
    return True


def _empty(table: Table) -> pl.DataFrame:
    return pl.DataFrame(schema={LINE: pl.Int64, **{name: pl.String for name in table.fields}})


@dataclasses.dataclass(frozen=True)
class _CellCheck:
    name: str
    required: bool
    bad: BadValues
    pattern: str | None
    longest: int | None

    def candidates(self) -> pl.Expr:
        """The column's distinct values, less those its portable pattern accepts."""
        values = pl.col(self.name)
        if self.pattern is None:
            return values.unique()
        accepted = values.str.contains(f"^(?:{self.pattern})$")
        if self.longest is not None:
            accepted = accepted & (values.str.len_chars() <= self.longest)
        return values.filter(~accepted).unique()  # matching first: cheaper than hashing a column of ids


def _cell_checks(compiled: TablePlan) -> list[_CellCheck]:
    """The default path's checks of each column, each with the pattern that accepts most good values in bulk."""
    model = compiled.table.model
    checks = []
    for (_, required, bad), column in zip(compiled.cells.checks, columns(model)):
        pattern, longest = portable_pattern(column, field_metadata(model.model_fields[column.name])) or (None, None)
        checks.append(_CellCheck(column.name, required, bad, pattern, longest))
    return checks


class _Frames:
    """The column operations of :mod:`mydiplo.validation.checks` over polars frames (rows with their ``LINE``)."""

    def absent(self, rows: pl.DataFrame, column: str, known: pl.Series) -> Iterator[tuple[int, str]]:
        if rows.height:
            absent = (pl.col(column) != "") & ~_member(rows, column, known)
            yield from rows.select(LINE, column).filter(absent).iter_rows()

    def looked_up_outside(
        self, rows: pl.DataFrame, column: str, lookup: pl.DataFrame, allowed: Collection[str]
    ) -> Iterator[tuple[int, str, str]]:
        if not rows.height:
            return
        # The ids looked up to a value not allowed are usually fewer than the rows: look those up.
        key, value = lookup.columns
        outside = lookup.filter(~pl.col(value).is_in(list(allowed)))
        found = rows.select(LINE, column).filter(_member(rows, column, outside[key]))
        yield from found.join(outside, left_on=column, right_on=key, how="inner").iter_rows()

    def looked_up_unlike(
        self, rows: pl.DataFrame, column: str, lookup: pl.DataFrame, other: str
    ) -> Iterator[tuple[int, str, str, str]]:
        key, value = lookup.columns
        found = rows.select(LINE, column, other).filter(pl.col(column) != "").join(lookup, left_on=column, right_on=key)
        for line, looked_up, other_value, held in found.filter(pl.col(value) != pl.col(other)).iter_rows():
            yield line, looked_up, held, other_value

    def looked_up_beside(
        self, rows: pl.DataFrame, column: str, lookup: pl.DataFrame, other: str
    ) -> Iterator[tuple[int, str, str, str]]:
        key, value = lookup.columns
        filled = rows.select(LINE, column, other).filter((pl.col(column) != "") & (pl.col(other) != ""))
        found = filled.join(lookup, left_on=column, right_on=key).filter(pl.col(value) != "")
        for line, looked_up, other_value, held in found.iter_rows():
            yield line, looked_up, held, other_value

    def held_elsewhere(
        self, rows: pl.DataFrame, column: str, others: Sequence[tuple[str, pl.Series]]
    ) -> Iterator[tuple[int, str, str]]:
        if not others:
            return
        # Every id known so far, tagged with its table, probed once for these rows' ids.
        tagged = pl.concat(
            [pl.DataFrame({"__id": ids}).with_columns(__table=pl.lit(name)) for name, ids in others], rechunk=False
        )
        clashes = tagged.filter(_member(tagged, "__id", rows[column])).unique()
        found = rows.select(LINE, column).join(clashes, left_on=column, right_on="__id", how="inner")
        yield from found.iter_rows()

    def overlapping_neighbours(self, spans: pl.DataFrame, width: int) -> Iterator[tuple[tuple[str, ...], int, int]]:
        """``spans``: the signature's columns, then ``LINE``, ``__start`` and ``__end``."""
        signature = spans.columns[:width]
        # Only records that share a signature can be look-alikes: sort just those (found by a hash
        # of the signature, whose rare collisions only add rows to the sort).
        shared = pl.struct(signature).hash().is_duplicated()
        ordered = spans.filter(shared).sort([*signature, "__start", "__end", LINE])
        same = pl.all_horizontal([pl.col(c) == pl.col(c).shift(1) for c in signature])
        pairs = ordered.with_columns(__previous_line=pl.col(LINE).shift(1), __previous_end=pl.col("__end").shift(1))
        pairs = pairs.filter(same & (pl.col("__start") <= pl.col("__previous_end")))
        for row in pairs.select(*signature, LINE, "__previous_line").iter_rows():
            yield row[:width], row[-2], row[-1]

    def exceeding(
        self, values: pl.DataFrame, bounds: pl.DataFrame, lines: pl.DataFrame
    ) -> Iterator[tuple[int, Any, Any]]:
        """Each frame is (id, its value); the ids are joined, not the values."""
        (key, value), (bound_key, bound), (line_key, line) = values.columns, bounds.columns, lines.columns
        late = values.join(bounds, left_on=key, right_on=bound_key, how="inner").filter(pl.col(value) > pl.col(bound))
        late = late.join(lines, left_on=key, right_on=line_key, how="inner")
        yield from late.select(line, value, bound).iter_rows()


_FRAMES = _Frames()


class ColumnarValidator(ValidationPass):
    """The default engine's checks, table by table over polars frames of the valid rows."""

    def __init__(self, root: Path, keep_records: bool = False, max_per_rule: int = MAX_PER_RULE) -> None:
        super().__init__(root, keep_records, max_per_rule)
        self.known: dict[str, pl.Series] = {}
        """Per record table, every id a reference may point at: valid rows' and invalid rows' well-formed ids."""
        self.first: dict[str, pl.DataFrame] = {}
        """Per record table, (id, line) of the first valid row of each id."""
        self.remembered: dict[str, pl.DataFrame] = {}
        """Per table that ``remembers`` columns, (id, ``__column``...) of its valid rows."""
        self.completed: dict[str, pl.Series] = defaultdict(lambda: _STRINGS)
        """Per table named in a ``required_by``, the ids that rows of the requiring table reference."""
        self.published: pl.DataFrame | None = None
        self.cited_series: dict[str, list[pl.Series]] = defaultdict(list)
        self.newest: dict[str, pl.DataFrame] = {}
        self.dates: dict[str, dict[str, pl.DataFrame]] = defaultdict(dict)
        """Per table with a ``reported_date`` rule, per date field, (id, earliest possible date)."""
        self.signatures: dict[str, pl.DataFrame] = {}
        self.notes: dict[str, dict[int, str]] = defaultdict(dict)
        """Per table with a duplicate signature, the non-empty notes of its valid rows by line."""
        self._reading: dict[str, Future[pl.DataFrame | None]] = {}
        self._ahead: Iterator[Table] = iter(())
        self._pool: Executor | None = None

    # -- reading -------------------------------------------------------------------

    def run(self) -> tuple[list[Problem], dict[str, int]]:
        """The pass, with each table read by polars while the one before it is checked."""
        with ThreadPoolExecutor(1) as pool:
            self._ahead, self._pool = iter(read_order()), pool
            self._read_next()
            return super().run()

    def _read_next(self) -> None:
        """Start reading the next table in the background (polars reads without holding the GIL)."""
        table = next(self._ahead, None)
        if table is not None and self._pool is not None:
            self._reading[table.name] = self._pool.submit(_exact_frame_of, self.root, table)

    def _table(self, compiled: TablePlan) -> int:
        # No local name keeps the frame: the check drops the columns it no longer needs from memory.
        return self._check(compiled, self._frame(compiled))

    def _frame(self, compiled: TablePlan) -> pl.DataFrame:
        """The table's well-shaped rows, read by polars when it reads them exactly, else by the csv module."""
        table = compiled.table
        frame = self._reading.pop(table.name).result()
        self._read_next()
        if frame is not None:
            return frame
        opened = open_table(self.root, table.path, self.problems)
        return _empty(table) if opened is None else self._read_with_csv(compiled, opened)

    def _read_with_csv(self, compiled: TablePlan, opened: TableFile) -> pl.DataFrame:
        """The one reader's rows (it reports syntax, blank and misshapen rows) as a frame."""
        table = compiled.table
        schema = _empty(table).schema
        frames = [
            pl.DataFrame({LINE: chunk.lines, **dict(zip(table.fields, map(list, zip(*chunk.rows))))}, schema=schema)
            for chunk in table_chunks(opened, table, self.problems)
        ]
        return pl.concat(frames) if frames else _empty(table)

    # -- one table -------------------------------------------------------------------

    def _check(self, compiled: TablePlan, frame: pl.DataFrame) -> int:
        """Judge suspect rows with the model, then check keys and references of the valid rows and remember them."""
        suspects = frame.filter(self._suspect(compiled, frame)) if frame.height else frame
        judged = {line: self._judge(compiled, line, cells) for line, *cells in suspects.iter_rows()}
        if self.records is not None:
            cells = [frame[name].to_list() for name in compiled.table.fields]
            self._keep(compiled, frame[LINE].to_list(), cells, judged)
        invalid = [(line, cells) for line, *cells in suspects.iter_rows() if judged[line] is None]
        frame = frame.select(LINE, *_kept(compiled))  # later checks need only some columns: copy no others
        if invalid:
            self._salvage(compiled, [cells for _, cells in invalid])
            frame = frame.filter(~pl.col(LINE).is_in([line for line, _ in invalid]))
        if compiled.table.row_reference is not None:  # the name of each cited row, made once for every check
            frame = frame.with_columns(_row_name(compiled.table.cited_fields))
        distinct = self._key_checks(compiled, frame)
        self._reference_checks(compiled, frame)
        self._memorise(compiled, frame, distinct)
        return frame.height

    def _suspect(self, compiled: TablePlan, frame: pl.DataFrame) -> pl.Expr:
        """A mask of every row the default path's fast checks would refuse (and perhaps a few more)."""
        checks = _cell_checks(compiled)
        # Optional columns are often empty throughout: they hold one value, "", and need no matching.
        longest = frame.select(pl.col(check.name).str.len_bytes().max() for check in checks).row(0)
        filled = [check for check, length in zip(checks, longest) if length]
        found = iter(
            frame.lazy().select([check.candidates().implode() for check in filled]).collect().row(0) if filled else ()
        )
        candidates = [next(found) if length else [""] for length in longest]
        flags: list[pl.Expr] = [pl.lit(False)]
        for check, values in zip(checks, candidates):
            distinct = set(values)
            empty = "" in distinct
            distinct.discard("")
            bad = check.bad(distinct)
            if empty and check.required:
                bad.add("")
            if bad:
                flags.append(pl.col(check.name).is_in(sorted(bad)))
        fields, plan = compiled.table.fields, compiled.cells
        for group in plan.together:
            set_cells = pl.sum_horizontal([(pl.col(fields[i]) != "").cast(pl.Int32) for i in group])
            flags.append((set_cells > 0) & (set_cells < len(group)))
        for group in plan.either:
            set_cells = pl.sum_horizontal([(pl.col(fields[i]) != "").cast(pl.Int32) for i in group])
            flags.append(set_cells != 1)
        for first, then in plan.date_order:
            a, b = fields[first], fields[then]
            pairs = frame.select(a, b).unique().filter((pl.col(a) != "") & (pl.col(b) != ""))
            backwards = [pair for pair in pairs.iter_rows() if runs_backwards(*pair)]
            if backwards:  # rows pairing any of these starts with any of these ends: a superset, never fewer
                starts, ends = zip(*backwards)
                flags.append(pl.col(a).is_in(sorted(set(starts))) & pl.col(b).is_in(sorted(set(ends))))
        for field, value, other, other_value in plan.linked_values:
            cell, other_cell = pl.col(fields[field]), pl.col(fields[other])
            flags.append((cell != "") & ((cell == value) != (other_cell == other_value)))
        for count, limit, note in plan.at_most:
            larger = pl.col(fields[count]).cast(pl.Int64, strict=False) > pl.col(fields[limit]).cast(
                pl.Int64, strict=False
            )
            said = pl.col(fields[note]) != "" if note is not None else pl.lit(False)
            flags.append(larger.fill_null(False) & ~said)
        return pl.any_horizontal(flags)

    def _key_checks(self, compiled: TablePlan, frame: pl.DataFrame) -> bool:
        """Rows sorted by key, keys unique in the table, ids unique across tables; True when no key repeats."""
        table = compiled.table
        key = list(table.key)
        in_order = not frame.height or self._sorted(compiled, frame)
        if not in_order:
            # Rare: the exact running-maximum comparison of the default path, in Python.
            key_columns = {compiled.key[i]: frame[name].to_list() for i, name in enumerate(key)}
            _, orders = key_orders(compiled, [key_columns.get(i, []) for i in range(len(table.fields))])
            breaches.out_of_order(table, frame[LINE].to_list(), orders, None, self.problems)
        fresh = frame.select(*key, LINE)
        # Sorted rows hold their duplicates side by side; only then, or when unsorted, group them.
        repeated = pl.all_horizontal([pl.col(name) == pl.col(name).shift(1) for name in key]).fill_null(False)
        distinct = in_order and (not frame.height or not frame.select(repeated.any()).item())
        if not distinct:
            marked = fresh.with_columns(pl.col(LINE).min().over(key).alias("__first"))
            for *values, line, first in marked.filter(pl.col(LINE) != pl.col("__first")).iter_rows():
                self.problems.append(
                    breaches.duplicate_key(
                        table, line, values[0] if compiled.id_index is not None else tuple(values), first
                    )
                )
            fresh = marked.filter(pl.col(LINE) == pl.col("__first")).drop("__first")
        if not compiled.named:
            return distinct
        if compiled.id_index is None:
            # Rows keyed by several columns that citations name: by their name, as records by their id.
            fresh = fresh.select(_row_name(key), LINE)
        elif fresh.height:
            others = [(name, ids) for name, ids in self.known.items() if TABLES[name].id_field]
            self.problems.extend(ids_unique_across_tables(_FRAMES, table, fresh, others))
        self.first[table.name] = fresh
        salvaged = pl.Series(list(self.lines[table.name]), dtype=pl.String)
        self.known[table.name] = pl.concat([fresh[fresh.columns[0]], salvaged])
        return distinct

    def _sorted(self, compiled: TablePlan, frame: pl.DataFrame) -> bool:
        """True when no row's key is below the key of the row above it (numbers compared as numbers)."""
        orders = []
        for name, numeric in zip(compiled.table.key, compiled.numeric_key):
            if numeric and not frame.select(pl.col(name).str.contains(r"^(?:0|[1-9][0-9]{0,17})$").all()).item():
                return False  # a non-canonical or huge number: compare exactly, as the default path does
            orders.append(pl.col(name).cast(pl.Int64) if numeric else pl.col(name))
        below, equal = pl.lit(False), pl.lit(True)
        for order in orders:
            below = below | (equal & (order < order.shift(1)))
            equal = equal & (order == order.shift(1))
        return not frame.select(below.fill_null(False).any()).item()

    def _reference_checks(self, compiled: TablePlan, frame: pl.DataFrame) -> None:
        """References to the same table wait for the pass; the others are checked by the shared rule."""
        table = compiled.table
        for reference in compiled.references:
            if reference.table == table.name:
                referring = frame.select(LINE, table.primary_key[0], reference.field)
                self.self_references.extend(
                    (table, line, reference, record_id, value)
                    for line, record_id, value in referring.filter(pl.col(reference.field) != "").iter_rows()
                )
        self.problems.extend(reference_problems(_FRAMES, compiled, frame, self._known, self._remembered))

    def _known(self, table: str) -> pl.Series:
        return self.known.get(table, _STRINGS)

    def _remembered(self, table: str, column: str) -> pl.DataFrame:
        """(id, ``__column``) of the valid rows of ``table``."""
        frame = self.remembered[table]
        return frame.select(frame.columns[0], f"__{column}")

    # -- what later tables and checks need ----------------------------------------

    def _memorise(self, compiled: TablePlan, frame: pl.DataFrame, distinct: bool) -> None:
        """Keep what later tables and checks need; ``distinct`` says that no key repeats."""
        table = compiled.table
        model: type[Record] = table.model
        if table.remembers:
            remembered = {name: f"__{name}" for name in table.remembers}
            self.remembered[table.name] = _last(frame, table.primary_key[0], distinct, **remembered)
        if table.required_by and compiled.required_field:
            self.completed[table.required_by[0]] = frame[compiled.required_field]
        if table.name == SOURCES:
            self.evidence.add_sources(frame[LINE].to_list(), _lists(frame, SOURCE_COLUMNS))
        if model.asserted:
            names = frame[table.id_field].to_list()  # type: ignore[index]
            self.evidence.add_records(table, frame[LINE].to_list(), names, _lists(frame, model.asserted))
        if table.cites is not None:
            self._citations(table, frame)
        if table.retirements:  # a short register: kept as the default engine keeps it
            retired = frame.select("retired_id", LINE, "replaced_by").iter_rows()
            self.retired.update((record_id, (line, successor)) for record_id, line, successor in retired)
        if model.reported_date is not None:
            self._event_dates(table, model.reported_date, frame, distinct)
        if model.duplicate_signature:
            self._signatures(table, model, frame)

    def _citations(self, table: Table, frame: pl.DataFrame) -> None:
        cited_table = table.cites
        assert cited_table is not None
        cited = frame["record_id"] if table.row_reference is None else frame[ROW]
        self.cited_series[cited_table].append(cited)
        self.evidence.add_citations(table, frame[LINE].to_list(), cited.to_list(), _lists(frame, CITATION_COLUMNS))
        self.cited_series[SOURCES].append(frame["source_id"])
        published = self._published().drop_nulls()
        if published.height and table.row_reference is None:
            dated = frame.select("record_id", "source_id").join(published, on="source_id", how="inner")
            self.newest[cited_table] = dated.group_by("record_id").agg(pl.col("__published").max().alias("__reported"))
        readings = frame.filter(pl.col("field") != "").select(LINE, "field", "value")
        found = {
            (f, v): list(breaches.citation_reading(table, TABLES[cited_table], 0, f, v))
            for f, v in readings.select("field", "value").unique().iter_rows()
        }
        for line, field_name, value in readings.iter_rows():
            self.problems.extend(dataclasses.replace(reading, line=line) for reading in found[field_name, value])

    def _published(self) -> pl.DataFrame:
        """(source_id, ``__published``): each valid source's latest possible publication day, worked out once."""
        if self.published is None:
            sources = self.remembered[SOURCES]
            latest = _dates(sources[f"__{PUBLISHED}"], lambda date: date.latest)
            self.published = sources.select(
                sources.columns[0], _mapped(f"__{PUBLISHED}", latest, None).alias("__published")
            )
        return self.published

    def _event_dates(
        self,
        table: Table,
        rule: tuple[tuple[str, ...], str | None, tuple[str, ...]],
        frame: pl.DataFrame,
        distinct: bool,
    ) -> None:
        date_fields, status_field, statuses = rule
        rows = frame if status_field is None else frame.filter(pl.col(status_field).is_in(list(statuses)))
        id_field = table.id_field
        assert id_field is not None
        for date_field in date_fields:
            earliest = _dates(rows[date_field], lambda date: date.earliest)
            dated = rows.select(id_field, _mapped(date_field, earliest, None).alias("__earliest"))
            self.dates[table.name][date_field] = _last(
                dated.drop_nulls("__earliest"), id_field, distinct, __earliest="__earliest"
            )

    def _signatures(self, table: Table, model: type[Record], frame: pl.DataFrame) -> None:
        signature = list(model.duplicate_signature)
        if model.duplicate_dates is None:
            spans = frame.select(*signature, LINE, __start=pl.lit(dt.date.min), __end=pl.lit(dt.date.max))
        else:
            # As the default path's ``_span``: an empty end ends with the start; no start, all time.
            first, last = model.duplicate_dates
            texts = pl.concat([frame[first], frame[last]]).unique()
            end_text = pl.when(pl.col(last) != "").then(pl.col(last)).otherwise(pl.col(first))
            spans = frame.select(
                *signature,
                LINE,
                _mapped(first, _dates(texts, lambda date: date.earliest), dt.date.min).alias("__start"),
                _mapped(end_text, _dates(texts, lambda date: date.latest), dt.date.max).alias("__end"),
            )
        self.signatures[table.name] = spans
        if "note" in frame.columns:
            noted = frame.filter(pl.col("note") != "").select(LINE, "note").iter_rows()
            self.notes[table.name].update(noted)

    # -- checks that need every table -------------------------------------------

    def _checks_across(self) -> Iterable[Iterable[Problem]]:
        return (self._reported_dates(), self._duplicates())

    def _ids(self, table: str) -> Collection[str]:
        return set(self.known.get(table, _STRINGS).to_list())

    def _lines_not_named(self, table: str, by: Naming) -> Iterator[int]:
        first = self.first.get(table)
        if first is None:
            return iter(())
        if by == "citations":
            names = pl.concat([*self.cited_series[table], pl.Series(list(self.cited[table]), dtype=pl.String)])
        else:
            names = self.completed[table]
        return (line for _, line in first.filter(~_member(first, first.columns[0], names)).iter_rows())

    def _reported_dates(self) -> Iterator[Problem]:
        for name, dates in self.dates.items():
            newest = self.newest.get(name)
            if newest is not None:
                yield from dated_after_sources(_FRAMES, TABLES[name], dates, newest, self.first[name])

    def _id_lines(self, ids: set[str]) -> Mapping[str, Mapping[str, int]]:
        """The lines of the few ids the register names, found among the valid rows' first lines."""
        if ids:
            named = pl.Series(list(ids), dtype=pl.String)
            for name, first in self.first.items():
                # The line of a valid row replaces the 0 kept for an invalid row with the same id.
                self.lines[name].update(first.filter(_member(first, first.columns[0], named)).iter_rows())
        return self.lines

    def _duplicates(self) -> Iterator[Problem]:
        for name, spans in self.signatures.items():
            ids = partial(_ids_by_line, self.first[name])
            yield from likely_duplicates(_FRAMES, TABLES[name], spans, self.notes[name], ids)


def _lists(frame: pl.DataFrame, columns: Sequence[str]) -> dict[str, list[str]]:
    """Some columns of a frame as Python lists, for the checks written over plain columns."""
    return {name: frame[name].to_list() for name in columns}


def _row_name(columns: Sequence[str]) -> pl.Expr:
    """The name of each row keyed by ``columns`` (see :func:`~mydiplo.validation.plan.row_name`), as ``ROW``."""
    return pl.concat_str([pl.col(name) for name in columns], separator=ROW_SEPARATOR).alias(ROW)


def _kept(compiled: TablePlan) -> list[str]:
    """The columns the checks after the cell checks read: keys, references, and what is remembered."""
    table, model = compiled.table, compiled.table.model
    names = [
        *table.key,
        *(r.field for r in compiled.references),
        *(table.fields[i] for o, a, _ in compiled.capacities for i in (o, a)),
    ]
    names += [table.primary_key[0], *table.remembers] if table.remembers else []
    names += [compiled.required_field] if compiled.required_field else []
    names += [compiled.within[0]] if compiled.within else []
    names += [*table.cited_fields, *(CITATION_COLUMNS if table.cites else ())]
    names += [*SOURCE_COLUMNS] if table.name == SOURCES else []
    names += [*model.asserted, *([table.id_field] if model.asserted and table.id_field else [])]
    names += ["retired_id", "replaced_by"] if table.retirements else []
    if model.reported_date is not None:
        date_fields, status_field, _ = model.reported_date
        names += [*date_fields, *([status_field] if status_field else [])]
    if model.duplicate_signature:  # a note may tell look-alikes apart
        names += [
            *model.duplicate_signature,
            *(model.duplicate_dates or ()),
            *(["note"] if "note" in table.fields else []),
        ]
    return list(dict.fromkeys(names))


def _member(frame: pl.DataFrame, column: str, known: pl.Series) -> pl.Expr:
    """A mask of the rows of ``frame`` whose ``column`` holds a value of ``known``.

    Looking values up in a large series first hashes all of it; when the
    frame is much smaller, the series is cut down to the frame's values first.
    """
    if len(known) > 4 * frame.height:
        known = known.filter(known.is_in(frame[column].unique().implode()))
    return pl.col(column).is_in(known.implode())


def _last(frame: pl.DataFrame, key: str, distinct: bool, **renamed: str) -> pl.DataFrame:
    """One row per ``key``, the last one, as a dict updated row by row keeps it (``distinct``: already one)."""
    chosen = frame.select(key, *(pl.col(old).alias(new) for old, new in renamed.items()))
    return chosen if distinct else chosen.unique(subset=key, keep="last", maintain_order=True)


def _dates(texts: pl.Series, bound: Callable[[PartialDate], dt.date]) -> dict[str, dt.date]:
    """``bound`` of the partial date in each distinct non-empty text that holds one."""
    return {text: bound(date) for text in texts.unique().to_list() if text and (date := partial_date(text)) is not None}


def _mapped(column: str | pl.Expr, dates: dict[str, dt.date], default: dt.date | None) -> pl.Expr:
    """The date each text of ``column`` maps to in ``dates``, else ``default``."""
    texts = pl.col(column) if isinstance(column, str) else column
    return texts.replace_strict(list(dates), list(dates.values()), default=default, return_dtype=pl.Date)


def _ids_by_line(first: pl.DataFrame) -> dict[int, str]:
    """The id of each line, from a frame of (id, line)."""
    return {line: record_id for record_id, line in first.iter_rows()}
