"""Shared fixtures: the checkout's data package, and disposable copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    """The checkout's root, holding datapackage.json, datasets/ and schema/."""
    return ROOT


@pytest.fixture()
def package_copy(tmp_path: Path) -> Path:
    """A writable copy of the data package, for tests that break it."""
    target = tmp_path / "package"
    target.mkdir()
    for name in ("datasets", "schema"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "datapackage.json", target / "datapackage.json")
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` by ``new`` in a file and return the 1-based line of the first change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site built once per test session with ``mkdocs build --strict``."""
    from sitebuild import build_site

    target = tmp_path_factory.mktemp("site")
    build_site(target)
    return target
