"""One field of one record as HTML: references become links, dates read as words, codes as names.

The rendering is chosen from the model's declaration of the field (its type,
its vocabulary, the table it references), never from the table's name, so a
field added to a model shows correctly without touching this module.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from ..models import PartialDate, Record
from ..models.base import CodeList, DocEnum, Url, WikidataId
from ..registry import Table, field_metadata
from .escape import attr, text
from .links import Site, country_name


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


def _external(url: str, shown: str) -> str:
    """A link out of the site, to a source or a reference work."""
    return f'<a href="{attr(url)}" rel="nofollow noopener">{text(shown)}</a>'


def field_tooltip(table: Table, field: str) -> str:
    """The documented meaning of a column, for a tooltip."""
    return table.model.model_fields[field].description or ""
