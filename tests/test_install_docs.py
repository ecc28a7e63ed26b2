"""The install instructions say what works today: the package is not on PyPI yet.

Docs test: reads the README and the documentation pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FROM_PYPI = re.compile(r"pip install '?mydiplo\b")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_installing_from_pypi_is_only_named_as_what_comes_once_it_is_published(page: Path) -> None:
    """Every paragraph that installs ``mydiplo`` by name says it is for once the package is on PyPI."""
    for paragraph in page.read_text(encoding="utf-8").split("\n\n"):
        if FROM_PYPI.search(paragraph):
            assert "PyPI" in paragraph, f"{page.name}: {paragraph.strip()[:120]}"
