"""The network figure: who is tied to whom by visits, agreements, election observation and arms transfers.

People and bodies are drawn as the state or organisation they belong to
(Min Aung Hlaing and the Union Election Commission as Myanmar), so the
picture shows ties between states and blocs rather than a thicket of
officials; each tie's records are listed under the figure, which is its text
alternative. The layout is computed, not simulated: the actor with the most
ties sits in the middle and the others on a circle around it, grouped by
their commonest kind of tie, so every build draws the same picture.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..models import Record
from ..registry import TABLES, Table
from .escape import attr, text
from .links import FIGURES_DIR, Site, record_id
from .svg import document, text_width
from .timeline import START, placement
from .values import html_table

PAGE = f"{FIGURES_DIR}/network.md"
SVG_FILE = f"{FIGURES_DIR}/network.svg"
TIE_TABLES: tuple[Table, ...] = tuple(t for t in TABLES.values() if t.model.figure and t.model.figure.tie)
"""The tables whose models name a kind of tie (``Figure(tie=...)``), in the registry's order."""
KINDS = {t.model.figure.tie: t.model.figure.colour for t in TIE_TABLES}  # type: ignore[union-attr]
"""The kinds of tie, with their colours (the timeline's, by the same records)."""


@dataclass
class Tie:
    """The records of one kind that tie two actors."""

    a: str
    b: str
    kind: str
    records: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The id of the tie's row in the table under the figure."""
        return f"tie-{self.a}-{self.b}-{self.kind.replace(' ', '-')}"


def _in_window(site: Site, table: Table, record: Record) -> bool:
    placed = placement(site, table, record)
    return placed is None or placed[0][-1].latest >= START


def ties(site: Site) -> list[Tie]:
    """Every tie from 2020 on (the timeline's window), between two different drawn actors: for each
    table whose model names a kind of tie, the pairs of actors its records' ``drawn_ties`` give."""
    found: dict[tuple[str, str, str], Tie] = {}
    for table in TIE_TABLES:
        kind = table.model.figure.tie  # type: ignore[union-attr]
        for record in site.ds.table(table.name):
            if not _in_window(site, table, record):
                continue
            for first, second in record.drawn_ties(site.ds):
                if first.actor_id is None or second.actor_id is None:
                    continue
                ends = (site.ds.principal(side.actor_id, side.office_id) for side in (first, second))  # type: ignore[arg-type]
                a, b = sorted(ends)
                if a != b:
                    tie = found.setdefault((a, b, kind), Tie(a, b, kind))  # type: ignore[arg-type]
                    if (own_id := record_id(table, record)) not in tie.records:
                        tie.records.append(own_id)
    return sorted(found.values(), key=lambda t: (t.a, t.b, list(KINDS).index(t.kind)))


@dataclass(frozen=True)
class Node:
    """An actor placed on the figure."""

    actor_id: str
    x: float
    y: float
    degree: int


WIDTH, HEIGHT, RADIUS = 1200.0, 1240.0, 300.0
CENTRE = (WIDTH / 2, 600.0)
LABEL_ROOM = 250.0
"""How far a label may reach beyond its dot: names longer than this are shortened (the full name is the tooltip)."""


def layout(all_ties: list[Tie]) -> dict[str, Node]:
    """The hub (most ties) in the centre, every other actor on a circle, grouped by its commonest tie."""
    degree: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    for tie in all_ties:
        for end in (tie.a, tie.b):
            degree[end] += len(tie.records)
            kinds.setdefault(end, Counter())[tie.kind] += len(tie.records)
    if not degree:
        return {}
    hub = min(degree, key=lambda a: (-degree[a], a))
    order = list(KINDS)

    def commonest(actor: str) -> int:
        return min(order.index(kind) for kind in kinds[actor] if kinds[actor][kind] == max(kinds[actor].values()))

    ring = sorted((a for a in degree if a != hub), key=lambda a: (commonest(a), a))
    nodes = {hub: Node(hub, CENTRE[0], CENTRE[1], degree[hub])}
    for index, actor in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(ring), 1)
        nodes[actor] = Node(
            actor, CENTRE[0] + RADIUS * math.cos(angle), CENTRE[1] + RADIUS * math.sin(angle), degree[actor]
        )
    return nodes


def label_size(nodes: dict[str, Node]) -> float:
    """The labels' font size: 15 px, smaller when the ring is so crowded that neighbouring labels, which
    run outwards along their radius, would touch (they are one line each, and this keeps a line's height
    under the arc between two dots)."""
    ring = max(len(nodes) - 1, 1)
    return max(8.0, min(15.0, 2 * math.pi * RADIUS / ring * 0.8))


def _radius(node: Node) -> float:
    return 7 + 2.2 * math.sqrt(node.degree)


def svg(site: Site, inline: bool = False) -> str:
    """The network as a standalone SVG document, its links relative to the figures folder."""
    site = site.at(PAGE)
    all_ties = ties(site)
    nodes = layout(all_ties)
    body: list[str] = []
    pair_kinds: dict[tuple[str, str], list[str]] = {}
    for tie in all_ties:
        pair_kinds.setdefault((tie.a, tie.b), []).append(tie.kind)
    for tie in all_ties:
        a, b = nodes[tie.a], nodes[tie.b]
        siblings = pair_kinds[(tie.a, tie.b)]
        bend = (siblings.index(tie.kind) - (len(siblings) - 1) / 2) * 26
        length = math.hypot(b.x - a.x, b.y - a.y) or 1
        cx = (a.x + b.x) / 2 - (b.y - a.y) / length * bend
        cy = (a.y + b.y) / 2 + (b.x - a.x) / length * bend
        width = min(1.6 + 1.3 * (len(tie.records) - 1), 8)
        names = f"{site.label(site.ds[tie.a])} and {site.label(site.ds[tie.b])}"
        count = f"{len(tie.records)} {tie.kind}{'s' if len(tie.records) > 1 else ''}"
        body.append(
            f'<a href="#{attr(tie.anchor)}" class="md-tie"><title>{text(names)}: {text(count)}</title>'
            f'<path d="M{a.x:.1f},{a.y:.1f} Q{cx:.1f},{cy:.1f} {b.x:.1f},{b.y:.1f}" fill="none" '
            f'stroke="{KINDS[tie.kind]}" '
            f'stroke-width="{width:.1f}" stroke-opacity="0.8" stroke-linecap="round"/></a>'
        )
    size = label_size(nodes)
    for node in nodes.values():
        actor = site.ds[node.actor_id]
        name = site.label(actor)
        r = _radius(node)
        fill = {"state": "#3b3b3b", "intergovernmental": "#6a4c93"}.get(actor.kind.value, "#8a8a8a")  # type: ignore[attr-defined]
        body.append(
            f'<a href="{attr(site.record_href(node.actor_id))}" class="md-node" data-actor="{attr(node.actor_id)}">'
            f"<title>{text(name)}: {node.degree} records</title>"
            f'<circle cx="{node.x:.1f}" cy="{node.y:.1f}" r="{r:.1f}" fill="{fill}" stroke="#ffffff" stroke-width="2"/>'
            f"{_label(node, r, shorten_to(name, size), size)}</a>"
        )
    body.extend(_legend())
    description = (
        f"{len(nodes)} states, organisations and groups tied by {sum(len(t.records) for t in all_ties)} records from "
        f"{START.year} on: "
        + ", ".join(f"{sum(len(t.records) for t in all_ties if t.kind == kind)} {kind}s" for kind in KINDS)
        + ". People and bodies are drawn as their state. The table below the figure lists every tie and its records."
    )
    return document(
        "network",
        WIDTH,
        HEIGHT,
        "Network of ties by visits, agreements, observation and arms transfers since 2020",
        description,
        body,
        inline,
    )


def shorten_to(name: str, size: float) -> str:
    """The name, cut at a word with an ellipsis when it would reach further than ``LABEL_ROOM``."""
    if text_width(name, size) <= LABEL_ROOM:
        return name
    words, kept = name.split(), ""
    for word in words:
        if text_width(f"{kept} {word}…".strip(), size) > LABEL_ROOM:
            break
        kept = f"{kept} {word}".strip()
    return f"{kept or name[: int(LABEL_ROOM / (size * 0.56)) - 1]}…"


def _label(node: Node, r: float, name: str, size: float) -> str:
    """A node's label: under the hub; for a dot on the ring, one line running outwards along its radius,
    turned so that it never reads upside down."""
    style = (
        f'font-size="{size:.1f}" fill="#111" stroke="#ffffff" stroke-width="4" paint-order="stroke" '
        'stroke-linejoin="round"'
    )
    dx, dy = node.x - CENTRE[0], node.y - CENTRE[1]
    if abs(dx) < 1 and abs(dy) < 1:
        return f'<text x="{node.x:.1f}" y="{node.y + r + 17:.1f}" text-anchor="middle" {style}>{text(name)}</text>'
    angle = math.degrees(math.atan2(dy, dx))
    norm = math.hypot(dx, dy)
    x, y = node.x + dx / norm * (r + 6), node.y + dy / norm * (r + 6)
    anchor = "start"
    if dx < -0.5:  # the left half: turned half a turn, so it reads left to right, ending at the dot
        angle, anchor = angle - 180, "end"
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="central" '
        f'transform="rotate({angle:.1f} {x:.1f} {y:.1f})" {style}>{text(name)}</text>'
    )


def _legend() -> list[str]:
    parts, x, y = [], 24.0, HEIGHT - 40
    for kind, colour in KINDS.items():
        label = f"{kind}s"
        parts.append(
            f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 30:.1f}" y2="{y - 4:.1f}" stroke="{colour}" '
            'stroke-width="4" stroke-linecap="round"/>'
        )
        parts.append(f'<text x="{x + 38:.1f}" y="{y:.1f}" font-size="13" fill="#333">{text(label)}</text>')
        x += 38 + text_width(label, 13) + 28
    parts.append(
        f'<text x="24" y="{HEIGHT - 16:.1f}" font-size="13" fill="#555">Thicker lines: more records. Dark dots: '
        "states; purple: blocs; grey: other groups. Long names are shortened: the full name shows on hover.</text>"
    )
    return parts


def page_markdown(site: Site) -> str:
    """The network page: the figure, how to read it, and every tie with its records as a table."""
    site = site.at(PAGE)
    rows, attrs = [], []
    for tie in ties(site):
        records = ", ".join(f'<a href="{attr(site.record_href(r))}">{text(r)}</a>' for r in tie.records)
        between = (
            f'<a href="{attr(site.record_href(tie.a))}">{text(site.label(site.ds[tie.a]))}</a> and <a '
            f'href="{attr(site.record_href(tie.b))}">{text(site.label(site.ds[tie.b]))}</a>'
        )
        rows.append([between, text(tie.kind), str(len(tie.records)), records])
        attrs.append(f'id="{attr(tie.anchor)}"')
    return "\n".join(
        [
            "# Network",
            "",
            (
                "Who is tied to whom by visits, agreements and pledges, election observation and arms transfers, from "
                "2020 on,"
            ),
            (
                "drawn from the data on each build of this site. People and bodies appear as their state "
                "(Min Aung Hlaing as"
            ),
            (
                "Myanmar); observation ties the observer to the state holding the election; declined invitations "
                "are not ties."
            ),
            "Click a dot for the actor's page, a line for its records in the table below.",
            "",
            (
                f'<figure class="md-figure-network">\n{svg(site, inline=True)}<figcaption>The same figure as a file: '
                f'<a href="{attr(site.href(SVG_FILE))}">network.svg</a>.</figcaption>\n</figure>'
            ),
            "",
            "## The ties in the figure",
            "",
            html_table("md-records md-figure-table", ["between", "tie", "records", "which"], rows, attrs),
            "",
        ]
    )
