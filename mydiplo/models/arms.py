"""Arms transfers: who supplies what to whom, as ordered, delivered, reported or alleged.

Categories follow SIPRI's Arms Transfers Database where they fit, with two
additions SIPRI leaves out (training and technical assistance). Values keep
their basis: a SIPRI trend-indicator value (TIV) measures military capability,
not money, and is never mixed with a currency.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import MAX_COUNT, ActorId, AgreementId, Count, DocEnum, Id, Kinds, Number, Record, Text, TransferId, VisitId
from .dates import PartialDate
from .roles import EventRule, Figure, Names, shorten


class ArmsCategory(DocEnum):
    """What is transferred: SIPRI's weapon categories, plus what SIPRI does not count."""

    AIRCRAFT = "aircraft", "SIPRI: aircraft, including helicopters and unmanned aerial vehicles."
    AIR_DEFENCE = "air-defence-systems", "SIPRI: air defence systems, including command systems and guns."
    ANTI_SUBMARINE = "anti-submarine-warfare", "SIPRI: anti-submarine warfare weapons."
    ARMOURED_VEHICLES = "armoured-vehicles", "SIPRI: armoured vehicles."
    ARTILLERY = "artillery", "SIPRI: artillery of calibre 100 mm or more."
    ENGINES = "engines", "SIPRI: engines for military aircraft, ships and vehicles."
    MISSILES = "missiles", "SIPRI: guided missiles, rockets and bombs."
    NAVAL_WEAPONS = "naval-weapons", "SIPRI: naval guns and shipborne missile launchers."
    SATELLITES = "satellites", "SIPRI: military satellites."
    SENSORS = "sensors", "SIPRI: radars, sonars and other sensors."
    SHIPS = "ships", "SIPRI: ships."
    OTHER = "other", "SIPRI: other weapons (gun turrets, air refuelling systems)."
    FUEL = "fuel", "Not counted by SIPRI: aviation fuel for military aircraft."
    DUAL_USE = "dual-use", "Not counted by SIPRI: dual-use goods, components, machine tools and materials."
    TRAINING = "training", "Not counted by SIPRI: military training of personnel."
    TECHNICAL_ASSISTANCE = "technical-assistance", "Not counted by SIPRI: technical help, maintenance and licences."
    UNSPECIFIED = "unspecified", "Weapons or equipment of kinds the sources do not state."


class TransferKind(DocEnum):
    """Whether a record is one transfer or an investigator's total over a period."""

    TRANSFER = "transfer", "One deal, order or delivery: a system, a service or a supply."
    AGGREGATE = (
        "aggregate",
        "A total over a period found by investigators (arms a state sent since the coup); its dates give the period.",
    )


class TransferStatus(DocEnum):
    """How well a transfer is established."""

    ORDERED = "ordered", "A contract or order is documented; delivery is not."
    DELIVERED = "delivered", "Delivery is documented."
    REPORTED = "reported", "Reported by the source's own reporting, without documentation of order or delivery."
    ALLEGED = "alleged", "Claimed by a third party, such as a rights group, and not confirmed."


class ValueBasis(DocEnum):
    """What a transfer's value measures."""

    SIPRI_TIV = "sipri-tiv", "SIPRI trend-indicator value, in millions of TIV: a measure of capability, not money."
    CONTRACT = "contract", "The price in the contract, in a currency."
    REPORTED = "reported", "A monetary value given by a source without a contract, in a currency."


SUPPLIER_KINDS = ("state", "government-body", "military", "state-company", "company")
"""Who can supply arms: a state or one of its bodies, or a company, state-owned or private."""

ValueUnit = Annotated[str, StringConstraints(pattern=r"^(?:[A-Z]{3}|TIV)$")]
"""An ISO 4217 currency code, or ``TIV`` for SIPRI trend-indicator values."""


class ArmsTransfer(Record):
    """A transfer of weapons, equipment, training or technical help from a supplier to a recipient.

    Who reports a transfer is recorded where every claim's author is: in the
    claimant of its citations (table ``arms_transfer_citations``), with the
    certainty of each report.
    """

    asserted = ("status",)
    date_order = (("order_date", "delivery_start"), ("delivery_start", "delivery_end"))
    together = (("value", "value_unit", "value_basis"),)
    at_most = (("quantity_delivered", "quantity_ordered"),)
    linked_values = (("value_basis", "sipri-tiv", "value_unit", "TIV"),)
    reported_date = (("delivery_start", "delivery_end"), "status", ("delivered",))
    duplicate_signature = ("kind", "supplier_id", "recipient_id", "category", "designation", "value")
    span = ("order_date", "delivery_start", "delivery_end")
    roles = ("supplier_id", "recipient_id")
    figure = Figure("#D55E00", lane=True, tie="arms transfer")
    event_rules = (
        EventRule(
            "transfer",
            (),
            "062",
            "supplier -> recipient",
            "CAMEO's 'provide military aid' (072) presumes a gift; sources rarely say whether arms were sold or given, "
            "so weapons, training and technical help are coded as military cooperation.",
        ),
    )

    transfer_id: Id = Field(
        description="Identifier of the transfer.", examples=["belarus-myanmar-air-defence-command-system"]
    )
    kind: TransferKind = Field(description="One transfer, or a total over a period.", examples=["transfer"])
    supplier_id: Annotated[ActorId, Kinds(SUPPLIER_KINDS)] = Field(
        description="The state or company that supplies.", examples=["belarus"]
    )
    recipient_id: Annotated[ActorId, Kinds(("state", "government-body", "military", "armed-group"))] = Field(
        description="The state or armed force that receives.", examples=["myanmar"]
    )
    designation: Text | None = Field(
        None,
        description="The system's designation or name, as sources give it.",
        examples=["Air Defence Operational Command system"],
    )
    description: Text = Field(
        description="What is transferred, in the curator's words.",
        examples=["An operational command system for air defence."],
    )
    category: ArmsCategory = Field(description="The category of what is transferred.", examples=["air-defence-systems"])
    quantity_ordered: Count | None = Field(None, description="How many were ordered, when known.")
    quantity_delivered: Count | None = Field(None, description="How many were delivered, when known.")
    value: Number | None = Field(
        None, ge=0, description="The value, in `value_unit`, on `value_basis`; TIV values are in millions."
    )
    value_unit: ValueUnit | None = Field(
        None, description="ISO 4217 currency code, or TIV for SIPRI trend-indicator values."
    )
    value_basis: ValueBasis | None = Field(None, description="What the value measures.")
    order_date: PartialDate | None = Field(None, description="When it was ordered.")
    delivery_start: PartialDate | None = Field(None, description="When deliveries began.")
    delivery_end: PartialDate | None = Field(None, description="When deliveries ended.")
    status: TransferStatus = Field(description="How well the transfer is established.", examples=["alleged"])
    agreement_id: AgreementId | None = Field(
        None, description="The contract or agreement the transfer stems from, where sources say so."
    )
    visit_id: VisitId | None = Field(None, description="The visit at which it was agreed, where sources say so.")
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """Who supplied what to whom: ``Belarus to Myanmar: Air Defence Operational Command system``."""
        return (
            f"{names.name(self.supplier_id)} to {names.name(self.recipient_id)}: "
            f"{shorten(self.designation or self.description, 60)}"
        )


class ArmsDelivery(Record):
    """One batch of a transfer as delivered: when it arrived and how many, as sources report it.

    A transfer's own dates say when deliveries began and ended; its batches,
    one row each, say what came when (two Su-30SME in December 2022, two more
    in 2023), each batch with its own citations.
    """

    span = ("date",)

    transfer_id: TransferId = Field(
        description="The transfer the batch belongs to.", examples=["russia-myanmar-su-30sme"]
    )
    batch: int = Field(
        ge=1, le=MAX_COUNT, description="The batch's number, from 1, in order of delivery.", examples=[1]
    )
    date: PartialDate | None = Field(None, description="When the batch was delivered.", examples=["2022-03"])
    quantity: Count | None = Field(None, description="How many items the batch held, when known.", examples=[2])
    note: Text | None = Field(None, description="Anything else, in the curator's words.")
