"""Valid means safe: whatever a valid package holds, every export, the release build and the site succeed,
and what they write parses.

Code test: runs on the frozen fixture package, never on the shipped data. Hypothesis puts into one row of
every table values the validator accepts but that stress the writers: text with markup, quotes, scripts
and symbols, and numbers at the largest the models allow. Each example is first checked to be valid, so
a failure here is a writer's, not the data's.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import copy_package
from fixturepackage import FIXTURE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import build_site

from mydiplo.cli import main
from mydiplo.generate.schemas import Column, columns
from mydiplo.models.base import TEXT_HYGIENE
from mydiplo.registry import TABLES, Table, citation_table, field_metadata
from mydiplo.validation import validate
from mydiplo.validation.cells import bad_values

ROOT = Path(__file__).resolve().parent.parent

TEXT = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=8)
    | st.sampled_from(["<", ">", "&", '"', "'", "]]>", "<!--", "&amp;", "\\", "{{", "%s", "မြန်မာ", "😀"]),
    min_size=1,
    max_size=6,
).map("".join)
"""Text of any script and symbol, with the characters markup and formats treat specially."""


def _free(table: Table) -> list[tuple[Column, Any]]:
    """The columns of ``table`` a drawn value may fill without breaking a rule across rows or tables: free
    text and numbers outside keys, references, vocabularies and patterns, not read by any citation (a
    reading must match its field), and no count compared with another."""
    key_like = {*table.primary_key, *table.unique_key, *(k.field for k in table.foreign_keys)}
    if table.cites is not None:
        key_like.add("value")  # a reading is a value of the field it names, checked as that field
    compared = {name for pair in table.model.at_most for name in pair}
    cited = citation_table(table.name)
    read: set[str] = set()
    if cited is not None:
        with (FIXTURE / cited.path).open(encoding="utf-8", newline="") as file:
            read = {row["field"] for row in csv.DictReader(file)}
    free = []
    for column in columns(table.model):
        metadata = field_metadata(table.model.model_fields[column.name])
        if column.name in key_like | compared | read or column.enum is not None:
            continue
        text = any(item is TEXT_HYGIENE for item in metadata) and "pattern" not in column.constraints
        if text or column.python_type in (int, Decimal):
            free.append((column, metadata))
    return free


FREE = {table.name: _free(table) for table in TABLES.values()}


def _value(data: st.DataObject, column: Column, metadata: Any) -> str:
    """A value the column's own check accepts: drawn text (a plain word when the check refuses it), or the
    largest number the column allows."""
    if column.python_type in (int, Decimal):
        return str(column.constraints["maximum"])
    drawn = data.draw(TEXT).strip()
    return drawn if drawn and not bad_values(column, metadata)({drawn}) else "plain"


@contextmanager
def stressed_copy(data: st.DataObject) -> Iterator[Path]:
    """A copy of the fixture with drawn values in the filled free cells of one row of every table."""
    root = copy_package(FIXTURE, Path(tempfile.mkdtemp(prefix="mydiplo-safe-")) / "package")
    try:
        for table in TABLES.values():
            path = root / table.path
            with path.open(encoding="utf-8", newline="") as file:
                rows = list(csv.DictReader(file))
            if not rows or not FREE[table.name]:
                continue
            row = rows[data.draw(st.integers(0, len(rows) - 1))]
            for column, metadata in FREE[table.name]:
                if row[column.name]:  # an empty cell stays empty: filling it could break a pairing rule
                    row[column.name] = _value(data, column, metadata)
            with path.open("w", encoding="utf-8", newline="") as file:
                writer = csv.DictWriter(file, table.fields, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
        assert main(["fmt", "--path", str(root)]) == 0, "the drawn values are written in canonical form"
        report = validate(root)
        assert report.valid, [str(p) for p in report.errors[:5]]
        yield root
    finally:
        shutil.rmtree(root.parent)


def _strict_json(text: str) -> Any:
    """JSON as the standard reads it: NaN and Infinity are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _parses(folder: Path) -> None:
    """Every file an export wrote reads back with the reader of its format."""
    import duckdb
    import pyarrow.parquet as pq

    for path in folder.rglob("*"):
        if path.suffix == ".json":
            _strict_json(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                _strict_json(line)
        elif path.suffix in (".graphml", ".svg"):
            ElementTree.parse(path)
        elif path.suffix == ".parquet":
            pq.read_table(path)
        elif path.suffix == ".sqlite":
            with sqlite3.connect(path) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                assert connection.execute("SELECT count(*) FROM visits").fetchone()[0] > 0
        elif path.suffix == ".duckdb":
            with duckdb.connect(str(path), read_only=True) as connection:
                assert connection.execute("SELECT count(*) FROM visits").fetchone()[0] > 0  # type: ignore[index]
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as file:
                list(csv.reader(file, strict=True))


def test_every_table_has_columns_to_stress() -> None:
    """The test reaches every kind of record: the tables with no free column are only keys and links."""
    stressed = {name for name, free in FREE.items() if free}
    assert {"actors", "sources", "visits", "agreements", "arms_transfers", "elections", "positions"} <= stressed


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_export_of_a_valid_package_succeeds_and_parses(data: st.DataObject) -> None:
    with stressed_copy(data) as root:
        output = root.parent / "exports"
        formats = "csv,json,jsonl,parquet,sqlite,duckdb,network"
        assert main(["export", "--format", formats, "--output", str(output), "--path", str(root)]) == 0
        _parses(output)


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_release_and_the_site_of_a_valid_package_build_and_parse(data: st.DataObject) -> None:
    with stressed_copy(data) as root:
        for name in ("CITATION.cff", "CHANGELOG.md", "LICENSE-DATA.md"):
            shutil.copy(ROOT / name, root / name)
        shutil.copytree(ROOT / "docs", root / "docs")
        release = root.parent / "dist"
        assert main(["build", "--path", str(root), "--output", str(release)]) == 0
        _parses(release)
        site = root.parent / "site"
        build_site(site, root)
        _parses(site)
        assert list(site.rglob("*.svg")), "the site draws its figures"
        _strict_json((site / "search" / "search_index.json").read_text(encoding="utf-8"))
