"""What is worked out from a dataset once, however many formats or views ask for it.

A :class:`~mydiplo.Dataset` never changes, so a table derived from it holds
for as long as the dataset lives: an export of every format builds each
typed table, the events behind the dyads and the nested documents once,
and the derived tables that share the events (dyadic events, the panel,
the network) find them once. Results are kept beside the dataset (weakly:
they go when it goes), so callers must treat them as read-only, which the
frozen frames and tuples they are enforce.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar
from weakref import WeakKeyDictionary

from ..collector import collector_paused
from ..dataset import Dataset

T = TypeVar("T")


def per_dataset(function: Callable[[Dataset], T]) -> Callable[[Dataset], T]:
    """``function`` worked out once for each dataset it is given, then answered from memory."""
    found: WeakKeyDictionary[Dataset, T] = WeakKeyDictionary()

    @functools.wraps(function)
    def remembered(dataset: Dataset) -> T:
        if dataset not in found:
            with collector_paused():  # the result is many small objects that outlive the call
                found[dataset] = function(dataset)
        return found[dataset]

    return remembered
