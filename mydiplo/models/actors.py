"""Actors: the states, people and organisations that visit, sign, observe, supply and report.

An actor's names as sources spell them live in :class:`ActorName`; the offices
a person held over time, in :class:`Office`, so a visit or a signature can say
in which capacity someone acted.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import ActorId, CountryCode, DocEnum, Id, Kinds, Record, Text, WikidataId
from .dates import PartialDate


class ActorKind(DocEnum):
    """What kind of actor a record is."""

    STATE = "state", "A sovereign state, acting through whoever governs it."
    PERSON = "person", "An individual."
    GOVERNMENT_BODY = (
        "government-body",
        "A body of a state: a ministry, an election commission, a ruling council, a parliament.",
    )
    MILITARY = "military", "A state's armed forces or one of their institutions."
    INTERGOVERNMENTAL = (
        "intergovernmental",
        "An organisation or bloc of states, or one of its organs (ASEAN, SCO, BRICS, the UN General Assembly).",
    )
    STATE_COMPANY = (
        "state-company",
        "A company a state owns or controls, acting for it: an arms exporter, a nuclear corporation, a state bank.",
    )
    COMPANY = "company", "A private company: a manufacturer, an arms broker, a fuel trader, a bank."
    NGO = "ngo", "A non-governmental organisation: a rights group, an advocacy campaign, a non-profit."
    MEDIA = "media", "A news organisation, broadcaster or agency, state-run or independent."
    ACADEMIC = "academic", "A university, a research institute or one of their departments."
    ARMED_GROUP = "armed-group", "A non-state armed organisation (ethnic armed organisations, resistance forces)."
    POLITICAL_PARTY = "political-party", "A political party."
    COLLECTIVE = (
        "collective",
        'A group the sources treat as one actor without naming its members ("international observers").',
    )


ORGANISATION_KINDS = (
    "state",
    "government-body",
    "military",
    "state-company",
    "company",
    "intergovernmental",
    "ngo",
    "media",
    "academic",
    "armed-group",
    "political-party",
)
"""Kinds of actor that can hold offices or host: anything but a person or a collective."""

STATE_KINDS = frozenset({"state", "person", "government-body", "military", "state-company"})
"""Actors that act for the state of their ``country``; other kinds (blocs, NGOs, media, armed groups) act for none."""

PERSON = Kinds(("person",))
ORGANISATION = Kinds(ORGANISATION_KINDS)


class NameKind(DocEnum):
    """How a name relates to the actor it names."""

    ALIAS = "alias", "Another name or spelling of the actor found in a source."
    ABBREVIATION = "abbreviation", "An acronym or initialism (UEC, SCO)."
    HONORIFIC = "honorific", "The name with an honorific or title as sources print it (U Thein Soe)."
    SHORT = "short", "A shortened personal name a source uses (Aung Hlaing)."
    FORMER = "former", "A name the actor no longer uses."


class OfficeRole(DocEnum):
    """What kind of position an office is."""

    HEAD_OF_STATE = "head-of-state", "Head of state, including acting heads of state."
    HEAD_OF_GOVERNMENT = "head-of-government", "Head of government: a prime minister or equivalent."
    LEADER = "leader", "De facto leader of a regime or chair of a ruling council."
    MINISTER = "minister", "A member of a government in charge of a ministry."
    COMMANDER = "commander", "Commander of armed forces."
    CHAIR = "chair", "Chair or head of a body other than a government."
    SPOKESPERSON = "spokesperson", "Someone who speaks for an organisation."
    OFFICIAL = "official", "Another official position in a state or intergovernmental body."
    RESEARCHER = "researcher", "A research or academic position."


class Actor(Record):
    """A state, person or organisation that appears in the dataset."""

    actor_id: Id = Field(
        description="Identifier of the actor; for states, the English short name in kebab case.",
        examples=["min-aung-hlaing"],
    )
    kind: ActorKind = Field(description="What kind of actor this is.", examples=["person"])
    name: Text = Field(description="The name in its most common English spelling.", examples=["Min Aung Hlaing"])
    country: CountryCode | None = Field(
        None,
        description=(
            "ISO 3166-1 alpha-3 code: the state itself, the state a person or body serves, or where an organisation "
            "is based; empty for intergovernmental bodies and collectives."
        ),
        examples=["MMR"],
    )
    parent_id: ActorId | None = Field(
        None,
        description="The actor this one is part of (a ministry's state, a department's university).",
        examples=["myanmar"],
    )
    wikidata_id: WikidataId | None = Field(
        None, description="The Wikidata item for the actor; only set when certain.", examples=["Q836"]
    )
    note: Text | None = Field(
        None,
        description="What distinguishes the actor, in the curator's words.",
        examples=["Unnamed state outlets that sources cite as 'state media'."],
    )


class ActorName(Record):
    """A further name of an actor, as some source spells it; its citations say which source and where."""

    actor_id: ActorId = Field(description="The actor the name belongs to.", examples=["min-aung-hlaing"])
    name: Text = Field(description="The name exactly as spelled.", examples=["Aung Hlaing"])
    kind: NameKind = Field(description="How the name relates to the actor.", examples=["short"])


class Office(Record):
    """A position a person held in a state or organisation, from when to when."""

    asserted = ("start_date", "end_date")
    date_order = (("start_date", "end_date"),)
    reported_date = (("start_date", "end_date"), None, ())
    span = ("start_date", "end_date")
    roles = ("holder_id", "organisation_id")
    relation = "office"

    office_id: Id = Field(
        description="Identifier of the tenure: holder and office.", examples=["min-aung-hlaing-sac-chair"]
    )
    holder_id: Annotated[ActorId, PERSON] = Field(
        description="The person who held the office.", examples=["min-aung-hlaing"]
    )
    organisation_id: Annotated[ActorId, ORGANISATION] = Field(
        description="The state or body the office belongs to.", examples=["state-administration-council"]
    )
    title: Text = Field(
        description="The office's title in English.", examples=["Chairman of the State Administration Council"]
    )
    role: OfficeRole = Field(description="What kind of position the office is.", examples=["leader"])
    start_date: PartialDate | None = Field(
        None, description="When the holder took office; empty when unknown.", examples=["1994"]
    )
    end_date: PartialDate | None = Field(
        None, description="When the holder left office; empty while in office or when unknown.", examples=["2021-02"]
    )
    note: Text | None = Field(None, description="Anything else about the tenure, in the curator's words.")
