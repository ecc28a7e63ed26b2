"""Alignments: a state's standing in a bloc or organisation, from seeking to join to membership."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import ActorId, DocEnum, Id, Kinds, Record, Text
from .dates import PartialDate
from .roles import Names


class AlignmentKind(DocEnum):
    """The standing a state has, or seeks, in an organisation."""

    MEMBER = "member", "Full membership."
    PARTNER = "partner", "Partner-country status short of membership (as in BRICS since 2024)."
    DIALOGUE_PARTNER = "dialogue-partner", "Dialogue-partner status (as in the SCO)."
    OBSERVER = "observer", "Observer status."


class AlignmentStatus(DocEnum):
    """How far the standing had come, by the latest source."""

    OFFERED = "offered", "The organisation invited the state, which has not taken the standing up (or not yet)."
    DECLINED = "declined", "The state turned an offered standing down."
    SOUGHT = "sought", "The state is reported to be seeking the standing."
    APPLIED = "applied", "The state formally applied."
    GRANTED = "granted", "The organisation granted the standing."
    CURTAILED = "curtailed", "The standing holds, but the state is barred from part of it (summits, its turn to chair)."
    ENDED = "ended", "The standing ended (withdrawal, suspension, expulsion)."


class Alignment(Record):
    """A state's standing in a bloc or intergovernmental organisation."""

    asserted = ("status", "end_date")
    date_order = (("start_date", "end_date"),)
    reported_date = (("start_date", "end_date"), None, ())
    span = ("start_date", "end_date")
    roles = ("actor_id", "organisation_id")
    relation = "alignment-{kind}-{status}"

    alignment_id: Id = Field(description="Identifier of the alignment.", examples=["myanmar-sco-dialogue-partner"])
    actor_id: Annotated[ActorId, Kinds(("state",))] = Field(
        description="The state whose standing this is.", examples=["myanmar"]
    )
    organisation_id: Annotated[ActorId, Kinds(("intergovernmental",))] = Field(
        description="The bloc or organisation.", examples=["shanghai-cooperation-organisation"]
    )
    kind: AlignmentKind = Field(description="The standing held or sought.", examples=["dialogue-partner"])
    status: AlignmentStatus = Field(description="How far it had come, by the latest source.", examples=["granted"])
    start_date: PartialDate | None = Field(
        None, description="When the status was reached (offered, sought, applied, granted).", examples=["2023"]
    )
    end_date: PartialDate | None = Field(
        None, description="When the standing ended, or when an offered standing was declined."
    )
    note: Text | None = Field(None, description="Anything else, in the curator's words.")

    def caption(self, names: Names) -> str:
        """The state's standing: ``Myanmar: dialogue-partner of Shanghai Cooperation Organisation, granted``."""
        return (
            f"{names.name(self.actor_id)}: {self.kind.value} of {names.name(self.organisation_id)}, {self.status.value}"
        )
