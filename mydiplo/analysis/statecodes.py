"""State codes that merge mydiplo with peace-science data: ISO 3166-1 alpha-3, Correlates of War and Gleditsch-Ward.

Researchers join event data to COW, V-Dem, ATOP or UCDP data by a state's
Correlates of War (COW) or Gleditsch-Ward (G&W) number, not by ISO code. This
table gives both for every state that acts in the data, keyed by the ISO
code that ``actors.country`` and the country columns hold.

Where the codes come from (no code here is inferred or guessed):

* COW: the Correlates of War Project's State System Membership list
  (``states2016``: ``ccode`` and ``stateabb``), as carried in the
  ``countrycode`` package's code table (columns ``cown``, ``cowc``,
  ``iso3c``) by Vincent Arel-Bundock.
* G&W: Gleditsch and Ward's list of independent states
  (Gleditsch, K. S. and M. D. Ward, 1999, "A revised list of independent
  states since the Congress of Vienna", International Interactions 25(4);
  the file of state numbers, abbreviations and dates kept by Gleditsch).

For these states the two systems agree on number and abbreviation; they
differ elsewhere (for example Germany, Serbia, Yemen), which is why both are
given. A state missing from this table gets empty codes in every export
rather than a guessed one; the tests fail when a state in the data has no
entry, so that the entry is looked up and added.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateCodes:
    """One state's codes: ISO 3166-1 alpha-3, COW number and abbreviation, G&W number and abbreviation."""

    iso3: str
    name: str
    cow_code: int
    cow_abbrev: str
    gw_code: int
    gw_abbrev: str


_ROWS = (
    # iso3, common English name, COW ccode, COW stateabb, G&W number, G&W abbreviation
    ("ARE", "United Arab Emirates", 696, "UAE", 696, "UAE"),
    ("ARG", "Argentina", 160, "ARG", 160, "ARG"),
    ("BLR", "Belarus", 370, "BLR", 370, "BLR"),
    ("BRA", "Brazil", 140, "BRA", 140, "BRA"),
    ("CHN", "China", 710, "CHN", 710, "CHN"),
    ("EGY", "Egypt", 651, "EGY", 651, "EGY"),
    ("ETH", "Ethiopia", 530, "ETH", 530, "ETH"),
    ("IDN", "Indonesia", 850, "INS", 850, "INS"),
    ("IND", "India", 750, "IND", 750, "IND"),
    ("IRN", "Iran", 630, "IRN", 630, "IRN"),
    ("KHM", "Cambodia", 811, "CAM", 811, "CAM"),
    ("MMR", "Myanmar", 775, "MYA", 775, "MYA"),
    ("MYS", "Malaysia", 820, "MAL", 820, "MAL"),
    ("NIC", "Nicaragua", 93, "NIC", 93, "NIC"),
    ("PHL", "Philippines", 840, "PHI", 840, "PHI"),
    ("PRK", "North Korea", 731, "PRK", 731, "PRK"),
    ("RUS", "Russia", 365, "RUS", 365, "RUS"),
    ("SAU", "Saudi Arabia", 670, "SAU", 670, "SAU"),
    ("SGP", "Singapore", 830, "SIN", 830, "SIN"),
    ("THA", "Thailand", 800, "THI", 800, "THI"),
    ("VNM", "Vietnam", 816, "DRV", 816, "DRV"),
    ("ZAF", "South Africa", 560, "SAF", 560, "SAF"),
)

STATE_CODES: dict[str, StateCodes] = {row[0]: StateCodes(*row) for row in _ROWS}
"""Codes by ISO 3166-1 alpha-3 code, for every state that acts in the data."""


def codes_of(iso3: str | None) -> StateCodes | None:
    """The codes of the state with this ISO code, or None when there is no code or it is not in the table."""
    return STATE_CODES.get(iso3) if iso3 else None
