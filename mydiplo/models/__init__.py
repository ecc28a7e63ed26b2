"""The typed records of mydiplo: one pydantic model per table, with its vocabularies.

Every field of the dataset is defined here once; the schemas, the Data
Package descriptor and the data dictionary are generated from these models.
"""

from .actors import Actor, ActorKind, ActorName, NameKind, Office, OfficeRole
from .agreements import Agreement, AgreementKind, AgreementParty, AgreementStatus, AgreementSubject, PartyRole, Subject
from .alignments import Alignment, AlignmentKind, AlignmentStatus
from .arms import ArmsCategory, ArmsDelivery, ArmsTransfer, TransferKind, TransferStatus, ValueBasis
from .base import DocEnum, Record, Ref, field_label
from .dates import PartialDate, Precision
from .elections import (
    CountQualifier,
    Credibility,
    Election,
    ElectionAssessment,
    ElectionKind,
    ElectionObservation,
    ElectionPhase,
    ElectionResult,
    ElectionStatus,
    ObservationStatus,
    Stance,
)
from .identifiers import RetiredId
from .measures import Measure, MeasureKind
from .positions import Position, PositionKind, Vote, VoteChoice
from .roles import EventRule, Figure, Names, Relation, Side
from .sources import Certainty, Citation, Cites, ClaimantKind, MissingAddress, Source, SourceKind, row_citation_model
from .visits import Honour, ParticipantRole, Visit, VisitKind, VisitParticipant

__all__ = [
    "Actor",
    "ActorKind",
    "ActorName",
    "Agreement",
    "AgreementKind",
    "AgreementParty",
    "AgreementStatus",
    "AgreementSubject",
    "Alignment",
    "AlignmentKind",
    "AlignmentStatus",
    "ArmsCategory",
    "ArmsDelivery",
    "ArmsTransfer",
    "Certainty",
    "Citation",
    "Cites",
    "ClaimantKind",
    "CountQualifier",
    "Credibility",
    "DocEnum",
    "Election",
    "ElectionAssessment",
    "ElectionKind",
    "ElectionObservation",
    "ElectionPhase",
    "ElectionResult",
    "ElectionStatus",
    "EventRule",
    "Figure",
    "Honour",
    "Measure",
    "MeasureKind",
    "MissingAddress",
    "NameKind",
    "Names",
    "ObservationStatus",
    "Office",
    "OfficeRole",
    "PartialDate",
    "ParticipantRole",
    "PartyRole",
    "Position",
    "PositionKind",
    "Precision",
    "Record",
    "Ref",
    "Relation",
    "RetiredId",
    "Side",
    "Source",
    "SourceKind",
    "Stance",
    "Subject",
    "TransferKind",
    "TransferStatus",
    "ValueBasis",
    "Visit",
    "VisitKind",
    "VisitParticipant",
    "Vote",
    "VoteChoice",
    "field_label",
    "row_citation_model",
]
