"""mydiplo: the foreign relations of Myanmar's military regime since the February 2021 coup.

Typed records of visits, agreements and pledges, elections and their
observers, arms transfers and alignments, each cited to its sources::

    import mydiplo

    ds = mydiplo.load()
    for visit in ds.visits_of("alexander-lukashenko"):
        print(visit.visit_id, visit.start_date.describe())

``import mydiplo`` is cheap: the models and the data are loaded on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .analysis.sql import connect
    from .dataset import Dataset, InvalidPackageError, load
    from .models import PartialDate
    from .readings import Dispute, Reading
    from .retirements import Resolution, RetiredIdWarning

_LAZY = {
    "load": "mydiplo.dataset",
    "Dataset": "mydiplo.dataset",
    "InvalidPackageError": "mydiplo.dataset",
    "PartialDate": "mydiplo.models.dates",
    "Reading": "mydiplo.readings",
    "Dispute": "mydiplo.readings",
    "Resolution": "mydiplo.retirements",
    "RetiredIdWarning": "mydiplo.retirements",
    "connect": "mydiplo.analysis.sql",
}

__all__ = [
    "Dataset",
    "Dispute",
    "InvalidPackageError",
    "PartialDate",
    "Reading",
    "Resolution",
    "RetiredIdWarning",
    "__version__",
    "connect",
    "load",
]


def __getattr__(name: str) -> Any:
    """Import the public API on first use, so that ``import mydiplo`` stays light."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'mydiplo' has no attribute {name!r}")
