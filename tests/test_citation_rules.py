"""The worked examples of docs/methodology.md's "Citation rules", each held to the data and to the validator.

The first tests are data-policy tests: they read the shipped data and fail
when a correction undoes one of the examples the methodology teaches by.
The last ones are code tests of the independence rule, run on copies of the
fixture package: two origins confirm, one origin twice does not, an official
record confirms alone.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import replace_in

import mydiplo
from mydiplo.dataset import Dataset
from mydiplo.models import Citation, Source
from mydiplo.validation import validate
from mydiplo.validation.evidence import last_paragraph


@pytest.fixture(scope="module")
def ds(checkout: Path) -> Dataset:
    return mydiplo.load(checkout)


def _source(ds: Dataset, source_id: str) -> Source:
    source = ds.get(source_id)
    assert isinstance(source, Source), source_id
    return source


def _citations(ds: Dataset, record_id: str, source_id: str, field: str | None = None) -> list[Citation]:
    found = [c for c in ds.citations_of(record_id) if c.source_id == source_id and c.field == field]
    assert found, f"{record_id} cites no {field or 'record'} in {source_id}"
    return found


# Locators


@pytest.mark.parametrize(
    ("source_id", "paragraphs"),
    [("time-2023-junta-seeks-russia-election-help", 12), ("lukashenko-arrives-myanmar-2025", 9)],
)
def test_a_source_counts_its_body_paragraphs_and_no_locator_goes_beyond(
    ds: Dataset, source_id: str, paragraphs: int
) -> None:
    """TIME's breadcrumb, "Read More" lines and footer are not paragraphs; Singapore Insight has one a line."""
    assert _source(ds, source_id).paragraphs == paragraphs
    locators = [
        c.locator  # type: ignore[attr-defined]
        for name in ds.counts()
        if name.endswith("_citations")
        for c in ds.table(name)
        if c.source_id == source_id  # type: ignore[attr-defined]
    ]
    assert locators
    assert max(last_paragraph(locator) for locator in locators) <= paragraphs


def test_the_arms_list_of_the_rights_group_is_paragraph_8_of_singapore_insight(ds: Dataset) -> None:
    citation = _citations(ds, "belarus-myanmar-radars", "lukashenko-arrives-myanmar-2025")[0]
    assert citation.locator == "para 8"


def test_a_publisher_named_only_by_its_page_is_cited_at_the_masthead(ds: Dataset) -> None:
    assert {c.locator for c in _citations(ds, "time", "time-2023-junta-seeks-russia-election-help")} == {"masthead"}


# Claimant


def test_a_vote_share_relayed_by_a_rights_group_is_the_candidates_claim(ds: Dataset) -> None:
    (citation,) = _citations(ds, "belarus-presidential-2025-lukashenko", "dmd-2025-dictators-supporting-criminals")
    assert (citation.claimant_kind.value, citation.claimant_id, citation.certainty.value) == (
        "government",
        "alexander-lukashenko",
        "claimed",
    )


def test_the_opposition_share_in_the_same_release_is_the_oppositions_claim(ds: Dataset) -> None:
    (citation,) = _citations(
        ds, "belarus-presidential-2020-opposition-claim", "dmd-2025-dictators-supporting-criminals"
    )
    assert (citation.claimant_kind.value, citation.claimant_id, citation.certainty.value) == (
        "opposition",
        "belarusian-opposition",
        "claimed",
    )


def test_a_passive_judgement_is_unattributed_and_names_nobody(ds: Dataset) -> None:
    """'Widely criticized' is nobody's judgement: not the article's own reporting."""
    citations = _citations(
        ds, "critics-reject-myanmar-election-2025-as-facade", "belarusian-president-visits-myanmar-2025"
    )
    assert [(c.claimant_kind.value, c.claimant_id) for c in citations] == [("unattributed", None)]


def test_an_articles_own_error_is_the_articles_and_contradicted(ds: Dataset) -> None:
    (citation,) = _citations(ds, "unga-condemns-coup-2021", "fact-check-2021-min-aung-hlaing-moscow", "start_date")
    assert (citation.value, citation.claimant_kind.value, citation.certainty.value) == (
        "2021-06-14",
        "source",
        "contradicted",
    )
    assert citation.note and "18 June" in citation.note


# Certainty


def test_two_papers_printing_one_wire_story_are_one_origin(ds: Dataset) -> None:
    dawn = _source(ds, "dawn-2021-06-19-unga-condemns-coup")
    trt = _source(ds, "trt-2021-06-18-unga-condemns-coup")
    assert dawn.publisher_id != trt.publisher_id
    assert dawn.origin_id == trt.origin_id == "associated-press"
    for source in (dawn, trt):
        (citation,) = _citations(ds, "unga-condemns-coup-2021", source.source_id, "start_date")
        assert citation.certainty.value == "reported"


def test_the_uns_own_record_confirms_the_date_of_the_vote(ds: Dataset) -> None:
    (citation,) = _citations(ds, "unga-condemns-coup-2021", "un-avlibrary-2021-06-18-ga-82nd-plenary", "start_date")
    assert _source(ds, citation.source_id).kind.value == "official-record"
    assert (citation.value, citation.certainty.value) == ("2021-06-18", "confirmed")


def test_a_fact_check_disputing_fraud_claims_still_reports_that_they_were_made(ds: Dataset) -> None:
    citations = _citations(ds, "min-aung-hlaing-alleges-fraud-2020", "fact-check-2021-min-aung-hlaing-moscow")
    assert {c.certainty.value for c in citations} == {"reported"}


# Stale standings


def test_a_declined_invitation_says_so_and_keeps_the_source_that_read_it_as_granted(ds: Dataset) -> None:
    argentina = ds.get("argentina-brics-membership")
    assert argentina is not None
    assert argentina.status.value == "declined"  # type: ignore[attr-defined]
    (granted,) = _citations(ds, "argentina-brics-membership", "time-2023-junta-seeks-russia-election-help", "status")
    assert (granted.value, granted.certainty.value) == ("granted", "contradicted")


# Independence, as the validator applies it (code tests on the fixture package)

REUTERS = "reuters-2022-01-07-hun-sen-meets-min-aung-hlaing"
STRAITS_TIMES = "straits-times-2022-01-08-hun-sen-visit-myanmar"


def _set_cell(path: Path, key: str, field: str, value: str) -> None:
    """Set one cell of the row whose first column is ``key``, keeping the file's canonical form."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    (row,) = [r for r in rows if r[header[0]] == key]
    row[field] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _support_problems(root: Path) -> list[str]:
    return [f"{p.file}:{p.line}" for p in validate(root).problems if p.rule == "confirmed-support"]


def test_two_reports_of_different_origins_confirm_a_date(package: Path) -> None:
    assert _support_problems(package) == []


def test_one_origin_in_two_papers_does_not_confirm(package_copy: Path) -> None:
    _set_cell(package_copy / "datasets" / "sources.csv", STRAITS_TIMES, "origin_id", "reuters")
    assert len(_support_problems(package_copy)) == 2


def test_an_official_record_confirms_alone(package_copy: Path) -> None:
    citations = package_copy / "datasets" / "visit_citations.csv"
    line = replace_in(
        citations,
        f"{STRAITS_TIMES},para 1,start_date,2022-01-07,",
        f"{STRAITS_TIMES},para 1,start_date,2022-01-08,",
    )
    assert len(_support_problems(package_copy)) == 2  # each paper alone, on a different day
    _set_cell(package_copy / "datasets" / "sources.csv", REUTERS, "kind", "official-record")
    assert _support_problems(package_copy) == [f"datasets/visit_citations.csv:{line}"]
