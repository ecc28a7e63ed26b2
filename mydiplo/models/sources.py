"""Provenance: the sources the data is drawn from, and the citations that tie each record to them.

Every record in the dataset is cited by at least one :class:`Citation`: which
source says it, where (a paragraph), who makes the claim, and how certain it
is. When sources disagree on a value, each reading is a citation with
``field`` and ``value`` set, so the disagreement is data, not prose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field, create_model

from .base import ActorId, ColumnName, Count, DocEnum, Id, LanguageTag, Locator, Record, SourceId, Text, Url
from .dates import PartialDate
from .roles import Names


class SourceKind(DocEnum):
    """What kind of document a source is."""

    NEWS_REPORT = "news-report", "An article by a news organisation reporting events."
    FACT_CHECK = "fact-check", "An article that tests an actor's statements against the record."
    PRESS_RELEASE = "press-release", "A statement issued by an organisation in its own name."
    STATE_MEDIA_REPORT = "state-media-report", "A report by a state-owned or state-controlled outlet."
    OFFICIAL_RECORD = (
        "official-record",
        "A document of a government or an intergovernmental body (a resolution, a communiqué, a voting record).",
    )
    ANALYSIS = "analysis", "A report or commentary by a research institute, think tank or rights group."
    REFERENCE_WORK = "reference-work", "An encyclopedia, database or register compiled from other sources."


class ClaimantKind(DocEnum):
    """Who asserts a cited claim, as a class; the claimant itself may be named in ``claimant_id``."""

    SOURCE = "source", "The source's own reporting: the publisher states it as fact without attributing it."
    STATE_MEDIA = "state-media", "State-owned or state-controlled media, as cited by the source."
    GOVERNMENT = (
        "government",
        (
            "A government speaking for itself: leaders, ministries, armed forces, election commissions and their "
            "officials."
        ),
    )
    INTERGOVERNMENTAL = "intergovernmental", "An intergovernmental body or its officials (a UN organ, ASEAN)."
    RIGHTS_GROUP = "rights-group", "A human rights, pro-democracy or humanitarian organisation."
    RESEARCHER = "researcher", "An academic, analyst or think tank."
    OPPOSITION = "opposition", "An opposition party, movement or armed resistance group."
    UNATTRIBUTED = "unattributed", 'Unnamed people the source cites as a group ("critics", "observers note").'


class Certainty(DocEnum):
    """How firmly a citation establishes its claim."""

    CONFIRMED = "confirmed", "Established by an official record of the event or by two independent sources."
    REPORTED = "reported", "Stated as fact by one source's own reporting, not independently confirmed."
    CLAIMED = "claimed", "Asserted by an interested party: a government, its state media, or the actor itself."
    ALLEGED = "alleged", "An accusation by a third party (such as a rights group) that has not been confirmed."
    CONTRADICTED = (
        "contradicted",
        "Contradicted by a more authoritative record; kept so that the disagreement stays visible.",
    )


class MissingAddress(DocEnum):
    """Why a source has no URL: a reader must learn that from the record, not guess it from an empty cell."""

    NOT_FOUND = "not-found", "No public copy was found; the text held came from elsewhere (the note says where)."
    NOT_ONLINE = "not-online", "The document was never published online (print, broadcast, a letter)."
    REMOVED = "removed", "The publisher has taken the document down, and no archived copy is known."


class Source(Record):
    """A document the dataset draws facts from: an article, a press release, an official record.

    A reader must be able to find every source: it has a title, a publisher
    and a date, and either a URL or a stated reason why it has none.
    """

    span = ("published_date",)
    either = (("url", "missing_address"),)

    source_id: Id = Field(
        description="Identifier of the source.", examples=["time-2023-junta-seeks-russia-election-help"]
    )
    kind: SourceKind = Field(description="What kind of document the source is.", examples=["news-report"])
    title: Text = Field(
        description="The title as published, or a descriptive title supplied when the copy held has none.",
        examples=["Myanmar's Anti-Democratic Junta Seeks Russia's Help on How to Run an Election"],
    )
    title_supplied: bool = Field(
        False,
        description="True when the title is the curator's description because the copy held shows no headline.",
        examples=[False],
    )
    publisher_id: ActorId = Field(description="The actor that published the source.", examples=["time"])
    origin_id: ActorId | None = Field(
        None,
        description=(
            "The agency or publisher whose report the source carries or rewrites (a wire story, a rewrite); empty "
            "for the publisher's own work. Sources with the same origin are not independent of each other."
        ),
        examples=["associated-press"],
    )
    author: Text | None = Field(
        None, description="The author or authors as credited; empty when uncredited or unknown."
    )
    published_date: PartialDate = Field(
        description="Publication date at the precision known; relative dates in the source are read from it.",
        examples=["2025-12-26"],
    )
    language: LanguageTag = Field(description="BCP 47 tag of the language the source is written in.", examples=["en"])
    url: Url | None = Field(
        None,
        description="Where the source was published; empty only when `missing_address` says why.",
        examples=["https://www.sunstar.com.ph/network/myanmar-kicks-off-2025-general-election"],
    )
    missing_address: MissingAddress | None = Field(
        None, description="Why the source has no URL; empty when it has one.", examples=["not-found"]
    )
    archive_url: Url | None = Field(
        None,
        description="An archived copy of the source (a web archive's snapshot); empty unless one is known.",
        examples=["https://web.archive.org/web/2023/https://time.com/6314388/"],
    )
    accessed: PartialDate = Field(
        description="The day the copy held was last read against the citations.", examples=["2026-11-30"]
    )
    paragraphs: Count | None = Field(
        None,
        description=(
            "How many paragraphs of body text the copy held has, counted by the methodology's rule; no locator of "
            "a citation may go beyond it. Empty when the copy held is incomplete."
        ),
        examples=[12],
    )
    note: Text | None = Field(
        None,
        description="What is known of the source beyond the fields above, in the curator's words.",
        examples=["Publication date inferred from the article's relative dates."],
    )

    def caption(self, names: Names) -> str | None:
        """The title, in square brackets when the curator supplied it, as librarians mark a title
        that is not on the document: a reader must not search for a headline that was never printed."""
        return f"[{self.title}]" if self.title_supplied else self.title


class Cites(Record):
    """What every citation is: one source's support for one row, or its reading of one field of that row.

    Every table but the sources has a citation table of its own. A record
    table's citations name the record by ``record_id`` (:class:`Citation`);
    a table of rows that belong to a record (the participants of a visit)
    has citations that name the row by its key columns, the model of which
    :func:`row_citation_model` makes. Either way the reference is a real
    foreign key, and the columns after it are the same.
    """

    if TYPE_CHECKING:  # declared by each citation model, after the columns that name the cited row
        source_id: str
        locator: str
        field: str | None
        value: str | None
        as_of: PartialDate | None
        claimant_kind: ClaimantKind
        claimant_id: str | None
        certainty: Certainty
        note: str | None

    together = (("field", "value"),)
    cited_fields: ClassVar[tuple[str, ...]] = ("record_id",)
    """The columns that name the cited row: ``record_id``, or the key columns of a row that belongs to a record."""

    @property
    def cited_key(self) -> tuple[str, ...]:
        """The cited row's key, as its cells are written: ``(record_id,)``, or the row's key cells in order."""
        return key_of(self, self.cited_fields)


def key_of(row: Record, fields: tuple[str, ...]) -> tuple[str, ...]:
    """The values of ``fields`` in ``row`` as text: how a citation names the row it cites, and so how the
    cited row is found from its own fields."""
    return tuple(str(getattr(row, name)) for name in fields)


class Citation(Cites):
    """One source's support for one record, or its reading of one field of that record.

    Each record table has its own citation table (``visit_citations`` for
    ``visits`` and so on) whose ``record_id`` references that table, so
    every citation is checked as a real foreign key.
    """

    record_id: Id = Field(
        description="The cited record, in the table this citation table belongs to.",
        examples=["lukashenko-visit-myanmar-2025"],
    )
    source_id: SourceId = Field(
        description="The source that makes the claim.", examples=["dmd-2025-dictators-supporting-criminals"]
    )
    locator: Locator = Field(
        description=(
            "Where the claim stands in the source: 'title', 'para N', 'paras N-M' or 'paras N, M'. Paragraphs are "
            "counted from 1 at the first paragraph of body text; headings and captions are not counted."
        ),
        examples=["para 2"],
    )
    field: ColumnName | None = Field(
        None,
        description="The field of the record this citation reads; empty when it supports the record as a whole.",
        examples=["status"],
    )
    value: Text | None = Field(
        None,
        description=(
            "The source's reading of `field`, written as it would be in that field's column; set exactly when `field` "
            "is."
        ),
        examples=["promised"],
    )
    as_of: PartialDate | None = Field(
        None,
        description=(
            "The date the reading speaks for, when the source states one other than its publication date (a status "
            "'as of March'); empty: the source's publication date."
        ),
        examples=["2023-08"],
    )
    claimant_kind: ClaimantKind = Field(description="Who asserts the claim, as a class.", examples=["state-media"])
    claimant_id: ActorId | None = Field(
        None,
        description="The actor who asserts the claim, when the source names one.",
        examples=["myanmar-state-media"],
    )
    certainty: Certainty = Field(description="How firmly this citation establishes the claim.", examples=["claimed"])
    note: Text | None = Field(
        None,
        description="How the claim was read from the source: a resolved relative date, a caveat.",
        examples=["'Last week' read from the publication date."],
    )


def row_citation_model(model: type[Record], key: tuple[str, ...]) -> type[Cites]:
    """The citation model of a table of ``model`` rows keyed by ``key``: those columns, then a citation's.

    The key's columns keep their types, so each one that names a record is
    a foreign key of its own, and together they reference the cited row.
    """
    cited = {name: (model.model_fields[name].annotation, model.model_fields[name]) for name in key}
    rest = {name: (info.annotation, info) for name, info in Citation.model_fields.items() if name != "record_id"}
    name = f"{model.__name__}Citation"
    made = create_model(name, __base__=Cites, __module__=__name__, **cited, **rest)  # type: ignore[call-overload]
    made.__doc__ = f"One source's support for one row of {model.__name__} rows, named by {', '.join(key)}."
    made.cited_fields = key
    return made
