"""Building the documentation site for tests: ``mkdocs build --strict`` of a data package, failing on any warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def site_config(package: Path, folder: Path) -> Path:
    """Write into ``folder`` an MkDocs config that builds the checkout's docs from the data of ``package``.

    It inherits the checkout's mkdocs.yml and only points the hooks'
    ``extra.data_package`` at ``package``, so a test site shows the fixture,
    not the shipped data.
    """
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        f"hooks: [{ROOT / 'mydiplo' / 'site' / 'hooks.py'}]\n"
        f"watch: [{package / 'datasets'}]\n"
        f"extra:\n  data_package: {package}\n",
        encoding="utf-8",
    )
    return config


def build_site(target: Path, package: Path) -> str:
    """Build the site of ``package``'s data into ``target``; return the log.

    Fails when the build fails or logs a warning: strict mode turns most
    warnings into errors, and this catches any it lets through.
    """
    target.mkdir(parents=True, exist_ok=True)
    config = site_config(package, target.parent)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(target)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{log[-4000:]}"
    warnings = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert not warnings, "mkdocs build logged warnings:\n" + "\n".join(warnings)
    return log
