"""Event-ontology codes for visits, agreements, observations and transfers: CAMEO and PLOVER.

Event-data pipelines (GDELT, ICEWS, POLECAT) code every interaction with a
CAMEO verb code and, lately, a PLOVER category; giving each mydiplo event the
same codes lets researchers stack this dataset on theirs. The mapping is
data, declared by each model as its ``event_rules`` and gathered in
:data:`RULES`, read in order: for each record and each of its events
the first rule whose conditions hold gives the code. ``docs/exports.md``
shows :func:`markdown_table`, and a test fails when the page and the rules
differ.

CAMEO labels follow the CAMEO codebook (Schrodt, version 1.1b3, 2012).
PLOVER categories, modes and contexts follow the Open Event Data Alliance's
CAMEO-to-PLOVER mapping of 2021 (``CAMEO2PLOVER-2021.txt`` in the PLOVER
repository); PLOVER dropped CAMEO's APPEAL category, so an invitation has no
PLOVER category.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from ..dataset import Dataset
from ..models import EventRule, Record
from ..registry import TABLES, Table


@dataclass(frozen=True)
class EventCode:
    """A CAMEO code with its label and the PLOVER category, mode and context it maps to."""

    cameo: str
    cameo_label: str
    plover: str | None
    plover_mode: str | None = None
    plover_context: str | None = None


CODES: dict[str, EventCode] = {
    code.cameo: code
    for code in (
        EventCode("022", "Appeal for diplomatic cooperation (such as policy support)", None),
        EventCode("030", "Express intent to cooperate, not specified below", "AGREE", None, "diplomatic"),
        EventCode("0311", "Express intent to cooperate economically", "AGREE", None, "economic"),
        EventCode("0312", "Express intent to cooperate militarily", "AGREE", None, "military"),
        EventCode(
            "032",
            "Express intent to engage in diplomatic cooperation (such as policy support)",
            "AGREE",
            None,
            "diplomatic",
        ),
        EventCode("042", "Make a visit", "CONSULT", "visit"),
        EventCode("043", "Host a visit", "CONSULT", "host"),
        EventCode("050", "Engage in diplomatic cooperation, not specified below", "SUPPORT", None, "diplomatic"),
        EventCode("057", "Sign formal agreement", "SUPPORT", None, "diplomatic"),
        EventCode("062", "Cooperate militarily", "COOPERATE", None, "military"),
        EventCode("120", "Reject, not specified below", "REJECT"),
        EventCode("163", "Impose embargo, boycott, or sanctions", "SANCTION"),
    )
}
"""Every CAMEO code the rules use."""

EVENT_CODE_FIELDS = ("event", "cameo_code", "cameo_label", "plover_event", "plover_mode", "plover_context")
"""The fields of one event's codes, as the nested JSON export and the ``event_codes`` table name them."""


@dataclass(frozen=True)
class CodingRule(EventRule):
    """An :class:`~mydiplo.models.EventRule` of the model of ``table``: when a record of it gets ``cameo``."""

    table: str

    @property
    def code(self) -> EventCode:
        """The CAMEO and PLOVER codes this rule gives."""
        return CODES[self.cameo]

    def holds(self, record: Record, related: Mapping[str, frozenset[str]]) -> bool:
        """Whether every condition holds for ``record``; ``related`` holds the values of conditions on
        columns of the rows that belong to it (an agreement's subjects), by column."""
        for field, values in self.when:
            found = related[field] if field in related else {str(getattr(record, field))}
            if not found & set(values):
                return False
        return True

    def condition(self) -> str:
        """The conditions in words, for the documentation."""
        if not self.when:
            return "always"
        return "; ".join(f"{field} is {' or '.join(f'`{v}`' for v in values)}" for field, values in self.when)


RULES: tuple[CodingRule, ...] = tuple(
    CodingRule(**vars(rule), table=table.name) for table in TABLES.values() for rule in table.model.event_rules
)
"""The mapping, in the order it is read: each table's ``event_rules``, tables in the registry's order."""

CODED_TABLES: tuple[str, ...] = tuple(dict.fromkeys(rule.table for rule in RULES))
"""Tables whose records carry event codes."""


@cache
def related_columns(table: str) -> dict[str, Table]:
    """Columns that the table's rules test but its model lacks, each with the table of rows belonging
    to a record that holds it (``subject``: ``agreement_subjects``)."""
    own = TABLES[table].fields
    wanted = {field for rule in RULES if rule.table == table for field, _ in rule.when if field not in own}
    children = [t for t in TABLES.values() if (key := t.parent_key) is not None and key.reference_table == table]
    return {field: next(t for t in children if field in t.fields) for field in sorted(wanted)}


def record_codes(dataset: Dataset, table: str, record: Record) -> list[CodingRule]:
    """The rule that codes each event of a record, in rule order (one per event)."""
    record_id = getattr(record, TABLES[table].id_field)  # type: ignore[arg-type]
    related = {
        field: frozenset(str(getattr(row, field)) for row in dataset.referencing(record_id, child.name))
        for field, child in related_columns(table).items()
    }
    chosen: dict[str, CodingRule] = {}
    for rule in RULES:
        if rule.table == table and rule.event not in chosen and rule.holds(record, related):
            chosen[rule.event] = rule
    return list(chosen.values())


def markdown_table() -> str:
    """The mapping as a Markdown table, as ``docs/exports.md`` shows it."""
    lines = [
        "| Table | Event | When | CAMEO | CAMEO label | PLOVER | Direction | Why |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        code = rule.code
        plover = " / ".join(p for p in (code.plover, code.plover_mode, code.plover_context) if p) or "none"
        lines.append(
            f"| `{rule.table}` | {rule.event} | {rule.condition()} | {code.cameo} | {code.cameo_label} | {plover} | "
            f"{rule.direction} | {rule.why} |"
        )
    return "\n".join(lines) + "\n"
