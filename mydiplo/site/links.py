"""Where each generated page lives, the links between them, and what a record is called on a page.

The site is built with ``use_directory_urls: false``, so a page ``a/b.md``
is served as ``a/b.html`` and a link from one page to another is the
relative path between the two files. Links inside generated HTML are
written that way here, because MkDocs does not rewrite links in raw HTML.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..dataset import Dataset
from ..labels import DatasetNames, label
from ..models import Record
from ..models.countries import COUNTRIES
from ..registry import ACTORS, RECORD_TABLES, TABLES, Table, citation_table

if TYPE_CHECKING:
    from ..readings import Dispute

RECORDS_DIR = "records"
ACTORS_DIR = "actors"
FIGURES_DIR = "figures"


def table_page(table: str) -> str:
    """The page that lists the records of ``table``."""
    return f"{RECORDS_DIR}/{table}.md"


def actor_page(actor_id: str) -> str:
    """The page of one actor, with everything linked to it."""
    return f"{ACTORS_DIR}/{actor_id}.md"


def country_name(code: str) -> str:
    """``Myanmar`` for ``MMR``: the ISO 3166-1 short name."""
    return COUNTRIES.get(code, code)


def noun(table: Table) -> str:
    """What one record of a table is called: ``arms transfer`` for ``arms_transfers``, read off the name of its
    citation table (``arms_transfer_citations``), which the registry spells in the singular."""
    cites = citation_table(table.name)
    return (cites.name.removesuffix("_citations") if cites else table.name.removesuffix("s")).replace("_", " ")


def record_id(table: Table, record: Record) -> str:
    """The id of a record of a table that has one."""
    return str(getattr(record, table.id_field or ""))


@dataclass(frozen=True)
class Site:
    """The dataset seen from one page: links to records and actors relative to ``page``."""

    ds: Dataset
    page: str

    def at(self, page: str) -> Site:
        """The same dataset seen from another page."""
        return Site(self.ds, page)

    def href(self, target: str, anchor: str | None = None) -> str:
        """The relative address of ``target`` (a ``.md`` page or a file) seen from this page."""
        built = target[:-3] + ".html" if target.endswith(".md") else target
        path = posixpath.relpath(built, posixpath.dirname(self.page) or ".")
        if target == self.page:
            path = ""
        return f"{path}#{anchor}" if anchor else path

    @cached_property
    def tables_by_id(self) -> dict[str, str]:
        """The table each record id belongs to."""
        return {record_id(t, r): t.name for t in RECORD_TABLES for r in self.ds.table(t.name)}

    def record_href(self, record_id_: str) -> str:
        """Where a record is shown: its actor page, or its entry on its table's page."""
        table = self.tables_by_id[record_id_]
        if table == ACTORS.name:
            return self.href(actor_page(record_id_))
        return self.href(table_page(table), record_id_)

    @cached_property
    def links_to(self) -> dict[str, tuple[Link, ...]]:
        """For each record id, every row that references it, with the record each row belongs to."""
        found: dict[str, list[Link]] = {}
        for table in TABLES.values():
            parent = table.parent_key
            for row in self.ds.table(table.name):
                owner_table, owner = table, row
                if parent is not None:
                    owner_table = TABLES[parent.reference_table]
                    owner = self.ds[getattr(row, parent.field)]
                for key in table.foreign_keys:
                    value = getattr(row, key.field)
                    if value is not None:
                        found.setdefault(value, []).append(Link(table, row, key.field, owner_table, owner))
        return {key: tuple(links) for key, links in found.items()}

    @cached_property
    def disputed(self) -> dict[tuple[str, str], Dispute]:
        """The disputes of the data by record id and field, found once for every page."""
        return {(d.record_id, d.field): d for d in self.ds.disputes()}

    @cached_property
    def states(self) -> dict[str, str]:
        """The actor id of the state of each country code, for the countries that have one."""
        return {a.country: a.actor_id for a in self.ds.actors if a.kind.value == "state" and a.country}

    def country(self, code: str) -> str:
        """A country as the data names its state ("Russia"), else by its ISO short name."""
        return DatasetNames(self.ds).country(code)

    def name(self, actor_id: str | None) -> str:
        """The name of an actor, or ``?`` when none is given."""
        return DatasetNames(self.ds).name(actor_id)

    def label(self, record: Record) -> str:
        """What a record is called (raw text, not yet escaped), by the rule of :func:`mydiplo.labels.label`."""
        return label(self.ds, record)


@dataclass(frozen=True)
class Link:
    """A row of ``table`` whose ``field`` names a record, and the record that row belongs to."""

    table: Table
    row: Record
    field: str
    owner_table: Table
    owner: Record
