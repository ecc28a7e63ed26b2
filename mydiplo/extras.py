"""Importing the optional packages an export or an analysis interface needs, with one clear line when one is missing.

``import mydiplo`` needs only pydantic; pandas, polars, DuckDB and pyarrow are
optional extras, imported here on first use so that a user who never asks for
Parquet never pays for pyarrow.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType


class MissingExtraError(ImportError):
    """An optional package is not installed; the message is one line naming the extra to install."""


EXTRAS: dict[str, str] = {
    "pandas": "pandas",
    "polars": "polars",
    "duckdb": "duckdb",
    "pyarrow": "parquet",
    "pyarrow.parquet": "parquet",
}
"""The ``mydiplo[...]`` extra that installs each optional module."""


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module`` for ``purpose`` (such as "Parquet export"), or say in one line which extra installs it."""
    try:
        return import_module(module)
    except ImportError:
        extra = EXTRAS[module]
        raise MissingExtraError(
            f"{purpose} needs {module.split('.')[0]}, which is not installed: pip install 'mydiplo[{extra}]'"
        ) from None
