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

The two systems mostly agree on number and abbreviation; they differ for
some states (Germany: COW 255 GMY, G&W 260 GFR), which is why both are given.
The code table has no COW code for Serbia (COW counts it under Yugoslavia),
so Serbia's stays empty. A country of the data missing from this table (a
territory such as Hong Kong, or a state not yet looked up) still has its row
in every export's ``state_codes``, with empty codes rather than guessed ones;
a data-policy test fails when a state actor of the data has no entry here, so
that the entry is looked up and added.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateCodes:
    """One state's codes: ISO 3166-1 alpha-3, COW number and abbreviation, G&W number and abbreviation."""

    iso3: str
    name: str
    cow_code: int | None
    cow_abbrev: str | None
    gw_code: int
    gw_abbrev: str


_ROWS: tuple[tuple[str, str, int | None, str | None, int, str], ...] = (
    # iso3, common English name, COW ccode, COW stateabb, G&W number, G&W abbreviation
    ("ARE", "United Arab Emirates", 696, "UAE", 696, "UAE"),
    ("ARG", "Argentina", 160, "ARG", 160, "ARG"),
    ("ARM", "Armenia", 371, "ARM", 371, "ARM"),
    ("AUS", "Australia", 900, "AUL", 900, "AUL"),
    ("AZE", "Azerbaijan", 373, "AZE", 373, "AZE"),
    ("BEL", "Belgium", 211, "BEL", 211, "BEL"),
    ("BGD", "Bangladesh", 771, "BNG", 771, "BNG"),
    ("BLR", "Belarus", 370, "BLR", 370, "BLR"),
    ("BRA", "Brazil", 140, "BRA", 140, "BRA"),
    ("BRN", "Brunei", 835, "BRU", 835, "BRU"),
    ("CAN", "Canada", 20, "CAN", 20, "CAN"),
    ("CHE", "Switzerland", 225, "SWZ", 225, "SWZ"),
    ("CHN", "China", 710, "CHN", 710, "CHN"),
    ("DEU", "Germany", 255, "GMY", 260, "GFR"),
    ("DNK", "Denmark", 390, "DEN", 390, "DEN"),
    ("EGY", "Egypt", 651, "EGY", 651, "EGY"),
    ("ESP", "Spain", 230, "SPN", 230, "SPN"),
    ("ETH", "Ethiopia", 530, "ETH", 530, "ETH"),
    ("FRA", "France", 220, "FRN", 220, "FRN"),
    ("GBR", "United Kingdom", 200, "UKG", 200, "UKG"),
    ("GMB", "Gambia", 420, "GAM", 420, "GAM"),
    ("IDN", "Indonesia", 850, "INS", 850, "INS"),
    ("IND", "India", 750, "IND", 750, "IND"),
    ("IRN", "Iran", 630, "IRN", 630, "IRN"),
    ("ITA", "Italy", 325, "ITA", 325, "ITA"),
    ("JPN", "Japan", 740, "JPN", 740, "JPN"),
    ("KAZ", "Kazakhstan", 705, "KZK", 705, "KZK"),
    ("KHM", "Cambodia", 811, "CAM", 811, "CAM"),
    ("KOR", "South Korea", 732, "ROK", 732, "ROK"),
    ("KWT", "Kuwait", 690, "KUW", 690, "KUW"),
    ("LAO", "Laos", 812, "LAO", 812, "LAO"),
    ("MDV", "Maldives", 781, "MAD", 781, "MAD"),
    ("MMR", "Myanmar", 775, "MYA", 775, "MYA"),
    ("MYS", "Malaysia", 820, "MAL", 820, "MAL"),
    ("NIC", "Nicaragua", 93, "NIC", 93, "NIC"),
    ("NLD", "Netherlands", 210, "NTH", 210, "NTH"),
    ("NOR", "Norway", 385, "NOR", 385, "NOR"),
    ("NPL", "Nepal", 790, "NEP", 790, "NEP"),
    ("NZL", "New Zealand", 920, "NEW", 920, "NEW"),
    ("PAK", "Pakistan", 770, "PAK", 770, "PAK"),
    ("PHL", "Philippines", 840, "PHI", 840, "PHI"),
    ("PRK", "North Korea", 731, "PRK", 731, "PRK"),
    ("QAT", "Qatar", 694, "QAT", 694, "QAT"),
    ("RUS", "Russia", 365, "RUS", 365, "RUS"),
    ("SAU", "Saudi Arabia", 670, "SAU", 670, "SAU"),
    ("SGP", "Singapore", 830, "SIN", 830, "SIN"),
    ("SRB", "Serbia", None, None, 340, "SER"),
    ("THA", "Thailand", 800, "THI", 800, "THI"),
    ("TUR", "Turkey", 640, "TUR", 640, "TUR"),
    ("UGA", "Uganda", 500, "UGA", 500, "UGA"),
    ("UKR", "Ukraine", 369, "UKR", 369, "UKR"),
    ("USA", "United States", 2, "USA", 2, "USA"),
    ("VNM", "Vietnam", 816, "DRV", 816, "DRV"),
    ("ZAF", "South Africa", 560, "SAF", 560, "SAF"),
)

STATE_CODES: dict[str, StateCodes] = {row[0]: StateCodes(*row) for row in _ROWS}
"""Codes by ISO 3166-1 alpha-3 code, for every state that acts in the data."""


def codes_of(iso3: str | None) -> StateCodes | None:
    """The codes of the state with this ISO code, or None when there is no code or it is not in the table."""
    return STATE_CODES.get(iso3) if iso3 else None
