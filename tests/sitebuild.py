"""Building the documentation site for tests: ``mkdocs build --strict`` into a folder, failing on any warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_site(target: Path, config: Path | None = None) -> str:
    """Build the site into ``target`` with ``config`` (default: the checkout's mkdocs.yml); return the log.

    Fails when the build fails or logs a warning: strict mode turns most
    warnings into errors, and this catches any it lets through.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config or ROOT / "mkdocs.yml"), "--site-dir", str(target)],
        check=False, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{log[-4000:]}"
    warnings = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert not warnings, "mkdocs build logged warnings:\n" + "\n".join(warnings)
    return log
