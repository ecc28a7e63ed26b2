"""Partial dates: a day, a month or a year, or a range of them, as sources give them.

Sources rarely date an event to the day: "in March", "earlier this year",
"in the past year". Storing such a date as a full ``date`` (2025-03-01) would
claim a precision nobody has. :class:`PartialDate` keeps the text at its real
precision, in the syntax of the Library of Congress Extended Date/Time Format
(EDTF, ISO 8601-2) level 1, which researchers' tools already read:

========================  ==============================================
``2025``                  some day in 2025
``2025-12``               some day in December 2025
``2025-12-11``            11 December 2025
``2025-12~``              approximately December 2025 (the source hedges)
``2025-12?``              December 2025, but the source may be wrong
``2025-12%``              both approximate and uncertain
``2024-12/2025-12``       some day between December 2024 and December 2025
========================  ==============================================

Every value has ``earliest`` and ``latest`` bounds (plain ``datetime.date``)
for sorting and filtering; ``~``, ``?`` and ``%`` do not widen them, they only
mark that the source hedged or may be wrong.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import total_ordering
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

FIRST_YEAR, LAST_YEAR = 1800, 2099
"""The years a date may fall in: the dataset's events, offices and sources lie well inside them, and a
year outside (0000, 9999) is a typing error that would break date arithmetic in the exports and the site."""

_YEAR = r"(?:1[89]|20)[0-9]{2}"
_POINT = rf"{_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?[~?%]?"
PATTERN = rf"^{_POINT}(?:/{_POINT})?$"
"""Regular expression every partial date matches (also used in the schemas)."""

_POINT_RE = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<qualifier>[~?%]?)$")
_YEAR_LAST = re.compile(r"^(?:(?P<first>[0-9]{1,2})[-/.])?(?P<second>[0-9]{1,2})[-/.](?P<year>[0-9]{4})$")
"""A date written as many people and spreadsheets write it, the year last: 28/12/2025, 28-12-2025, 12.2025."""
_MONTHS = [calendar.month_name[m] for m in range(13)]


class Precision(str, Enum):
    """How finely a partial date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    RANGE = "range"


@dataclass(frozen=True)
class _Point:
    """One endpoint of a partial date: a year, a month or a day, with qualifiers."""

    year: int
    month: int | None
    day: int | None
    approximate: bool
    uncertain: bool

    @classmethod
    def parse(cls, text: str) -> _Point:
        if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
            # The common case, a plain day: the C date parser checks it faster than the general path.
            try:
                plain = dt.date.fromisoformat(text)
            except ValueError:
                pass
            else:
                if FIRST_YEAR <= plain.year <= LAST_YEAR:
                    return cls(plain.year, plain.month, plain.day, False, False)
        match = _POINT_RE.match(text)
        if not match:
            raise ValueError(
                f"{text!r} is not a partial date; write YYYY, YYYY-MM or YYYY-MM-DD, "
                "optionally followed by ~ (approximate), ? (uncertain) or % (both)"
            )
        year = int(match["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"{text!r} is outside the years {FIRST_YEAR} to {LAST_YEAR} that a date may fall in")
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month:02d}; months run from 01 to 12")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} does not exist: {_MONTHS[month]} {year} has {last} days")
        qualifier = match["qualifier"]
        return cls(year, month, day, qualifier in ("~", "%"), qualifier in ("?", "%"))

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def describe(self) -> str:
        if self.day is not None and self.month is not None:
            text = f"{self.day} {_MONTHS[self.month]} {self.year}"
        elif self.month is not None:
            text = f"{_MONTHS[self.month]} {self.year}"
        else:
            text = str(self.year)
        if self.approximate:
            text = f"about {text}"
        if self.uncertain:
            text = f"{text} (uncertain)"
        return text


class YearLastError(ValueError):
    """A date written with its year last (``28/12/2025``, ``12-2025``); ``year_first`` says how to write it."""

    def __init__(self, text: str, year_first: str) -> None:
        super().__init__(f"{text!r} is written with the year last; write it year first: {year_first}")
        self.year_first = year_first


def _year_last(text: str) -> YearLastError | None:
    """The error of a date written with its year last, saying how to write it year first; None for any other
    text, or when no reading of it is a date (so that the general error is given)."""
    match = _YEAR_LAST.match(text)
    if match is None:
        return None
    first, second, year = match["first"], match["second"], match["year"]
    if first is None:
        readings = [f"{year}-{int(second):02d}"]
    else:
        day_first, month_first = (
            f"{year}-{int(second):02d}-{int(first):02d}",
            f"{year}-{int(first):02d}-{int(second):02d}",
        )
        readings = [day_first] if day_first == month_first else [day_first, month_first]
    valid = [reading for reading in readings if _exists(reading)]
    if not valid:
        return None
    if len(valid) == 1:
        return YearLastError(text, valid[0])
    return YearLastError(text, f"{valid[0]} if {first} is the day, {valid[1]} if it is the month")


def _exists(text: str) -> bool:
    try:
        _Point.parse(text)
    except ValueError:
        return False
    return True


@total_ordering
class PartialDate:
    """A date known to a year, a month or a day, or a range between two of them.

    Build one from its EDTF text; it is immutable, hashable, ordered by its
    bounds, and serialises back to the exact text it was built from:

        >>> d = PartialDate("2025-12")
        >>> d.precision.value, d.earliest.isoformat(), d.latest.isoformat()
        ('month', '2025-12-01', '2025-12-31')
        >>> str(PartialDate("2024-12/2025-03~"))
        '2024-12/2025-03~'
        >>> PartialDate("2025-12-11").describe()
        '11 December 2025'
    """

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"a partial date is built from text, not {type(text).__name__}")
        start_text, _, end_text = text.partition("/")
        try:
            start = _Point.parse(start_text)
            end = _Point.parse(end_text) if end_text else None
        except ValueError:
            year_last = _year_last(text)
            if year_last is not None:
                raise year_last from None
            raise
        if end is not None and (end.earliest < start.earliest or end.latest < start.latest):
            raise ValueError(f"{text!r} ends before it starts; write the earlier date first")
        self._text = text
        self._start = start
        self._end = end

    @property
    def text(self) -> str:
        """The EDTF text, exactly as stored in the CSV files."""
        return self._text

    @property
    def precision(self) -> Precision:
        """``year``, ``month`` or ``day``; ``range`` for ``start/end`` values."""
        return Precision.RANGE if self._end is not None else self._start.precision

    @property
    def approximate(self) -> bool:
        """True when the source hedges ("about", "around", "early 2022")."""
        return self._start.approximate or bool(self._end and self._end.approximate)

    @property
    def uncertain(self) -> bool:
        """True when the value may be wrong (sources conflict, or it is inferred)."""
        return self._start.uncertain or bool(self._end and self._end.uncertain)

    @property
    def earliest(self) -> dt.date:
        """The first day the value allows: the lower bound for sorting and filtering."""
        return self._start.earliest

    @property
    def latest(self) -> dt.date:
        """The last day the value allows: the upper bound for sorting and filtering."""
        return (self._end or self._start).latest

    def describe(self) -> str:
        """The value in words at its real precision, e.g. ``December 2025``."""
        if self._end is None:
            return self._start.describe()
        return f"between {self._start.describe()} and {self._end.describe()}"

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"PartialDate({self._text!r})"

    def __hash__(self) -> int:
        return hash(self._text)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PartialDate):
            return self._text == other._text
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, PartialDate):
            return (self.earliest, self.latest, self._text) < (other.earliest, other.latest, other._text)
        return NotImplemented

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._coerce,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": PATTERN, "format": "edtf"}

    @classmethod
    def _coerce(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("partial_date", "a partial date must be text such as '2025-12'")
        try:
            return cls(value)
        except YearLastError as error:
            context = {"reason": str(error), "year_first": error.year_first}
            raise PydanticCustomError("partial_date", "{reason}", context) from None
        except ValueError as error:
            raise PydanticCustomError("partial_date", "{reason}", {"reason": str(error)}) from None
