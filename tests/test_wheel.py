"""A built wheel installs into a fresh environment and loads its data from outside the checkout.

Packaging test: the wheel built from the checkout ships the shipped data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_wheel_ships_and_loads_the_data(checkout: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(checkout)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheel = next(dist.glob("mydiplo-*.whl"))
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    isolated = {
        name: value for name, value in os.environ.items() if name != "PYTHONPATH"
    }  # else the checkout's code is imported
    loaded = subprocess.run(
        [
            str(python),
            "-c",
            (
                "import mydiplo, pathlib; ds = mydiplo.load(); print(ds); import mydiplo.files.locate as l; "
                "print(l.default_root())"
            ),
        ],
        cwd=elsewhere,
        env=isolated,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "mydiplo Dataset" in loaded.stdout
    assert "site-packages" in loaded.stdout  # the data came from the wheel, not the checkout
    validated = subprocess.run(
        [str(python), "-m", "mydiplo", "validate"],
        cwd=elsewhere,
        env=isolated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout[-2000:]
    assert validated.stdout.strip().splitlines()[-1].startswith("valid: ")
    installed = Path(loaded.stdout.strip().splitlines()[-1])
    assert (installed / "schema" / "export" / "visits.json").is_file()  # the nested JSON schemas ship too
    exported = subprocess.run(
        [
            str(python),
            "-m",
            "mydiplo",
            "export",
            "--format",
            "csv,json,jsonl,sqlite,network",
            "--output",
            str(elsewhere / "out"),
        ],
        cwd=elsewhere,
        env=isolated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert exported.returncode == 0, exported.stderr  # these formats need only the standard library
    assert (elsewhere / "out" / "mydiplo.sqlite").is_file() and (elsewhere / "out" / "json" / "visits.json").is_file()
    parquet = subprocess.run(
        [str(python), "-m", "mydiplo", "export", "--format", "parquet", "--output", str(elsewhere / "out")],
        cwd=elsewhere,
        env=isolated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert parquet.returncode == 2
    assert (
        parquet.stderr
        == "mydiplo: Parquet export needs pyarrow, which is not installed: pip install 'mydiplo[parquet]'\n"
    )
