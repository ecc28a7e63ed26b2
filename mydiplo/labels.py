"""What a record is called, and how its values read, for a person rather than a program.

A record holds ids (``traveller_id = alexander-lukashenko``), codes (``MMR``)
and dates in EDTF (``2025-11``); a reader wants the names and the words. The
rules are written once here, so that ``ds.label``, ``ds.describe``, ``mydiplo
show`` and the site call a record, a reference and a country the same way.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from .models import Citation, PartialDate, Record, field_label
from .models.base import CodeList
from .models.countries import COUNTRIES
from .registry import Table, citation_table, field_metadata, table_of

if TYPE_CHECKING:
    from .dataset import Dataset

LABEL_FIELDS = ("name", "title", "designation")
"""Fields that name a record, in order of preference; a record without one is called by its id."""


class DatasetNames:
    """The names a record's caption needs (:class:`~mydiplo.models.roles.Names`), read from a dataset."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def name(self, record_id: str | None) -> str:
        """What the record with this id is called; ``?`` for None, the id itself when no record has it."""
        if record_id is None:
            return "?"
        return label(self.dataset, self.dataset[record_id]) if record_id in self.dataset else record_id

    def country(self, code: str) -> str:
        """A country as the data names its state ("Russia"), else by its ISO 3166-1 short name."""
        state = self.dataset.state_actor(code)
        return self.name(state) if state else COUNTRIES.get(code, code)


def label(dataset: Dataset, record: Record) -> str:
    """What a record is called: the phrase its model makes of its fields (its ``caption``), else its name,
    title or designation, else its id; a row without an id (a visit's participant) by the labels of its key."""
    caption = record.caption(DatasetNames(dataset))
    if caption is not None:
        return caption
    for name in LABEL_FIELDS:
        value = getattr(record, name, None)
        if value:
            return str(value)
    table = table_for(dataset, record)
    if table.id_field is not None:
        return str(getattr(record, table.id_field))
    return key_label(dataset, table, record)


def key_label(dataset: Dataset, table: Table, row: Record) -> str:
    """A row of ``table`` by its key, each reference by its record's label: ``Alexander Lukashenko to Myanmar,
    Maxim Ryzhenkov, delegation-member``. ``row`` may be a citation of such a row, which repeats its key."""
    references = {key.field for key in table.foreign_keys}
    values = [(field, getattr(row, field)) for field in table.key]
    return ", ".join(
        DatasetNames(dataset).name(value) if field in references else plain(value)
        for field, value in values
        if value is not None
    )


def with_name(dataset: Dataset, record_id: str) -> str:
    """An id followed by what its record is called, ``alexander-lukashenko (Alexander Lukashenko)``; the id
    alone when the record is called by it."""
    name = DatasetNames(dataset).name(record_id)
    return f"{record_id} ({name})" if name != record_id else record_id


def table_for(dataset: Dataset, record: Record) -> Table:
    """The table a record belongs to; a citation of a record by the table of the record it cites, since every
    record table's citations share one model."""
    cites = citation_table(table_of(type(dataset[record.record_id])).name) if isinstance(record, Citation) else None
    return cites or table_of(type(record))


def plain(value: Any) -> str:
    """A value as text without a dataset's help: a vocabulary's value, a flag as yes or no, else its own text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def field_text(dataset: Dataset, table: Table, field: str, value: Any) -> str:
    """A value of ``field`` as a reader reads it: a date with its words, a reference or a country code with its name.

    The id or code stays in front, so a reader can look it up (``mydiplo show``) or search for it.
    """
    if isinstance(value, PartialDate):
        return f"{value} ({value.describe()})"
    if any(key.field == field for key in table.foreign_keys):
        return with_name(dataset, value)
    if any(isinstance(marker, CodeList) for marker in field_metadata(table.model.model_fields[field])):
        return f"{value} ({DatasetNames(dataset).country(value)})"
    return plain(value)


def field_texts(dataset: Dataset, table: Table, record: Record, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """``(field, text)`` for each filled field of a record, in the order of its columns, but those in ``skip``."""
    return [
        (field, field_text(dataset, table, field, getattr(record, field)))
        for field in table.fields
        if getattr(record, field) is not None and field not in skip
    ]


def describe(dataset: Dataset, record: Record) -> str:
    """A record on several lines: what it is called, then each filled field by its label, references named."""
    table = table_for(dataset, record)
    texts = field_texts(dataset, table, record)
    labels = [field_label(table.model, field) for field, _ in texts]
    width = max(map(len, labels), default=0)
    lines = [label(dataset, record), *(f"  {name:<{width}}  {text}" for name, (_, text) in zip(labels, texts))]
    return "\n".join(lines)
