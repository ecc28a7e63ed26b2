"""One page per actor: who or what it is, and every record that names it, grouped by table.

Journalists arrive at an actor ("what has Belarus done with the regime?"),
not at a table, so each actor's page gathers the visits, agreements,
observations, transfers, positions, offices and sources that point to it,
each with the date and the column through which it points.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

from ..models import Actor, Record
from ..models.actors import ActorKind
from ..registry import ACTORS, TABLES, Table
from .escape import attr, text
from .links import Site, actor_page, noun, record_id
from .records import belonging_html, chronological, fields_html, first_date, linked_records
from .values import date_html, html_table, reference_html


def linked_sections(site: Site, actor_id: str) -> Iterator[str]:
    """Per record table, the records that name the actor: name, date, and in what role.

    Each section opens with a sentence of how many records name the actor in
    which role, the preview the search shows of it; the table under it is
    left out of the search, whose results lead to the records themselves.
    """
    for table_name, owners in rolled_up_records(site, actor_id).items():
        table = TABLES[table_name]
        roles = {id(record): named for record, named in owners.values()}
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
        yield f'<p class="md-summary">{text(roles_sentence(site.name(actor_id), table, list(roles.values())))}</p>'
        yield ""
        yield html_table(f"md-records md-linked-{table.name}", ["record", "date", "role"], rows, searched=False)
        yield ""


def rolled_up_records(site: Site, actor_id: str) -> dict[str, dict[str, tuple[Record, list[str]]]]:
    """The records that name the actor, and those that name an actor acting for it (``Dataset.acts_for``:
    a state's ministries and officials, a ministry's departments), the role of the latter said with whose
    it is ("host (Ministry of Defence)"): the rule the library's navigation, the dyads and the network share."""
    groups = linked_records(site, actor_id)
    members = [
        a.actor_id for a in site.ds.actors if a.actor_id != actor_id and actor_id in site.ds.acts_for(a.actor_id)
    ]
    for member in members:
        for table_name, owners in linked_records(site, member).items():
            if table_name == ACTORS.name:
                continue  # a member's own parts are the member's page's
            group = groups.setdefault(table_name, {})
            for owner_id, (record, roles) in owners.items():
                entry = group.setdefault(owner_id, (record, []))
                for named in (f"{named} ({site.name(member)})" for named in roles):
                    if named not in entry[1]:
                        entry[1].append(named)
    return {t.name: groups[t.name] for t in TABLES.values() if t.name in groups}


def roles_sentence(name: str, table: Table, roles: list[list[str]]) -> str:
    """``3 visits name Russia as host (2), claimant (1).``; ``2 actors name Russia as parent.``"""
    counts = Counter(named for record in roles for named in record)
    each = ", ".join(f"{named} ({count})" if len(counts) > 1 else named for named, count in counts.most_common())
    return f"{counted(len(roles), noun(table))} name{'s' if len(roles) == 1 else ''} {name} as {each}."


def counted(count: int, thing: str) -> str:
    """``1 visit``, ``2 visits``, ``1 arms transfer``."""
    return f"{count} {thing}{'' if count == 1 else 's'}"


def in_words(items: list[str]) -> str:
    """``a, b and c``."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def summary_html(site: Site, actor: Actor) -> str:
    """The sentence that opens an actor's page, and its preview in the search: what the actor is, and how many
    records of each table name it."""
    where = f", {site.country(actor.country)}" if actor.country and actor.kind is not ActorKind.STATE else ""
    counts = [
        counted(len(owners), noun(TABLES[name])) for name, owners in rolled_up_records(site, actor.actor_id).items()
    ]
    named = (
        f"is named, itself or through those who act for it, by {in_words(counts)}"
        if counts
        else "is named by no other record"
    )
    return f'<p class="md-summary">{text(f"{actor.name} ({actor.kind.value}{where}) {named}.")}</p>'


STATE_BOOST = 10
"""How much higher the search ranks a state's page than other pages that match as well: a reader who types
"Russia" wants Russia's page first, not the pages of its ministries or the records that name it."""


def front_matter(actor: Actor) -> str:
    """Front matter naming the page, HTML-escaped, and raising a state's page in the search.

    MkDocs puts a page's title into ``<title>`` and the navigation without
    escaping, and would otherwise take it, unescaped, from the page's first heading.
    """
    boost = f"search:\n  boost: {STATE_BOOST}\n" if actor.kind is ActorKind.STATE else ""
    return f"---\ntitle: {json.dumps(attr(actor.name))}\n{boost}---\n"


def actor_markdown(site: Site, actor: Actor) -> str:
    """The page of one actor."""
    site = site.at(actor_page(actor.actor_id))
    table = ACTORS
    parts = [
        f'<div class="md-record md-actor" data-record="{attr(actor.actor_id)}">',
        summary_html(site, actor),
        fields_html(site, table, actor),
        *belonging_html(site, table, actor.actor_id),
        "</div>",
    ]
    lines = [
        front_matter(actor),
        f"# {text(actor.name)}",
        "",
        "\n".join(parts),
        "",
        *linked_sections(site, actor.actor_id),
    ]
    return "\n".join(lines).rstrip() + "\n"
