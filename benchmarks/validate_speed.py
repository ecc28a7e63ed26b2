"""Benchmark `mydiplo validate` against `frictionless validate` on the same packages, in the same run.

Usage (from a checkout with `pip install -e '.[test]'`):

    python benchmarks/validate_speed.py                 # 10k and 100k rows, and the shipped package
    python benchmarks/validate_speed.py --sizes 1000000  # the 1M-row package (frictionless takes ~1 min)

For each size it writes a valid synthetic package and one with errors
injected at known rows, runs both validators alternately as separate
processes, and prints wall time, peak memory and the ratios. It also checks
that every injected error is reported at its line, and times the start-up
of `mydiplo --help` and `import mydiplo` against importing pydantic.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import make_package

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(command: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak resident memory in MiB, and standard output of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss // 1024, output


def _mydiplo(package: Path, *extra: str) -> list[str]:
    return [str(BIN / "mydiplo"), "validate", str(package), *extra]


def _frictionless(package: Path) -> list[str]:
    return [str(BIN / "frictionless"), "validate", str(package / "datapackage.json")]


def compare(label: str, package: Path, rounds: int) -> dict[str, float]:
    """Run both validators alternately; report medians and ratios."""
    ours, theirs = [], []
    for _ in range(rounds):
        ours.append(_run(_mydiplo(package)))
        theirs.append(_run(_frictionless(package)))
    mine_s, their_s = statistics.median(r[0] for r in ours), statistics.median(r[0] for r in theirs)
    mine_mb, their_mb = max(r[1] for r in ours), max(r[1] for r in theirs)
    print(f"| {label} | {mine_s:.2f} s | {their_s:.2f} s | **{their_s / mine_s:.1f}x** | {mine_mb} MiB | {their_mb} MiB |", flush=True)
    return {"mydiplo_s": mine_s, "frictionless_s": their_s, "mydiplo_mb": mine_mb, "frictionless_mb": their_mb}


def injected_found(package: Path, injected: list) -> str:
    """How many injected errors `mydiplo validate` reports at their file, line and rule."""
    _, _, output = _run(_mydiplo(package, "--format", "json"))
    report = json.loads(output)
    found = {(p["file"], p["line"], p["rule"]) for p in report["problems"]}
    hits = sum(1 for item in injected if tuple(item) in found)
    return f"{hits} of {len(injected)} injected errors reported at their line and rule; {report['errors']} errors counted"


def startup(rounds: int = 15) -> None:
    """Start-up time of the command and the import, against importing pydantic."""
    python = sys.executable

    def median(command: list[str]) -> float:
        return statistics.median(_run(command)[0] for _ in range(rounds))

    base = median([python, "-c", "from pydantic import BaseModel"])
    for label, command in (("mydiplo --help", [str(BIN / "mydiplo"), "--help"]), ("import mydiplo", [python, "-c", "import mydiplo"])):
        seconds = median(command)
        print(f"| {label} | {seconds * 1000:.0f} ms | {base * 1000:.0f} ms | {seconds / base:.2f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated row counts (default: 10000,100000)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs per size below 1M rows (default: 3)")
    parser.add_argument("--errors", type=int, default=200, help="errors to inject in the invalid packages (default: 200)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mydiplo-bench-"))
    try:
        print("| package | mydiplo validate | frictionless validate | speed-up | mydiplo peak memory | frictionless peak memory |")
        print("| --- | --- | --- | --- | --- | --- |")
        compare("shipped data package", ROOT, args.rounds)
        notes = []
        for size in (int(s) for s in args.sizes.split(",")):
            rounds = 1 if size >= 1_000_000 else args.rounds
            valid = work / f"valid-{size}"
            make_package(valid, size)
            compare(f"{size:,} rows, valid", valid, rounds)
            broken = work / f"errors-{size}"
            injected = make_package(broken, size, errors=args.errors)
            compare(f"{size:,} rows, {len(injected)} errors", broken, rounds)
            notes.append(f"{size:,} rows: {injected_found(broken, injected)}")
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
