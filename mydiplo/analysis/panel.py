"""The dyad-year panel: Myanmar and each other state, in both directions, for every year of the data.

Researchers who work in state-year and dyad-year panels (with peacesciencer,
COW or ATOP data) want one row per directed pair of states and year, zero
where nothing happened, keyed by ``ccode1``, ``ccode2`` and ``year``. The
panel pairs Myanmar with every state the data names (those of
:data:`~mydiplo.analysis.statecodes.STATE_CODES`), from 2021 to the last
year an event falls in, and counts the directed events of
``dyadic_events`` from state 1 toward state 2 by kind.

An event whose dates fall in one year counts in that year. One whose dates
span years counts in the first year they allow; one without dates counts in
the year it was first reported (the earliest publication of its sources).
Both are counted again in ``events_year_uncertain``, so that a researcher
can drop or weigh them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..dataset import Dataset
from .eventcodes import RULES
from .events import Event, events
from .frames import Frame, TypedColumn
from .statecodes import STATE_CODES, StateCodes

FOCUS = "MMR"
"""The state every dyad of the panel includes."""

FIRST_YEAR = 2021
"""The panel's first year: the year of the coup."""

EVENTS = tuple(dict.fromkeys(rule.event for rule in RULES))
"""The kinds of event the panel counts, one column each."""


COUNTED = (*EVENTS, "events", "events_year_uncertain")
"""The panel's count columns, in order."""


def _state_columns(number: int) -> tuple[TypedColumn, ...]:
    which = "acting" if number == 1 else "acted-upon"
    return (
        TypedColumn(f"iso3_{number}", "text", f"ISO 3166-1 alpha-3 code of the {which} state.", True),
        TypedColumn(f"ccode{number}", "integer", f"Correlates of War number of the {which} state; empty if none."),
        TypedColumn(f"gwcode{number}", "integer", f"Gleditsch-Ward number of the {which} state; empty if none."),
    )


PANEL_COLUMNS = (
    *_state_columns(1),
    *_state_columns(2),
    TypedColumn("year", "integer", "The calendar year.", True),
    *(
        TypedColumn(event, "integer", f"Events of kind {event!r} from state 1 toward state 2 in the year.", True)
        for event in EVENTS
    ),
    TypedColumn("events", "integer", "All events from state 1 toward state 2 in the year.", True),
    TypedColumn(
        "events_year_uncertain",
        "integer",
        "How many of the year's events are placed by the first year their dates allow, or by their first report.",
        True,
    ),
)


def placed_year(dataset: Dataset, event: Event) -> tuple[int, bool] | None:
    """The year an event counts in, and whether that year is certain; None when nothing places it."""
    if event.earliest is not None and event.latest is not None:
        return event.earliest.year, event.earliest.year == event.latest.year
    published = [s.published_date.earliest for s in dataset.sources_of(event.record_id) if s.published_date]
    return (min(published).year, False) if published else None


def dyad_years_frame(dataset: Dataset) -> Frame:
    """The zero-filled directed dyad-year panel of Myanmar and each other state (see the module)."""
    counts: Counter[tuple[str, str, int, str]] = Counter()
    last = FIRST_YEAR
    for event in events(dataset):
        source, target = event.source.country, event.target.country
        if source is None or target is None or source == target or FOCUS not in (source, target):
            continue
        placed = placed_year(dataset, event)
        if placed is None or placed[0] < FIRST_YEAR:
            continue
        year, certain = placed
        last = max(last, year)
        for column in (event.event, "events", *(() if certain else ("events_year_uncertain",))):
            counts[source, target, year, column] += 1
    focus = STATE_CODES[FOCUS]
    rows = []
    for other in sorted(code for code in STATE_CODES if code != FOCUS):
        for first, second in ((focus, STATE_CODES[other]), (STATE_CODES[other], focus)):
            for year in range(FIRST_YEAR, last + 1):
                rows.append(
                    (
                        *_codes(first),
                        *_codes(second),
                        year,
                        *(counts[first.iso3, second.iso3, year, column] for column in COUNTED),
                    )
                )
    rows.sort(key=lambda row: (row[0], row[3], row[6]))
    return Frame(
        "dyad_years",
        "Directed dyad-years of Myanmar and each state the data names, 2021 on, zero-filled: events by kind.",
        PANEL_COLUMNS,
        tuple(rows),
        ("iso3_1", "iso3_2", "year"),
    )


def _codes(state: StateCodes) -> tuple[Any, ...]:
    return state.iso3, state.cow_code, state.gw_code
