"""Property tests: no mutation of the data crashes the validator, and the fast path agrees with the models.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import copy_package
from fixturepackage import FIXTURE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mydiplo.cli import main
from mydiplo.files.canonical import row_values
from mydiplo.generate.schemas import columns
from mydiplo.registry import TABLES
from mydiplo.validation import validate
from mydiplo.validation.cells import row_plan

FILES = sorted(t.path for t in TABLES.values() if (FIXTURE / t.path).read_text(encoding="utf-8").count("\n") > 1)
NOISE = st.sampled_from([",", '"', "\n", "\r", "\x00", "\t", "=", " ", "é", "\ufeff", "Z", "-", "9", "\\", "\u2028"])


def _copy() -> Path:
    """A disposable copy of the fixture package (Hypothesis runs many examples per test, so no tmp_path)."""
    return copy_package(FIXTURE, Path(tempfile.mkdtemp(prefix="mydiplo-prop-")) / "package")


MUTATIONS = {
    "file": st.sampled_from(FILES),
    "position": st.floats(0, 1),
    "noise": st.text(NOISE, min_size=1, max_size=4),
    "delete": st.integers(0, 3),
}
"""A random edit of a table's rows: ``noise`` put at a relative ``position``, ``delete`` characters removed there."""


@contextmanager
def mutated_copy(file: str, position: float, noise: str, delete: int) -> Iterator[Path]:
    """A disposable copy of the package with one of the :data:`MUTATIONS` applied."""
    root = _copy()
    try:
        path = root / file
        text = path.read_text(encoding="utf-8")
        header_end = text.index("\n") + 1
        at = header_end + int(position * (len(text) - header_end - 1))
        path.write_bytes((text[:at] + noise + text[at + delete :]).encode("utf-8"))
        yield root
    finally:
        shutil.rmtree(root.parent)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(**MUTATIONS)
def test_any_mutation_is_reported_without_crash(file: str, position: float, noise: str, delete: int) -> None:
    with mutated_copy(file, position, noise, delete) as root:
        report = validate(root)
        for problem in report.problems:
            assert problem.file and problem.rule and problem.message
            assert problem.line is None or problem.line >= 1
        assert main(["validate", "--path", str(root), "--format", "json"]) in (0, 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.sampled_from(FILES),
    row=st.floats(0, 1),
    column=st.floats(0, 1),
    breaker=st.sampled_from(["\t", "\x01", "\x7f"]),
)
def test_a_control_character_in_any_cell_is_an_error_on_its_line(
    file: str, row: float, column: float, breaker: str
) -> None:
    """Whatever cell gets a control character, the package is invalid and the error is on that line."""
    root = _copy()
    try:
        path = root / file
        lines = path.read_text(encoding="utf-8").split("\n")
        body = [i for i, line in enumerate(lines) if i > 0 and line]
        target = body[int(row * (len(body) - 1))]
        # Put the breaker next to a separator: always inside some cell of that row.
        commas = [i for i, ch in enumerate(lines[target]) if ch == ","]
        at = commas[int(column * (len(commas) - 1))] if commas else 0
        lines[target] = lines[target][: at + 1] + breaker + lines[target][at + 1 :]
        path.write_text("\n".join(lines), encoding="utf-8")
        assert main(["validate", "--path", str(root), "--format", "json"]) == 1
        report = validate(root)
        assert any(p.file == file and p.line == target + 1 for p in report.problems)
    finally:
        shutil.rmtree(root.parent)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_fast_acceptance_implies_the_model_accepts(data: st.DataObject) -> None:
    """The compiled checks never accept a row the model would refuse (they may refuse more)."""
    table = data.draw(st.sampled_from(list(TABLES.values())))
    samples = {
        "": [""],
        "id": ["a-b", "belarus", "x"],
        "bad": ["Bad Id", " x", "=1", "2025-13", "01", "true ", "ZZZ"],
    }
    values = (
        samples[""]
        + samples["id"]
        + samples["bad"]
        + [
            "2025",
            "2025-12",
            "2025-12-11",
            "2024/2025",
            "MMR",
            "RUS",
            "true",
            "false",
            "0",
            "1",
            "87",
            "100.5",
            "para 2",
            "en",
            "https://example.org/a",
            "Q836",
            "TIV",
            "USD",
            "A note.",
        ]
    )
    for column in columns(table.model):
        if column.enum is not None:
            values = values + [member.value for member in column.enum]
    cells = [data.draw(st.sampled_from(values)) for _ in table.fields]
    if not row_plan(table).rejected_rows([[cell] for cell in cells]):
        try:
            table.model.model_validate(row_values(dict(zip(table.fields, cells))))
        except ValidationError as error:  # pragma: no cover - this is the failure the test looks for
            raise AssertionError(f"fast path accepted a row the model refuses: {cells}: {error}") from None


def test_hypothesis_draws_the_same_examples_on_every_ci_run() -> None:
    """In CI the examples are derandomised (see conftest.py), so the same commit always gets the same verdict."""
    assert settings().derandomize is bool(os.environ.get("CI"))
