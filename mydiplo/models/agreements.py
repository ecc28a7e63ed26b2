"""Agreements and pledges: what states and bodies signed, announced or promised each other."""

from __future__ import annotations

from itertools import combinations, permutations
from typing import TYPE_CHECKING

from pydantic import Field

from .base import ActorId, AgreementId, CountryCode, DocEnum, Id, OfficeId, Record, Text, VisitId
from .dates import PartialDate
from .roles import EventRule, Figure, Names, Side, shorten

if TYPE_CHECKING:
    from ..dataset import Dataset


class AgreementKind(DocEnum):
    """The form of an agreement or commitment."""

    TREATY = "treaty", "A treaty binding under international law, subject to ratification."
    AGREEMENT = "agreement", "An intergovernmental agreement other than a treaty."
    MOU = "memorandum-of-understanding", "A memorandum of understanding: a statement of intent to cooperate."
    ROADMAP = "roadmap", "A plan of joint action over a stated period."
    JOINT_STATEMENT = "joint-statement", "A statement issued jointly by the parties."
    PLEDGE = "pledge", "A formal public commitment by one party to another (aid, support, observers)."
    PROMISE = "promise", "An informal or spoken undertaking, such as a leader's promise at a meeting."
    UNSPECIFIED = "unspecified", 'Agreements whose form the sources do not give ("several agreements").'


class AgreementStatus(DocEnum):
    """How far an agreement had come, by the latest source."""

    SIGNED = "signed", "Signed by the parties."
    ANNOUNCED = "announced", "Announced as concluded or decided, without a reported signature."
    EXPECTED = "expected", "Expected or planned to be signed; not yet reported as signed."
    PLEDGED = "pledged", "Promised or pledged by one party to another."


class PartyRole(DocEnum):
    """What part an actor had in an agreement."""

    PARTY = "party", "A state or body bound by or joining the agreement."
    SIGNATORY = "signatory", "A person who signed on behalf of a party."
    PROMISOR = "promisor", "The one who made a pledge or promise."
    BENEFICIARY = "beneficiary", "The one to whom a pledge or promise was made."


class Subject(DocEnum):
    """An area an agreement concerns."""

    ELECTIONS = "elections", "Elections and their administration, observation and education of voters."
    DEFENCE = "defence", "Military cooperation, training and exercises."
    MILITARY_TECHNICAL = "military-technical", "Arms, military equipment and their maintenance and production."
    SECURITY = "security", "Policing, intelligence and internal security."
    TRADE = "trade", "Trade and investment."
    AGRICULTURE = "agriculture", "Agriculture and agricultural machinery."
    INDUSTRY = "industry", "Industry, manufacturing and engineering."
    ENERGY = "energy", "Energy, including nuclear energy."
    EDUCATION = "education", "Education, science and training other than military."
    MEDIA = "media", "Media and information."
    CULTURE = "culture", "Culture and tourism."
    HEALTH = "health", "Health and medicine."
    DEVELOPMENT = "development", "Development cooperation across several sectors."


MILITARY_SUBJECTS = ("defence", "military-technical", "security")
ECONOMIC_SUBJECTS = ("trade", "agriculture", "industry", "energy")


class Agreement(Record):
    """An agreement, memorandum, roadmap, statement or pledge between actors."""

    asserted = ("status",)
    date_order = (("validity_start", "validity_end"),)
    reported_date = (("date",), "status", ("signed", "announced", "pledged"))
    span = ("date",)
    figure = Figure("#009E73", lane=True, tie="agreement")
    event_rules = (
        EventRule(
            "agreement",
            (("status", ("signed", "announced")),),
            "057",
            "party -> party, both ways",
            "A concluded agreement, memorandum, roadmap or joint statement is a formal agreement; "
            "an announced one is reported as concluded.",
        ),
        EventRule(
            "agreement",
            (("status", ("expected",)),),
            "030",
            "party -> party, both ways",
            "A signing that is only expected is an intent to cooperate, not yet an agreement.",
        ),
        EventRule(
            "agreement",
            (("status", ("pledged",)), ("subject", MILITARY_SUBJECTS)),
            "0312",
            "promisor -> beneficiary",
            "A pledge or promise of military, military-technical or security cooperation.",
        ),
        EventRule(
            "agreement",
            (("status", ("pledged",)), ("subject", ECONOMIC_SUBJECTS)),
            "0311",
            "promisor -> beneficiary",
            "A pledge or promise of trade, industrial, agricultural or energy cooperation.",
        ),
        EventRule(
            "agreement",
            (("status", ("pledged",)),),
            "032",
            "promisor -> beneficiary",
            "Any other pledge, such as support for an election or a promise to send observers, "
            "is an intent to give diplomatic cooperation.",
        ),
    )

    agreement_id: Id = Field(description="Identifier of the agreement.", examples=["myanmar-belarus-roadmap-2026-2028"])
    title: Text | None = Field(
        None,
        description="The title as published; empty when it has none or the sources give none.",
        examples=["Myanmar-Belarus Development Cooperation Roadmap 2026-2028"],
    )
    kind: AgreementKind = Field(description="The agreement's form.", examples=["roadmap"])
    status: AgreementStatus = Field(description="How far it had come, by the latest source.", examples=["signed"])
    date: PartialDate | None = Field(
        None, description="When it was signed, announced or pledged.", examples=["2025-12"]
    )
    place_country: CountryCode | None = Field(
        None, description="ISO 3166-1 alpha-3 code of where it was made.", examples=["MMR"]
    )
    place_city: Text | None = Field(None, description="The city where it was made.", examples=["Naypyidaw"])
    validity_start: PartialDate | None = Field(
        None, description="The start of the period it covers, when stated.", examples=["2026"]
    )
    validity_end: PartialDate | None = Field(
        None, description="The end of the period it covers, when stated.", examples=["2028"]
    )
    visit_id: VisitId | None = Field(
        None, description="The visit during which it was made.", examples=["lukashenko-visit-myanmar-2025"]
    )
    summary: Text | None = Field(
        None,
        description="What it provides, in the curator's words.",
        examples=["Plan for cooperation across sectors for 2026 to 2028."],
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """The agreement's title, else what it provides, cut to fit a heading."""
        return shorten(self.title or self.summary or self.agreement_id, 90)

    def event_sides(self, dataset: Dataset, event: str) -> list[tuple[Side, Side]]:
        """A promisor toward each beneficiary; otherwise every party (or, without parties, every
        signatory) toward every other."""
        roles: dict[str, list[Side]] = {}
        for party in dataset.rows_of(AgreementParty, self.agreement_id):
            roles.setdefault(party.role.value, []).append(dataset.side(party.actor_id, party.office_id))
        if roles.get("promisor"):
            return [(a, b) for a in roles["promisor"] for b in roles.get("beneficiary", [])]
        return list(permutations(roles.get("party") or roles.get("signatory") or [], 2))

    def drawn_ties(self, dataset: Dataset) -> list[tuple[Side, Side]]:
        """Every two actors that take part in the agreement, whatever their part, each in its office."""
        parties = dataset.rows_of(AgreementParty, self.agreement_id)
        sides = sorted({(p.actor_id, p.office_id) for p in parties}, key=lambda pair: (pair[0], pair[1] or ""))
        return list(combinations([dataset.side(actor, office) for actor, office in sides], 2))


class AgreementParty(Record):
    """An actor's part in an agreement: party, signatory, promisor or beneficiary."""

    capacities = (("office_id", "actor_id"),)

    agreement_id: AgreementId = Field(
        description="The agreement the actor takes part in.", examples=["myanmar-belarus-roadmap-2026-2028"]
    )
    actor_id: ActorId = Field(description="The actor taking part in the agreement.", examples=["belarus"])
    role: PartyRole = Field(description="The actor's part.", examples=["party"])
    office_id: OfficeId | None = Field(
        None, description="The office in which a person acted.", examples=["thein-soe-uec-chair"]
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")


class AgreementSubject(Record):
    """An area an agreement concerns; an agreement has as many as apply."""

    agreement_id: AgreementId = Field(
        description="The agreement concerned.", examples=["myanmar-russia-election-commissions-mou-2023"]
    )
    subject: Subject = Field(description="The area concerned.", examples=["elections"])
