"""One browsable page per record table: every record with its fields, linked rows, linked actors and sources.

A page opens with an overview table (one row per record: name, date, the
actors it links) and then gives each record a section: its fields, the rows
that belong to it (a visit's participants, an agreement's parties), the
records that point to it, and its citations. Data reaches the page only as
HTML built here with every value escaped, inside raw HTML blocks that
Markdown leaves alone; headings carry escaped text and an explicit id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import Enum

from ..models import Citation, PartialDate, Record, Source, field_label
from ..models.base import DocEnum
from ..registry import ACTORS, RECORD_TABLES, TABLES, Table
from .disputes import PAGE as DISPUTES_PAGE
from .disputes import mark_html, readings_row_html
from .escape import attr, prose, text
from .links import Link, Site, noun, record_id, table_page
from .values import (
    cited_source_html,
    claim_html,
    date_html,
    field_html,
    html_table,
    is_prose,
    reading_html,
    reference_html,
    source_html,
    value_html,
)


def first_date(record: Record) -> PartialDate | None:
    """The record's first partial date that is set: when it happened, was made or was published."""
    return next((v for v in record.__dict__.values() if isinstance(v, PartialDate)), None)


def chronological(records: Iterable[Record], table: Table) -> list[Record]:
    """Records earliest first, undated ones last, ties by id."""

    def key(record: Record) -> tuple[bool, str, str]:
        date = first_date(record)
        return (date is None, date.earliest.isoformat() if date else "", record_id(table, record))

    return sorted(records, key=key)


def child_tables(table: Table) -> list[Table]:
    """Tables whose rows belong to a record of ``table`` (citations aside): participants, parties, phases."""
    return [
        t
        for t in TABLES.values()
        if t.cites is None and (k := t.parent_key) is not None and k.reference_table == table.name
    ]


def rows_of(site: Site, child: Table, owner_id: str) -> list[Record]:
    """The rows of ``child`` that belong to the record ``owner_id``."""
    key = child.parent_key
    return [row for row in site.ds.table(child.name) if key is not None and getattr(row, key.field) == owner_id]


def role(link: Link) -> str | None:
    """What a record names another as, in a reader's words: the label of the field that points (``traveller``,
    ``host``, ``claimant``), or, for a row of the record whose key holds a vocabulary value, that value (an
    agreement's ``party`` or ``signatory``, a visit participant who ``met`` the traveller).

    None for the columns by which a citation names the row it cites: the row itself says the role.
    """
    table = link.table
    if link.field in table.cited_fields:
        return None
    if table is not link.owner_table and link.field in table.key:  # a claimant of a row's citation is a claimant
        terms = (getattr(link.row, field) for field in table.key if field != link.field)
        term = next((value for value in terms if isinstance(value, DocEnum)), None)
        if term is not None:
            return str(term.value)
    return field_label(table.model, link.field)


def actor_roles(site: Site, table: Table, record: Record) -> dict[str, list[str]]:
    """Every actor a record names, in its own fields or in the rows that belong to it, each once with its roles."""
    found: dict[str, list[str]] = {}
    own_id = record_id(table, record)
    for t, rows in [(table, [record])] + [(c, rows_of(site, c, own_id)) for c in child_tables(table)]:
        for row in rows:
            for key in t.foreign_keys:
                value = getattr(row, key.field)
                if key.reference_table == ACTORS.name and value is not None and value != own_id:
                    named = role(Link(t, row, key.field, table, record))
                    roles = found.setdefault(value, [])
                    if named is not None and named not in roles:
                        roles.append(named)
    return found


def article(phrase: str) -> str:
    """``a visit``, ``an arms transfer``."""
    return f"{'an' if phrase[:1] in 'aeiou' else 'a'} {phrase}"


def summary_html(site: Site, table: Table, record: Record) -> str:
    """The sentence that opens a record's section: what it is, when, and whom it names in which role.

    The search shows a section's first words as its preview, so this is what
    a reader sees of the record among the results.
    """
    kind = getattr(record, "kind", None)
    what = article(noun(table)) + (f" ({kind.value})" if isinstance(kind, Enum) else "")
    date = first_date(record)
    if date is not None:
        what += f", {date.describe()}"
    named = [
        reference_html(site, actor) + (f" ({text(', '.join(roles))})" if roles else "")
        for actor, roles in actor_roles(site, table, record).items()
    ]
    return f'<p class="md-summary">{text(what[:1].upper() + what[1:])}{": " + ", ".join(named) if named else ""}.</p>'


def fields_html(site: Site, table: Table, record: Record, skip: tuple[str, ...] = ()) -> str:
    """A record's non-empty fields as a two-column table, each called by its label, its meaning as a tooltip.

    A disputed field is marked, and the row under it lists every source's reading of it.

    The search indexes only the fields that hold words (a purpose, a note),
    each as a paragraph of its own, and not the words of the record's heading
    again: the labels, codes, dates and references would run together in its
    previews, and the sentence opening the record already names its kind,
    date and actors.
    """
    lines = ['<table class="md-fields">', "<tbody>"]
    own_id = record_id(table, record)
    heading = site.label(record)
    for field in table.fields:
        shown = value_html(site, table, record, field)
        dispute = site.disputed.get((own_id, field))
        if dispute is not None:
            shown = f"{shown} {mark_html(site, dispute)}"
        if not shown or field in skip:
            continue
        label = field_html(table, field)
        if is_prose(table, field) and str(getattr(record, field)) not in heading:
            lines.append(f"<tr><th data-search-exclude>{label}</th> <td><p>{shown}</p></td></tr>")
        else:
            lines.append(f"<tr data-search-exclude><th>{label}</th> <td>{shown}</td></tr>")
        if dispute is not None:
            lines.append(readings_row_html(site, dispute))
    lines.extend(["</tbody>", "</table>"])
    return "\n".join(lines)


def rows_html(site: Site, table: Table, rows: list[Record], skip: str) -> str:
    """Rows of a table as an HTML table without the column ``skip`` (the reference to their owner).

    A last column gives each row's own sources (a participant is a claim too),
    each with the place in it and how surely it supports the row.
    """
    fields = [f for f in table.fields if f != skip and any(getattr(r, f) is not None for r in rows)]
    return html_table(
        "md-linked",
        [*(field_html(table, f) for f in fields), "supported by"],
        ([*(value_html(site, table, row, f) for f in fields), row_sources_html(site, row)] for row in rows),
        searched=False,
    )


def row_sources_html(site: Site, row: Record) -> str:
    """The citations of a row that belongs to a record, one a line: the source, where, and how surely."""
    lines = []
    for c in site.ds.row_citations(row):
        source = site.ds[c.source_id]
        assert isinstance(source, Source)
        lines.append(f"{source_html(site, source)} ({text(c.locator)}; {text(c.certainty.value)})")
    return "<br>".join(lines)


def citations_html(site: Site, table: Table, citations: Iterable[Citation]) -> str:
    """Which sources support a record of ``table``, where, claimed by whom and how surely; with each reading of
    a field, called by its label.

    Each source is shown by title, publisher and date, linked to its address,
    never by its id; three columns keep the table within the page.
    """
    cites = next(t for t in TABLES.values() if t.cites is not None)
    rows = []
    for c in citations:
        reading = "the record"
        if c.field:
            value = reading_html(site, table, site.ds[c.record_id], c.field, c.value or "")
            reading = f"{text(field_label(table.model, c.field))}: {value}"
        if c.as_of is not None:
            reading += f" (as of {date_html(c.as_of)})"
        if c.note:
            reading += f'<br><span class="md-via">{value_html(site, cites, c, "note")}</span>'
        source = site.ds[c.source_id]
        assert isinstance(source, Source)
        rows.append(
            [
                cited_source_html(site, source, c.locator),
                claim_html(site, c.claimant_kind, c.claimant_id, c.certainty),
                reading,
            ]
        )
    return html_table("md-citations", ["source, where", "claimed by, how surely", "supports"], rows, searched=False)


def linked_records(site: Site, record_id_: str) -> dict[str, dict[str, tuple[Record, list[str]]]]:
    """The records that point to ``record_id_`` (itself aside), by table and id, each with what they name it as
    (:func:`role`): ``traveller``, or ``party`` when an agreement's row of parties names it."""
    groups: dict[str, dict[str, tuple[Record, list[str]]]] = {}
    for link in site.links_to.get(record_id_, ()):
        owner_id = record_id(link.owner_table, link.owner)
        named = role(link)
        if owner_id == record_id_ or named is None:
            continue
        entry = groups.setdefault(link.owner_table.name, {}).setdefault(owner_id, (link.owner, []))
        if named not in entry[1]:
            entry[1].append(named)
    return {t.name: groups[t.name] for t in RECORD_TABLES if t.name in groups}


def linked_html(site: Site, record_id_: str) -> str:
    """The records that point to a record as a list by table; empty text when there are none."""
    groups = linked_records(site, record_id_)
    if not groups:
        return ""
    lines = ['<ul class="md-links">']
    for table_name, owners in groups.items():
        items = ", ".join(
            f'{reference_html(site, owner_id)} <span class="md-via">({text(", ".join(roles))})</span>'
            for owner_id, (_, roles) in owners.items()
        )
        lines.append(f"<li><strong>{text(TABLES[table_name].label)}</strong>: {items}</li>")
    lines.append("</ul>")
    return "\n".join(lines)


def subheading(title: str) -> str:
    """The title of a table within a record, left out of the search with the table it names."""
    return f"<p data-search-exclude><strong>{text(title)}</strong></p>"


def belonging_html(site: Site, table: Table, record_id_: str) -> list[str]:
    """The rows that belong to a record (a visit's participants, an actor's other names), table by table, then
    its sources; the search leaves them out, as the sentence opening the record names the actors of its rows."""
    parts = []
    for child in child_tables(table):
        rows = rows_of(site, child, record_id_)
        key = child.parent_key
        if rows and key is not None:
            parts.extend([subheading(child.label), rows_html(site, child, rows, key.field)])
    citations = site.ds.citations_of(record_id_)
    if citations:
        parts.extend([subheading("Sources"), citations_html(site, table, citations)])
    return parts


def record_section(site: Site, table: Table, record: Record) -> Iterator[str]:
    """A record's section: heading, fields, rows that belong to it, sources, records pointing to it."""
    own_id = record_id(table, record)
    date = first_date(record)
    when = f" ({date.describe()})" if date is not None and table.captioned else ""
    yield f"## {text(site.label(record) + when)} {{#{own_id}}}"
    yield ""
    parts = [
        f'<div class="md-record" data-record="{attr(own_id)}">',
        summary_html(site, table, record),
        *([f'<p class="md-cite">{source_html(site, record, entry=False)}</p>'] if isinstance(record, Source) else []),
        fields_html(site, table, record),
        *belonging_html(site, table, own_id),
    ]
    linked = linked_html(site, own_id)
    if linked:
        parts.extend(["<p><strong>Linked records</strong></p>", linked])
    parts.append("</div>")
    yield "\n".join(parts)
    yield ""


def overview_html(site: Site, table: Table, records: list[Record]) -> str:
    """One row per record: its name (a link to its section or page), its date, the actors it links.

    The search leaves it out: each record's own section says the same in a sentence.
    """
    rows, attrs = [], []
    for record in records:
        own_id = record_id(table, record)
        date = first_date(record)
        actors = ", ".join(reference_html(site, a) for a in actor_roles(site, table, record))
        rows.append([reference_html(site, own_id), date_html(date) if date else "", actors])
        attrs.append(f'data-record="{attr(own_id)}"')
    headers = ["record", "date", "linked actors"]
    return html_table(f"md-records md-records-{table.name}", headers, rows, attrs, searched=False)


def table_markdown(site: Site, table: Table) -> str:
    """The whole page of one record table."""
    records = chronological(site.ds.table(table.name), table)
    site = site.at(table_page(table.name))
    dictionary = site.href("data-dictionary.md", table.name)
    lines = [
        f"# {text(table.label)}",
        "",
        f'<p class="md-intro">{prose(table.description)}</p>',
        "",
        (
            f'<p class="md-count"><strong>{len(records)}</strong> records, earliest first. '
            f'Every column is described in the <a href="{attr(dictionary)}">data dictionary</a>; '
            f"the file is <code>{text(table.path)}</code>.</p>"
        ),
        "",
        overview_html(site, table, records),
        "",
    ]
    if table is not ACTORS:
        for record in records:
            lines.extend(record_section(site, table, record))
    return "\n".join(lines).rstrip() + "\n"


def index_markdown(site: Site) -> str:
    """The page that lists every table with its number of rows and where its rows are shown."""
    site = site.at(table_page("index"))
    rows = []
    for table in TABLES.values():
        count = len(site.ds.table(table.name))
        key = table.parent_key
        if table.id_field is not None:
            where = f'<a href="{attr(site.href(table_page(table.name)))}">{text(table.label)}</a>'
        elif key is not None:
            where = (
                "with each record of <a "
                f'href="{attr(site.href(table_page(key.reference_table)))}">{text(TABLES[key.reference_table].label)}</a>'
            )
        else:
            where = ""
        rows.append(
            [
                f"<code>{text(table.name)}</code>",
                prose(table.description.splitlines()[0] if not table.cites else f"Citations of ``{table.cites}``."),
                str(count),
                where,
            ]
        )
    return "\n".join(
        [
            "# Browse the records",
            "",
            "Every record of the data package, table by table, with the actors it names and the sources that",
            "support it. These pages are generated from the data files on each build of this site.",
            "",
            (
                f'<p class="md-count">Where sources of the same time disagree on a value, the field is marked '
                f'<em>disputed</em> on its record; <a href="{attr(site.href(DISPUTES_PAGE))}">the disputed fields</a> '
                f"lists all {len(site.disputed)} of them with every reading.</p>"
            ),
            "",
            html_table("md-tables", ["table", "what a row is", "rows", "shown on"], rows),
            "",
        ]
    )
