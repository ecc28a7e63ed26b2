"""Visits: who travelled where, when, in which capacity, whom they met, and what came of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from .actors import ORGANISATION
from .base import ActorId, CountryCode, DocEnum, Id, Kinds, OfficeId, Record, Text, VisitId
from .dates import PartialDate
from .roles import EventRule, Figure, Names, Relation, Side

if TYPE_CHECKING:
    from ..dataset import Dataset

TRAVELLER = Kinds(
    (
        "person",
        "government-body",
        "military",
        "intergovernmental",
        "ngo",
        "media",
        "academic",
        "armed-group",
        "political-party",
    )
)
"""Who can travel: a person or the delegation of a body, never a state as such or a collective."""


class VisitKind(DocEnum):
    """The diplomatic form of a visit, as the host or the sources describe it."""

    STATE = "state-visit", "A head of state's visit at the host head of state's invitation, with full ceremony."
    OFFICIAL = "official-visit", "A visit by a leader or minister at the host government's invitation."
    WORKING = "working-visit", "A visit for talks, with little ceremony."
    GOODWILL = "goodwill-visit", "A visit described as one of goodwill or friendship."
    CONFERENCE = "conference", "Travel to attend a conference, summit or forum, with meetings on its margins."
    DELEGATION = "delegation", "A visit by a delegation of a body (a commission, a ministry) rather than by a leader."
    UNSPECIFIED = "unspecified", "The sources do not say what form the visit took."


class ParticipantRole(DocEnum):
    """What part an actor played in a visit, besides the traveller recorded on the visit itself."""

    DELEGATION_MEMBER = "delegation-member", "Travelled as a member of the visiting delegation."
    RECEIVED_BY = "received-by", "Welcomed the traveller on arrival."
    MET = "met", "Held talks with the traveller."
    HOST_ORGANISER = "host-organiser", "Organised the event or programme the traveller attended."


class Visit(Record):
    """One trip by a person or a delegation to another country."""

    asserted = ("end_date",)
    date_order = (("start_date", "end_date"),)
    capacities = (("traveller_office_id", "traveller_id"),)
    reported_date = (("start_date", "end_date"), None, ())
    duplicate_signature = ("traveller_id", "destination_country")
    duplicate_dates = ("start_date", "end_date")
    span = ("start_date", "end_date")
    figure = Figure("#0072B2", lane=True, tie="visit")
    event_rules = (
        EventRule(
            "visit",
            (),
            "042",
            "traveller (or the state it represents) -> host",
            "Travelling to another country is CAMEO's 'make a visit'.",
        ),
        EventRule(
            "host",
            (),
            "043",
            "host -> traveller",
            "Every visit is also hosted; CAMEO codes the host's side as a separate event.",
        ),
    )

    visit_id: Id = Field(description="Identifier of the visit.", examples=["lukashenko-visit-myanmar-2025"])
    kind: VisitKind = Field(description="The visit's diplomatic form.", examples=["goodwill-visit"])
    traveller_id: Annotated[ActorId, TRAVELLER] = Field(
        description="Who travelled: the leading person, or the body whose delegation travelled.",
        examples=["alexander-lukashenko"],
    )
    traveller_office_id: OfficeId | None = Field(
        None,
        description="The office in which the traveller acted, when the traveller is a person.",
        examples=["lukashenko-president-belarus"],
    )
    on_behalf_of_id: Annotated[ActorId, ORGANISATION] | None = Field(
        None, description="The state or body the traveller represented.", examples=["belarus"]
    )
    destination_country: CountryCode = Field(
        description="ISO 3166-1 alpha-3 code of the country visited.", examples=["MMR"]
    )
    destination_city: Text | None = Field(
        None,
        description="The city visited first or mainly, as commonly spelled in English; empty when unknown.",
        examples=["Naypyidaw"],
    )
    start_date: PartialDate | None = Field(None, description="Arrival, at the precision known.", examples=["2025-12"])
    end_date: PartialDate | None = Field(
        None,
        description="Departure, at the precision known; empty when unknown or the same as arrival.",
        examples=["2025-12"],
    )
    host_id: Annotated[ActorId, ORGANISATION] | None = Field(
        None, description="The state or body that hosted the visit.", examples=["myanmar"]
    )
    occasion: Text | None = Field(
        None,
        description="The conference or event the visit was made for, if any.",
        examples=["Ninth Moscow Conference on International Security"],
    )
    purpose: Text | None = Field(
        None,
        description="What the visit was for, as sources state it, in the curator's words.",
        examples=["Talks on expanding cooperation across sectors."],
    )
    notable: Text | None = Field(
        None,
        description=(
            "What makes the visit notable, as sources put it (a first in decades, a rare visit since the coup)."
        ),
        examples=["Hailed by Myanmar state media as historic."],
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """Who went where: ``Alexander Lukashenko to Myanmar``."""
        return f"{names.name(self.traveller_id)} to {names.country(self.destination_country)}"

    def event_sides(self, dataset: Dataset, event: str) -> list[tuple[Side, Side]]:
        """The traveller (or the state it represents) visits the host, which hosts the traveller; a visit
        without a recorded host is hosted by the state of the country visited."""
        if self.on_behalf_of_id:
            traveller = dataset.side(self.on_behalf_of_id)
        else:
            traveller = dataset.side(self.traveller_id, self.traveller_office_id)
        host = Side(self.host_id or dataset.state_actor(self.destination_country), self.destination_country)
        return [(traveller, host)] if event == "visit" else [(host, traveller)]

    def drawn_ties(self, dataset: Dataset) -> list[tuple[Side, Side]]:
        """The traveller's side and the host's side, as in the visit event."""
        return self.event_sides(dataset, "visit")


class VisitParticipant(Record):
    """An actor who took part in a visit other than as its traveller."""

    capacities = (("office_id", "actor_id"),)

    visit_id: VisitId = Field(description="The visit taken part in.", examples=["lukashenko-visit-myanmar-2025"])
    actor_id: ActorId = Field(description="The actor who took part.", examples=["min-aung-hlaing"])
    role: ParticipantRole = Field(description="The part the actor played.", examples=["met"])
    office_id: OfficeId | None = Field(
        None, description="The office in which the actor took part.", examples=["nyo-saw-prime-minister-myanmar"]
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def relations(self, dataset: Dataset) -> list[Relation]:
        """The traveller met, was received by or travelled with the participant, over the visit's days."""
        visit: Visit = dataset[self.visit_id]  # type: ignore[assignment]
        return [
            Relation(
                visit.traveller_id, self.actor_id, self.role.value, visit.start_date, visit.end_date or visit.start_date
            )
        ]


class Honour(Record):
    """A title, degree or decoration conferred on someone, often during a visit."""

    reported_date = (("date",), None, ())
    span = ("date",)
    roles = ("conferred_by_id", "recipient_id")
    relation = "honour"

    honour_id: Id = Field(
        description="Identifier of the honour.", examples=["min-aung-hlaing-honorary-professorship-2021"]
    )
    recipient_id: ActorId = Field(description="Who received the honour.", examples=["min-aung-hlaing"])
    conferred_by_id: ActorId = Field(description="Who conferred it.", examples=["russia-military-university"])
    title: Text = Field(description="The honour, in English.", examples=["Honorary professorship"])
    date: PartialDate | None = Field(None, description="When it was conferred.", examples=["2021-06"])
    visit_id: VisitId | None = Field(
        None, description="The visit during which it was conferred.", examples=["min-aung-hlaing-visit-russia-2021"]
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")
