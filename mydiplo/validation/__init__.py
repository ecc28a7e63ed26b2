"""Validation of a data package: every rule, every problem, each located.

``validate(root)`` checks the descriptor, reads every table in one streaming
pass and runs the checks that span tables, returning a :class:`Report`; it
never raises on bad data. ``mydiplo validate`` prints the report.

Two engines find the same problems at the same lines: the default one, in
the standard library, and a columnar one for large packages, built on polars
(the ``fast`` extra). ``engine="auto"`` uses the columnar one only when polars
is installed and the package's tables hold at least :data:`FAST_BYTES`, so
small packages never pay for importing polars.

A report keeps the first :data:`~mydiplo.problems.MAX_PER_RULE` problems of
each rule in each file and counts the rest in one problem (see
:class:`~mydiplo.problems.ProblemLog`), so its size does not grow with the
number of problems: a table of two million blank lines is reported in
twenty-one lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

from ..models.base import Record
from ..problems import MAX_PER_RULE, RULES, Problem, Rule, Severity
from ..registry import TABLES
from .engine import Validator
from .passes import ValidationPass

__all__ = [
    "ENGINES",
    "FAST_BYTES",
    "MAX_PER_RULE",
    "RULES",
    "EngineUnavailable",
    "Problem",
    "Report",
    "Rule",
    "Severity",
    "validate",
    "validate_records",
]

Engine = Literal["auto", "default", "fast"]
ENGINES: tuple[Engine, ...] = ("auto", "default", "fast")
"""``auto`` picks ``fast`` for large packages when polars is installed, else ``default``."""

FAST_BYTES = 8 * 2**20
"""Table bytes from which ``auto`` uses the columnar engine (about 130,000 rows): below, importing
polars costs more than the columnar checks save."""


class EngineUnavailable(RuntimeError):
    """The columnar engine was asked for, but polars is not installed."""


@dataclass(frozen=True)
class Report:
    """The outcome of validating a data package: rows read per table, and the problems, in the order of their
    place; a problem whose ``count`` is above 1 counts the problems of its rule in its file left out."""

    root: Path
    counts: dict[str, int]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the package invalid."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def error_count(self) -> int:
        """How many errors were found, those counted but not kept included."""
        return sum(p.count for p in self.errors)

    @property
    def warning_count(self) -> int:
        """How many warnings were found, those counted but not kept included."""
        return sum(p.count for p in self.problems) - self.error_count

    @property
    def valid(self) -> bool:
        """True when no problem is an error (warnings allowed)."""
        return not self.errors


def validate(root: Path, engine: Engine = "auto", max_per_rule: int = MAX_PER_RULE) -> Report:
    """Validate the data package whose ``datapackage.json`` is in the folder ``root``.

    ``engine`` is ``auto`` (the default), ``default`` or ``fast``; the
    environment variable ``MYDIPLO_ENGINE`` overrides ``auto``. Problems come
    in the order of their place (file, line, field), whichever engine ran.
    The first ``max_per_rule`` problems of each rule in each file are kept
    whole, the others counted in one problem (0 keeps every problem).
    """
    return _run(root, engine, max_per_rule, keep_records=False)[0]


def validate_records(
    root: Path, engine: Engine = "auto", max_per_rule: int = MAX_PER_RULE
) -> tuple[Report, dict[str, list[Record]]]:
    """Validate as :func:`validate` does, and keep the records of every valid row, per table, in file order.

    :func:`mydiplo.load` builds its dataset from them, so each file is read
    and parsed once.
    """
    return _run(root, engine, max_per_rule, keep_records=True)


def _run(root: Path, engine: Engine, max_per_rule: int, keep_records: bool) -> tuple[Report, dict[str, list[Record]]]:
    if engine == "auto":
        engine = os.environ.get("MYDIPLO_ENGINE", "auto")  # type: ignore[assignment]
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    validator = _validator(root, engine, keep_records, max_per_rule)
    problems, counts = validator.run()
    records = {name: validator.records.get(name, []) for name in TABLES} if validator.records is not None else {}
    return Report(root, counts, tuple(problems)), records


def _validator(
    root: Path, engine: Engine, keep_records: bool = False, max_per_rule: int = MAX_PER_RULE
) -> ValidationPass:
    if engine == "fast" and not _polars_ready():
        raise EngineUnavailable("the fast engine needs polars 2 or newer: pip install 'mydiplo[fast]'")
    if engine == "fast" or (engine == "auto" and _table_bytes(root) >= FAST_BYTES and _polars_ready()):
        from .columnar import ColumnarValidator

        return ColumnarValidator(root, keep_records, max_per_rule)
    return Validator(root, keep_records, max_per_rule)


def _polars_ready() -> bool:
    """True when polars 2 or newer, which the columnar engine is written for, is installed."""
    if find_spec("polars") is None:
        return False
    from importlib.metadata import PackageNotFoundError, version

    try:
        return int(version("polars").split(".")[0]) >= 2
    except (PackageNotFoundError, ValueError):
        return False


def _table_bytes(root: Path) -> int:
    sizes = (root / table.path for table in TABLES.values())
    return sum(path.stat().st_size for path in sizes if path.is_file())
