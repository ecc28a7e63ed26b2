"""What a table means beyond its columns: who acts toward whom, how its records are coded and drawn.

A model declares these as class attributes (see :class:`~mydiplo.models.Record`);
the events, the dyads, the network, the site's figures and its record labels
are built from the declarations, so a new table that declares them is coded,
drawn and named without any other code naming it. The value types the
declarations use are defined here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .dates import PartialDate


@dataclass(frozen=True)
class Figure:
    """How a table's records appear in the site's figures.

    ``colour`` is the colour of its records in both figures; ``lane`` puts
    the table on the timeline as a row of its own; ``tie`` names the kind of
    tie its records draw in the network figure (None: not drawn there).
    """

    colour: str
    lane: bool = False
    tie: str | None = None


@dataclass(frozen=True)
class EventRule:
    """One row of the CAMEO/PLOVER mapping: when a record gets ``cameo`` for its ``event``, and why.

    ``when`` holds ``(column, values)`` pairs that must all hold: the
    record's column is one of ``values``. A column the record lacks is looked
    up in the rows that belong to it (an agreement's ``subject`` in
    ``agreement_subjects``): one of them must hold one of ``values``.
    ``direction`` says in words who acts toward whom.
    """

    event: str
    when: tuple[tuple[str, tuple[str, ...]], ...]
    cameo: str
    direction: str
    why: str


@dataclass(frozen=True)
class Side:
    """One side of an event: an actor (when there is one), the state it acts for (when there is one), and
    the office the record says it acted in (when it says)."""

    actor_id: str | None
    country: str | None
    office_id: str | None = None


@dataclass(frozen=True)
class Relation:
    """A standing relation a record states (an office, a stance), not a coded event.

    ``end`` None means the relation has no known end (an office still held).
    """

    source: str
    target: str
    name: str
    start: PartialDate | None
    end: PartialDate | None


class Names(Protocol):
    """What a record needs to be called in words: the names of the actors and countries it refers to."""

    def name(self, record_id: str | None) -> str:
        """What the record (usually an actor) with this id is called; ``?`` for None."""

    def country(self, code: str) -> str:
        """What the country with this ISO 3166-1 alpha-3 code is called."""


def in_words(items: list[str], conjunction: str = "and") -> str:
    """Items as a phrase: ``visits, agreements and elections``."""
    return f" {conjunction} ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def shorten(value: str, limit: int = 44) -> str:
    """``value`` cut at ``limit`` characters with an ellipsis, for labels in tight places."""
    return value if len(value) <= limit else value[: limit - 1].rstrip(" ,;.") + "…"
