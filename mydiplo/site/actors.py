"""One page per actor: who or what it is, and every record that names it, grouped by table.

Journalists arrive at an actor ("what has Belarus done with the regime?"),
not at a table, so each actor's page gathers the visits, agreements,
observations, transfers, positions, offices and sources that point to it,
each with the date and the column through which it points.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..models import Actor
from ..registry import ACTORS, TABLES
from .escape import attr, text
from .links import Site, actor_page, record_id
from .records import belonging_html, chronological, fields_html, first_date, linked_records
from .values import date_html, html_table, reference_html


def linked_sections(site: Site, actor_id: str) -> Iterator[str]:
    """Per record table, the records that name the actor: name, date, and in what role."""
    for table_name, owners in linked_records(site, actor_id).items():
        table = TABLES[table_name]
        roles = {id(record): via for record, via in owners.values()}
        rows = [
            [
                reference_html(site, record_id(table, record)),
                date_html(date) if (date := first_date(record)) else "",
                f'<span class="md-via">{text(", ".join(roles[id(record)]))}</span>',
            ]
            for record in chronological((record for record, _ in owners.values()), table)
        ]
        yield f"## {text(table.label)} {{#linked-{table.name}}}"
        yield ""
        yield html_table(f"md-records md-linked-{table.name}", ["record", "date", "as"], rows)
        yield ""


def title_front_matter(title: str) -> str:
    """Front matter naming the page, HTML-escaped: MkDocs puts a page's title into ``<title>`` and the
    navigation without escaping, and would otherwise take it, unescaped, from the page's first heading."""
    return f"---\ntitle: {json.dumps(attr(title))}\n---\n"


def actor_markdown(site: Site, actor: Actor) -> str:
    """The page of one actor."""
    site = site.at(actor_page(actor.actor_id))
    table = ACTORS
    parts = [
        f'<div class="md-record md-actor" data-record="{attr(actor.actor_id)}">',
        fields_html(site, table, actor),
        *belonging_html(site, table, actor.actor_id),
        "</div>",
    ]
    lines = [
        title_front_matter(actor.name),
        f"# {text(actor.name)}",
        "",
        "\n".join(parts),
        "",
        *linked_sections(site, actor.actor_id),
    ]
    return "\n".join(lines).rstrip() + "\n"
