"""One field of one record as HTML: references become links, dates read as words, codes as names.

A source is shown as a reader looks it up (title, publisher, date, address),
and HTML tables are assembled here from cells already escaped, so every
module of the site renders values and tables the same way.

The rendering is chosen from the model's declaration of the field (its type,
its vocabulary, the table it references), never from the table's name, so a
field added to a model shows correctly without touching this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..models import PartialDate, Record, Source, field_label
from ..models.base import CodeList, DocEnum, Text, Url, WikidataId
from ..registry import SOURCES, Table, field_metadata
from .escape import attr, plain, text
from .links import Site, country_name, table_page


def date_html(value: PartialDate) -> str:
    """A partial date in words at its real precision ("December 2025"), its EDTF text as a tooltip."""
    return f'<span class="md-date" title="{attr(value.text)}">{text(value.describe())}</span>'


def enum_html(value: Enum) -> str:
    """A vocabulary value, with its documented meaning as a tooltip."""
    meaning = getattr(value, "doc", "") if isinstance(value, DocEnum) else ""
    return f'<span class="md-term" title="{attr(meaning)}">{text(value.value)}</span>'


def reference_html(site: Site, record_id: str) -> str:
    """A link to the record or actor ``record_id``, called by its name."""
    record = site.ds.get(record_id)
    name = site.label(record) if record is not None else record_id
    return f'<a href="{attr(site.record_href(record_id))}">{text(name)}</a>'


SUPPLIED_TITLE = "A title supplied by the curator: the copy held shows no headline."
"""The tooltip of a title in square brackets, as librarians mark a title that is not on the document."""
ENTRY = "The source's entry: its details and every record it supports."


def source_html(site: Site, source: Source, entry: bool = True) -> str:
    """A source as a reader looks it up: its title linked to its address, its publisher and its date.

    A supplied title stands in square brackets; an archived copy is linked
    after the date; a source without a URL says why it has none. A last link
    leads to the source's entry, which lists every record it supports
    (``entry`` False leaves it out, for the entry itself).
    """
    title = f"<cite>{text(source.caption(site))}</cite>"
    if source.title_supplied:
        title = f'<span class="md-supplied" title="{attr(SUPPLIED_TITLE)}">{title}</span>'
    if source.url:
        title = _external(source.url, title, escaped=True)
    parts = [title, reference_html(site, source.publisher_id), date_html(source.published_date)]
    if source.archive_url:
        parts.append(_external(source.archive_url, "archived copy"))
    if source.missing_address is not None:
        doc = source.missing_address.doc.rstrip(".")
        reason = doc[:1].lower() + doc[1:]
        parts.append(f'<span class="md-no-address">no URL: {text(reason)}</span>')
    shown = ", ".join(parts)
    if entry:
        href = site.href(table_page(SOURCES.name), source.source_id)
        shown += f' (<a class="md-reference-entry" href="{attr(href)}" title="{attr(ENTRY)}">details</a>)'
    return f'<span class="md-reference">{shown}</span>'


def cited_source_html(site: Site, source: Source, locator: str) -> str:
    """A source a citation names, and under it the place in it that the citation reads."""
    return f'{source_html(site, source)} <br><span class="md-via">{text(locator)}</span>'


def claim_html(site: Site, kind: Enum, claimant_id: str | None, certainty: Enum) -> str:
    """Who makes a claim (its class of claimant, and the actor when the source names one), and under it how
    surely the source makes it."""
    who = enum_html(kind) + (f": {reference_html(site, claimant_id)}" if claimant_id else "")
    return f"{who} <br>{enum_html(certainty)}"


def value_html(site: Site, table: Table, record: Record, field: str) -> str:
    """The value of ``field`` in ``record`` as HTML; empty text when the field is empty."""
    value = getattr(record, field)
    if value is None:
        return ""
    if any(key.field == field for key in table.foreign_keys) and value in site.ds:
        return reference_html(site, str(value))
    if isinstance(value, PartialDate):
        return date_html(value)
    if isinstance(value, Enum):
        return enum_html(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return text(format(value, "f"))
    metadata = field_metadata(table.model.model_fields[field])
    if any(isinstance(item, CodeList) for item in metadata):
        return f'<span title="{attr(value)} ({attr(country_name(value))})">{text(site.country(value))}</span>'
    if _typed(metadata, Url):
        return _external(value, value)
    if _typed(metadata, WikidataId):
        return _external(f"https://www.wikidata.org/wiki/{value}", value)
    return text(value)


def reading_html(site: Site, table: Table, record: Record, field: str, value: str) -> str:
    """A source's reading of a field (text, as written in the CSV) shown as the field's own value would be: a
    date in words, an actor by name; as the text it is when it does not read as the field's type."""
    try:
        parsed = _adapter(table.model, field).validate_python(value)
    except ValidationError:
        return text(value)
    return value_html(site, table, record.model_copy(update={field: parsed}), field) or text(value)


@cache
def _adapter(model: type[Record], field: str) -> TypeAdapter[Any]:
    """The validator of one field's type, made once: making one costs more than using it."""
    return TypeAdapter(model.model_fields[field].rebuild_annotation())


def is_prose(table: Table, field: str) -> bool:
    """Whether a field holds words a reader searches for (a purpose, a note, a city), not a code, a date or a
    reference, which the sentence opening the record already says in words."""
    return _typed(field_metadata(table.model.model_fields[field]), Text)


def _typed(metadata: list[object], alias: object) -> bool:
    """Whether a field's metadata carries the constraints of the type alias ``alias`` (``Url``)."""
    return all(item in metadata for item in getattr(alias, "__metadata__", ()))


def _external(url: str, shown: str, escaped: bool = False) -> str:
    """A link out of the site, to a source or a reference work; ``shown`` is text, or HTML when ``escaped``."""
    return f'<a href="{attr(url)}" rel="nofollow noopener">{shown if escaped else text(shown)}</a>'


def field_tooltip(table: Table, field: str) -> str:
    """The documented meaning of a column, for a tooltip, the columns it mentions called by their labels."""
    model = table.model
    return plain(
        model.model_fields[field].description or "",
        lambda name: field_label(model, name) if name in model.model_fields else name,
    )


def field_html(table: Table, field: str) -> str:
    """A column as a reader meets it: its label (``traveller``), its meaning as a tooltip."""
    return f'<span title="{attr(field_tooltip(table, field))}">{text(field_label(table.model, field))}</span>'


def html_table(
    css: str,
    headers: Iterable[str],
    rows: Iterable[Iterable[str]],
    row_attrs: Iterable[str] | None = None,
    searched: bool = True,
) -> str:
    """An HTML table on lines of its own; cells must already be HTML.

    The search index never holds the column headings: run into the cells,
    they made its previews read "source where claimed by certainty ...".
    ``searched`` False leaves the whole table out of the index, for a table
    that repeats what the page says elsewhere in sentences.
    """
    attrs = list(row_attrs) if row_attrs is not None else None
    lines = [
        f'<table class="{css}"{"" if searched else " data-search-exclude"}>',
        "<thead data-search-exclude><tr>" + " ".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>",
        "<tbody>",
    ]
    for index, row in enumerate(rows):
        extra = f" {attrs[index]}" if attrs else ""
        lines.append(f"<tr{extra}>" + " ".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    lines.extend(["</tbody>", "</table>"])
    return "\n".join(lines)
