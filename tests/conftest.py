"""Shared fixtures: the frozen fixture package the code tests run on, disposable copies of it, and the checkout.

Code tests read ``package`` (or break a ``package_copy``), never the shipped
data, so a correction of the data cannot fail them. Data-policy tests, which
check the shipped data itself, read it from ``checkout``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixturepackage import FIXTURE
from hypothesis import settings

from mydiplo.problems import Problem

ROOT = Path(__file__).resolve().parent.parent

# In CI (``CI`` set, as CI services do) Hypothesis draws the same examples on every run, so a build
# is red or green by the code, not by luck; elsewhere it keeps exploring new examples.
settings.register_profile("ci", derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def checkout() -> Path:
    """The checkout's root: the shipped data package, the docs, CI and the release files."""
    return ROOT


@pytest.fixture(scope="session")
def package() -> Path:
    """The frozen fixture package, to read only: datapackage.json, datasets/ and schema/."""
    return FIXTURE


@pytest.fixture()
def package_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture package, for tests that break it."""
    return copy_package(FIXTURE, tmp_path / "package")


@pytest.fixture()
def problems_made(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many problems have been made since the test began (its one item), to show that a cost is bounded."""
    count = [0]
    make = Problem.__init__

    def counting(self: Problem, *args: object, **kwargs: object) -> None:
        count[0] += 1
        make(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Problem, "__init__", counting)
    yield count


@pytest.fixture()
def release_root(checkout: Path, package: Path, tmp_path: Path) -> Path:
    """The files a release is built from: the fixture package, with the checkout's docs and release files."""
    target = copy_package(package, tmp_path / "checkout")
    shutil.copytree(checkout / "docs", target / "docs")
    for name in ("CITATION.cff", "CHANGELOG.md", "LICENSE-DATA.md"):
        shutil.copy(checkout / name, target / name)
    return target


def copy_package(source: Path, target: Path) -> Path:
    """Copy the data package at ``source`` (descriptor, schemas, tables) to ``target``; return ``target``."""
    target.mkdir(parents=True)
    for name in ("datasets", "schema"):
        shutil.copytree(source / name, target / name)
    shutil.copy(source / "datapackage.json", target / "datapackage.json")
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
    """The documentation site of the fixture package, built once per test session with ``mkdocs build --strict``."""
    from sitebuild import build_site

    target = tmp_path_factory.mktemp("site") / "site"
    build_site(target, FIXTURE)
    return target
