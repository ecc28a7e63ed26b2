"""Turning a validation report into text for people or JSON for programs."""

from __future__ import annotations

import json
from itertools import groupby

from . import Report


def human(report: Report) -> str:
    """Problems grouped by file, each with its line, field, rule and hint; then counts and the verdict."""
    lines: list[str] = []
    ordered = sorted(report.problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
    for file, problems in groupby(ordered, key=lambda p: p.file):
        lines.append(file)
        for problem in problems:
            place = f"line {problem.line}" if problem.line is not None else "file"
            field = f", {problem.field}" if problem.field else ""
            lines.append(f"  {place}{field}: {problem.severity.value} [{problem.rule}] {problem.message}")
            lines.append(f"    fix: {problem.hint}")
    if lines:
        lines.append("")
    width = max(len(name) for name in report.counts)
    lines.extend(f"{name:<{width}}  {count:>6} records" for name, count in report.counts.items())
    total = sum(report.counts.values())
    errors, warnings = len(report.errors), len(report.problems) - len(report.errors)
    verdict = "valid" if report.valid else "invalid"
    lines.append(f"{verdict}: {total} records in {len(report.counts)} tables, {errors} errors, {warnings} warnings")
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    """The report as one JSON document: validity, counts and every problem with its hint."""
    document = {
        "valid": report.valid,
        "counts": report.counts,
        "errors": len(report.errors),
        "warnings": len(report.problems) - len(report.errors),
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "field": p.field,
                "rule": p.rule,
                "severity": p.severity.value,
                "message": p.message,
                "hint": p.hint,
            }
            for p in report.problems
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
