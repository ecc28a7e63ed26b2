"""Positions: where states, blocs and organisations stand toward the military regime and its acts.

Foreign relations are not only visits and signatures: a bloc's quiet
diplomacy, a state's refusal to criticise, a resolution's condemnation, a
lone vote against it. Each such stance, as a source reports it, is a row.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .agreements import Subject
from .base import ActorId, DocEnum, Id, Kinds, PositionId, Record, Text
from .dates import PartialDate
from .roles import Names


class PositionKind(DocEnum):
    """The stance an actor takes toward the regime or its acts."""

    SUPPORTS = "supports", "Backs the regime or its acts: political cover, arms, a vote in its favour."
    ENGAGES = "engages", "Keeps working relations or quiet diplomacy with the regime without endorsing it."
    REFRAINS = "refrains", "Refrains from criticising the regime, or abstains when others condemn it."
    CRITICISES = "criticises", "Criticises the regime or its acts short of outright condemnation."
    CONDEMNS = "condemns", "Condemns the regime or its acts outright."
    BOYCOTTS = "boycotts", "Refuses to cooperate with the regime in some field."
    PROSECUTES = (
        "prosecutes",
        "Brings, joins or rules in a case against the regime or its leaders in court (an intervention, a warrant).",
    )


class Position(Record):
    """An actor's stance toward the military regime, or toward another actor over it, as a source reports it."""

    asserted = ("end_date",)
    date_order = (("start_date", "end_date"),)
    reported_date = (("start_date", "end_date"), None, ())
    span = ("start_date", "end_date")
    roles = ("actor_id", "target_id")
    relation = "position-{kind}"

    position_id: Id = Field(description="Identifier of the position.", examples=["malaysia-condemns-regime-2023"])
    actor_id: ActorId = Field(description="Who takes the stance.", examples=["malaysia"])
    target_id: ActorId = Field(
        description="Toward whom: the regime's state or bodies, or another actor over its dealings with the regime.",
        examples=["myanmar"],
    )
    kind: PositionKind = Field(description="The stance.", examples=["condemns"])
    subject: Subject | None = Field(
        None,
        description="The field the stance concerns, when it is one field (a boycott of defence cooperation).",
        examples=["defence"],
    )
    occasion: Text | None = Field(
        None,
        description="The occasion of the stance, such as a vote or a summit.",
        examples=["Vote on the UN General Assembly resolution on Myanmar"],
    )
    start_date: PartialDate | None = Field(
        None, description="When the stance was taken or first reported.", examples=["2023"]
    )
    end_date: PartialDate | None = Field(None, description="When the stance ended, if it did.")
    summary: Text = Field(
        description="The stance in the curator's words.", examples=["Condemned the regime's actions outright."]
    )
    quote: Text | None = Field(None, description="A short quotation of the actor's own words, when they are quoted.")
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """Who stands where toward whom: ``Malaysia toward Myanmar: condemns``."""
        return f"{names.name(self.actor_id)} toward {names.name(self.target_id)}: {self.kind.value}"


class VoteChoice(DocEnum):
    """How a state voted on a resolution."""

    YES = "yes", "Voted in favour of the resolution."
    NO = "no", "Voted against the resolution."
    ABSTAIN = "abstain", "Abstained: present and voting neither for nor against."
    ABSENT = "absent", "Did not vote: absent, or present without voting."


class Vote(Record):
    """How one state voted on the resolution a position records, as a source names its vote.

    Only the states whose votes a source names have rows (the abstainers a
    report lists, or the body's record state by state); the resolution's
    position gives the totals in its summary.
    """

    position_id: PositionId = Field(
        description="The position that records the resolution voted on.", examples=["unga-condemns-coup-2021"]
    )
    actor_id: Annotated[ActorId, Kinds(("state",))] = Field(
        title="voter", description="The state that voted.", examples=["belarus"]
    )
    vote: VoteChoice = Field(description="How it voted.", examples=["no"])
    note: Text | None = Field(None, description="Anything else, in the curator's words.")
