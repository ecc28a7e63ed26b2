"""Every rule is declared once and whole, and what the registry declares for the checks across tables holds."""

from __future__ import annotations

from string import Formatter

import pytest

from mydiplo.problems import RULES, Rule, problem
from mydiplo.registry import TABLES, Table


@pytest.mark.parametrize("rule", list(RULES.values()), ids=lambda r: r.id)
def test_each_rule_declares_its_title_message_and_hint(rule: Rule) -> None:
    assert rule.title and rule.message and rule.hint
    for template in (rule.message, *rule.variants.values()):
        names = [name for _, name, _, _ in Formatter().parse(template) if name is not None]
        assert all(name.isidentifier() for name in names), template


def test_a_problem_fills_its_rules_template() -> None:
    found = problem("row-length", "datasets/visits.csv", 7, cells="1 cell", columns=12)
    assert (found.rule, found.line, found.message) == ("row-length", 7, "the row has 1 cell, the header 12")
    assert (
        problem("csv-syntax", "x.csv", 1, variant="header", reason="boom").message == "the header cannot be read: boom"
    )
    with pytest.raises(KeyError):
        problem("csv-syntax", "x.csv", 1, variant="no-such-situation", reason="boom")


@pytest.mark.parametrize("table", list(TABLES.values()), ids=lambda t: t.name)
def test_what_a_table_declares_for_the_checks_across_tables_exists(table: Table) -> None:
    assert set(table.remembers) <= set(table.fields)
    if table.model.within is not None:
        date_field, reference_field = table.model.within
        (target,) = [k.reference_table for k in table.foreign_keys if k.field == reference_field]
        assert date_field in table.fields and set(TABLES[target].model.span) <= set(TABLES[target].remembers)
    assert not table.remembers or table.id_field is not None
    if table.required_by:
        required, rule = table.required_by
        assert rule in RULES
        assert any(key.reference_table == required for key in table.foreign_keys)


def test_each_cycle_of_references_is_found_once_whatever_leads_into_it() -> None:
    from mydiplo.validation.passes import cycles

    parent = {"a": "b", "b": "c", "c": "a", "tail": "a", "d": "d", "e": "f", "f": "outside"}
    found = sorted(sorted(cycle) for cycle in cycles(parent))
    assert found == [["a", "b", "c"], ["d"]]
    assert list(cycles({"x": "y", "y": "z"})) == []
