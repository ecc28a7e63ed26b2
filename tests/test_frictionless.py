"""The real Frictionless validator accepts the package, and really checks its foreign keys.

Code test: runs on the frozen fixture package; tests/test_shipped_data.py runs it on the shipped data.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import replace_in

pytestmark = pytest.mark.slow


def frictionless_validate(path: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("frictionless", path=str(Path(sys.executable).parent)) or shutil.which("frictionless")
    assert executable, "frictionless is a test dependency: pip install -e '.[test]'"
    """Run ``frictionless validate datapackage.json`` in the package folder ``path``."""
    return subprocess.run(
        [executable, "validate", "datapackage.json"], check=False, cwd=path, capture_output=True, text=True, timeout=300
    )


def test_frictionless_says_the_fixture_is_valid(package: Path) -> None:
    result = frictionless_validate(package)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "INVALID" not in result.stdout


def test_frictionless_catches_a_broken_reference(package_copy: Path) -> None:
    replace_in(package_copy / "datasets/visit_participants.csv", ",min-aung-hlaing,met", ",no-such-actor,met")
    result = frictionless_validate(package_copy)
    assert result.returncode == 1
    assert "foreign-key" in result.stdout and "no-such-actor" in result.stdout


def test_frictionless_catches_an_unknown_country(package_copy: Path) -> None:
    replace_in(package_copy / "datasets/visits.csv", ",RUS,Moscow,", ",XXR,Moscow,")
    result = frictionless_validate(package_copy)
    assert result.returncode == 1
    assert "constraint-error" in result.stdout


def test_frictionless_checks_that_a_cited_participant_took_part(package_copy: Path) -> None:
    """A citation of a row keyed by several columns references that row by all of them."""
    citations = package_copy / "datasets/visit_participant_citations.csv"
    replace_in(
        citations,
        "hun-sen-visit-myanmar-2022,min-aung-hlaing,met,",
        "hun-sen-visit-myanmar-2022,min-aung-hlaing,received-by,",
    )
    result = frictionless_validate(package_copy)
    assert result.returncode == 1
    assert "visit_participant_citations" in result.stdout and "foreign-key" in result.stdout
