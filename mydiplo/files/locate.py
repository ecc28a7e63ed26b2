"""Finding the data package: the one the user is working in, the checkout the code stands in, or the installed copy.

A contributor edits a clone and runs ``mydiplo validate`` in it, whatever
copy of the code is installed; so the folder they stand in comes first, as
git finds its repository from any folder inside it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .jsontext import parse_json

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
    return working_root() or checkout_root() or installed_root()


def package_root(path: Path | str | None) -> Path:
    """The folder of a data package given as a folder, a ``datapackage.json`` file, or nothing."""
    if path is None:
        return default_root()
    path = Path(path)
    return path.parent if path.name == "datapackage.json" else path
