"""The data keeps the rules of docs/methodology.md: cited, attributed, and dated no more precisely than its sources.

Data-policy test: runs on the shipped data of the checkout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mydiplo
from mydiplo.dataset import Dataset
from mydiplo.files.canonical import to_cell
from mydiplo.models import Cites, PartialDate, Precision, Source
from mydiplo.registry import RECORD_TABLES, TABLES

CITED_TABLES = [t for t in RECORD_TABLES if t.name != "sources"]


@pytest.fixture(scope="module")
def ds(checkout: Path) -> Dataset:
    return mydiplo.load(checkout)


@pytest.mark.parametrize("table", CITED_TABLES, ids=lambda t: t.name)
def test_every_record_cites_a_source_at_a_paragraph(ds: Dataset, table) -> None:
    for record in ds.table(table.name):
        citations = ds.citations_of(getattr(record, table.id_field))
        assert citations, f"{table.name}: {getattr(record, table.id_field)} is uncited"
        assert all(c.locator for c in citations)


@pytest.mark.parametrize("table", CITED_TABLES, ids=lambda t: t.name)
def test_every_record_has_a_citation_that_supports_it(ds: Dataset, table) -> None:
    """A record whose only citations read a field differently would rest on nothing."""
    for record in ds.table(table.name):
        citations = ds.citations_of(getattr(record, table.id_field))
        supporting = [c for c in citations if c.field is None or c.value == to_cell(getattr(record, c.field))]
        assert supporting, f"{table.name}: {getattr(record, table.id_field)} has only dissenting readings"


@pytest.mark.parametrize("table", CITED_TABLES, ids=lambda t: t.name)
def test_a_day_is_recorded_only_where_a_source_gives_that_day(ds: Dataset, table) -> None:
    """A date stored to the day must be read, to the day, from a citation of that field."""
    date_fields = [name for name, info in table.model.model_fields.items() if "PartialDate" in str(info.annotation)]
    for record in ds.table(table.name):
        record_id = getattr(record, table.id_field)
        readings = {(c.field, c.value) for c in ds.citations_of(record_id)}
        for name in date_fields:
            value = getattr(record, name)
            if isinstance(value, PartialDate) and value.precision is Precision.DAY:
                assert (name, str(value)) in readings, (
                    f"{table.name}: {record_id}.{name} = {value} is not read from any source"
                )


def test_contradicted_citations_read_a_field_the_record_holds_otherwise(ds: Dataset) -> None:
    for table in TABLES.values():
        if table.cites is None:
            continue
        cited = TABLES[table.cites]
        rows = {tuple(to_cell(getattr(row, name)) for name in cited.primary_key): row for row in ds.table(cited.name)}
        for citation in ds.table(table.name):
            assert isinstance(citation, Cites)
            if citation.certainty.value == "contradicted" and citation.field is not None:
                record = rows[citation.cited_key]
                assert to_cell(getattr(record, citation.field)) != citation.value


def test_source_reporting_is_claimed_by_its_publisher(ds: Dataset) -> None:
    """A citation of a source's own reporting names no claimant, or the source's publisher."""
    for table in TABLES.values():
        if table.cites is None:
            continue
        for citation in ds.table(table.name):
            if citation.claimant_kind.value == "source" and citation.claimant_id is not None:
                source = ds[citation.source_id]
                assert isinstance(source, Source)
                assert citation.claimant_id == source.publisher_id, f"{citation.record_id} via {citation.source_id}"


def test_every_source_says_what_is_known_of_it(ds: Dataset) -> None:
    for source in ds.sources:
        assert source.title or source.note, f"{source.source_id} has neither title nor note"
        assert source.published_date is not None or source.note, f"{source.source_id}: undated without a note"
