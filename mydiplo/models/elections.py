"""Elections, their phases and claimed results, who judged them and who observed them.

Observation is its own table because the point of the dataset is to name who
observed (or was invited to, promised to, or declined to observe) an election
and how credible that observation is, where NELDA only flags that monitors
were present.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from .base import ActorId, Count, CountryCode, DocEnum, ElectionId, Id, Kinds, Percent, Record, Text
from .dates import PartialDate
from .roles import EventRule, Figure, Names, Side

MAX_SEATS = 10_000
"""The most seats a claimed result may hold: the largest legislature, China's National People's Congress,
has under 3,000."""

MAX_PHASES = 100
"""The highest phase number: elections held in phases have had a few (Myanmar's 2025-26 vote three)."""

if TYPE_CHECKING:
    from ..dataset import Dataset


class ElectionKind(DocEnum):
    """What an election chooses."""

    GENERAL = "general", "Elections to the national legislature (and, where so organised, other levels) held together."
    PRESIDENTIAL = "presidential", "A direct election of the head of state."
    PARLIAMENTARY = "parliamentary", "Elections to the national legislature alone."
    REFERENDUM = "referendum", "A popular vote on a question or a constitution."
    LOCAL = "local", "Regional or municipal elections."


class ElectionStatus(DocEnum):
    """Where an election stands, by the latest source."""

    SCHEDULED = "scheduled", "Announced for a future date."
    POSTPONED = "postponed", "Put off from the date first announced; no new polling has taken place."
    HELD = "held", "Polling took place (in at least one phase)."
    OVERTURNED = "overturned", "Held, but its result was annulled or set aside, for instance by a coup."
    CANCELLED = "cancelled", "Called off without a new date."


class Stance(DocEnum):
    """An assessor's verdict on an election's legitimacy."""

    ENDORSES = "endorses", "Treats the election as legitimate or its result as the people's will."
    CRITICISES = "criticises", "Questions the election's fairness without rejecting it outright."
    REJECTS = "rejects", "Rejects the election as illegitimate, a sham, or not free or fair."
    ALLEGES_FRAUD = "alleges-fraud", "Claims the election was fraudulent."


class ObservationStatus(DocEnum):
    """How far an observation came, by the latest source."""

    INVITED = "invited", "The organisers invited the observer."
    PROMISED = "promised", "The observer promised or announced it would send observers."
    ACCEPTED = "accepted", "The observer accepted an invitation."
    DEPLOYED = "deployed", "Observers were reported present at the election."
    DECLINED = "declined", "The observer declined, or decided not to observe."


class Credibility(DocEnum):
    """A class of observer by the standard it works to; the criterion is recorded with each row."""

    DECLARATION = (
        "declaration",
        (
            "A mission of an organisation that endorses the 2005 Declaration of Principles for International Election "
            "Observation and publishes its findings."
        ),
    )
    DOMESTIC_INDEPENDENT = (
        "domestic-independent",
        "An independent citizen observer group working to published standards.",
    )
    STATE_DELEGATION = (
        "state-delegation",
        "A delegation of a government, its election commission or its parliament, bound to no observation standard.",
    )
    UNKNOWN = "unknown", "Too little is known of the observers to class them."


class CountQualifier(DocEnum):
    """How exact a reported number is."""

    EXACT = "exact", "The number as given."
    ABOUT = "about", 'An approximate number ("about 1,000").'
    MORE_THAN = "more-than", 'More than the number ("over 100").'
    UP_TO = "up-to", "At most the number."


class Election(Record):
    """A national election or referendum, in Myanmar or elsewhere in the network."""

    asserted = ("status", "end_date")
    date_order = (("start_date", "end_date"),)
    reported_date = (("start_date", "end_date"), "status", ("held", "overturned"))
    span = ("start_date", "end_date")
    figure = Figure("#B8860B", lane=True)

    election_id: Id = Field(description="Identifier of the election.", examples=["myanmar-general-election-2025"])
    country: CountryCode = Field(description="ISO 3166-1 alpha-3 code of the country holding it.", examples=["MMR"])
    kind: ElectionKind = Field(description="What the election chooses.", examples=["general"])
    status: ElectionStatus = Field(description="Where it stands, by the latest source.", examples=["held"])
    start_date: PartialDate | None = Field(
        None, description="Polling day, or the first polling day of a phased election.", examples=["2025-12-28"]
    )
    end_date: PartialDate | None = Field(
        None, description="The last polling day of a phased election; empty for a single day.", examples=["2026-01-25"]
    )
    scheduled_date: PartialDate | None = Field(
        None, description="The date first announced, when it was postponed.", examples=["2023"]
    )
    organiser_id: Annotated[ActorId, Kinds(("government-body",))] | None = Field(
        None,
        description="The body that ran it (an election commission).",
        examples=["myanmar-union-election-commission"],
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """``Myanmar general election 2025``: the country, the kind and the year of polling (or as first scheduled)."""
        when = self.start_date or self.scheduled_date
        year = f" {when.earliest.year}" if when is not None else ""
        return f"{names.country(self.country)} {self.kind.value} election{year}"


class ElectionPhase(Record):
    """One polling day of an election held in phases."""

    span = ("date",)
    within = ("date", "election_id")

    election_id: ElectionId = Field(
        description="The election held in phases.", examples=["myanmar-general-election-2025"]
    )
    phase: int = Field(ge=1, le=MAX_PHASES, description="The phase's number, from 1.", examples=[1])
    date: PartialDate = Field(description="Polling day of the phase.", examples=["2025-12-28"])
    note: Text | None = Field(None, description="Where the phase was held, or anything else.")


class ElectionResult(Record):
    """A result someone claims for a candidate or party: official figures and rival claims alike."""

    dated_by = "election_id"

    result_id: Id = Field(
        description="Identifier of the claimed result.", examples=["belarus-presidential-2025-lukashenko"]
    )
    election_id: ElectionId = Field(
        description="The election the result is claimed for.", examples=["belarus-presidential-election-2025"]
    )
    candidate_id: Annotated[ActorId, Kinds(("person", "political-party"))] | None = Field(
        None,
        description="The candidate or party the result is for; empty for the opposition as a whole.",
        examples=["alexander-lukashenko"],
    )
    vote_share: Percent | None = Field(None, description="Share of the votes claimed, in per cent.", examples=["87"])
    seats: Annotated[Count, Field(le=MAX_SEATS)] | None = Field(None, description="Seats in the legislature claimed.")
    claimed_by_id: ActorId | None = Field(
        None,
        description="Who claims this result (the election commission, the candidate, the opposition).",
        examples=["alexander-lukashenko"],
    )
    is_official: bool = Field(
        description="True for the result announced by the organisers, false for a rival claim.", examples=[True]
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """Whose result in which election, official or claimed by whom."""
        candidate = names.name(self.candidate_id) if self.candidate_id else "The opposition"
        claim = "official" if self.is_official else "claimed by " + names.name(self.claimed_by_id)
        return f"{candidate} in the {names.name(self.election_id)}, {claim}"


class ElectionAssessment(Record):
    """Someone's judgement of an election's legitimacy."""

    reported_date = (("date",), None, ())
    span = ("date",)

    assessment_id: Id = Field(
        description="Identifier of the assessment.", examples=["dmd-rejects-myanmar-election-2025"]
    )
    election_id: ElectionId = Field(description="The election judged.", examples=["myanmar-general-election-2025"])
    assessor_id: ActorId = Field(description="Who made the judgement.", examples=["defend-myanmar-democracy"])
    stance: Stance = Field(description="The verdict, as a class.", examples=["rejects"])
    date: PartialDate | None = Field(
        None, description="When the judgement was made (by default, the source's date).", examples=["2025-03"]
    )
    summary: Text = Field(
        description="The judgement in the curator's words.",
        examples=["Calls the planned election an attempt to legitimise the coup."],
    )
    quote: Text | None = Field(
        None,
        description="A short quotation of the assessor's own words, when they are quoted.",
        examples=["a facade of legitimacy"],
    )

    def caption(self, names: Names) -> str:
        """Who judged which election, and the verdict."""
        return f"{names.name(self.assessor_id)} on the {names.name(self.election_id)}: {self.stance.value}"


class ElectionObservation(Record):
    """Who observed, was invited to, promised to, or declined to observe an election."""

    asserted = ("status",)
    together = (("observer_count", "count_qualifier"),)
    reported_date = (("date",), None, ())
    duplicate_signature = ("election_id", "observer_id")
    span = ("date",)
    dated_by = "election_id"
    figure = Figure("#B8860B", tie="observation")
    event_rules = (
        EventRule(
            "observation",
            (("status", ("deployed",)), ("credibility", ("state-delegation",))),
            "050",
            "observer -> country holding the election",
            "CAMEO has no code for observing an election; a government delegation observing at the organisers' "
            "invitation lends diplomatic support.",
        ),
        EventRule(
            "observation",
            (("status", ("deployed",)),),
            "042",
            "observer -> country holding the election",
            "Any other deployed observer travels to the country to watch the vote: a visit.",
        ),
        EventRule(
            "observation",
            (("status", ("promised", "accepted")),),
            "032",
            "observer -> country holding the election",
            "A promise to send observers, or an accepted invitation, is an intent to give diplomatic cooperation.",
        ),
        EventRule(
            "observation",
            (("status", ("invited",)),),
            "022",
            "inviter -> observer",
            "An invitation asks the observer for diplomatic cooperation; PLOVER dropped CAMEO's appeals, "
            "so there is no PLOVER category.",
        ),
        EventRule(
            "observation",
            (("status", ("declined",)),),
            "120",
            "observer -> country holding the election",
            "Declining to observe rejects the request.",
        ),
    )

    observation_id: Id = Field(
        description="Identifier of the observation.", examples=["belarus-observes-myanmar-election-2025"]
    )
    election_id: ElectionId = Field(description="The election observed.", examples=["myanmar-general-election-2025"])
    observer_id: ActorId = Field(description="The state, body, mission or group that observes.", examples=["belarus"])
    status: ObservationStatus = Field(
        description="How far the observation came, by the latest source.", examples=["promised"]
    )
    date: PartialDate | None = Field(
        None,
        description="When the observation reached its status (the invitation, the promise, the deployment).",
        examples=["2025-03"],
    )
    invited_by_id: ActorId | None = Field(
        None, description="Who invited the observer, when known.", examples=["min-aung-hlaing"]
    )
    observer_count: Count | None = Field(None, description="How many observers, when known.", examples=[1000])
    count_qualifier: CountQualifier | None = Field(
        None, description="How exact `observer_count` is; set exactly when the count is.", examples=["exact"]
    )
    verdict: Text | None = Field(None, description="The verdict the observers gave, in the curator's words.")
    credibility: Credibility = Field(
        description="The class of observer, by the standard it works to.", examples=["state-delegation"]
    )
    credibility_basis: Text = Field(
        description="The criterion behind the class, for this observer.",
        examples=[
            (
                "Observers and diplomats of a government invited by the military regime, counted by its election "
                "authorities; no published observation standard."
            )
        ],
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """Who observed (or was invited to, or declined) which election."""
        return f"{names.name(self.observer_id)}, {self.status.value}: {names.name(self.election_id)}"

    def event_sides(self, dataset: Dataset, event: str) -> list[tuple[Side, Side]]:
        """Observer -> the state holding the election; an invitation runs the other way, from whoever invited."""
        country = dataset[self.election_id].country  # type: ignore[attr-defined]
        host = Side(dataset.state_actor(country), country)
        observer = dataset.side(self.observer_id)
        if self.status.value == "invited":
            inviter = dataset.side(self.invited_by_id) if self.invited_by_id else host
            return [(inviter, observer)]
        return [(observer, host)]

    def drawn_ties(self, dataset: Dataset) -> list[tuple[Side, Side]]:
        """The observer and the state holding the election; a declined invitation is no tie."""
        if self.status.value == "declined":
            return []
        country = dataset[self.election_id].country  # type: ignore[attr-defined]
        return [(dataset.side(self.observer_id), Side(dataset.state_actor(country), country))]
