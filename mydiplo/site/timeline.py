"""The timeline figure: records of the tables whose models ask for a lane, from 2020 on, drawn as SVG.

Each record is a bar from the earliest to the latest day its partial dates
allow, so "December 2025" is a month wide and "2025" a year wide: the
picture shows how precisely each event is known. Records whose own dates are
unknown (most arms transfers) are drawn hollow at the date they were first
reported, the publication date of their earliest source. A table of the
same events under the figure is its text alternative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import PartialDate, Record
from ..models.roles import in_words, shorten
from ..registry import TABLES, Table
from .escape import attr, text
from .links import FIGURES_DIR, Site, record_id
from .svg import document, text_width
from .values import html_table

PAGE = f"{FIGURES_DIR}/timeline.md"
SVG_FILE = f"{FIGURES_DIR}/timeline.svg"
START = dt.date(2020, 1, 1)
COUP = dt.date(2021, 2, 1)


@dataclass(frozen=True)
class Lane:
    """One row of the timeline: a table, the date fields that bound its records, and how to name them."""

    table: str
    title: str
    colour: str
    dates: tuple[str, ...]


LANES = tuple(
    Lane(t.name, t.label, t.model.figure.colour, t.model.span)
    for t in TABLES.values()
    if t.model.figure and t.model.figure.lane
)
"""The tables whose models ask for a row of the timeline (``Figure(lane=True)``), in the registry's order."""


@dataclass(frozen=True)
class Bar:
    """One record placed in time."""

    lane: Lane
    record_id: str
    label: str
    start: dt.date
    end: dt.date
    when: str
    hedged: bool
    reported: bool


def placement(site: Site, table: Table, record: Record) -> tuple[list[PartialDate], bool] | None:
    """The dates that place a record in time, and whether they are only the day it was first reported.

    A record's own ``span`` dates; else the first date of the record its model is ``dated_by``
    (nothing, when that one is undated too); else the publication date of its earliest source.
    None when nothing places it.
    """
    own = [d for d in (getattr(record, f) for f in record.span) if d is not None]
    if own:
        return own, False
    if record.dated_by is not None:
        other = site.ds[getattr(record, record.dated_by)]
        first = getattr(other, other.span[0])
        return ([first], False) if first is not None else None
    published = sorted(
        (s.published_date for s in site.ds.sources_of(record_id(table, record)) if s.published_date),
        key=lambda d: d.earliest,
    )
    return ([published[0]], True) if published else None


def event_of(site: Site, lane: Lane, record: Record) -> Bar | None:
    """Where a record lies in time: the span of its own dates, else the day it was first reported."""
    table = TABLES[lane.table]
    placed = placement(site, table, record)
    if placed is None:
        return None
    dates, reported = placed
    start, end = dates[0], dates[-1]
    if reported:
        when = f"undated; first reported {start.describe()}"
    else:
        when = start.describe() if start == end else f"{start.describe()} to {end.describe()}"
    hedged = any(d.approximate or d.uncertain for d in dates)
    return Bar(lane, record_id(table, record), site.label(record), start.earliest, end.latest, when, hedged, reported)


def lanes_in_words() -> str:
    """The lanes as a phrase: ``visits, agreements, elections and arms transfers``."""
    return in_words([lane.title.lower() for lane in LANES])


def events(site: Site) -> list[Bar]:
    """Every event of the lanes that reaches into 2020 or later, earliest first within each lane."""
    found = []
    for lane in LANES:
        for record in site.ds.table(lane.table):
            event = event_of(site, lane, record)
            if event is not None and event.end >= START:
                found.append(event)
    return sorted(found, key=lambda e: (LANES.index(e.lane), e.start, e.end, e.record_id))


WIDTH, LEFT, RIGHT, TOP = 1200.0, 130.0, 20.0, 46.0
ROW, BAR, FONT_SIZE, LANE_GAP = 21.0, 12.0, 12.5, 14.0
LABEL_LENGTH = 46
"""Labels longer than this are cut in the figure; its tooltips and the table under it give them whole."""


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / (last - first).days


def _pack(spans: list[tuple[float, float]]) -> list[int]:
    """A row for each horizontal span such that no two spans in a row overlap (first fit, in order)."""
    rows: list[float] = []
    placed = []
    for left, right in spans:
        row = next((i for i, end in enumerate(rows) if left > end + 8), None)
        if row is None:
            rows.append(right)
            row = len(rows) - 1
        rows[row] = right
        placed.append(row)
    return placed


def svg(site: Site, inline: bool = False) -> str:
    """The timeline as a standalone SVG document, its links relative to the figures folder."""
    site = site.at(PAGE)
    all_events = events(site)
    last = dt.date(max(e.end for e in all_events).year + 1, 1, 1) if all_events else dt.date(START.year + 1, 1, 1)
    body: list[str] = []
    y = TOP
    for year in range(START.year, last.year + 1):
        x = _x(dt.date(year, 1, 1), START, last)
        body.append(
            f'<line x1="{x:.1f}" y1="{TOP - 14:.1f}" x2="{x:.1f}" y2="@BOTTOM@" stroke="#d0d0d0" stroke-width="1"/>'
        )
        if year < last.year:
            mid = _x(dt.date(year, 7, 1), START, last)
            body.append(
                f'<text x="{mid:.1f}" y="{TOP - 20:.1f}" font-size="14" font-weight="600" text-anchor="middle" '
                f'fill="#333">{year}</text>'
            )
    for lane in LANES:
        lane_events = [e for e in all_events if e.lane is lane]
        spans, anchors, bars = [], [], []
        for e in lane_events:
            x0 = _x(max(e.start, START), START, last)
            x1 = max(_x(e.end + dt.timedelta(days=1), START, last), x0 + 5)
            bars.append((x0, x1))
            width = text_width(shorten(e.label, LABEL_LENGTH), FONT_SIZE)
            if x1 + 5 + width <= WIDTH - RIGHT:
                spans.append((x0, x1 + 5 + width))
                anchors.append("start")
            else:
                spans.append((x0 - 5 - width, x1))
                anchors.append("end")
        rows = _pack(spans)
        height = (max(rows) + 1 if rows else 1) * ROW
        body.append(
            f'<rect x="0" y="{y - 6:.1f}" width="{WIDTH:.0f}" height="{height + 12:.1f}" fill="{lane.colour}" '
            'fill-opacity="0.06"/>'
        )
        body.append(
            f'<text x="12" y="{y + 14:.1f}" font-size="15" font-weight="700" '
            f'fill="{lane.colour}">{text(lane.title)}</text>'
        )
        body.append(f'<text x="12" y="{y + 31:.1f}" font-size="12" fill="#555">{len(lane_events)} records</text>')
        for e, row, anchor, (x0, x1) in zip(lane_events, rows, anchors, bars):
            top = y + row * ROW
            fill = "#ffffff" if e.reported else lane.colour
            opacity = "0.45" if e.hedged and not e.reported else "1"
            dash = ' stroke-dasharray="3 2"' if e.hedged or e.reported else ""
            tx = x1 + 5 if anchor == "start" else x0 - 5
            href = site.record_href(e.record_id)
            body.append(
                f'<a href="{attr(href)}" class="md-event" data-record="{attr(e.record_id)}">'
                f"<title>{text(e.label)}: {text(e.when)}</title>"
                f'<rect x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="{BAR}" rx="3" fill="{fill}" '
                f'fill-opacity="{opacity}" stroke="{lane.colour}" stroke-width="1.5"{dash}/>'
                f'<text x="{tx:.1f}" y="{top + BAR - 1.5:.1f}" font-size="{FONT_SIZE}" text-anchor="{anchor}" '
                f'fill="#222">{text(shorten(e.label, LABEL_LENGTH))}</text></a>'
            )
        y += height + LANE_GAP
    coup = _x(COUP, START, last)
    body.append(
        f'<line x1="{coup:.1f}" y1="{TOP - 8:.1f}" x2="{coup:.1f}" y2="{y - LANE_GAP + 6:.1f}" stroke="#b00020" '
        'stroke-width="1.5" stroke-dasharray="5 3"/>'
    )
    body.append(
        f'<text x="{coup + 4:.1f}" y="{TOP - 4:.1f}" font-size="12" fill="#b00020">Coup, 1 February 2021</text>'
    )
    legend_y = y + 14
    body.extend(_legend(legend_y))
    height = legend_y + 26
    body = [part.replace("@BOTTOM@", f"{y - LANE_GAP + 6:.1f}") for part in body]
    counts = ", ".join(f"{sum(1 for e in all_events if e.lane is lane)} {lane.title.lower()}" for lane in LANES)
    description = (
        f"Timeline from {START.year} to {last.year - 1}: {counts}. Each bar runs from the earliest to the latest day "
        "its partial dates allow; undated records are hollow, at the date they were first reported. The table below "
        "the figure lists the same events."
    )
    return document(
        "timeline", WIDTH, height, f"Timeline of {lanes_in_words()} since {START.year}", description, body, inline
    )


def _legend(y: float) -> list[str]:
    items = [
        ('fill="#555"', "date known (bar: its span)"),
        ('fill="#555" fill-opacity="0.45" stroke-dasharray="3 2"', "approximate or uncertain date"),
        ('fill="#ffffff" stroke-dasharray="3 2"', "undated: placed when first reported"),
    ]
    parts, x = [], LEFT
    for style, label in items:
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="26" height="{BAR}" rx="3" {style} stroke="#555" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{x + 32:.1f}" y="{y + BAR - 1.5:.1f}" font-size="12.5" fill="#333">{text(label)}</text>'
        )
        x += 40 + text_width(label, 12.5) + 24
    return parts


def page_markdown(site: Site) -> str:
    """The timeline page: the figure, how to read it, and the same events as a table."""
    site = site.at(PAGE)
    rows = [
        [text(e.lane.title), text(e.when), f'<a href="{attr(site.record_href(e.record_id))}">{text(e.label)}</a>']
        for e in events(site)
    ]
    return "\n".join(
        [
            "# Timeline",
            "",
            f"{lanes_in_words().capitalize()} from {START.year} on, drawn from the data on each build of this site.",
            (
                "A bar runs from the earliest to the latest day a record's dates allow, so a date known only to "
                "the month is a"
            ),
            (
                "month wide; faded bars have approximate or uncertain dates; hollow bars are records without dates of "
                "their own,"
            ),
            "placed when a source first reported them. Click a bar to open its record.",
            "",
            (
                f'<figure class="md-figure-timeline">\n{svg(site, inline=True)}<figcaption>The same figure as a file: '
                f'<a href="{attr(site.href(SVG_FILE))}">timeline.svg</a>.</figcaption>\n</figure>'
            ),
            "",
            "## The events in the figure",
            "",
            html_table("md-records md-figure-table", ["kind", "when", "record"], rows),
            "",
        ]
    )
