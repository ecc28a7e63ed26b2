"""Benchmark `mydiplo validate` against `frictionless validate` on the same packages, in the same run.

Usage (from a checkout with `pip install -e '.[test]'`):

    python benchmarks/validate_speed.py                 # 10k and 100k rows, and the shipped package
    python benchmarks/validate_speed.py --sizes 1000000  # the 1M-row package (frictionless takes ~1 min)

For each size it writes a valid synthetic package and one with errors
injected at known rows, runs the validators alternately as separate
processes -- mydiplo's default engine, its columnar engine (`--engine fast`,
when polars is installed) and frictionless -- and prints wall time, peak
memory and the ratios. It also checks that each engine reports every
injected error at its line, and times the start-up of `mydiplo --help` and
`import mydiplo` against importing pydantic.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path

from measure import Run, run_process
from synthetic import make_package

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENGINES = ("default", "fast") if find_spec("polars") else ("default",)


def _mydiplo(package: Path, engine: str, *extra: str) -> list[str]:
    return [str(BIN / "mydiplo"), "validate", "--path", str(package), "--engine", engine, *extra]


def _frictionless(package: Path) -> list[str]:
    return [str(BIN / "frictionless"), "validate", str(package / "datapackage.json")]


def compare(label: str, package: Path, rounds: int) -> None:
    """Run each engine and frictionless alternately; print medians, speed-ups and peak memory."""
    runs: dict[str, list[Run]] = {name: [] for name in (*ENGINES, "frictionless")}
    for _ in range(rounds):
        for engine in ENGINES:
            runs[engine].append(run_process(_mydiplo(package, engine)))
        runs["frictionless"].append(run_process(_frictionless(package)))
    seconds = {name: statistics.median(r[0] for r in found) for name, found in runs.items()}
    memory = {name: max(r[1] for r in found) for name, found in runs.items()}
    cells = [f"{seconds[name]:.2f} s (**{seconds['frictionless'] / seconds[name]:.1f}x**)" for name in ENGINES]
    cells.append(f"{seconds['frictionless']:.2f} s")
    cells.append(" / ".join(f"{memory[name]}" for name in runs) + " MiB")
    print(f"| {label} | {' | '.join(cells)} |", flush=True)


def injected_found(package: Path, injected: list, engine: str) -> str:
    """How many injected errors an engine reports at their file, line and rule."""
    _, _, output = run_process(_mydiplo(package, engine, "--format", "json", "--max-per-rule", "0"))
    report = json.loads(output)
    found = {(p["file"], p["line"], p["rule"]) for p in report["problems"]}
    hits = sum(1 for item in injected if tuple(item) in found)
    return (
        f"{engine} engine: {hits} of {len(injected)} injected errors reported at their line and rule; "
        f"{report['errors']} errors counted"
    )


def startup(rounds: int = 15) -> None:
    """Start-up time of the command and the import, against importing pydantic."""
    python = sys.executable

    def median(command: list[str]) -> float:
        return statistics.median(run_process(command)[0] for _ in range(rounds))

    base = median([python, "-c", "from pydantic import BaseModel"])
    for label, command in (
        ("mydiplo --help", [str(BIN / "mydiplo"), "--help"]),
        ("import mydiplo", [python, "-c", "import mydiplo"]),
    ):
        seconds = median(command)
        print(f"| {label} | {seconds * 1000:.0f} ms | {base * 1000:.0f} ms | {seconds / base:.2f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated row counts (default: 10000,100000)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs per size below 1M rows (default: 3)")
    parser.add_argument(
        "--big-rounds", type=int, default=1, help="alternating runs per size of 1M rows or more (default: 1)"
    )
    parser.add_argument(
        "--errors", type=int, default=200, help="errors to inject in the invalid packages (default: 200)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mydiplo-bench-"))
    try:
        engines = " | ".join(f"mydiplo, {name} engine" for name in ENGINES)
        print(f"| package | {engines} | frictionless | peak memory ({' / '.join((*ENGINES, 'frictionless'))}) |")
        print("| --- " * (len(ENGINES) + 3) + "|")
        compare("shipped data package", ROOT, args.rounds)
        notes: list[str] = []
        for size in (int(s) for s in args.sizes.split(",")):
            rounds = args.big_rounds if size >= 1_000_000 else args.rounds
            valid = work / f"valid-{size}"
            make_package(valid, size)
            compare(f"{size:,} rows, valid", valid, rounds)
            broken = work / f"errors-{size}"
            injected = make_package(broken, size, errors=args.errors)
            compare(f"{size:,} rows, {len(injected)} errors", broken, rounds)
            notes.extend(f"{size:,} rows, {injected_found(broken, injected, engine)}" for engine in ENGINES)
            shutil.rmtree(valid)
            shutil.rmtree(broken)
        print()
        for note in notes:
            print(f"- {note}")
        print()
        print("| start-up | time | `from pydantic import BaseModel` | ratio |")
        print("| --- | --- | --- | --- |")
        startup()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
