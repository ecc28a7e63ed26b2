"""Finding the data package: the one the user is working in, the checkout the code stands in, or the installed copy.

A contributor edits a clone and runs ``mydiplo validate`` in it, whatever
copy of the code is installed; so the folder they stand in comes first, as
git finds its repository from any folder inside it. The commands that write
a checkout's files (``generate``, ``build``) find it the same way, by its
markers, before they look where the running code was installed from: they
work in a clone whether mydiplo was installed from it or from a wheel.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from pathlib import Path

from ..problems import ProblemLog
from .jsontext import parse_json
from .tablefile import regular_file

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_NAME = "mydiplo"
"""The ``name`` in mydiplo's ``datapackage.json``: what tells its data package from another."""


def working_root(start: Path | None = None) -> Path | None:
    """The mydiplo data package that ``start`` (by default the current folder) lies in, if any.

    It is the nearest folder, ``start`` or one of its parents, that holds a
    ``datasets`` folder and a ``datapackage.json`` named ``mydiplo``.
    """
    here = (start or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if _is_mydiplo_package(folder)), None)


def _is_mydiplo_package(folder: Path) -> bool:
    descriptor = folder / "datapackage.json"
    if not (descriptor.is_file() and (folder / "datasets").is_dir()):
        return False
    try:
        return parse_json(descriptor.read_text(encoding="utf-8")).get("name") == PACKAGE_NAME
    except (OSError, ValueError, AttributeError):
        return False


_PROJECT_NAME = re.compile(r"^\[project\][ \t]*\n(?:(?!\[).*\n)*?name[ \t]*=[ \t]*[\"']mydiplo[\"']", re.MULTILINE)
"""``name = "mydiplo"`` in the ``[project]`` table of a ``pyproject.toml`` (read without ``tomllib``, which
Python 3.10 lacks)."""


def working_checkout(start: Path | None = None) -> Path | None:
    """The checkout of mydiplo that ``start`` (by default the current folder) lies in, if any.

    It is the nearest folder, ``start`` or one of its parents, holding a
    ``datapackage.json`` and a ``pyproject.toml`` whose project is named
    ``mydiplo``: the markers of a clone, whichever copy of the code runs.
    """
    here = (start or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if _is_checkout(folder)), None)


def _is_checkout(folder: Path) -> bool:
    if not (folder / "datapackage.json").is_file():
        return False
    located = regular_file(folder, "pyproject.toml", ProblemLog())  # never a link to a device or a pipe
    try:
        text = located[0].read_text(encoding="utf-8") if located else ""
    except (OSError, UnicodeDecodeError):
        return False
    return _PROJECT_NAME.search(text) is not None


def checkout_root() -> Path | None:
    """The checkout this code runs from (editable install or source tree), if any."""
    root = _PACKAGE_DIR.parent
    if (root / "datapackage.json").is_file() and (root / "pyproject.toml").is_file():
        return root
    return None


def installed_root() -> Path:
    """The data package shipped inside the installed wheel."""
    return Path(str(resources.files("mydiplo") / "_data"))


def default_root() -> Path:
    """Where ``load()`` and the commands look when given no path.

    The mydiplo data package the current folder lies in, else the checkout
    this code runs from, else the data shipped in the installed package.
    """
    return find_package().root


class Found(str, Enum):
    """How a command came to the data package it works on."""

    GIVEN = "given"
    """Named by the user (``--path``)."""
    HERE = "here"
    """The mydiplo package the current folder lies in."""
    CODE = "code"
    """The checkout the running code belongs to, as the current folder lies in no package."""
    INSTALLED = "installed"
    """The data installed with the package, as the current folder lies in no package and the code in no checkout."""


@dataclass(frozen=True)
class Located:
    """A data package folder, and how it was found: what a command tells the user it worked on."""

    root: Path
    found: Found


def find_package(path: Path | str | None = None) -> Located:
    """The data package named by ``path`` (a folder or its ``datapackage.json``), else the one the current
    folder lies in, else the checkout this code runs from, else the installed data."""
    return _found(path, working_root) or Located(installed_root(), Found.INSTALLED)


def find_checkout(path: Path | str | None = None) -> Located | None:
    """The checkout named by ``path``, else the one the current folder lies in (by its markers, see
    :func:`working_checkout`), else the one this code runs from; None when there is none."""
    return _found(path, working_checkout)


def _found(path: Path | str | None, here: Callable[[], Path | None]) -> Located | None:
    """``path`` as given, else what ``here`` finds the current folder lies in, else the checkout this code
    runs from."""
    if path is not None:
        return Located(package_root(path), Found.GIVEN)
    found = here()
    if found is not None:
        return Located(found, Found.HERE)
    code = checkout_root()
    return None if code is None else Located(code, Found.CODE)


def data_version(root: Path) -> str | None:
    """The ``version`` the package's ``datapackage.json`` declares, or None when it cannot say."""
    located = regular_file(root, "datapackage.json", ProblemLog())  # never a link to a device or a pipe
    if located is None:
        return None
    try:
        version = parse_json(located[0].read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return version if isinstance(version, str) else None


def package_root(path: Path | str | None) -> Path:
    """The folder of a data package given as a folder, a ``datapackage.json`` file, or nothing."""
    if path is None:
        return default_root()
    path = Path(path)
    return path.parent if path.name == "datapackage.json" else path
