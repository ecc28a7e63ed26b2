"""Writing a validation report as text for people, JSON for programs, or GitHub annotations.

A report keeps the first problems of each rule in each file and counts the
others in one problem (see :class:`~mydiplo.problems.ProblemLog`); every
format shows that count, and the JSON gives each problem's ``count``. Every
format lists the problems in the report's order, by file and then by line,
so that they read top to bottom beside the file. Each
format is written to a stream as it is made, so a report of every problem
(``--max-per-rule 0``) is never held whole as one string.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from ..plural import counted, noun
from . import Report


def _summary(report: Report) -> list[str]:
    width = max(len(name) for name in report.counts)
    lines = [f"{name:<{width}}  {count:>8} {noun(count, 'record')}" for name, count in report.counts.items()]
    verdict = "valid" if report.valid else "invalid"
    records, tables = counted(sum(report.counts.values()), "record"), counted(len(report.counts), "table")
    lines.append(
        f"{verdict}: {records} in {tables}, {counted(report.error_count, 'error')}, "
        f"{counted(report.warning_count, 'warning')}"
    )
    return lines


def _human_lines(report: Report) -> Iterator[str]:
    current = None
    for problem in report.problems:
        if problem.file != current:
            yield problem.file
            current = problem.file
        place = f"line {problem.line}" if problem.line is not None else "file"
        field = f", {problem.field}" if problem.field else ""
        shown = problem.message
        if problem.count > 1:
            shown += " (--max-per-rule 0 shows each)"
        yield f"  {place}{field}: {problem.severity.value} [{problem.rule}] {shown}"
        yield f"    fix: {problem.hint}"
    if report.problems:
        yield ""
    yield from _summary(report)


def human(report: Report, out: TextIO) -> None:
    """Problems grouped by file, line by line, each with its field, rule and fix; then counts and the verdict."""
    out.writelines(line + "\n" for line in _human_lines(report))


def as_json(report: Report, out: TextIO) -> None:
    """The report as one JSON document: validity, counts, and each problem with its hint and ``count``.

    Written a problem at a time, laid out as ``json.dumps(document, indent=2)`` would lay it out.
    """
    head = {
        "valid": report.valid,
        "counts": report.counts,
        "errors": report.error_count,
        "warnings": report.warning_count,
        "problems": [],
    }
    text = json.dumps(head, indent=2, ensure_ascii=False)
    if not report.problems:
        out.write(text + "\n")
        return
    out.write(text.removesuffix("[]\n}") + "[")
    separator = "\n"
    for problem in report.problems:
        item = json.dumps(problem.as_dict(), indent=2, ensure_ascii=False)
        out.write(separator + "    " + item.replace("\n", "\n    "))
        separator = ",\n"
    out.write("\n  ]\n}\n")


def _escape(text: str, properties: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def github(report: Report, out: TextIO) -> None:
    """GitHub Actions workflow commands: one annotation per problem, on its file and line."""
    for problem in report.problems:
        location = f"file={_escape(problem.file, True)}" + (f",line={problem.line}" if problem.line is not None else "")
        title = _escape(f"{problem.rule}" + (f" ({problem.field})" if problem.field else ""), True)
        out.write(
            f"::{problem.severity.value} {location},title={title}::"
            f"{_escape(problem.message + '. Fix: ' + problem.hint)}\n"
        )
    out.write(_summary(report)[-1] + "\n")


REPORT_FORMATS = {"human": human, "json": as_json, "github": github}
"""Report formats by name, each writing the report to a text stream."""
