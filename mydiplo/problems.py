"""Problems found in a data package, and the catalogue of rules they break.

Errors are data: each :class:`Problem` names a stable rule id, a location
(file, line, field), a message and a hint on how to fix it. Tests and tools
match on the rule id and the location, never on the wording.

Problems are collected in a :class:`ProblemLog`, which keeps the first
:data:`MAX_PER_RULE` of each rule in each file whole and only counts the
rest: a file of two million blank lines makes twenty problems and a count,
not two million problems.
"""

from __future__ import annotations

import dataclasses
from bisect import insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """An error makes the package invalid; a warning asks a human to look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """A rule of the data package: its stable id, what it requires, how a breach is worded and how to fix it.

    ``message`` is a template (``str.format`` with named values) that the
    check filling it words once for every engine and command; ``variants``
    word the other situations in which the same rule is broken (a header
    that cannot be read is a ``csv-syntax`` problem too).
    """

    id: str
    title: str
    message: str
    hint: str
    severity: Severity = Severity.ERROR
    variants: dict[str, str] = dataclasses.field(default_factory=dict, hash=False)

    def problem(
        self, file: str, line: int | None = None, field: str | None = None, variant: str | None = None, **values: Any
    ) -> Problem:
        """A breach of this rule at a place, its message the template (or ``variant``) filled with ``values``."""
        template = self.message if variant is None else self.variants[variant]
        return Problem(self.id, template.format(**values), file, line, field)


_RULES = [
    Rule(
        "file-missing",
        "A table's file must exist",
        "the file does not exist",
        "Create the file with the header the table schema gives, or restore it from git.",
    ),
    Rule(
        "file-unreadable",
        "A file must be UTF-8 text without a byte-order mark",
        "the file cannot be read: {reason}",
        "Run `mydiplo fmt`, which removes a byte-order mark (BOM); a file in another encoding must be saved as "
        "UTF-8 from your editor or spreadsheet first.",
        variants={
            "bom": "the file starts with a byte-order mark (BOM)",
            "encoding": "byte {offset} is not UTF-8 ({reason})",
            "descriptor": "datapackage.json cannot be read: {reason}",
            "to-compare": "cannot be compared: the file at {place} is not UTF-8 text",
        },
    ),
    Rule(
        "file-not-regular",
        "A table must be a regular file inside the package",
        "not read: the path is not a regular file (a pipe, a device or a folder)",
        "Put the table's CSV file itself at this path, inside the package folder: not a link to a file elsewhere, "
        "a pipe or a device.",
        variants={
            "outside": "not read: the path leads outside the package, to {target}",
            "too-large": "not read: {size} bytes, more than the {limit} a table may hold",
        },
    ),
    Rule(
        "line-endings",
        "Lines must end with LF",
        "the file has CR or CRLF line endings",
        "Run `mydiplo fmt`, which rewrites the file with LF line endings (or save it with Unix line endings "
        "from your editor).",
    ),
    Rule(
        "csv-syntax",
        "The file must be well-formed CSV",
        "the CSV cannot be read from here: {reason}",
        "Close the quoted cell: a cell that starts with a double quote must end with one, and quotes inside it "
        "are doubled.",
        variants={
            "header": "the header cannot be read: {reason}",
            "stray-quote": "a double quote inside a cell that is not quoted; write the cell in quotes, with "
            'the quote doubled: "a ""b"" c"',
        },
    ),
    Rule(
        "header-mismatch",
        "The header must be the table's columns, in order",
        "expected the header {header}",
        "Make line 1 exactly the header shown in the message.",
        variants={
            "width": "expected the header {header}: {columns} columns, not the {cells} of line 1",
            "to-compare": "cannot be compared: the header lacks the key column {column}",
        },
    ),
    Rule(
        "blank-row",
        "No blank rows",
        "the line is empty",
        "Delete the empty line, or run `mydiplo fmt`, which drops it.",
    ),
    Rule(
        "row-length",
        "Every row has one cell per column",
        "the row has {cells}, the header {columns}",
        "Add or remove cells (commas) so the row has as many as the header; quote a cell that contains a comma.",
    ),
    Rule(
        "field-required",
        "A required cell must not be empty",
        "{column} is required",
        "Fill in the cell; see the data dictionary for what it holds.",
    ),
    Rule(
        "field-type",
        "A cell must have the column's type",
        "{value!r}: {reason}",
        "Write the value as the data dictionary shows it: whole numbers as 12, decimals as 86.8, booleans as "
        "true or false.",
    ),
    Rule(
        "field-enum",
        "A cell must hold a value of the column's vocabulary",
        "{value!r}: {reason}",
        "Use one of the values listed in the message (the data dictionary explains each).",
    ),
    Rule(
        "field-pattern",
        "A cell must match the column's pattern",
        "{value!r}: {reason}",
        "Identifiers are lower-case kebab case (like min-aung-hlaing); see the data dictionary for the "
        "column's format.",
    ),
    Rule(
        "field-constraint",
        "A cell must be within the column's bounds",
        "{value!r}: {reason}",
        "Correct the value so it falls within the bound named in the message.",
    ),
    Rule(
        "partial-date",
        "A date must exist and be written YYYY, YYYY-MM or YYYY-MM-DD (with ~ ? % or a /range)",
        "{value!r}: {reason}",
        "Write the date year first, at the precision the source gives: 2025-12-28 for 28 December 2025, 2025-12 "
        "for 'December 2025'.",
        variants={"year-last": "{value!r} is written with the year last; write it year first: {year_first}"},
    ),
    Rule(
        "country-code",
        "A country must be a real ISO 3166-1 alpha-3 code",
        "{value!r}: {reason}",
        "Use the three-letter ISO code, e.g. MMR for Myanmar, RUS for Russia, BLR for Belarus.",
    ),
    Rule(
        "text-hygiene",
        "Text is one line, without surrounding spaces or control characters",
        "{value!r}: {reason}",
        "Remove leading and trailing spaces, tabs and line breaks from the cell.",
    ),
    Rule(
        "date-order",
        "An end date must not be before its start date",
        "{reason}",
        "Swap the two dates or correct the wrong one.",
    ),
    Rule(
        "fields-together",
        "Fields that belong together are set together",
        "{reason}",
        "Fill in the empty fields named in the message, or clear them all.",
    ),
    Rule(
        "count-exceeds",
        "A count is not larger than the count it belongs to, unless a note says why",
        "{reason}",
        "Correct the count, or say in the record's note why it is larger (a further order, a batch added later).",
    ),
    Rule(
        "fields-either",
        "Exactly one of two fields is set (a source's URL, or the reason it has none)",
        "{reason}",
        "Fill in one of the fields named in the message and leave the other empty.",
    ),
    Rule(
        "linked-values",
        "Values that imply each other go together (a SIPRI TIV basis and the unit TIV)",
        "{reason}",
        "Make both fields agree as the message says: never give a TIV value a currency, nor money a TIV basis.",
    ),
    Rule(
        "formula-text",
        "Free text must not start with = + - or @",
        "{value!r}: {reason}",
        "Reword the cell so it starts with a letter or digit; a spreadsheet would run it as a formula.",
    ),
    Rule(
        "not-canonical",
        "A cell is written in its one canonical form",
        "{value!r} is valid but written {canonical!r} in canonical form",
        "Run `mydiplo fmt`, which rewrites every cell in canonical form, or write the value as the message "
        "shows (e.g. 12 not 012, true not True).",
    ),
    Rule(
        "rows-unsorted",
        "Rows are sorted by the table's key",
        "the row belongs before the row above it (rows are sorted by {key})",
        "Run `mydiplo fmt`, which sorts the rows, or move the row to its place in the order of the key named "
        "in the message.",
    ),
    Rule(
        "actor-kind",
        "A reference must point at an actor of a fitting kind",
        "{value!r} is a {kind}; {column} takes {kinds}",
        "Point at an actor of one of the kinds the message lists, or correct the actor's kind.",
    ),
    Rule(
        "office-holder",
        "An office cited as someone's capacity must be held by that person",
        "{value!r} is held by {holder!r}, not {actor!r}",
        "Use an office whose holder_id is the actor of this row, or leave the office empty.",
    ),
    Rule(
        "agreement-parties",
        "Every agreement has at least one party",
        "no row of {path} names a party to it",
        "Add rows to datasets/agreement_parties.csv naming who made the agreement or pledge.",
    ),
    Rule(
        "dated-after-sources",
        "A record is not dated after every source that reports it",
        "dated from {earliest}, after its newest dated source ({reported})",
        "Check the date against the sources: an event cannot be reported before it happened, nor as over before "
        "it ended (a planned event needs a planned status; leave an end no source has seen empty).",
    ),
    Rule(
        "likely-duplicate",
        "Two records look like the same event",
        "same {fields} ({values}) and overlapping dates as line {first}",
        "If they are the same event, merge them and retire one id; if not, say in the note of one what tells it "
        "apart from the other, naming the other's id (which also settles the warning).",
        Severity.WARNING,
    ),
    Rule(
        "descriptor-mismatch",
        "datapackage.json must describe the tables as the models do",
        "the file differs from what the models generate",
        "Run `mydiplo generate` and commit the result; do not edit datapackage.json by hand.",
        variants={
            "missing": "the file is missing",
            "unreadable": "the file is not readable JSON: {reason}",
        },
    ),
    Rule(
        "duplicate-key",
        "Each row's key must be unique in its table",
        "({key}) is already used on line {first}",
        "Give the new record an id not used before, or merge the two rows.",
    ),
    Rule(
        "duplicate-id",
        "An id must be unique across all tables",
        "{value!r} is already an id in {table}",
        "Choose an id no other table uses; ids are never reused.",
    ),
    Rule(
        "foreign-key",
        "A reference must point at an existing record",
        "{value!r} is not the {column} of any row of {table}",
        "Use an id that exists in the referenced table (the message names the nearest ones), or add that record first.",
        variants={
            "nearest": "{value!r} is not the {column} of any row of {table}; did you mean {nearest}?",
            "row": "no row of {table} has {value}",
        },
    ),
    Rule(
        "outside-window",
        "A part of a record is dated within the record's dates (a phase within its election)",
        "{value!r} is {side} the {bound} of {record} ({bound_value})",
        "Correct this row's date, or the dates of the record it belongs to, so that they agree with the sources.",
    ),
    Rule(
        "reference-cycle",
        "A record is not part of itself, nor of its own part",
        "the references lead back to where they start: {path}",
        "Point the reference at what contains this record (a ministry's state, not the ministry itself), or "
        "leave it empty.",
    ),
    Rule(
        "uncited-record",
        "Every record, and every row that belongs to one, cites at least one source",
        "no row of {path} cites this record",
        "Add a row to the table's citation file naming a source and a paragraph.",
        variants={"row": "no row of {path} cites this row"},
    ),
    Rule(
        "uncited-field",
        "A record's status, end date and office dates are read by a citation of that field",
        "{value!r} is asserted, but no row of {path} reads this field",
        "Add a citation whose field names this column and whose value is the source's reading of it, or empty the "
        "field if no source says it.",
    ),
    Rule(
        "locator-beyond-source",
        "A locator stays within the paragraphs of its source",
        "{locator} goes beyond the {paragraphs} of {source}",
        "Count the source's paragraphs again by the methodology's rule (headings, bylines, captions and footers do "
        "not count), then correct the locator or the source's paragraphs.",
    ),
    Rule(
        "claimant-of-claim",
        "The claimant is whoever makes the claim, not whoever relays it",
        "a {certainty} claim is made by an interested party, not by {kind!r}",
        "Name who makes the claim in claimant_kind and claimant_id (the government, candidate or group the source "
        "quotes), or, if the source states it as fact, make it reported.",
        variants={
            "unattributed": "an unattributed judgement names no claimant, but claimant_id is {value!r}",
            "source": "the source's own reporting is claimed by its publisher {publisher!r}, not by {value!r}",
        },
    ),
    Rule(
        "contradicted-unexplained",
        "A contradicted reading says what contradicts it",
        "the citation is contradicted, but its note is empty",
        "Say in note which record or source contradicts the reading, and how.",
    ),
    Rule(
        "confirmed-support",
        "Confirmed needs an official record or two independent sources",
        "confirmed, but the record's citations have one origin ({origins}) and no official record",
        "Cite the official record or a second source of another origin (a wire story in two papers is one origin), "
        "or make the citation reported.",
        variants={
            "field": "confirmed, but the citations of this reading of {column} have one origin ({origins}) and no "
            "official record"
        },
    ),
    Rule(
        "insecure-url",
        "A source's address uses https where the site serves it",
        "{value!r} is a plain-http address",
        "Use the https address of the page if the site serves one; keep http only where it does not.",
        Severity.WARNING,
    ),
    Rule(
        "uncited-source",
        "Every source is cited by at least one record",
        "no citation names this source",
        "Cite the source from the records it supports, or remove it.",
    ),
    Rule(
        "retired-id",
        "A retired id is never used again",
        "{value!r} is a retired id (line {register_line} of {path}){successor}",
        "Give the record a new id; a retired id stays retired (see datasets/retired_ids.csv, and use its "
        "successor to refer to the record that replaced it).",
        variants={
            "unretired": "{value!r} was taken out of the register; a retired id stays retired, so restore its row",
        },
    ),
    Rule(
        "retired-successor",
        "A retired id's successor is the id of a current record",
        "{value!r} is not the id of any record",
        "Set replaced_by to the id of the record that replaced the retired one (follow any chain to its end), "
        "or leave it empty if none did.",
        variants={
            "retired": "{value!r} is itself retired; {instead}",
        },
    ),
    Rule(
        "unrecorded-removal",
        "A record's id is removed only by retiring it",
        "the record {value!r} is removed but its id is not retired",
        "Add a row to datasets/retired_ids.csv for the removed id (with replaced_by, the next data version and "
        "the reason), or restore the record.",
    ),
    Rule(
        "citation-field",
        "A citation's field must be a column of the cited table, and its value valid there",
        "{value!r} is not a valid {column}: {reason}",
        "Name a column of the cited table in `field`, and write `value` as that column would hold it.",
        variants={
            "column": "{column!r} is not a column of {table} that a source can read",
        },
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
"""Every rule, by id."""


def problem(
    rule: str, file: str, line: int | None = None, field: str | None = None, variant: str | None = None, **values: Any
) -> Problem:
    """A breach of the rule with the id ``rule``: see :meth:`Rule.problem`.

    >>> problem("blank-row", "datasets/visits.csv", 12).message
    'the line is empty'
    """
    return RULES[rule].problem(file, line, field, variant, **values)


@dataclass(frozen=True)
class Problem:
    """One breach of one rule, at one place; or, with a ``count`` above 1, the breaches of a rule in a file
    that a :class:`ProblemLog` counted instead of keeping, from the place of the first of them."""

    rule: str
    message: str
    file: str
    line: int | None = None
    field: str | None = None
    count: int = 1
    """How many breaches this problem stands for: 1, or at least 2 for the count closing a capped run."""
    looked_for: tuple[str, str] | None = dataclasses.field(default=None, compare=False, repr=False)
    """For a reference to no record: the table it was looked for in and the id, so that the validator can
    name the nearest ids once it knows which problems it reports (it reports only some of many)."""

    @property
    def severity(self) -> Severity:
        """How serious the breach is, from the rule."""
        return RULES[self.rule].severity

    @property
    def hint(self) -> str:
        """How to fix it, from the rule."""
        return RULES[self.rule].hint

    def location(self) -> str:
        """``file:line`` (and ``field``) for people and editors."""
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{place} [{self.field}]" if self.field else place

    def as_dict(self) -> dict[str, str | int | None]:
        """The problem as a JSON object, with its severity and hint."""
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "count": self.count,
        }

    def place(self) -> tuple[str, int, bool, str, str, str]:
        """The order problems are reported in, in every format: by file, line, field, then rule and message;
        a count of problems left out comes after the problems kept at its line."""
        return (self.file, self.line or 0, self.count > 1, self.field or "", self.rule, self.message)

    def __str__(self) -> str:
        """Two lines for people: where, how serious, which rule and what; then how to fix it."""
        return f"{self.location()}: {self.severity.value} [{self.rule}] {self.message}\n  fix: {self.hint}"


MAX_PER_RULE = 20
"""Problems of one rule in one file that a :class:`ProblemLog` keeps whole by default; it counts the rest."""


def _order(problem: Problem) -> tuple[int, str, str]:
    """The place of a problem among those of its rule in its file (see :meth:`Problem.place`)."""
    return (problem.line or 0, problem.field or "", problem.message)


@dataclass
class _Run:
    """The problems of one rule in one file: the first ones by place, then a count of the others and their lines."""

    kept: list[Problem] = dataclasses.field(default_factory=list)
    left_out: int = 0
    first: int | None = None
    last: int | None = None

    def leave_out(self, line: int | None, count: int = 1) -> None:
        """Count ``count`` problems at ``line`` instead of keeping them."""
        self.left_out += count
        if line is not None:
            self.first = line if self.first is None else min(self.first, line)
            self.last = line if self.last is None else max(self.last, line)

    def count_of(self, file: str, rule: str, last_kept: Problem) -> Problem:
        """The problem counting those left out and ``last_kept`` (so that a count stands for two or more)."""
        counted = _Run(left_out=self.left_out, first=self.first, last=self.last)
        counted.leave_out(last_kept.line, last_kept.count)
        if counted.first is None:
            lines = ""
        elif counted.first == counted.last:
            lines = f" (line {counted.first})"
        else:
            lines = f" (lines {counted.first}..{counted.last})"
        message = f"and {counted.left_out} more {rule} problems in {file}{lines}"
        return Problem(rule, message, file, counted.first, None, counted.left_out)


class ProblemLog:
    """Where checks put the problems they find: the first ``per_rule`` of each rule in each file are kept whole,
    the others are counted, with their first and last line (``per_rule`` 0 keeps every problem).

    The problems kept are the first by place, not the first found, so two engines that find the same
    problems in another order report the same ones. The cap is applied as problems arrive, so memory does
    not grow with their number; :meth:`add` does not even make a problem that would only be counted.
    A run of one more than ``per_rule`` is kept whole: its count would take a line as well.
    """

    def __init__(self, per_rule: int = MAX_PER_RULE) -> None:
        if per_rule < 0:
            raise ValueError(f"per_rule must be 0 (keep all) or more, not {per_rule}")
        self.per_rule = per_rule
        self._runs: dict[tuple[str, str], _Run] = {}

    def add(
        self,
        rule: str,
        file: str,
        line: int | None = None,
        field: str | None = None,
        variant: str | None = None,
        **values: Any,
    ) -> None:
        """Log a breach of the rule with the id ``rule``, as :func:`problem` words it, made only if it is kept."""
        run = self._runs.get((file, rule))
        if run is not None and self._full(run) and (line or 0, field or "") > _order(run.kept[-1])[:2]:
            run.leave_out(line)
            return
        self.append(RULES[rule].problem(file, line, field, variant, **values))

    def append(self, problem: Problem) -> None:
        """Log one problem: keep it if it is among the first of its rule in its file, else count it."""
        key = (problem.file, problem.rule)
        run = self._runs.get(key)
        if run is None:
            run = self._runs[key] = _Run()
        if not self.per_rule:
            run.kept.append(problem)
            return
        if self._full(run):
            if _order(problem) >= _order(run.kept[-1]):
                run.leave_out(problem.line, problem.count)
                return
            dropped = run.kept.pop()
            run.leave_out(dropped.line, dropped.count)
        insort(run.kept, problem, key=_order)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Log each of ``problems``."""
        for problem in problems:
            self.append(problem)

    def problems(self) -> list[Problem]:
        """The problems kept, and one counting the others of each capped run, in the order of their place."""
        found: list[Problem] = []
        for (file, rule), run in self._runs.items():
            if run.left_out:
                found.extend(run.kept[: self.per_rule])
                found.append(run.count_of(file, rule, run.kept[self.per_rule]))
            else:
                found.extend(run.kept)
        return sorted(found, key=Problem.place)

    def __iter__(self) -> Iterator[Problem]:
        """The problems, as :meth:`problems` gives them."""
        return iter(self.problems())

    def _full(self, run: _Run) -> bool:
        return bool(self.per_rule) and len(run.kept) > self.per_rule
