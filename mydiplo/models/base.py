"""The building blocks every table shares: the record base, vocabularies and field types.

Each field of the dataset is declared once, in a model, with one of the types
below. Everything else (Frictionless Table Schemas, JSON Schemas, foreign keys,
the data dictionary) is derived from these declarations, so a constraint
written here is enforced everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, ClassVar, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .countries import COUNTRIES
from .roles import EventRule, Figure, Names, Relation, Side

if TYPE_CHECKING:
    from typing_extensions import Self

    from ..dataset import Dataset


class DocEnum(str, Enum):
    """A controlled vocabulary whose every value carries its meaning.

    Members are declared as ``NAME = "value", "what the value means"``; the
    meaning feeds the data dictionary and the schemas' descriptions, so a
    value cannot be added without documenting it.
    """

    doc: str

    def __new__(cls, value: str, doc: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.doc = doc
        return member

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class CodeList:
    """Marks a text field whose values come from a fixed list of codes (ISO 3166-1)."""

    codes: tuple[str, ...]


@dataclass(frozen=True)
class Kinds:
    """Marks an actor reference whose actor must be of one of ``kinds`` (values of ``ActorKind``)."""

    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Ref:
    """Marks a field as a foreign key to the primary key of ``table``.

    Foreign keys are computed from these markers, never written by hand:
    ``ActorId`` carries ``Ref("actors")``, so every field typed ``ActorId``
    references ``actors.actor_id`` in the generated Data Package.
    """

    table: str


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
FORMULA_STARTS = ("=", "+", "-", "@")
"""First characters that make a spreadsheet run a cell as a formula (CSV injection)."""
CONTROL_CHARACTERS = (
    "\x00-\x1f\x7f-\x9f\u2028\u2029"  # control characters and line separators
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"  # invisible and direction-changing characters
    "\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
)
"""What free text may not hold, as the body of a regular-expression class: control characters, line
separators, invisible characters (zero-width spaces and joiners, the byte-order mark), marks and overrides that
change the direction of text (so that a name would display as something else), and Unicode non-characters
(which make XML, and so GraphML and SVG, invalid)."""
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def _clean_text(value: str) -> str:
    if value != value.strip():
        raise PydanticCustomError("text_hygiene", "text must not start or end with spaces")
    if _CONTROL.search(value):
        raise PydanticCustomError(
            "text_hygiene",
            "text must be one line without control, invisible or direction-changing characters "
            "(tabs, line breaks, zero-width spaces, right-to-left overrides)",
        )
    if value[:1] in FORMULA_STARTS:
        raise PydanticCustomError(
            "formula_text",
            "text must not start with {start}: a spreadsheet would run it as a formula",
            {"start": value[0]},
        )
    return value


def _known_country(code: str) -> str:
    if code not in COUNTRIES:
        raise PydanticCustomError("country_code", "{code} is not an ISO 3166-1 alpha-3 country code", {"code": code})
    return code


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=100),
    Field(
        description=(
            "Stable kebab-case identifier: lower-case ASCII letters and digits joined by single hyphens; never reused."
        )
    ),
]
"""A stable record identifier such as ``lukashenko-visit-myanmar-2025``."""

TEXT_HYGIENE = AfterValidator(_clean_text)
"""The check every free-text field runs: one line, trimmed, no control characters, no formula."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000), TEXT_HYGIENE]
"""Free text on one line, without leading or trailing spaces or control characters."""

CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    CodeList(tuple(COUNTRIES)),
    AfterValidator(_known_country),
]
"""An ISO 3166-1 alpha-3 country code such as ``MMR``; checked against the standard's list."""

WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]
"""A Wikidata item identifier such as ``Q836``."""

Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=2000)]
"""An absolute http(s) address."""

LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?$")]
"""A BCP 47 language tag such as ``en`` or ``my``."""

Locator = Annotated[
    str,
    StringConstraints(
        pattern=(
            r"^(?:title|standfirst|byline|dateline|masthead"
            r"|paras? [1-9][0-9]*(?:-[1-9][0-9]*)?(?:, [1-9][0-9]*(?:-[1-9][0-9]*)?)*)$"
        )
    ),
]
"""Where in a source a claim stands: a paragraph (``para 4``, ``paras 4-5``, ``paras 2, 7``) counted by the
methodology's rule, or a part of the page that is not a paragraph: ``title``, ``standfirst`` (the summary under
the title), ``byline``, ``dateline`` or ``masthead`` (the page's own name, footer or address)."""

ColumnName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""The name of a column of a table, such as ``start_date``."""

MAX_COUNT = 10**9
"""The most of anything a record counts: more than any army's rounds in one delivery, and well inside the
64-bit integers of SQLite, DuckDB and Parquet and the integers a JSON reader holds exactly."""

MAX_NUMBER = 10**15
"""The largest decimal value: a thousand billion dollars, beyond any transfer's value; a JSON reader's
double holds every value up to it to the cent, and no export overflows to infinity."""

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
"""A whole number of things (observers, vehicles, votes), never negative, at most :data:`MAX_COUNT`."""

Number = Annotated[Decimal, Field(le=MAX_NUMBER), PlainSerializer(float, return_type=float, when_used="json")]
"""An exact decimal number, at most :data:`MAX_NUMBER`; exact in CSV, a JSON number in JSON output."""

Percent = Annotated[Number, Field(ge=0, le=100)]
"""A share between 0 and 100."""


ActorId = Annotated[Id, Ref("actors")]
"""Reference to ``actors.actor_id``."""
SourceId = Annotated[Id, Ref("sources")]
"""Reference to ``sources.source_id``."""
OfficeId = Annotated[Id, Ref("offices")]
"""Reference to ``offices.office_id``."""
VisitId = Annotated[Id, Ref("visits")]
"""Reference to ``visits.visit_id``."""
AgreementId = Annotated[Id, Ref("agreements")]
"""Reference to ``agreements.agreement_id``."""
ElectionId = Annotated[Id, Ref("elections")]
"""Reference to ``elections.election_id``."""
TransferId = Annotated[Id, Ref("arms_transfers")]
"""Reference to ``arms_transfers.transfer_id``."""
PositionId = Annotated[Id, Ref("positions")]
"""Reference to ``positions.position_id``."""


class Record(BaseModel):
    """Base of every row model: immutable, and strict about unknown columns.

    ``date_order`` lists pairs of partial-date fields that must not run
    backwards (an end before its start); ``together`` lists groups of fields
    that are either all set or all empty (a count and its qualifier);
    ``linked_values`` lists ``(field, value, other, other_value)``: ``field``
    holds ``value`` exactly when ``other`` holds ``other_value``; ``either``
    lists groups of fields of which exactly one is set (a source's address,
    or the reason it has none); ``at_most`` lists ``(count, limit)`` pairs, a
    count never larger than its limit unless the note says why. Each model
    names its own; the validator reads the same declarations.

    The declarations after them say what the table is to the rest of the
    code (its dates, its actors' roles, its event coding, its figures, its
    records' captions), so that no code outside the models and the registry
    names a table; ``docs/adding-a-table.md`` shows them on an example.
    """

    # defer_build: validators are built on first use, so commands that only read the
    # field declarations (validate's fast path, generate) do not pay for all of them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    date_order: ClassVar[tuple[tuple[str, str], ...]] = ()
    together: ClassVar[tuple[tuple[str, ...], ...]] = ()
    linked_values: ClassVar[tuple[tuple[str, str, str, str], ...]] = ()
    either: ClassVar[tuple[tuple[str, ...], ...]] = ()
    at_most: ClassVar[tuple[tuple[str, str], ...]] = ()
    """Pairs ``(count, limit)``: the count is not larger than the limit (no more delivered than ordered),
    unless the record's ``note`` says why."""
    capacities: ClassVar[tuple[tuple[str, str], ...]] = ()
    """Pairs ``(office field, actor field)``: the office must be held by that actor."""
    reported_date: ClassVar[tuple[tuple[str, ...], str | None, tuple[str, ...]] | None] = None
    """``(date fields, status field, statuses)``: when the status is one of those (or there is no
    status field), the event has happened, so a source reporting it cannot predate it: neither its start
    nor, when filled, its end (an office "ending" centuries ahead is a typing error, not a fact). A date
    field whose value may lie ahead (an agreement valid until 2030) is not listed."""
    within: ClassVar[tuple[str, str] | None] = None
    """``(date field, reference field)``: the date lies within the dates (``span``) of the record the
    reference names, as a polling day lies within its election; the referenced table ``remembers`` them."""
    duplicate_signature: ClassVar[tuple[str, ...]] = ()
    """Fields that, when equal in two records whose dates overlap, suggest the same event twice."""
    duplicate_dates: ClassVar[tuple[str, str] | None] = None
    """The start and end fields whose overlap is compared with ``duplicate_signature``."""

    asserted: ClassVar[tuple[str, ...]] = ()
    """Fields whose value, when filled, a citation must read (``field`` naming it): a status, an end date, the
    dates of an office. They change over time, so each needs a source saying it as of a date."""

    # What the table means to the events, the network and the site (values in mydiplo.models.roles).
    span: ClassVar[tuple[str, ...]] = ()
    """The partial-date fields that place a record in time, earliest first: the timeline's bar,
    an event's date bounds, the network's time window, a standing relation's start and end."""
    roles: ClassVar[tuple[str, str] | None] = None
    """``(acting actor field, acted-upon actor field)``: who acts toward whom, for events, dyads and the network."""
    relation: ClassVar[str | None] = None
    """The network's name for the standing relation a record states (``office``); ``{kind}`` takes the record's kind."""
    event_rules: ClassVar[tuple[EventRule, ...]] = ()
    """The table's CAMEO/PLOVER coding, read in order; empty for tables whose records are not coded events."""
    figure: ClassVar[Figure | None] = None
    """How the site's figures draw the table's records; None when they do not."""
    dated_by: ClassVar[str | None] = None
    """A reference whose record's first date places this record in the figures when it has no dates of its own."""

    def caption(self, names: Names) -> str | None:
        """What the record is called when it has no name of its own (a phrase made of its fields);
        None calls it by its name, title or designation, else its id."""
        return None

    def event_sides(self, dataset: Dataset, event: str) -> list[tuple[Side, Side]]:
        """Who acts toward whom in the record's ``event``: by default ``roles``, one pair."""
        source, target = self._role_actors()
        return [(dataset.side(source), dataset.side(target))]

    def drawn_ties(self, dataset: Dataset) -> list[tuple[Side, Side]]:
        """The pairs of sides the network figure ties by this record: by default ``roles``, one pair."""
        source, target = self._role_actors()
        return [(dataset.side(source), dataset.side(target))]

    def relations(self, dataset: Dataset) -> list[Relation]:
        """The standing relations the record states, for the network graph: by default one, named
        ``relation``, between ``roles``, from the first to the last date of ``span``; none without ``relation``."""
        if self.relation is None:
            return []
        source, target = self._role_actors()
        name = self.relation.format_map({field: str(getattr(self, field)) for field in type(self).model_fields})
        return [Relation(source, target, name, getattr(self, self.span[0]), getattr(self, self.span[-1]))]  # type: ignore[arg-type]

    def _role_actors(self) -> tuple[str | None, str | None]:
        if self.roles is None:
            raise NotImplementedError(
                f"{type(self).__name__} declares no roles: declare them, or override the method that needs them"
            )
        return getattr(self, self.roles[0]), getattr(self, self.roles[1])

    @model_validator(mode="after")
    def _values_linked(self) -> Record:
        for field, value, other, other_value in self.linked_values:
            if getattr(self, field) is None:
                continue
            if (str(getattr(self, field)) == value) != (str(getattr(self, other)) == other_value):
                raise PydanticCustomError(
                    "linked_values",
                    "{other} must be {other_value} exactly when {source} is {value}",
                    {"field": other, "source": field, "value": value, "other": other, "other_value": other_value},
                )
        return self

    @model_validator(mode="after")
    def _set_together(self) -> Record:
        for group in self.together:
            set_ = [name for name in group if getattr(self, name) is not None]
            if set_ and len(set_) != len(group):
                missing = [name for name in group if name not in set_]
                raise PydanticCustomError(
                    "fields_together",
                    "{group} go together: {set_} is set but {missing} is empty",
                    {
                        "group": ", ".join(group),
                        "set_": ", ".join(set_),
                        "missing": ", ".join(missing),
                        "field": missing[0],
                    },
                )
        return self

    @model_validator(mode="after")
    def _one_of_either(self) -> Record:
        for group in self.either:
            set_ = [name for name in group if getattr(self, name) is not None]
            if len(set_) != 1:
                raise PydanticCustomError(
                    "fields_either",
                    "exactly one of {group} is set, not {count}",
                    {"group": ", ".join(group), "count": len(set_), "field": (set_ or group)[-1]},
                )
        return self

    @model_validator(mode="after")
    def _counts_within(self) -> Record:
        for count, limit in self.at_most:
            value, bound = getattr(self, count), getattr(self, limit)
            if value is not None and bound is not None and value > bound and not getattr(self, "note", None):
                raise PydanticCustomError(
                    "count_exceeds",
                    "{count} {value} is more than {limit} {bound}, and no note says why",
                    {"count": count, "value": value, "limit": limit, "bound": bound, "field": count},
                )
        return self

    @model_validator(mode="after")
    def _dates_in_order(self) -> Record:
        for first, then in self.date_order:
            start, end = getattr(self, first), getattr(self, then)
            if start is not None and end is not None and end.latest < start.earliest:
                raise PydanticCustomError(
                    "date_order",
                    "{then} {end} is before {first} {start}",
                    {"then": then, "end": str(end), "first": first, "start": str(start), "field": then},
                )
        return self


def field_label(model: type[BaseModel], field: str) -> str:
    """What a field is called for readers: ``start date`` for ``start_date``, ``traveller`` for ``traveller_id``.

    A field's declared ``title`` wins; else its name is read as words, and a
    reference drops its ``_id`` (a reader sees the traveller, not an id).
    ``mydiplo show`` and the site both call fields by this one rule, so a
    field has the same name wherever a reader meets it.
    """
    info = model.model_fields[field]
    if info.title:
        return info.title
    markers = [*info.metadata, *(m for arg in get_args(info.annotation) for m in getattr(arg, "__metadata__", ()))]
    name = field.removesuffix("_id") if any(isinstance(m, Ref) for m in markers) else field
    return name.replace("_", " ")
