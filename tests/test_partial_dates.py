"""Partial dates keep their real precision and give sortable bounds.

Code test: reads no data package.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pydantic import BaseModel, ValidationError

from mydiplo.models import PartialDate, Precision
from mydiplo.models.dates import FIRST_YEAR, LAST_YEAR, PATTERN


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2025", Precision.YEAR, "2025-01-01", "2025-12-31"),
        ("2025-12", Precision.MONTH, "2025-12-01", "2025-12-31"),
        ("2024-02", Precision.MONTH, "2024-02-01", "2024-02-29"),
        ("2025-12-11", Precision.DAY, "2025-12-11", "2025-12-11"),
        ("2024-12/2025-12", Precision.RANGE, "2024-12-01", "2025-12-31"),
        ("2022~", Precision.YEAR, "2022-01-01", "2022-12-31"),
    ],
)
def test_bounds_follow_precision(text: str, precision: Precision, earliest: str, latest: str) -> None:
    value = PartialDate(text)
    assert value.precision is precision
    assert value.earliest == dt.date.fromisoformat(earliest)
    assert value.latest == dt.date.fromisoformat(latest)
    assert str(value) == text


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("2025-12", False, False),
        ("2025-12~", True, False),
        ("2025-12?", False, True),
        ("2025-12%", True, True),
        ("2024/2025~", True, False),
    ],
)
def test_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    value = PartialDate(text)
    assert (value.approximate, value.uncertain) == (approximate, uncertain)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "25",
        "2025-13",
        "2025-00",
        "2025-02-30",
        "2023-02-29",
        "2025-1",
        "2025-12-11T10:00",
        "December 2025",
        "2025/2024",
        "2025-12-11/2025-12-10",
        " 2025",
        "2025~?",
        "0000",
        "0000-01-01",
        "1799-12-31",
        "2100",
        "9999-12-31",
        "2025/9999",
    ],
)
def test_rejects_what_is_not_a_partial_date(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate(text)


def test_years_run_over_the_stated_range_and_the_schema_pattern_agrees() -> None:
    assert PartialDate(f"{FIRST_YEAR}-01-01").earliest.year == FIRST_YEAR
    assert PartialDate(f"{LAST_YEAR}").latest.year == LAST_YEAR
    pattern = re.compile(PATTERN)
    assert pattern.match(f"{FIRST_YEAR}-01") and pattern.match(f"{LAST_YEAR}-12-31")
    assert not pattern.match(f"{FIRST_YEAR - 1}") and not pattern.match(f"{LAST_YEAR + 1}")


def test_describe_in_words() -> None:
    assert PartialDate("2025-12").describe() == "December 2025"
    assert PartialDate("2025-12-11").describe() == "11 December 2025"
    assert PartialDate("2022~").describe() == "about 2022"
    assert PartialDate("2025-03?").describe() == "March 2025 (uncertain)"
    assert PartialDate("2024-12/2025-12").describe() == "between December 2024 and December 2025"


def test_orders_by_bounds() -> None:
    values = [PartialDate(t) for t in ["2025-12-11", "2025", "2025-12", "2021-06-23", "2024-12/2025-12"]]
    assert [str(v) for v in sorted(values)] == ["2021-06-23", "2024-12/2025-12", "2025", "2025-12", "2025-12-11"]


def test_equal_and_hashable_by_text() -> None:
    assert PartialDate("2025-12") == PartialDate("2025-12")
    assert PartialDate("2025-12") != PartialDate("2025-12~")
    assert len({PartialDate("2025"), PartialDate("2025")}) == 1


class _Event(BaseModel):
    when: PartialDate


def test_pydantic_round_trip_and_json_schema() -> None:
    event = _Event.model_validate({"when": "2025-12"})
    assert isinstance(event.when, PartialDate)
    assert event.model_dump(mode="json") == {"when": "2025-12"}
    assert event.model_dump_json() == '{"when":"2025-12"}'
    schema = _Event.model_json_schema()["properties"]["when"]
    assert schema["type"] == "string" and "pattern" in schema


def test_pydantic_error_names_the_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        _Event.model_validate({"when": "2025-02-30"})
    error = caught.value.errors()[0]
    assert error["type"] == "partial_date"
    assert "February 2025 has 28 days" in error["msg"]
