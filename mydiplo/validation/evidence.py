"""The evidence rules: what a citation may say of its source and its claimant, and what a record's claims need.

The methodology's citation rules that a machine can check (see
``docs/methodology.md``, "Citation rules"): a locator stays within the
paragraphs of its source; an anonymous judgement names no claimant; a claim
has an interested party behind it; a source's own reporting is its
publisher's; a contradicted reading says what contradicts it; ``confirmed``
rests on an official record or on two sources of different origins; and
every status, end date and office date a record asserts is read by a
citation of that field.

Both engines hand the valid rows of the sources, of the records and of the
citations to one :class:`Evidence` as plain columns while they read the
tables, so the rules are written once; what needs every citation of a row
(confirmation, cited fields) is judged when the pass ends.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from ..plural import counted
from ..problems import Problem, ProblemLog, problem
from ..registry import SOURCES, TABLES, Table, citation_table

SOURCE_COLUMNS = ("source_id", "kind", "publisher_id", "origin_id", "paragraphs", "url")
"""The columns of the sources the rules read."""

CITATION_COLUMNS = ("source_id", "locator", "field", "value", "claimant_kind", "claimant_id", "certainty", "note")
"""The columns of a citation table the rules read, after the cited row's name."""

_PARAGRAPHS = re.compile(r"[0-9]+")
OFFICIAL_RECORD = "official-record"
_CLAIMS = ("claimed", "alleged")
_NO_INTEREST = ("source", "unattributed")


@cache
def last_paragraph(locator: str) -> int:
    """The highest paragraph a locator names (``paras 2, 7`` → 7); 0 for a part of the page that is no paragraph."""
    return max(map(int, _PARAGRAPHS.findall(locator)), default=0)


@dataclass(frozen=True)
class _SourceFacts:
    kind: str
    publisher: str
    origin: str
    paragraphs: int | None


@dataclass
class _Support:
    """The citations of one reading of one row (a field's value, or the row as a whole)."""

    origins: set[str] = field(default_factory=set)
    official: bool = False
    confirmed: list[int] = field(default_factory=list)
    """Lines of the citations that call the reading confirmed."""


@dataclass
class Evidence:
    """What the evidence rules gather of the valid rows as the pass reads them; the problems of single rows go
    to the pass's log as they are found, the others come from :meth:`judged`."""

    problems: ProblemLog
    """The pass's log: the problems of single rows go there as they are found."""
    sources: dict[str, _SourceFacts] = field(default_factory=dict)
    asserted: dict[str, dict[tuple[str, str], tuple[int, str]]] = field(default_factory=lambda: defaultdict(dict))
    """Per record table, (row name, field) → (line, value) of every filled field its model says must be read."""
    read: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    """Per cited table, the (row name, field) pairs that some citation reads."""
    support: dict[str, dict[tuple[str, str, str], _Support]] = field(default_factory=lambda: defaultdict(dict))
    """Per citation table, each reading's support."""

    def add_sources(self, lines: Sequence[int], columns: Mapping[str, Sequence[str]]) -> None:
        """Keep what the rules need of each valid source; warn of a plain-http address."""
        path = SOURCES.path
        rows = zip(lines, *(columns[name] for name in SOURCE_COLUMNS))
        for line, source_id, kind, publisher, origin, paragraphs, url in rows:
            self.sources[source_id] = _SourceFacts(kind, publisher, origin or publisher, int(paragraphs or 0) or None)
            if url.startswith("http://"):
                self.problems.add("insecure-url", path, line, "url", value=url)

    def add_records(
        self, table: Table, lines: Sequence[int], names: Sequence[str], columns: Mapping[str, Sequence[str]]
    ) -> None:
        """Keep the filled fields of the records that the model says a citation must read."""
        asserted = self.asserted[table.name]
        for name in table.model.asserted:
            for line, row, value in zip(lines, names, columns[name]):
                if value:
                    asserted[(row, name)] = (line, value)

    def add_citations(
        self, table: Table, lines: Sequence[int], names: Sequence[str], columns: Mapping[str, Sequence[str]]
    ) -> None:
        """Check each citation by itself and against its source; keep what it reads and what supports what."""
        assert table.cites is not None
        read, support = self.read[table.cites], self.support[table.name]
        rows = zip(lines, names, *(columns[name] for name in CITATION_COLUMNS))
        for line, row, source_id, locator, field_name, value, kind, claimant, certainty, note in rows:
            facts = self.sources.get(source_id)
            self.problems.extend(_claim_problems(table, line, kind, claimant, certainty, note, facts))
            if facts is None:  # an unknown source: reported as a broken reference
                continue
            if facts.paragraphs is not None and last_paragraph(locator) > facts.paragraphs:
                self.problems.add(
                    "locator-beyond-source",
                    table.path,
                    line,
                    "locator",
                    locator=locator,
                    source=source_id,
                    paragraphs=counted(facts.paragraphs, "paragraph"),
                )
            if field_name:
                read.add((row, field_name))
            if certainty != "contradicted":
                found = support.setdefault((row, field_name, value), _Support())
                found.origins.add(facts.origin)
                found.official |= facts.kind == OFFICIAL_RECORD
                if certainty == "confirmed":
                    found.confirmed.append(line)

    def judged(self) -> Iterator[Problem]:
        """The problems found once every citation is read: confirmations without support, and unread fields."""
        for name, readings in self.support.items():
            table = TABLES[name]
            for (_, field_name, _), found in readings.items():
                if found.confirmed and not found.official and len(found.origins) < 2:
                    origins = ", ".join(sorted(found.origins))
                    variant = "field" if field_name else None
                    for line in found.confirmed:
                        yield problem(
                            "confirmed-support",
                            table.path,
                            line,
                            "certainty",
                            variant=variant,
                            column=field_name,
                            origins=origins,
                        )
        for name, asserted in self.asserted.items():
            citations = citation_table(name)
            assert citations is not None
            read = self.read[name]
            for (row, field_name), (line, value) in asserted.items():
                if (row, field_name) not in read:
                    yield problem(
                        "uncited-field", TABLES[name].path, line, field_name, value=value, path=citations.path
                    )


def _claim_problems(
    table: Table, line: int, kind: str, claimant: str, certainty: str, note: str, facts: _SourceFacts | None
) -> Iterator[Problem]:
    """The rules a citation keeps by itself and with its source: who may claim what, and how firmly."""
    if kind == "unattributed" and claimant:
        yield problem("claimant-of-claim", table.path, line, "claimant_id", variant="unattributed", value=claimant)
    if certainty in _CLAIMS and kind in _NO_INTEREST:
        yield problem("claimant-of-claim", table.path, line, "claimant_kind", certainty=certainty, kind=kind)
    if kind == "source" and claimant and facts is not None and claimant != facts.publisher:
        yield problem(
            "claimant-of-claim",
            table.path,
            line,
            "claimant_id",
            variant="source",
            value=claimant,
            publisher=facts.publisher,
        )
    if certainty == "contradicted" and not note:
        yield problem("contradicted-unexplained", table.path, line, "note")
