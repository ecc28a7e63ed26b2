"""The models are the single source of truth: complete, documented and consistent with the registry.

Code test: checks the models and the registry, reads no data package.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mydiplo.dataset import Dataset, load
from mydiplo.generate.schemas import columns
from mydiplo.models import ArmsTransfer, Citation, DocEnum, ElectionObservation, Visit
from mydiplo.registry import TABLES, Table

TABLE_LIST = list(TABLES.values())


@pytest.mark.parametrize("table", TABLE_LIST, ids=lambda t: t.name)
def test_every_field_is_described_with_an_example_or_optional(table: Table) -> None:
    for column in columns(table.model):
        assert len(column.description) > 10, f"{table.name}.{column.name} needs a description"
        if column.required:
            assert column.example is not None, f"{table.name}.{column.name} is required and needs an example"


@pytest.mark.parametrize("table", TABLE_LIST, ids=lambda t: t.name)
def test_models_are_frozen_and_strict(table: Table) -> None:
    assert table.model.model_config.get("frozen") is True
    assert table.model.model_config.get("extra") == "forbid"
    assert table.model.__doc__, f"{table.model.__name__} needs a docstring"


@pytest.mark.parametrize("table", TABLE_LIST, ids=lambda t: t.name)
def test_keys_and_references_name_real_columns(table: Table) -> None:
    for name in table.key:
        assert name in table.fields
    for key in table.foreign_keys:
        assert key.field in table.fields
        assert key.reference_table in TABLES
        assert TABLES[key.reference_table].primary_key == (key.reference_field,)


def test_every_vocabulary_value_is_documented() -> None:
    enums = {c.enum for t in TABLE_LIST for c in columns(t.model) if c.enum is not None}
    assert len(enums) >= 20
    for enum in enums:
        assert issubclass(enum, DocEnum)
        assert enum.__doc__
        for member in enum:
            assert len(member.doc) > 10, f"{enum.__name__}.{member.name} needs a meaning"


def test_dataset_has_one_attribute_per_table_in_registry_order() -> None:
    dataset = load()
    assert list(dataset.counts()) == list(TABLES)
    for name in TABLES:
        assert getattr(dataset, name) is dataset.table(name)
    with pytest.raises(AttributeError):
        dataset.no_such_table  # noqa: B018


def test_a_dataset_is_immutable_and_replaced_table_by_table() -> None:
    dataset = load()
    with pytest.raises(AttributeError, match="immutable"):
        dataset.visits = ()
    emptied = dataset.replace(visits=())
    assert emptied.visits == () and emptied.actors is dataset.actors and dataset.visits
    with pytest.raises(KeyError, match="no table 'vists'"):
        dataset.replace(vists=())
    with pytest.raises(ValueError, match="missing"):
        Dataset(dataset.version, {"visits": ()})


def test_every_table_except_sources_and_the_register_has_a_citation_table() -> None:
    cited = {t.cites for t in TABLE_LIST if t.cites}
    record_tables = {t.name for t in TABLE_LIST if not t.cites and not t.retirements and t.name != "sources"}
    assert cited == record_tables


def _visit(**changes: object) -> dict[str, object]:
    base = {"visit_id": "a-visit", "kind": "conference", "traveller_id": "someone", "destination_country": "RUS"}
    return {**base, **changes}


def test_records_are_immutable() -> None:
    visit = Visit.model_validate(_visit())
    with pytest.raises(ValidationError):
        visit.kind = "state-visit"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "error_type"),
    [
        ({"visit_id": "Not-Kebab"}, "string_pattern_mismatch"),
        ({"kind": "holiday"}, "enum"),
        ({"destination_country": "XXX"}, "country_code"),
        ({"destination_country": "MM"}, "string_pattern_mismatch"),
        ({"start_date": "2025-13"}, "partial_date"),
        ({"start_date": "2025-12", "end_date": "2025-11"}, "date_order"),
        ({"purpose": " padded"}, "text_hygiene"),
        ({"purpose": "two\nlines"}, "text_hygiene"),
        ({"unknown_column": "x"}, "extra_forbidden"),
    ],
)
def test_visit_rules(changes: dict[str, object], error_type: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Visit.model_validate(_visit(**changes))
    assert error_type in {e["type"] for e in caught.value.errors()}


def test_a_reading_of_a_field_needs_its_value() -> None:
    base = {"record_id": "x", "source_id": "s", "locator": "para 2", "claimant_kind": "source", "certainty": "reported"}
    Citation.model_validate(base)
    Citation.model_validate({**base, "field": "status", "value": "held"})
    with pytest.raises(ValidationError, match="fields_together|go together"):
        Citation.model_validate({**base, "field": "status"})


@pytest.mark.parametrize("locator", ["para 1", "paras 4-5", "paras 2, 7", "title"])
def test_locators(locator: str) -> None:
    base = {"record_id": "x", "source_id": "s", "claimant_kind": "source", "certainty": "reported"}
    assert Citation.model_validate({**base, "locator": locator}).locator == locator


@pytest.mark.parametrize("locator", ["p. 4", "para 0", "paragraph 4", "", "para 4,5"])
def test_bad_locators(locator: str) -> None:
    base = {"record_id": "x", "source_id": "s", "claimant_kind": "source", "certainty": "reported"}
    with pytest.raises(ValidationError):
        Citation.model_validate({**base, "locator": locator})


def test_tiv_is_never_money() -> None:
    base = {
        "transfer_id": "t",
        "kind": "transfer",
        "supplier_id": "a",
        "recipient_id": "b",
        "description": "Radars.",
        "category": "sensors",
        "status": "reported",
    }
    ArmsTransfer.model_validate({**base, "value": "12", "value_unit": "TIV", "value_basis": "sipri-tiv"})
    ArmsTransfer.model_validate({**base, "value": "12.5", "value_unit": "USD", "value_basis": "contract"})
    for unit, basis in (("USD", "sipri-tiv"), ("TIV", "contract")):
        with pytest.raises(ValidationError, match="TIV"):
            ArmsTransfer.model_validate({**base, "value": "12", "value_unit": unit, "value_basis": basis})
    with pytest.raises(ValidationError, match="go together"):
        ArmsTransfer.model_validate({**base, "value": "12"})


def test_observer_count_comes_with_its_qualifier() -> None:
    base = {
        "observation_id": "o",
        "election_id": "e",
        "observer_id": "a",
        "status": "deployed",
        "credibility": "unknown",
        "credibility_basis": "Not known.",
    }
    assert (
        ElectionObservation.model_validate(
            {**base, "observer_count": "100", "count_qualifier": "more-than"}
        ).observer_count
        == 100
    )
    with pytest.raises(ValidationError):
        ElectionObservation.model_validate({**base, "observer_count": "-1", "count_qualifier": "exact"})


def test_fields_are_labelled_in_words_and_references_by_what_they_name() -> None:
    from mydiplo.models import Source, field_label

    assert field_label(Visit, "start_date") == "start date"
    assert field_label(Visit, "traveller_office_id") == "traveller office"  # a reference: the office, not its id
    assert field_label(Visit, "visit_id") == "visit id"  # the record's own id is no reference
    assert field_label(Citation, "record_id") == "record id"
    assert field_label(Source, "title_supplied") == "title supplied"


def test_a_declared_title_labels_a_field() -> None:
    from pydantic import Field

    from mydiplo.models import Record, field_label

    class Titled(Record):
        observer_count: int = Field(title="observers")

    assert field_label(Titled, "observer_count") == "observers"
