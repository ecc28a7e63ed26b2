"""Turning a validation report into text for people, JSON for programs, or GitHub annotations.

Displays may be capped per rule and file so that one systematic mistake does
not bury the rest; the counts are never capped, and a capped display says how
many it left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby

from ..problems import Problem
from . import Report

DEFAULT_CAP = 20
"""Problems shown per rule and file in the human and GitHub formats (0 shows all)."""


def _capped(problems: Iterable[Problem], cap: int) -> Iterator[Problem | tuple[str, str, int]]:
    """The problems in display order, each rule's run in each file cut at ``cap`` with a marker of how many more."""
    ordered = sorted(problems, key=lambda p: (p.file, p.rule, p.line or 0, p.field or ""))
    for (file, rule), group in groupby(ordered, key=lambda p: (p.file, p.rule)):
        items = list(group)
        shown = items if cap <= 0 else items[:cap]
        yield from shown
        if len(items) > len(shown):
            yield (file, rule, len(items) - len(shown))


def _summary(report: Report) -> list[str]:
    width = max(len(name) for name in report.counts)
    lines = [f"{name:<{width}}  {count:>8} records" for name, count in report.counts.items()]
    errors, warnings = len(report.errors), len(report.problems) - len(report.errors)
    verdict = "valid" if report.valid else "invalid"
    lines.append(
        f"{verdict}: {sum(report.counts.values())} records in {len(report.counts)} tables, {errors} errors, "
        f"{warnings} warnings"
    )
    return lines


def human(report: Report, cap: int = DEFAULT_CAP) -> str:
    """Problems grouped by file, each with its line, field, rule and fix; then counts and the verdict."""
    lines: list[str] = []
    current = None
    for item in _capped(report.problems, cap):
        file = item[0] if isinstance(item, tuple) else item.file
        if file != current:
            lines.append(file)
            current = file
        if isinstance(item, tuple):
            lines.append(f"  ... {item[2]} more [{item[1]}] not shown (--max-per-rule 0 shows all)")
            continue
        place = f"line {item.line}" if item.line is not None else "file"
        field = f", {item.field}" if item.field else ""
        lines.append(f"  {place}{field}: {item.severity.value} [{item.rule}] {item.message}")
        lines.append(f"    fix: {item.hint}")
    if lines:
        lines.append("")
    lines.extend(_summary(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    """The report as one JSON document: validity, counts, and every problem with its hint (never capped)."""
    document = {
        "valid": report.valid,
        "counts": report.counts,
        "errors": len(report.errors),
        "warnings": len(report.problems) - len(report.errors),
        "problems": [p.as_dict() for p in report.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape(text: str, properties: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def github(report: Report, cap: int = DEFAULT_CAP) -> str:
    """GitHub Actions workflow commands: one annotation per problem, on its file and line."""
    lines = []
    for item in _capped(report.problems, cap):
        if isinstance(item, tuple):
            lines.append(
                f"::warning file={_escape(item[0], True)},title={_escape(item[1], True)}::{item[2]} more problems of "
                "this rule not shown"
            )
            continue
        location = f"file={_escape(item.file, True)}" + (f",line={item.line}" if item.line is not None else "")
        title = _escape(f"{item.rule}" + (f" ({item.field})" if item.field else ""), True)
        lines.append(
            f"::{item.severity.value} {location},title={title}::{_escape(item.message + '. Fix: ' + item.hint)}"
        )
    lines.append(_summary(report)[-1])
    return "\n".join(lines) + "\n"


REPORT_FORMATS = {"human": human, "json": lambda report, cap: as_json(report), "github": github}
"""Report formats by name, each taking the report and the display cap."""
