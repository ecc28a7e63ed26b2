"""The register of retired identifiers: ids that once named a record and never name another.

An id is a promise to whoever cited it: a record may be merged into
another, split or found not to belong in the dataset, but its id is not
given to anything else. The register keeps each retired id, the id that
replaced it (if any), the data version from which it is gone and why, so a
user of an older release can follow an id to its successor, ``mydiplo
validate`` refuses the reuse of a retired id, and ``mydiplo diff`` refuses the
removal of a record whose id is not registered here.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import Id, Record, Text

DataVersion = Annotated[str, StringConstraints(pattern=r"^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)$")]
"""A semantic version of the data package, such as ``1.2.0``."""


class RetiredId(Record):
    """An identifier that no longer names a record, and never will again."""

    retired_id: Id = Field(
        description="The identifier that was retired; no record of any table may use it again.",
        examples=["example-duplicate-visit"],
    )
    replaced_by: Id | None = Field(
        None,
        description=(
            "The id of the record that now holds what the retired record held (after a merge or a rename); empty when "
            "the record was withdrawn."
        ),
    )
    retired_in: DataVersion = Field(
        description=(
            "The first data version without the retired id: the version of the release that will carry the change."
        ),
        examples=["0.2.0"],
    )
    reason: Text = Field(
        description="Why the id was retired, in the curator's words.",
        examples=["Merged into the record of the same visit, which two sources date alike."],
    )
