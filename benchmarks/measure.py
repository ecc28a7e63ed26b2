"""Running a command as its own process and reading what it cost: wall time and peak resident memory.

Every benchmark measures commands this way, so that a figure includes what
a user waits for (starting Python, importing) and a peer's figure is taken
exactly as ours is.
"""

from __future__ import annotations

import os
import subprocess
import time
from typing import NamedTuple


class Run(NamedTuple):
    """What one process cost, and what it printed."""

    seconds: float
    """Wall time from starting the process to its exit."""
    mebibytes: int
    """Peak resident memory of the process (its largest child's, for a shell)."""
    output: str
    """Its standard output."""


def run_process(command: list[str], cwd: str | None = None) -> Run:
    """Run ``command`` to its end and measure it; raise ``RuntimeError`` if it fails, so no figure is of a failure."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output = process.stdout.read() if process.stdout else ""
    errors = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: a validator that found errors, which the error runs expect
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}: {errors.strip()[-500:]}")
    return Run(seconds, usage.ru_maxrss // 1024, output)
