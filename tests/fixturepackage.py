"""The frozen fixture package the code tests run on, and the files in it that the models generate.

The fixture's tables are frozen: a correction of the shipped data never
reaches them, so it cannot fail a code test. Its ``datapackage.json`` and
``schema/`` are generated from the models like the checkout's, and must
follow the models when they change. Regenerate them with::

    python tests/fixturepackage.py

``tests/test_fixture_package.py`` fails, naming that command, when they drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "package"
"""The frozen fixture package: datapackage.json, schema/ and datasets/."""

REGENERATE = "python tests/fixturepackage.py"
"""The command, run from the checkout, that rewrites the fixture's generated files."""


def _is_package_file(path: str) -> bool:
    """A generated file that belongs to a data package (the descriptor and schemas), not to the docs."""
    return path == "datapackage.json" or path.startswith("schema/")


def stale_files(root: Path = FIXTURE) -> list[str]:
    """The fixture's generated files that are missing or differ from what the models give.

    The docs that ``mydiplo generate`` also writes are no part of a data package, so they are left out.
    """
    from mydiplo.generate.files import stale_files as stale_generated_files

    return [path for path in stale_generated_files(root) if _is_package_file(path)]


def regenerate(root: Path = FIXTURE) -> list[str]:
    """Rewrite the fixture's generated files that drifted from the models; return their paths."""
    from mydiplo.generate.files import expected_files

    files = expected_files()
    changed = stale_files(root)
    for path in changed:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(files[path], encoding="utf-8", newline="\n")
    return changed


if __name__ == "__main__":
    sys.path.insert(0, str(FIXTURE.parents[2]))
    for written in regenerate():
        print(f"wrote tests/fixtures/package/{written}")
