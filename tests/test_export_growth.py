"""Code test: an export's work grows in proportion to the rows, and an export of every format does each
shared step once.

Work is counted as Python function calls (deterministic, unlike wall time) in exporting every format of
synthetic packages of three sizes, each three times the one before: the calls each added row costs from
the middle size to the largest may exceed what it cost from the smallest to the middle by at most
:data:`SLACK`. The exports once found each event's state by scanning every actor (each added row cost
more than the one before, without end), and listed the citations of a source by searching the list of
those found so far (40% more per added row at these sizes, against none now); a return of either fails
here. The time itself is measured by ``benchmarks/pipeline_speed.py``.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

import pytest

import mydiplo
from mydiplo.export import EXPORT_FORMATS, write_exports
from mydiplo.registry import TABLES

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import make_package

SIZES = (2_000, 6_000, 18_000)
SLACK = 1.12
"""How much more work an added row may cost at the larger sizes: the exports show none; this leaves room for
sorting's logarithm, far below what a cost growing with the rows shows."""


def _profiled_export(root: Path, output: Path) -> tuple[int, pstats.Stats]:
    """The rows of the package, and the profile of exporting it in every format."""
    dataset = mydiplo.load(root)
    profile = cProfile.Profile()
    profile.enable()
    write_exports(dataset, list(EXPORT_FORMATS), output)
    profile.disable()
    return sum(dataset.counts().values()), pstats.Stats(profile)


def _calls(stats: pstats.Stats, module: str, function: str) -> int:
    """How many times the function ``function`` defined in ``mydiplo/<module>`` was called."""
    return sum(
        calls
        for (path, _, name), (_, calls, *_) in stats.stats.items()  # type: ignore[attr-defined]
        if name == function and Path(path).as_posix().endswith(f"mydiplo/{module}")
    )


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[int, pstats.Stats]]:
    packages = {}
    for size in SIZES:
        packages[size] = tmp_path_factory.mktemp(f"growth-{size}")
        make_package(packages[size] / "package", size)
    # A first export, unprofiled, pays what only the first pays (importing pyarrow and DuckDB, caching the
    # registry's facts), which would otherwise make the smallest package look dear and the growth steep.
    write_exports(mydiplo.load(packages[SIZES[0]] / "package"), list(EXPORT_FORMATS), packages[SIZES[0]] / "warm")
    return {size: _profiled_export(work / "package", work / "out") for size, work in packages.items()}


def test_export_work_grows_in_proportion_to_the_rows(profiles: dict[int, tuple[int, pstats.Stats]]) -> None:
    (rows, calls) = zip(*((r, stats.total_calls) for r, stats in (profiles[size] for size in SIZES)))  # type: ignore[attr-defined]
    assert rows[2] >= 2.5 * rows[1] >= 6 * rows[0]
    first, second = ((calls[i + 1] - calls[i]) / (rows[i + 1] - rows[i]) for i in range(2))
    assert second <= SLACK * first, f"each added row cost {first:.0f} calls, then {second:.0f}"


def test_every_format_at_once_builds_each_shared_step_once(profiles: dict[int, tuple[int, pstats.Stats]]) -> None:
    _, stats = profiles[SIZES[0]]
    assert _calls(stats, "analysis/frames.py", "_typed_columns") == len(TABLES)
    assert _calls(stats, "analysis/events.py", "coded_records") == 1
    assert _calls(stats, "analysis/events.py", "events") == 1
    assert _calls(stats, "analysis/derived.py", "derived_frames") == 1
    assert _calls(stats, "analysis/arrow.py", "arrow_table") == len(TABLES) + 4
    assert _calls(stats, "export/nested.py", "documents") == 1
