"""The install extras: ``[all]`` brings what the library's optional features use and nothing of the docs toolchain.

Checkout test: reads pyproject.toml, README.md, CONTRIBUTING.md and docs/*.md; no data package.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mydiplo.extras import EXTRAS

tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11 or later")

SELF = re.compile(r"mydiplo\[([^\]]+)\]")


def _extras(checkout: Path) -> dict[str, list[str]]:
    with (checkout / "pyproject.toml").open("rb") as handle:
        extras: dict[str, list[str]] = tomllib.load(handle)["project"]["optional-dependencies"]
    return extras


def _included(extras: dict[str, list[str]], name: str) -> set[str]:
    """The extra ``name`` and every extra it pulls in through ``mydiplo[...]``, transitively."""
    found, pending = set(), [name]
    while pending:
        extra = pending.pop()
        if extra not in found:
            found.add(extra)
            for requirement in extras[extra]:
                if match := SELF.fullmatch(requirement):
                    pending.extend(part.strip() for part in match.group(1).split(","))
    return found


def _packages(extras: dict[str, list[str]], name: str) -> set[str]:
    """The names of the packages ``pip install 'mydiplo[name]'`` installs besides mydiplo's own dependencies."""
    return {
        re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower()
        for extra in _included(extras, name)
        for requirement in extras[extra]
        if not SELF.fullmatch(requirement)
    }


def test_all_brings_every_optional_feature_and_not_the_docs_toolchain(checkout: Path) -> None:
    extras = _extras(checkout)
    assert set(EXTRAS.values()) <= _included(extras, "all"), "an optional module's extra is missing from [all]"
    assert not _packages(extras, "all") & _packages(extras, "docs"), "[all] installs the docs toolchain"
    assert "mkdocs" in _packages(extras, "docs")
    # The tests build the site and exercise every optional feature, so the test extra needs both.
    assert _packages(extras, "all") | _packages(extras, "docs") <= _packages(extras, "test")


def _install_lines(checkout: Path) -> list[tuple[str, str]]:
    """Every line of the README, CONTRIBUTING.md and the docs that pip-installs an extra, with its file's name."""
    pages = [checkout / "README.md", checkout / "CONTRIBUTING.md", *sorted((checkout / "docs").glob("*.md"))]
    return [
        (page.name, line)
        for page in pages
        for line in page.read_text(encoding="utf-8").splitlines()
        if re.search(r"pip install [^\n]*\[", line)
    ]


def test_the_install_commands_name_extras_that_exist(checkout: Path) -> None:
    extras, lines = _extras(checkout), _install_lines(checkout)
    assert lines
    for page, line in lines:
        for command in re.findall(r"pip install [^`\n]*", line):
            for named in re.findall(r"\[([a-z,]+)\]", command):
                unknown = set(named.split(",")) - set(extras)
                assert not unknown, f"{page}: {command!r} names no extra of pyproject.toml: {', '.join(unknown)}"


def test_the_readme_says_what_all_installs(checkout: Path) -> None:
    """The README's line installing ``[all]`` names what it brings, and the site is built with ``[docs]``."""
    extras = _extras(checkout)
    readme = (checkout / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if re.search(r"pip install '[^']*\[all\]'", line)).lower()
    for extra in sorted(_included(extras, "all") - {"all"}):
        assert extra in line or _packages(extras, extra) & set(re.findall(r"[a-z]+", line)), extra
    documentation = readme.split("## Documentation", 1)[1].split("\n## ", 1)[0]
    assert "pip install -e '.[docs]'" in documentation and "mkdocs build" in documentation
