"""The analysis tables researchers otherwise build by hand: state codes, event codes and directed dyads.

* ``state_codes``: ISO, Correlates of War and Gleditsch-Ward codes of every
  state that acts in the data (:mod:`mydiplo.analysis.statecodes`).
* ``event_codes``: the CAMEO code and PLOVER category of each event of every
  visit, agreement, observation and transfer.
* ``dyadic_events``: one row per directed event between two different
  states (state A -> state B), with both states' ISO, COW and G&W codes and
  the event's date bounds, ready to merge with COW, V-Dem or ATOP data on
  ``ccode`` and a year.
* ``dyad_years``: the zero-filled directed dyad-year panel of Myanmar and
  each state (:mod:`mydiplo.analysis.panel`).
"""

from __future__ import annotations

from typing import Any

from ..dataset import Dataset
from ..models.countries import COUNTRIES
from ..models.roles import in_words
from ..registry import TABLES, ForeignKey
from .eventcodes import RULES
from .events import Side, coded_records, events
from .frames import Frame, TypedColumn
from .memo import per_dataset
from .panel import dyad_years_frame
from .statecodes import STATE_CODES, codes_of

STATE_CODE_COLUMNS = (
    TypedColumn("iso3", "text", "ISO 3166-1 alpha-3 code, as in the country columns of the data.", True),
    TypedColumn("name", "text", "The state's common English name (a territory's ISO short name).", True),
    TypedColumn("cow_code", "integer", "Correlates of War state number (ccode); empty when it has none.", False),
    TypedColumn("cow_abbrev", "text", "Correlates of War state abbreviation (stateabb); empty likewise.", False),
    TypedColumn("gw_code", "integer", "Gleditsch-Ward state number; empty when it has none.", False),
    TypedColumn("gw_abbrev", "text", "Gleditsch-Ward state abbreviation; empty likewise.", False),
)

EVENT_CODE_COLUMNS = (
    TypedColumn("record_table", "text", "The table of the coded record.", True),
    TypedColumn("record_id", "text", "The coded record.", True),
    TypedColumn(
        "event",
        "text",
        f"Which event of the record: {in_words(list(dict.fromkeys(r.event for r in RULES)), 'or')}.",
        True,
    ),
    TypedColumn("cameo_code", "text", "CAMEO event code (text: leading zeros matter).", True),
    TypedColumn("cameo_label", "text", "The CAMEO code's label in the CAMEO codebook.", True),
    TypedColumn("plover_event", "text", "PLOVER event category; empty where PLOVER has none."),
    TypedColumn("plover_mode", "text", "PLOVER mode, where the mapping gives one."),
    TypedColumn("plover_context", "text", "PLOVER context, where the mapping gives one."),
)


def _side_columns(side: str) -> tuple[TypedColumn, ...]:
    who = "acting" if side == "source" else "acted upon"
    return (
        TypedColumn(f"{side}_actor_id", "text", f"The {who} actor (a state, or the person or body acting for it)."),
        TypedColumn(f"{side}_iso3", "text", f"ISO 3166-1 alpha-3 code of the {who} state.", True),
        TypedColumn(f"{side}_cow_code", "integer", f"Correlates of War number of the {who} state."),
        TypedColumn(f"{side}_cow_abbrev", "text", f"Correlates of War abbreviation of the {who} state."),
        TypedColumn(f"{side}_gw_code", "integer", f"Gleditsch-Ward number of the {who} state."),
    )


DYAD_COLUMNS = (
    *EVENT_CODE_COLUMNS[:4],
    EVENT_CODE_COLUMNS[5],
    *_side_columns("source"),
    *_side_columns("target"),
    TypedColumn("date_earliest", "date", "Earliest day the event can have taken place; empty when undated."),
    TypedColumn("date_latest", "date", "Latest day the event can have taken place; empty when undated."),
    TypedColumn("year", "integer", "The year of the event when its bounds fall in one year; empty otherwise."),
)


def state_codes_frame() -> Frame:
    """The state code table as a frame: a row for every country code the models accept, with its COW and
    G&W codes where the code table has them and empty codes otherwise, so that no country a record or an
    actor may name breaks an export's foreign key."""
    found: list[tuple[Any, ...]] = [
        (c.iso3, c.name, c.cow_code, c.cow_abbrev, c.gw_code, c.gw_abbrev) for c in STATE_CODES.values()
    ]
    found += [(iso3, name, None, None, None, None) for iso3, name in COUNTRIES.items() if iso3 not in STATE_CODES]
    rows = tuple(sorted(found))
    return Frame(
        "state_codes",
        "ISO, Correlates of War and Gleditsch-Ward codes of every country code the data accepts (empty when none).",
        STATE_CODE_COLUMNS,
        rows,
        ("iso3",),
    )


def event_codes_frame(dataset: Dataset) -> Frame:
    """One row per event of every visit, agreement, observation and transfer, with its CAMEO and PLOVER codes."""
    rows = []
    for table, record, rule in coded_records(dataset):
        code = rule.code
        record_id = getattr(record, TABLES[table].id_field)  # type: ignore[arg-type]
        rows.append(
            (
                table,
                record_id,
                rule.event,
                code.cameo,
                code.cameo_label,
                code.plover,
                code.plover_mode,
                code.plover_context,
            )
        )
    return Frame(
        "event_codes",
        "CAMEO and PLOVER codes of each event of every visit, agreement, election observation and arms transfer.",
        EVENT_CODE_COLUMNS,
        tuple(sorted(rows)),
        ("record_table", "record_id", "event"),
    )


def _side_values(side: Side) -> tuple[Any, ...]:
    codes = codes_of(side.country)
    return (
        side.actor_id,
        side.country,
        codes.cow_code if codes else None,
        codes.cow_abbrev if codes else None,
        codes.gw_code if codes else None,
    )


def dyadic_events_frame(dataset: Dataset) -> Frame:
    """Directed state-to-state events: every event whose two sides act for two different states."""
    rows = []
    for event in events(dataset):
        if event.source.country is None or event.target.country is None or event.source.country == event.target.country:
            continue
        year = (
            event.earliest.year
            if event.earliest and event.latest and event.earliest.year == event.latest.year
            else None
        )
        rows.append(
            (
                event.record_table,
                event.record_id,
                event.event,
                event.code.cameo,
                event.code.plover,
                *_side_values(event.source),
                *_side_values(event.target),
                event.earliest,
                event.latest,
                year,
            )
        )
    rows.sort(key=lambda row: tuple("" if v is None else str(v) for v in row))
    return Frame(
        "dyadic_events",
        "Directed events between two states (state A -> state B), with ISO, COW and G&W codes and date bounds.",
        DYAD_COLUMNS,
        tuple(rows),
        foreign_keys=(
            ForeignKey("source_iso3", "state_codes", "iso3"),
            ForeignKey("target_iso3", "state_codes", "iso3"),
        ),
    )


@per_dataset
def derived_frames(dataset: Dataset) -> tuple[Frame, ...]:
    """The derived analysis tables, in the order the formats write them (built once per dataset)."""
    return (state_codes_frame(), event_codes_frame(dataset), dyadic_events_frame(dataset), dyad_years_frame(dataset))
