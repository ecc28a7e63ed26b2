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

from ..models import PartialDate, Record, Source
from ..models.base import CodeList, DocEnum, Url, WikidataId
from ..registry import SOURCES, Table, field_metadata
from .escape import attr, text
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


def _typed(metadata: list[object], alias: object) -> bool:
    """Whether a field's metadata carries the constraints of the type alias ``alias`` (``Url``)."""
    return all(item in metadata for item in getattr(alias, "__metadata__", ()))


def _external(url: str, shown: str, escaped: bool = False) -> str:
    """A link out of the site, to a source or a reference work; ``shown`` is text, or HTML when ``escaped``."""
    return f'<a href="{attr(url)}" rel="nofollow noopener">{shown if escaped else text(shown)}</a>'


def field_tooltip(table: Table, field: str) -> str:
    """The documented meaning of a column, for a tooltip."""
    return table.model.model_fields[field].description or ""


def html_table(
    css: str, headers: Iterable[str], rows: Iterable[Iterable[str]], row_attrs: Iterable[str] | None = None
) -> str:
    """An HTML table on lines of its own; cells must already be HTML."""
    attrs = list(row_attrs) if row_attrs is not None else None
    lines = [
        f'<table class="{css}">',
        "<thead><tr>" + " ".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>",
        "<tbody>",
    ]
    for index, row in enumerate(rows):
        extra = f" {attrs[index]}" if attrs else ""
        lines.append(f"<tr{extra}>" + " ".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    lines.extend(["</tbody>", "</table>"])
    return "\n".join(lines)
