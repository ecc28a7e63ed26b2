"""Following a retired id to the record that replaced it, and saying so.

Someone who cited ``old-sco-record`` from an older release should reach the
record that now holds what it held, and learn that the id changed, rather
than be told that no record has it. The register of retired ids
(:class:`~mydiplo.models.RetiredId`) says where each retired id leads: to its
successor, or nowhere when the record was withdrawn. ``Dataset.resolve``,
``Dataset.get``, ``ds[...]`` and ``mydiplo show`` all follow it by the rule
written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .models import RetiredId


class RetiredIdWarning(UserWarning):
    """A record was looked up by a retired id; the message says when it was retired and what replaced it.

    A warning rather than silence, so a script written against an older
    release learns that its ids changed; turn it into an error with
    ``warnings.simplefilter("error", mydiplo.RetiredIdWarning)``.
    """


class Resolution(NamedTuple):
    """Where an id leads: the id that names a record now, and the retirements followed to reach it.

    ``record_id`` is the id given when it was never retired, the last
    successor when it was, and None when the chain ends in a withdrawal.
    ``chain`` holds the register's rows in the order they were followed,
    empty for an id that was never retired.
    """

    record_id: str | None
    chain: tuple[RetiredId, ...]

    @property
    def note(self) -> str | None:
        """What a reader is told, on one line: each retirement, when, what replaced the id, and why; None if none."""
        if not self.chain:
            return None
        return "; ".join(_step(retired) for retired in self.chain)


def _step(retired: RetiredId) -> str:
    """One retirement in words: ``x was retired in 0.2.0 and is now y (why)``."""
    if retired.replaced_by is None:
        return f"{retired.retired_id} was withdrawn in {retired.retired_in} ({retired.reason})"
    return (
        f"{retired.retired_id} was retired in {retired.retired_in} and is now {retired.replaced_by} ({retired.reason})"
    )


def resolve(register: Mapping[str, RetiredId], record_id: str) -> Resolution:
    """Follow ``record_id`` through ``register`` (retired id to its row) until it reaches an id not retired.

    A package that validates has no chains (a successor is a current record),
    but a dataset assembled by hand, or a register written for several
    releases, may: each step is followed. A register that leads back to an id
    already passed loops for ever, so it raises ``ValueError`` naming the loop.
    """
    chain: list[RetiredId] = []
    current: str | None = record_id
    while current is not None and current in register:
        retired = register[current]
        if any(step.retired_id == current for step in chain):
            loop = " -> ".join([*(step.retired_id for step in chain), current])
            raise ValueError(f"the register of retired ids loops: {loop}")
        chain.append(retired)
        current = retired.replaced_by
    return Resolution(current, tuple(chain))
