"""Finding the data package: the checkout the code stands in, or the copy inside the installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


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
    """Where ``load()`` and ``mydiplo validate`` look when given no path: the checkout, else the wheel's data."""
    return checkout_root() or installed_root()


def package_root(path: Path | str | None) -> Path:
    """The folder of a data package given as a folder, a ``datapackage.json`` file, or nothing."""
    if path is None:
        return default_root()
    path = Path(path)
    return path.parent if path.name == "datapackage.json" else path
