"""Every table answers what it is (its span, roles, events, figure, caption), and no code outside the
models and the registry names a table.

The tests run over the registry, so a new table is checked the day it is
added, and each fails with what the table's model still has to declare.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mydiplo.analysis.eventcodes import CODES, related_columns
from mydiplo.dataset import Dataset, load
from mydiplo.labels import LABEL_FIELDS
from mydiplo.models import PartialDate, Record
from mydiplo.registry import ACTORS, RECORD_TABLES, TABLES, Table
from mydiplo.site.links import Site

ROOT = Path(__file__).resolve().parent.parent
TABLE_LIST = list(TABLES.values())
EVENT_TABLES = [t for t in TABLE_LIST if t.model.event_rules]
DRAWN_TABLES = [t for t in TABLE_LIST if t.model.figure is not None]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load()


def _date_fields(table: Table) -> set[str]:
    return {
        name
        for name, info in table.model.model_fields.items()
        if PartialDate in (info.annotation, *getattr(info.annotation, "__args__", ()))
    }


def _actor_fields(table: Table) -> set[str]:
    return {key.field for key in table.foreign_keys if key.reference_table == ACTORS.name}


def _overrides(table: Table, method: str) -> bool:
    return getattr(table.model, method) is not getattr(Record, method)


@pytest.mark.parametrize("table", TABLE_LIST, ids=lambda t: t.name)
def test_a_dated_table_says_which_dates_place_its_records(table: Table) -> None:
    dates = _date_fields(table)
    assert set(table.model.span) <= dates, f"{table.model.__name__}.span names fields that are not partial dates"
    if dates and table.cites is None:
        assert table.model.span, (
            f"{table.model.__name__} has dates {sorted(dates)}: declare which bound a record (span)"
        )


@pytest.mark.parametrize("table", TABLE_LIST, ids=lambda t: t.name)
def test_roles_name_actor_references(table: Table) -> None:
    roles = table.model.roles
    if roles is not None:
        assert len(roles) == 2 and set(roles) <= _actor_fields(table), (
            f"{table.model.__name__}.roles must be two actor references"
        )
    if table.model.relation is not None:
        assert roles is not None and table.model.span, (
            f"{table.model.__name__} names a relation: declare its roles and span"
        )


@pytest.mark.parametrize("table", EVENT_TABLES, ids=lambda t: t.name)
def test_an_event_table_says_who_acts_toward_whom_and_codes_with_known_codes(table: Table) -> None:
    model = table.model
    assert model.roles is not None or _overrides(table, "event_sides"), (
        f"{model.__name__} has event rules: declare roles or event_sides"
    )
    assert table.id_field is not None and model.span, (
        f"{model.__name__} has event rules: its records need an id and a span"
    )
    related_columns(table.name)  # every condition names a column of the table or of rows that belong to it
    for rule in model.event_rules:
        assert rule.cameo in CODES, (
            f"add CAMEO {rule.cameo} with its PLOVER mapping to CODES in mydiplo/analysis/eventcodes.py"
        )
        assert all(values for _, values in rule.when) and rule.direction and rule.why


@pytest.mark.parametrize("table", EVENT_TABLES, ids=lambda t: t.name)
def test_every_event_of_the_shipped_records_has_sides(table: Table, dataset: Dataset) -> None:
    for record in dataset.table(table.name):
        for rule in table.model.event_rules:
            for source, target in record.event_sides(dataset, rule.event):
                assert source.actor_id or source.country, (record, rule.event)
                assert target.actor_id or target.country, (record, rule.event)


@pytest.mark.parametrize("table", DRAWN_TABLES, ids=lambda t: t.name)
def test_a_drawn_table_can_be_placed_and_tied(table: Table, dataset: Dataset) -> None:
    figure = table.model.figure
    assert figure is not None and figure.colour.startswith("#") and (figure.lane or figure.tie)
    assert table.id_field is not None and table.model.span, (
        f"{table.model.__name__} is drawn: its records need an id and a span"
    )
    if figure.tie:
        assert table.model.roles is not None or _overrides(table, "drawn_ties"), (
            f"{table.model.__name__} draws ties: declare roles or drawn_ties"
        )
        for record in dataset.table(table.name):
            assert all(len(pair) == 2 for pair in record.drawn_ties(dataset))


@pytest.mark.parametrize("table", RECORD_TABLES, ids=lambda t: t.name)
def test_every_record_table_has_a_label_and_its_records_a_name(table: Table, dataset: Dataset) -> None:
    assert table.label[0].isupper()
    named = any(field in table.fields for field in LABEL_FIELDS)
    assert named or table.captioned, f"{table.model.__name__} has no {' or '.join(LABEL_FIELDS)}: declare caption()"
    site = Site(dataset, "index.md")
    for record in dataset.table(table.name):
        assert site.label(record) and "?" not in site.label(record).split()


CODE_DIR = ROOT / "mydiplo"
DECLARING = ("models/", "registry.py")
"""Where tables are named: the models declare what a table is, the registry lists them."""
NOT_TABLES = {
    ("about.py", "elections"): "a keyword of the package metadata",
    ("site/links.py", "actors"): "the site's folder of actor pages",
    ("export/nested.py", "actors"): "the key of a nested record's actors in the JSON export",
    ("generate/export_schemas.py", "actors"): "the same key, in the JSON Schema of the nested export",
}
"""Strings that spell a table's name without naming the table, each with what it is."""


def _code_files() -> list[Path]:
    return sorted(p for p in CODE_DIR.rglob("*.py") if not p.relative_to(CODE_DIR).as_posix().startswith(DECLARING))


@pytest.mark.parametrize("path", _code_files(), ids=lambda p: p.relative_to(CODE_DIR).as_posix())
def test_no_code_outside_the_models_and_the_registry_names_a_table(path: Path) -> None:
    relative = path.relative_to(CODE_DIR).as_posix()
    named = sorted(
        {
            (node.lineno, node.value)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and node.value in TABLES and (relative, node.value) not in NOT_TABLES
        }
    )
    assert named == [], f"{relative} names tables {named}: declare the behaviour on the model or the registry instead"


@pytest.mark.parametrize("table", TABLE_LIST, ids=lambda t: t.name)
def test_every_status_and_end_date_must_be_read_by_a_citation(table: Table) -> None:
    """A status or an end date changes over time: the model declares it ``asserted``, so a citation must read it."""
    fields = set(table.model.model_fields)
    changing = fields & {"status", "end_date"}
    assert changing <= set(table.model.asserted), f"{table.name}: declare {sorted(changing)} in `asserted`"
    assert set(table.model.asserted) <= fields
