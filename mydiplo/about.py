"""What the data package says about itself: name, title, version and licences.

The data version follows semantic versioning with rules for data (major: a
table, column or id removed or a meaning changed; minor: additions; patch:
corrections; see docs/citation.md): it changes when records change,
independently of the library's version. ``CITATION.cff`` carries it too.
"""

NAME = "mydiplo"
TITLE = "mydiplo: the foreign relations of Myanmar's military regime since the 2021 coup"
DESCRIPTION = (
    "Visits, agreements and pledges, elections and their observers, arms transfers and alignments "
    "of Myanmar's military regime and its partners since the coup of 1 February 2021, each record "
    "cited to the paragraph of its sources, with who makes the claim and how certain it is."
)
DATA_VERSION = "0.3.0"
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
KEYWORDS = (
    "Myanmar",
    "Burma",
    "diplomacy",
    "foreign relations",
    "elections",
    "election observation",
    "arms transfers",
    "Russia",
    "Belarus",
)
