"""One page per actor: who or what it is, and every record that names it, grouped by table.

Journalists arrive at an actor ("what has Belarus done with the regime?"),
not at a table, so each actor's page gathers the visits, agreements,
observations, transfers, positions, offices and sources that point to it,
each with the date and the column through which it points.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..models import Actor, Record
from ..registry import RECORD_TABLES, TABLES
from .escape import attr, text
from .links import Link, Site, actor_page, record_id, table_title
from .links import parent_key
from .records import child_tables, chronological, citations_html, fields_html, first_date, html_table, rows_html, rows_of
from .values import date_html, reference_html


def _role(link: Link) -> str:
    """The column through which a row names the actor, qualified by its table when the row is a linked row."""
    return link.field if link.table is link.owner_table else f"{link.table.name}.{link.field}"


def linked_sections(site: Site, actor_id: str) -> Iterator[str]:
    """Per record table, the records that name the actor: name, date, and in what role."""
    groups: dict[str, dict[str, tuple[Record, list[str]]]] = {}
    for link in site.links_to.get(actor_id, ()):
        owner_id = record_id(link.owner_table, link.owner)
        if owner_id == actor_id:
            continue
        entry = groups.setdefault(link.owner_table.name, {}).setdefault(owner_id, (link.owner, []))
        if _role(link) not in entry[1]:
            entry[1].append(_role(link))
    for table in RECORD_TABLES:
        if table.name not in groups:
            continue
        owners = {id(record): roles for record, roles in groups[table.name].values()}
        records = chronological((record for record, _ in groups[table.name].values()), table)
        rows = []
        for record in records:
            date = first_date(record)
            roles = ", ".join(owners[id(record)])
            rows.append([reference_html(site, record_id(table, record)), date_html(date) if date else "", f'<span class="md-via">{text(roles)}</span>'])
        yield f"## {text(table_title(table))} {{#linked-{table.name}}}"
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
    table = TABLES["actors"]
    parts = [f'<div class="md-record md-actor" data-record="{text(actor.actor_id)}">', fields_html(site, table, actor)]
    for child in child_tables(table):
        rows = rows_of(site, child, actor.actor_id)
        key = parent_key(child)
        if rows and key is not None:
            parts.extend([f"<p><strong>{text(table_title(child))}</strong></p>", rows_html(site, child, rows, key.field)])
    citations = site.ds.citations_of(actor.actor_id)
    if citations:
        parts.extend(["<p><strong>Sources</strong></p>", citations_html(site, citations)])
    parts.append("</div>")
    lines = [title_front_matter(actor.name), f"# {text(actor.name)}", "", "\n".join(parts), "", *linked_sections(site, actor.actor_id)]
    return "\n".join(lines).rstrip() + "\n"
