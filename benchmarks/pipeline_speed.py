"""Benchmark every command against the peer a user would otherwise use, at each size, in one run.

Usage (from a checkout with `pip install -e '.[bench]'`):

    python benchmarks/pipeline_speed.py                                  # 10k, 100k and 1M rows
    python benchmarks/pipeline_speed.py --sizes 10000,100000 --rounds 3

For each size it writes a valid synthetic package (benchmarks/synthetic.py)
and runs each command and its peer alternately, as separate processes, the
median of the rounds (the fast engine's row always takes at least 3):

| command | peer | goal |
| --- | --- | --- |
| `export --format sqlite` | `sqlite-utils insert --csv`, a process per table | ours <= 2x the peer's time |
| `export --format duckdb` | DuckDB `read_csv` of every table, one process | <= 3x |
| `export --format parquet` | pyarrow CSV read and Parquet write of every table | <= 2x |
| all three formats at once | the three peers | <= 2x their summed time |
| `mydiplo.load()` | `validate`, default engine | <= 1.5x |
| `show ID` | `validate`, default engine | <= 1x |
| `validate`, default engine | `frictionless validate` | 8 times as fast or more |
| `validate`, fast engine | `frictionless validate` | 40 times as fast or more (median of 3) |

It prints, per size, wall time and peak memory of each side and the ratio,
then the cost per row of every command at every size (linear growth keeps
it flat), the machine and the versions measured.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from measure import Run, run_process
from synthetic import make_package

BIN = Path(sys.executable).parent
PYTHON = sys.executable
SHOWN = "visit-0000005"
"""The record ``show`` prints: a visit, with its traveller, participant, citations and sources."""

DUCKDB_PEER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
for path in sys.argv[2:]:
    name = path.rsplit('/', 1)[-1].removesuffix('.csv')
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}')")
con.close()
"""

PYARROW_PEER = """
import sys
from pyarrow import csv, parquet
for path in sys.argv[2:]:
    name = path.rsplit('/', 1)[-1].removesuffix('.csv')
    parquet.write_table(csv.read_csv(path), f"{sys.argv[1]}/{name}.parquet", compression='zstd')
"""


@dataclass(frozen=True)
class Comparison:
    """A command of ours, its peer, and the goal: ours may take at most ``goal`` times the peer's time."""

    label: str
    peer_label: str
    ours: Callable[[Path, Path], list[list[str]]]
    peer: Callable[[Path, Path], list[list[str]]]
    goal: float
    rounds: int = 0
    """At least this many rounds, whatever ``--rounds`` says (0: as it says)."""
    from_rows: int = 0
    """The goal holds from packages of this many rows on (the fast engine's is set at a million)."""

    def goal_text(self) -> str:
        return f"<= {self.goal:g}x" if self.goal >= 1 else f"{1 / self.goal:g}x as fast"


def _tables(package: Path) -> list[Path]:
    return sorted((package / "datasets").glob("*.csv"))


def _mydiplo(*arguments: str) -> list[str]:
    return [str(BIN / "mydiplo"), *arguments]


def _export(formats: str) -> Callable[[Path, Path], list[list[str]]]:
    return lambda package, out: [_mydiplo("export", "--format", formats, "--path", str(package), "--output", str(out))]


def _sqlite_utils(package: Path, out: Path) -> list[list[str]]:
    database = str(out / "peer.sqlite")
    return [[str(BIN / "sqlite-utils"), "insert", database, path.stem, str(path), "--csv"] for path in _tables(package)]


def _duckdb(package: Path, out: Path) -> list[list[str]]:
    return [[PYTHON, "-c", DUCKDB_PEER, str(out / "peer.duckdb"), *map(str, _tables(package))]]


def _pyarrow(package: Path, out: Path) -> list[list[str]]:
    return [[PYTHON, "-c", PYARROW_PEER, str(out), *map(str, _tables(package))]]


def _validate(engine: str) -> Callable[[Path, Path], list[list[str]]]:
    return lambda package, out: [_mydiplo("validate", "--path", str(package), "--engine", engine)]


def _frictionless(package: Path, out: Path) -> list[list[str]]:
    return [[str(BIN / "frictionless"), "validate", str(package / "datapackage.json")]]


COMPARISONS = (
    Comparison("export --format sqlite", "sqlite-utils insert --csv", _export("sqlite"), _sqlite_utils, 2),
    Comparison("export --format duckdb", "DuckDB read_csv", _export("duckdb"), _duckdb, 3),
    Comparison("export --format parquet", "pyarrow CSV to Parquet", _export("parquet"), _pyarrow, 2),
    Comparison(
        "export --format sqlite,duckdb,parquet",
        "the three peers",
        _export("sqlite,duckdb,parquet"),
        lambda package, out: [*_sqlite_utils(package, out), *_duckdb(package, out), *_pyarrow(package, out)],
        2,
    ),
    Comparison(
        "mydiplo.load()",
        "validate, default engine",
        lambda package, out: [[PYTHON, "-c", "import sys, mydiplo; mydiplo.load(sys.argv[1])", str(package)]],
        _validate("default"),
        1.5,
    ),
    Comparison(
        f"show {SHOWN}",
        "validate, default engine",
        lambda package, out: [_mydiplo("show", SHOWN, "--path", str(package))],
        _validate("default"),
        1,
    ),
    Comparison("validate, default engine", "frictionless validate", _validate("default"), _frictionless, 1 / 8),
    Comparison(
        "validate, fast engine", "frictionless validate", _validate("fast"), _frictionless, 1 / 40, 3, 1_000_000
    ),
)


def _measure(commands: list[list[str]], work: Path) -> Run:
    """Run commands one after another in a fresh output folder: their summed time, their highest peak memory."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    runs = [run_process(command) for command in commands]
    return Run(sum(r.seconds for r in runs), max(r.mebibytes for r in runs), "")


@dataclass(frozen=True)
class Result:
    comparison: Comparison
    rows: int
    ours: Run
    peer: Run

    @property
    def ratio(self) -> float:
        return self.ours.seconds / self.peer.seconds

    def verdict(self) -> str:
        """Whether the goal is met at this size: yes, no, or not set for a package this small."""
        if self.rows < self.comparison.from_rows:
            return f"goal from {self.comparison.from_rows:,} rows"
        return "yes" if self.ratio <= self.comparison.goal else "no"


def compare(comparison: Comparison, package: Path, rows: int, rounds: int, work: Path) -> Result:
    """Run ours and the peer alternately; the median time and the highest peak memory of each."""
    ours: list[Run] = []
    peers: list[Run] = []
    for _ in range(max(rounds, comparison.rounds)):
        ours.append(_measure(comparison.ours(package, work), work))
        peers.append(_measure(comparison.peer(package, work), work))

    def summary(runs: list[Run]) -> Run:
        return Run(statistics.median(r.seconds for r in runs), max(r.mebibytes for r in runs), "")

    return Result(comparison, rows, summary(ours), summary(peers))


def _ratio_text(result: Result) -> str:
    if result.comparison.goal >= 1:
        return f"{result.ratio:.2f}x"
    return f"{1 / result.ratio:.1f}x as fast"


def print_size(results: list[Result]) -> None:
    print(f"\n### {results[0].rows:,} rows\n")
    print("| command | time | memory | peer | peer's time | peer's memory | ratio | goal | met |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        c = r.comparison
        print(
            f"| `{c.label}` | {r.ours.seconds:.2f} s | {r.ours.mebibytes} MiB | {c.peer_label} | "
            f"{r.peer.seconds:.2f} s | {r.peer.mebibytes} MiB | {_ratio_text(r)} | {c.goal_text()} | "
            f"{r.verdict()} |",
            flush=True,
        )


def print_growth(by_size: dict[int, list[Result]]) -> None:
    """Time per row and memory per thousand rows of every command at every size: flat when growth is linear."""
    sizes = list(by_size)
    print("\n### Cost per row\n")
    print("| command | " + " | ".join(f"{by_size[s][0].rows:,} rows" for s in sizes) + " |")
    print("| --- " * (len(sizes) + 1) + "|")
    for i, comparison in enumerate(COMPARISONS):
        cells = [
            f"{by_size[s][i].ours.seconds / by_size[s][i].rows * 1e6:.1f} µs, "
            f"{by_size[s][i].ours.mebibytes * 1024 / by_size[s][i].rows:.2f} KiB"
            for s in sizes
        ]
        print(f"| `{comparison.label}` | {' | '.join(cells)} |")


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def print_machine() -> None:
    packages = ("mydiplo", "pydantic", "polars", "duckdb", "pyarrow", "frictionless", "sqlite-utils")
    print("\n### Machine and versions\n")
    print(f"- {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    print(f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    print("- " + ", ".join(f"{p} {_version(p)}" for p in packages))


def _rows(package: Path) -> int:
    """Data rows in the package's tables (lines less headers)."""
    return sum(sum(1 for _ in path.open(encoding="utf-8")) - 1 for path in _tables(package))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated row counts")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs below 1M rows (default: 3)")
    parser.add_argument("--big-rounds", type=int, default=1, help="alternating runs at 1M rows or more (default: 1)")
    args = parser.parse_args()
    temporary = Path(tempfile.mkdtemp(prefix="mydiplo-pipeline-"))
    by_size: dict[int, list[Result]] = {}
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            package = temporary / f"package-{size}"
            make_package(package, size)
            rows = _rows(package)
            rounds = args.big_rounds if size >= 1_000_000 else args.rounds
            by_size[size] = [compare(c, package, rows, rounds, temporary / "out") for c in COMPARISONS]
            print_size(by_size[size])
            shutil.rmtree(package)
        print_growth(by_size)
        print_machine()
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
