"""Synthetic data packages with the real schemas, of any size, valid or with errors at known rows.

The bulk of the rows go where real growth will: visits, their participants
and their citations, with actors and sources in proportion. Errors, when
asked for, are injected at known lines so a benchmark can check that every
one is found.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path
from typing import NamedTuple

from mydiplo.generate.files import expected_files
from mydiplo.registry import TABLES

COUNTRIES = ["MMR", "RUS", "BLR", "CHN", "IND", "KHM", "THA", "PRK", "VNM", "LAO"]
LOCATORS = ["para 1", "para 2", "paras 3-4", "paras 2, 7", "title"]


class Injected(NamedTuple):
    """An error put at a known place, and the rule that must report it."""

    file: str
    line: int
    rule: str


def _write(root: Path, table: str, rows: list[list[str]]) -> None:
    path = root / TABLES[table].path
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(TABLES[table].fields)
        writer.writerows(rows)


def make_package(root: Path, rows: int, errors: int = 0) -> list[Injected]:
    """Write a package of about ``rows`` rows under ``root``; inject ``errors`` errors and return where."""
    if root.exists():
        shutil.rmtree(root)
    for path, content in expected_files().items():
        if path.startswith(("schema/", "datapackage.json")):
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(content, encoding="utf-8")
    (root / "datasets").mkdir()
    sources = max(10, rows // 1000)
    actors = max(20, rows // 20)
    visits = max(10, (rows - sources - 2 * actors) * 3 // 14)  # 14 rows for every 3 visits, as written below

    source_ids = [f"source-{i:07d}" for i in range(sources)]
    actor_ids = [f"person-{i:07d}" for i in range(actors)]
    visit_ids = [f"visit-{i:07d}" for i in range(visits)]
    day0 = dt.date(2021, 2, 1)
    tables: dict[str, list[list[str]]] = {name: [] for name in TABLES}
    tables["sources"] = [
        [s, "news-report", f"Report {i}", "false", actor_ids[i % actors], "", "", "2026", "en"]
        + [f"https://example.org/report/{i}", "", "", "2026-11-30", "", ""]
        for i, s in enumerate(source_ids)
    ]
    tables["actors"] = [[a, "person", f"Person {i}", COUNTRIES[i % 10], "", "", ""] for i, a in enumerate(actor_ids)]
    tables["actor_citations"] = [
        [a, source_ids[i % sources], LOCATORS[i % 5], "", "", "", "source", "", "reported", ""]
        for i, a in enumerate(actor_ids)
    ]
    for i, visit_id in enumerate(visit_ids):
        start = day0 + dt.timedelta(days=(i * 7919) % 2000)  # dates repeat, as real ones do over five years
        tables["visits"].append(
            [
                visit_id,
                "official-visit",
                actor_ids[i % actors],
                "",
                "",
                COUNTRIES[(i // actors) % 10],
                "",
                start.isoformat(),
                (start + dt.timedelta(days=1)).isoformat() if i % 3 else "",
                "",
                "",
                "Talks on cooperation.",
                "",
                "",
            ]
        )
        participant = actor_ids[(i + 1) % actors]
        tables["visit_participants"].append([visit_id, participant, "met", "", ""])
        source = source_ids[i % sources]
        tables["visit_participant_citations"].append(
            [visit_id, participant, "met", source, LOCATORS[i % 5], "", "", "", "state-media", "", "claimed", ""]
        )
        tables["visit_citations"].append(
            [visit_id, source, LOCATORS[i % 5], "", "", "", "state-media", "", "claimed", ""]
        )
        end = tables["visits"][-1][8]
        if end:  # a field a record asserts is read by a citation
            tables["visit_citations"].append(
                [visit_id, source, LOCATORS[i % 5], "end_date", end, "", "state-media", "", "claimed", ""]
            )
    injected = _inject(tables, errors)
    for name, table_rows in tables.items():
        _write(root, name, table_rows)
    return injected


def _inject(tables: dict[str, list[list[str]]], errors: int) -> list[Injected]:
    """Break ``errors`` cells spread over the big tables; lines count the header as line 1."""
    if errors <= 0:
        return []
    plans = [
        ("visits", 5, "XXR", "country-code"),
        ("visits", 7, "2025-02-30", "partial-date"),
        ("visit_participants", 1, "no-such-actor", "foreign-key"),
        ("visit_citations", 2, "p. 4", "field-pattern"),
    ]
    injected = []
    for n in range(errors):
        table, column, value, rule = plans[n % len(plans)]
        rows = tables[table]
        row = (n * 7919) % len(rows)
        while rows[row][column] == value:
            row = (row + 1) % len(rows)
        rows[row][column] = value
        injected.append(Injected(TABLES[table].path, row + 2, rule))
    return injected
