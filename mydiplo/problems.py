"""Problems found in a data package, and the catalogue of rules they break.

Errors are data: each :class:`Problem` names a stable rule id, a location
(file, line, field), a message and a hint on how to fix it. Tests and tools
match on the rule id and the location, never on the wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """An error makes the package invalid; a warning asks a human to look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """A rule of the data package: its stable id, what it requires and how to fix a breach."""

    id: str
    title: str
    hint: str
    severity: Severity = Severity.ERROR


_RULES = [
    Rule("file-missing", "A table's file must exist", "Create the file with the header the table schema gives, or restore it from git."),
    Rule("file-unreadable", "A file must be UTF-8 text without a byte-order mark", "Save the file as UTF-8 (without BOM) from your editor or spreadsheet."),
    Rule("line-endings", "Lines must end with LF", "Run `mydiplo fmt`, which rewrites the file with LF line endings (or save it with Unix line endings from your editor)."),
    Rule("csv-syntax", "The file must be well-formed CSV", "Close the quoted cell: a cell that starts with a double quote must end with one, and quotes inside it are doubled."),
    Rule("header-mismatch", "The header must be the table's columns, in order", "Make line 1 exactly the header shown in the message."),
    Rule("blank-row", "No blank rows", "Delete the empty line, or run `mydiplo fmt`, which drops it."),
    Rule("row-length", "Every row has one cell per column", "Add or remove cells (commas) so the row has as many as the header; quote a cell that contains a comma."),
    Rule("field-required", "A required cell must not be empty", "Fill in the cell; see the data dictionary for what it holds."),
    Rule("field-type", "A cell must have the column's type", "Write the value as the data dictionary shows it: whole numbers as 12, decimals as 86.8, booleans as true or false."),
    Rule("field-enum", "A cell must hold a value of the column's vocabulary", "Use one of the values listed in the message (the data dictionary explains each)."),
    Rule("field-pattern", "A cell must match the column's pattern", "Identifiers are lower-case kebab case (like min-aung-hlaing); see the data dictionary for the column's format."),
    Rule("field-constraint", "A cell must be within the column's bounds", "Correct the value so it falls within the bound named in the message."),
    Rule("partial-date", "A date must exist and be written YYYY, YYYY-MM or YYYY-MM-DD (with ~ ? % or a /range)", "Write the date at the precision the source gives, e.g. 2025-12 for 'December 2025'."),
    Rule("country-code", "A country must be a real ISO 3166-1 alpha-3 code", "Use the three-letter ISO code, e.g. MMR for Myanmar, RUS for Russia, BLR for Belarus."),
    Rule("text-hygiene", "Text is one line, without surrounding spaces or control characters", "Remove leading and trailing spaces, tabs and line breaks from the cell."),
    Rule("date-order", "An end date must not be before its start date", "Swap the two dates or correct the wrong one."),
    Rule("fields-together", "Fields that belong together are set together", "Fill in the empty fields named in the message, or clear them all."),
    Rule("linked-values", "Values that imply each other go together (a SIPRI TIV basis and the unit TIV)", "Make both fields agree as the message says: never give a TIV value a currency, nor money a TIV basis."),
    Rule("formula-text", "Free text must not start with = + - or @", "Reword the cell so it starts with a letter or digit; a spreadsheet would run it as a formula."),
    Rule("not-canonical", "A cell is written in its one canonical form", "Run `mydiplo fmt`, which rewrites every cell in canonical form, or write the value as the message shows (e.g. 12 not 012, true not True)."),
    Rule("rows-unsorted", "Rows are sorted by the table's key", "Run `mydiplo fmt`, which sorts the rows, or move the row to its place in the order of the key named in the message."),
    Rule("actor-kind", "A reference must point at an actor of a fitting kind", "Point at an actor of one of the kinds the message lists, or correct the actor's kind."),
    Rule("office-holder", "An office cited as someone's capacity must be held by that person", "Use an office whose holder_id is the actor of this row, or leave the office empty."),
    Rule("agreement-parties", "Every agreement has at least one party", "Add rows to datasets/agreement_parties.csv naming who made the agreement or pledge."),
    Rule("dated-after-sources", "A record is not dated after every source that reports it", "Check the date against the sources: an event cannot be reported before it happened (a planned event needs a planned status)."),
    Rule("likely-duplicate", "Two records look like the same event", "If they are the same event, merge them and retire one id; if not, say in a note what tells them apart.", Severity.WARNING),
    Rule("descriptor-mismatch", "datapackage.json must describe the tables as the models do", "Run `mydiplo generate` and commit the result; do not edit datapackage.json by hand."),
    Rule("duplicate-key", "Each row's key must be unique in its table", "Give the new record an id not used before, or merge the two rows."),
    Rule("duplicate-id", "An id must be unique across all tables", "Choose an id no other table uses; ids are never reused."),
    Rule("foreign-key", "A reference must point at an existing record", "Use an id that exists in the referenced table, or add that record first."),
    Rule("uncited-record", "Every record cites at least one source", "Add a row to the table's citation file naming a source and a paragraph."),
    Rule("uncited-source", "Every source is cited by at least one record", "Cite the source from the records it supports, or remove it."),
    Rule("retired-id", "A retired id is never used again", "Give the record a new id; a retired id stays retired (see datasets/retired_ids.csv, and use its successor to refer to the record that replaced it)."),
    Rule("retired-successor", "A retired id's successor is the id of a current record", "Set replaced_by to the id of the record that replaced the retired one (follow any chain to its end), or leave it empty if none did."),
    Rule("unrecorded-removal", "A record's id is removed only by retiring it", "Add a row to datasets/retired_ids.csv for the removed id (with replaced_by, the next data version and the reason), or restore the record."),
    Rule("citation-field", "A citation's field must be a column of the cited table, and its value valid there", "Name a column of the cited table in `field`, and write `value` as that column would hold it."),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
"""Every rule, by id."""


@dataclass(frozen=True)
class Problem:
    """One breach of one rule, at one place."""

    rule: str
    message: str
    file: str
    line: int | None = None
    field: str | None = None

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
        return {"file": self.file, "line": self.line, "field": self.field, "rule": self.rule, "severity": self.severity.value, "message": self.message, "hint": self.hint}

    def __str__(self) -> str:
        """Two lines for people: where, how serious, which rule and what; then how to fix it."""
        return f"{self.location()}: {self.severity.value} [{self.rule}] {self.message}\n  fix: {self.hint}"
