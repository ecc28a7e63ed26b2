"""Validation of a data package: every rule, every problem, each located.

``validate(root)`` reads every table, then runs the cross-table checks on the
records that parsed, and returns a :class:`Report`; it never raises on bad
data. ``mydiplo validate`` prints the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..reading import TableRead, read_package
from . import checks
from ..problems import RULES, Problem, Rule, Severity

__all__ = ["RULES", "Problem", "Report", "Rule", "Severity", "validate"]


@dataclass(frozen=True)
class Report:
    """The outcome of validating a data package: records read per table, and every problem."""

    root: Path
    counts: dict[str, int]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the package invalid."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def valid(self) -> bool:
        """True when no problem is an error (warnings allowed)."""
        return not self.errors


def run_checks(reads: dict[str, TableRead]) -> list[Problem]:
    """Every problem: those met while reading, then those of keys, references and provenance."""
    problems = [problem for read in reads.values() for problem in read.problems]
    for check in (checks.duplicate_keys, checks.duplicate_ids, checks.foreign_keys, checks.provenance):
        problems.extend(check(reads))
    return problems


def validate(root: Path) -> Report:
    """Validate the data package whose ``datapackage.json`` is in the folder ``root``."""
    reads = read_package(root)
    counts = {name: len(read.records) for name, read in reads.items()}
    return Report(root, counts, tuple(run_checks(reads)))
