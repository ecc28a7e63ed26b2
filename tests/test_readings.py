"""Readings and disputes: each source's value for a field as of a date, and where sources of one time disagree.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mydiplo
from mydiplo.dataset import Dataset
from mydiplo.models import Citation, PartialDate

ELECTION = "myanmar-general-election-2025"
VISIT = "lukashenko-visit-myanmar-2025"
OBSERVATION = "belarus-observes-myanmar-election-2025"


@pytest.fixture(scope="module")
def ds(package: Path) -> Dataset:
    return mydiplo.load(package)


def with_visit_citations(ds: Dataset, change) -> Dataset:
    """The dataset with each visit citation passed through ``change`` (which returns a list of citations)."""
    return ds.replace(visit_citations=tuple(c for old in ds.visit_citations for c in change(old)))


def disputed(ds: Dataset) -> set[tuple[str, str, str]]:
    return {(d.table, d.record_id, d.field) for d in ds.disputes()}


def test_a_status_that_changes_over_time_is_history_not_a_dispute(ds: Dataset) -> None:
    readings = ds.readings(ELECTION, "status")
    assert [(r.value, r.as_of.text, r.source.source_id) for r in readings] == [
        ("postponed", "2023-09-13/2023-09-15", "time-2023-junta-seeks-russia-election-help"),
        ("held", "2026-01-01", "nation-2026-01-01-myanmar-phase-one"),
    ]
    assert all(r.is_explicit and r.field == "status" and r.record_id == ELECTION for r in readings)
    assert ("elections", ELECTION, "status") not in disputed(ds)


def test_readings_of_the_same_time_that_differ_are_a_dispute(ds: Dataset) -> None:
    dispute = next(d for d in ds.disputes() if (d.record_id, d.field) == (VISIT, "kind"))
    assert (dispute.table, dispute.value) == ("visits", "goodwill-visit")
    assert dispute.values == ("goodwill-visit", "official-visit")
    news_by = dispute.readings[1]
    assert (news_by.source.source_id, news_by.claimant_kind.value, news_by.claimant_id, news_by.certainty.value) == (
        "news-by-2025-11-28-lukashenko-visit-myanmar",
        "state-media",
        "news-by",
        "claimed",
    )
    assert news_by.locator == "para 2" and news_by.note == "Belarusian state media call it the first official visit."
    assert dispute.readings == ds.readings(VISIT, "kind")


def test_a_dispute_lists_every_reading_of_the_field_oldest_first(ds: Dataset) -> None:
    dispute = next(d for d in ds.disputes() if (d.record_id, d.field) == (OBSERVATION, "status"))
    assert dispute.value == "deployed"
    values = [r.value for r in dispute.readings]
    assert values == ["accepted", "invited", "promised", "promised", "deployed", "deployed"]
    keys = [(r.as_of.earliest, r.as_of.latest, r.source.source_id) for r in dispute.readings]
    assert keys == sorted(keys)


def test_disputes_are_ordered_by_table_then_record_then_field(ds: Dataset) -> None:
    from mydiplo.registry import TABLES

    order = list(TABLES)
    keys = [(order.index(d.table), d.record_id, d.field) for d in ds.disputes()]
    assert keys == sorted(keys) and len(keys) == len(set(keys)) >= 2


def test_as_of_moves_a_reading_out_of_the_time_of_another(ds: Dataset) -> None:
    """The state media's reading, dated a month earlier than the article, no longer disputes it."""

    def earlier(c: Citation) -> list[Citation]:
        if (c.record_id, c.field, c.value) == (VISIT, "kind", "official-visit"):
            return [c.model_copy(update={"as_of": PartialDate("2025-10")})]
        return [c]

    changed = with_visit_citations(ds, earlier)
    assert ("visits", VISIT, "kind") not in disputed(changed)
    assert [r.as_of.text for r in changed.readings(VISIT, "kind")] == ["2025-10", "2025-11"]


def test_dates_read_at_two_precisions_agree_and_different_dates_disagree(ds: Dataset) -> None:
    """'November 2025' and '27 November 2025' are one date; 'October 2025' is another."""

    def also(value: str):
        def change(c: Citation) -> list[Citation]:
            if (c.record_id, c.field) == (VISIT, "start_date"):
                other = c.model_copy(update={"source_id": "lukashenko-arrives-myanmar-2025", "value": value})
                return [c, other]
            return [c]

        return change

    assert ("visits", VISIT, "start_date") not in disputed(with_visit_citations(ds, also("2025-11")))
    assert ("visits", VISIT, "start_date") in disputed(with_visit_citations(ds, also("2025-10")))


def test_a_field_no_citation_reads_is_read_by_the_citations_of_the_whole_record(ds: Dataset) -> None:
    readings = ds.readings(VISIT, "traveller_id")
    whole = [c for c in ds.citations_of(VISIT) if c.field is None]
    assert readings and len(readings) == len(whole)
    assert all(not r.is_explicit and r.value == "alexander-lukashenko" for r in readings)
    assert {r.source.source_id for r in readings} == {c.source_id for c in whole}
    assert all(r.as_of == r.source.published_date for r in readings)
    assert ds.readings(VISIT, "occasion") == ()  # empty, and no source reads it


def test_an_unknown_record_or_field_is_named(ds: Dataset) -> None:
    with pytest.raises(KeyError, match="no-such-visit"):
        ds.readings("no-such-visit", "kind")
    with pytest.raises(ValueError, match="visits has no field 'colour'"):
        ds.readings(VISIT, "colour")


def test_readings_and_disputes_are_in_the_public_api() -> None:
    assert mydiplo.Reading.__name__ == "Reading" and mydiplo.Dispute.__name__ == "Dispute"
