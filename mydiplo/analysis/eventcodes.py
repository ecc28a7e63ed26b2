"""Event-ontology codes for visits, agreements, observations and transfers: CAMEO and PLOVER.

Event-data pipelines (GDELT, ICEWS, POLECAT) code every interaction with a
CAMEO verb code and, lately, a PLOVER category; giving each mydiplo event the
same codes lets researchers stack this dataset on theirs. The mapping is
data (:data:`RULES`), read in order: for each record and each of its events
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

from dataclasses import dataclass

from ..dataset import Dataset
from ..models import Agreement, Record


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
        EventCode("032", "Express intent to engage in diplomatic cooperation (such as policy support)", "AGREE", None, "diplomatic"),
        EventCode("042", "Make a visit", "CONSULT", "visit"),
        EventCode("043", "Host a visit", "CONSULT", "host"),
        EventCode("050", "Engage in diplomatic cooperation, not specified below", "SUPPORT", None, "diplomatic"),
        EventCode("057", "Sign formal agreement", "SUPPORT", None, "diplomatic"),
        EventCode("062", "Cooperate militarily", "COOPERATE", None, "military"),
        EventCode("120", "Reject, not specified below", "REJECT"),
    )
}
"""Every CAMEO code the rules use."""

EVENT_CODE_FIELDS = ("event", "cameo_code", "cameo_label", "plover_event", "plover_mode", "plover_context")
"""The fields of one event's codes, as the nested JSON export and the ``event_codes`` table name them."""

SUBJECT = "subject"
"""A rule condition on an agreement's subjects (table ``agreement_subjects``) rather than a column."""


@dataclass(frozen=True)
class CodingRule:
    """When a record of ``table`` gets ``cameo`` for its ``event``, who acts toward whom, and why.

    ``when`` holds ``(field, values)`` pairs that must all hold: the
    record's ``field`` is one of ``values`` (for :data:`SUBJECT`, one of the
    agreement's subjects is).
    """

    table: str
    event: str
    when: tuple[tuple[str, tuple[str, ...]], ...]
    cameo: str
    direction: str
    why: str

    @property
    def code(self) -> EventCode:
        """The CAMEO and PLOVER codes this rule gives."""
        return CODES[self.cameo]

    def holds(self, record: Record, subjects: frozenset[str]) -> bool:
        """Whether every condition holds for ``record`` (``subjects``: the agreement's subjects, if any)."""
        for field, values in self.when:
            if field == SUBJECT:
                if not subjects & set(values):
                    return False
            elif str(getattr(record, field)) not in values:
                return False
        return True

    def condition(self) -> str:
        """The conditions in words, for the documentation."""
        if not self.when:
            return "always"
        return "; ".join(f"{field} is {' or '.join(f'`{v}`' for v in values)}" for field, values in self.when)


_MILITARY = ("defence", "military-technical", "security")
_ECONOMIC = ("trade", "agriculture", "industry", "energy")

RULES: tuple[CodingRule, ...] = (
    CodingRule("visits", "visit", (), "042", "traveller (or the state it represents) -> host",
         "Travelling to another country is CAMEO's 'make a visit'."),
    CodingRule("visits", "host", (), "043", "host -> traveller",
         "Every visit is also hosted; CAMEO codes the host's side as a separate event."),
    CodingRule("agreements", "agreement", (("status", ("signed", "announced")),), "057", "party -> party, both ways",
         "A concluded agreement, memorandum, roadmap or joint statement is a formal agreement; an announced one is reported as concluded."),
    CodingRule("agreements", "agreement", (("status", ("expected",)),), "030", "party -> party, both ways",
         "A signing that is only expected is an intent to cooperate, not yet an agreement."),
    CodingRule("agreements", "agreement", (("status", ("pledged",)), (SUBJECT, _MILITARY)), "0312", "promisor -> beneficiary",
         "A pledge or promise of military, military-technical or security cooperation."),
    CodingRule("agreements", "agreement", (("status", ("pledged",)), (SUBJECT, _ECONOMIC)), "0311", "promisor -> beneficiary",
         "A pledge or promise of trade, industrial, agricultural or energy cooperation."),
    CodingRule("agreements", "agreement", (("status", ("pledged",)),), "032", "promisor -> beneficiary",
         "Any other pledge, such as support for an election or a promise to send observers, is an intent to give diplomatic cooperation."),
    CodingRule("election_observations", "observation", (("status", ("deployed",)), ("credibility", ("state-delegation",))), "050", "observer -> country holding the election",
         "CAMEO has no code for observing an election; a government delegation observing at the organisers' invitation lends diplomatic support."),
    CodingRule("election_observations", "observation", (("status", ("deployed",)),), "042", "observer -> country holding the election",
         "Any other deployed observer travels to the country to watch the vote: a visit."),
    CodingRule("election_observations", "observation", (("status", ("promised", "accepted")),), "032", "observer -> country holding the election",
         "A promise to send observers, or an accepted invitation, is an intent to give diplomatic cooperation."),
    CodingRule("election_observations", "observation", (("status", ("invited",)),), "022", "inviter -> observer",
         "An invitation asks the observer for diplomatic cooperation; PLOVER dropped CAMEO's appeals, so there is no PLOVER category."),
    CodingRule("election_observations", "observation", (("status", ("declined",)),), "120", "observer -> country holding the election",
         "Declining to observe rejects the request."),
    CodingRule("arms_transfers", "transfer", (), "062", "supplier -> recipient",
         "CAMEO's 'provide military aid' (072) presumes a gift; sources rarely say whether arms were sold or given, so weapons, training and technical help are coded as military cooperation."),
)
"""The mapping, in the order it is read."""

CODED_TABLES: tuple[str, ...] = tuple(dict.fromkeys(rule.table for rule in RULES))
"""Tables whose records carry event codes."""


def record_codes(dataset: Dataset, table: str, record: Record) -> list[CodingRule]:
    """The rule that codes each event of a record, in rule order (one per event)."""
    subjects = frozenset()
    if isinstance(record, Agreement):
        subjects = frozenset(s.subject.value for s in dataset.referencing(record.agreement_id, "agreement_subjects"))  # type: ignore[attr-defined]
    chosen: dict[str, CodingRule] = {}
    for rule in RULES:
        if rule.table == table and rule.event not in chosen and rule.holds(record, subjects):
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
            f"| `{rule.table}` | {rule.event} | {rule.condition()} | {code.cameo} | {code.cameo_label} | {plover} | {rule.direction} | {rule.why} |"
        )
    return "\n".join(lines) + "\n"
