"""Measures: sanctions and embargoes imposed over the military regime, on it, its leaders, its firms and suppliers.

A measure is a legal act with an imposer, a target and a date: the United
States blocking a general's assets under an executive order, the European
Union's arms embargo, a government listing a bank that serves the regime.
Each act against each target is a row, so a reader can ask who is sanctioned
by whom, and since when.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import ActorId, DocEnum, Id, Kinds, Record, Text
from .dates import PartialDate
from .roles import EventRule, Figure, Names


class MeasureKind(DocEnum):
    """What a measure does to its target."""

    ASSET_FREEZE = (
        "asset-freeze",
        "Freezes the target's assets under the imposer's jurisdiction and bars dealings with it.",
    )
    TRAVEL_BAN = "travel-ban", "Bars the target from entering or passing through the imposer's territory."
    ARMS_EMBARGO = "arms-embargo", "Bars sales, supplies or transfers of arms and related material to the target."
    TRADE_RESTRICTION = "trade-restriction", "Restricts exports, imports or dealings in named goods or services."
    FINANCIAL_RESTRICTION = (
        "financial-restriction",
        "Restricts payments, loans, investment or access to the imposer's financial system.",
    )
    SUSPENSION = "suspension", "Suspends aid, cooperation, trade preferences or a seat in a body."
    OTHER = "other", "Another measure, as the summary says."


class Measure(Record):
    """A sanction or embargo one actor imposes on another over the military regime, as a legal act states it."""

    asserted = ("end_date",)
    date_order = (("start_date", "end_date"),)
    reported_date = (("start_date", "end_date"), None, ())
    span = ("start_date", "end_date")
    roles = ("imposer_id", "target_id")
    relation = "measure-{kind}"
    figure = Figure("#CC79A7", lane=True, tie="measure")
    event_rules = (
        EventRule(
            "measure",
            (),
            "163",
            "imposer -> target",
            "Every measure here is a sanction, an embargo or a suspension imposed on the target.",
        ),
    )

    measure_id: Id = Field(description="Identifier of the measure.", examples=["us-blocks-min-aung-hlaing-2021-02-11"])
    imposer_id: Annotated[ActorId, Kinds(("state", "intergovernmental", "government-body"))] = Field(
        description="Who imposes the measure: a state, a bloc or one of their bodies.", examples=["united-states"]
    )
    target_id: ActorId = Field(
        description="On whom it is imposed: the regime, a person, a company or a body.", examples=["min-aung-hlaing"]
    )
    kind: MeasureKind = Field(description="What the measure does.", examples=["asset-freeze"])
    instrument: Text | None = Field(
        None,
        description="The legal act that imposes it, as its imposer names it.",
        examples=["Executive Order 14014"],
    )
    start_date: PartialDate | None = Field(None, description="When it was imposed.", examples=["2021-02-11"])
    end_date: PartialDate | None = Field(None, description="When it was lifted, if it was.")
    summary: Text = Field(
        description="The measure in the curator's words.",
        examples=["Blocks his property under US jurisdiction and bars US persons from dealing with him."],
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """Who imposes what on whom: ``United States on Min Aung Hlaing: asset-freeze``."""
        return f"{names.name(self.imposer_id)} on {names.name(self.target_id)}: {self.kind.value}"
