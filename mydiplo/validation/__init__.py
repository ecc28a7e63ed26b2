"""Validation of a data package: every rule, every problem, each located.

``validate(root)`` checks the descriptor, reads every table in one streaming
pass and runs the checks that span tables, returning a :class:`Report`; it
never raises on bad data. ``mydiplo validate`` prints the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import RULES, Problem, Rule, Severity
from .engine import Validator

__all__ = ["RULES", "Problem", "Report", "Rule", "Severity", "validate"]


@dataclass(frozen=True)
class Report:
    """The outcome of validating a data package: rows read per table, and every problem."""

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


def validate(root: Path) -> Report:
    """Validate the data package whose ``datapackage.json`` is in the folder ``root``."""
    problems, counts = Validator(root).run()
    return Report(root, counts, tuple(problems))
