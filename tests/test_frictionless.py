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
