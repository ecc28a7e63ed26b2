"""A corpus of broken packages: each defect is reported under its rule, at its line, without a crash.

Code test: runs on the frozen fixture package, never on the shipped data.

Each case breaks one thing in a fresh copy of the fixture package and names
the problem that must be reported: file, line, field and rule. The package
is otherwise valid, so each case proves that its rule can fail.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import replace_in

from mydiplo.problems import RULES, Severity
from mydiplo.validation import validate

D = "datasets/"


class Expected(NamedTuple):
    file: str
    line: int | None
    field: str | None
    rule: str


def _sub(file: str, old: str, new: str, field: str | None, rule: str) -> Callable[[Path], Expected]:
    def apply(root: Path) -> Expected:
        return Expected(file, replace_in(root / file, old, new), field, rule)

    return apply


def _line_of(root: Path, file: str, text: str) -> int:
    content = (root / file).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def _insert_after(
    file: str, anchor: str, row: str, field: str | None, rule: str, at_new: bool = True
) -> Callable[[Path], Expected]:
    """Insert ``row`` as a new line after the line containing ``anchor``; expect the problem on the new line."""

    def apply(root: Path) -> Expected:
        path = root / file
        lines = path.read_text(encoding="utf-8").split("\n")
        index = next(i for i, line in enumerate(lines) if anchor in line)
        lines.insert(index + 1, row)
        path.write_text("\n".join(lines), encoding="utf-8")
        return Expected(file, index + 2 if at_new else index + 1, field, rule)

    return apply


def _delete_line(file: str, anchor: str, expect: Callable[[Path], Expected]) -> Callable[[Path], Expected]:
    def apply(root: Path) -> Expected:
        path = root / file
        lines = path.read_text(encoding="utf-8").split("\n")
        lines = [line for line in lines if anchor not in line]
        path.write_text("\n".join(lines), encoding="utf-8")
        return expect(root)

    return apply


def _write_bytes(
    file: str, transform: Callable[[bytes], bytes], line: int | None, rule: str
) -> Callable[[Path], Expected]:
    def apply(root: Path) -> Expected:
        path = root / file
        path.write_bytes(transform(path.read_bytes()))
        return Expected(file, line, None, rule)

    return apply


def _remove(file: str, rule: str) -> Callable[[Path], Expected]:
    def apply(root: Path) -> Expected:
        (root / file).unlink()
        return Expected(file, None, None, rule)

    return apply


def _not_a_file(file: str, make: Callable[[Path], None], rule: str = "file-not-regular") -> Callable[[Path], Expected]:
    """Put something that is not the package's own regular file at ``file``'s path (``make`` makes it)."""

    def apply(root: Path) -> Expected:
        (root / file).unlink()
        make(root / file)
        return Expected(file, None, None, rule)

    return apply


def _outside_copy(path: Path) -> None:
    """A link to a copy of the file kept outside the package (in the test's own folder, beside it)."""
    outside = path.parents[2] / f"outside-{path.name}"
    outside.write_text("honour_id\n", encoding="utf-8")
    path.symlink_to(outside)


def _find(file: str, text: str, field: str | None, rule: str) -> Callable[[Path], Expected]:
    """Expect a problem on the (unchanged) line holding ``text`` after another mutation."""
    return lambda root: Expected(file, _line_of(root, file, text), field, rule)


def _swap_first_rows(file: str) -> Callable[[Path], Expected]:
    def apply(root: Path) -> Expected:
        path = root / file
        header, first, second, *rest = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join([header, second, first, *rest]), encoding="utf-8")
        return Expected(file, 3, None, "rows-unsorted")

    return apply


def _then(first: Callable[[Path], object], second: Callable[[Path], Expected]) -> Callable[[Path], Expected]:
    def apply(root: Path) -> Expected:
        first(root)
        return second(root)

    return apply


VISITS = D + "visits.csv"
UEC = "myanmar-election-commission-visit-russia-2023,delegation,myanmar-union-election-commission"

CASES: dict[str, Callable[[Path], Expected]] = {
    # file hygiene
    "byte-order mark": _write_bytes(VISITS, lambda b: b"\xef\xbb\xbf" + b, 1, "file-unreadable"),
    "CRLF line endings": _write_bytes(VISITS, lambda b: b.replace(b"\n", b"\r\n"), 1, "line-endings"),
    "latin-1 byte": _then(
        _write_bytes(
            D + "sources.csv", lambda b: b.replace(b"Published on", b"Publish\xe9d on", 1), None, "file-unreadable"
        ),
        lambda root: Expected(
            D + "sources.csv",
            (root / D / "sources.csv").read_bytes().split(b"Publish\xe9d on")[0].count(b"\n") + 1,
            None,
            "file-unreadable",
        ),
    ),
    "missing file": _remove(D + "honours.csv", "file-missing"),
    # files that are not files: each would hang, exhaust memory or read what is not part of the package
    "table linked to /dev/zero": _not_a_file(D + "honours.csv", lambda path: path.symlink_to("/dev/zero")),
    "table linked to /dev/urandom": _not_a_file(D + "honours.csv", lambda path: path.symlink_to("/dev/urandom")),
    "table that is a named pipe": _not_a_file(D + "honours.csv", lambda path: os.mkfifo(path)),
    "table that is a folder": _not_a_file(D + "honours.csv", lambda path: path.mkdir()),
    "table linked to a file outside the package": _not_a_file(D + "honours.csv", _outside_copy),
    "descriptor that is a named pipe": _not_a_file("datapackage.json", lambda path: os.mkfifo(path)),
    "empty file": _write_bytes(D + "honours.csv", lambda b: b"", 1, "header-mismatch"),
    "renamed column": _sub(VISITS, "visit_id,kind,", "visit,kind,", None, "header-mismatch"),
    "unterminated quote": _sub(VISITS, 'covered an arms deal.",', "covered an arms deal.,", None, "csv-syntax"),
    "NUL byte": _sub(VISITS, "Talks with Vladimir Putin", "Talks with\x00 Putin", "purpose", "text-hygiene"),
    "huge cell": _sub(VISITS, "Talks with Vladimir Putin", "x" * 200_000, None, "csv-syntax"),
    "blank row": _insert_after(VISITS, "hun-sen-visit-myanmar-2022", "", None, "blank-row"),
    "extra cell": _sub(
        VISITS,
        "hun-sen-visit-myanmar-2022,unspecified,",
        "hun-sen-visit-myanmar-2022,unspecified,,",
        None,
        "row-length",
    ),
    "stray quote in an unquoted cell": _sub(
        D + "actors.csv", "hun-sen,person,Hun Sen,", 'hun-sen,person,Hun "Sen,', "name", "csv-syntax"
    ),
    "doubled quote in an unquoted cell": _sub(
        D + "actors.csv", "hun-sen,person,Hun Sen,", 'hun-sen,person,Hun ""Sen,', "name", "csv-syntax"
    ),
    "quote in the middle of a quoted cell": _sub(
        VISITS, "Talks with Vladimir Putin, believed", 'Talks with "9"Vladimir Putin, believed', None, "csv-syntax"
    ),
    "stray quote after a cell spanning lines": _then(
        _sub(
            VISITS, "Talks with Vladimir Putin, believed", "Talks with\nVladimir Putin, believed", None, "text-hygiene"
        ),
        _sub(VISITS, "myanmar,RUS,Moscow,2021-06", 'myanmar,RUS,Mos"cow,2021-06', "destination_city", "csv-syntax"),
    ),
    "rows out of order": _swap_first_rows(D + "actors.csv"),
    # cells
    "unknown vocabulary value": _sub(VISITS, ",goodwill-visit,", ",holiday,", "kind", "field-enum"),
    "impossible date": _sub(VISITS, "2023-09-06,2023-09-12", "2023-09-06,2023-09-31", "end_date", "partial-date"),
    "date in words": _sub(VISITS, ",2023-09,,russia,", ",September 2023,,russia,", "start_date", "partial-date"),
    "date written day first": _sub(
        VISITS, "2023-09-06,2023-09-12", "2023-09-06,13/09/2023", "end_date", "partial-date"
    ),
    "month written before its year": _sub(
        VISITS, ",2023-09,,russia,", ",09-2023,,russia,", "start_date", "partial-date"
    ),
    "visit ending after its newest source": _sub(
        VISITS, "2023-09-06,2023-09-12", "2023-09-06,2099-09-12", "end_date", "dated-after-sources"
    ),
    "office ending decades ahead": _sub(
        D + "offices.csv",
        "President of Belarus,head-of-state,1994,,",
        "President of Belarus,head-of-state,1994,2094,",
        "end_date",
        "dated-after-sources",
    ),
    "end before start": _sub(VISITS, "2023-09-06,2023-09-12", "2023-09-06,2023-08-12", "end_date", "date-order"),
    "unknown country code": _sub(VISITS, ",RUS,Moscow,", ",XXR,Moscow,", "destination_country", "country-code"),
    "lower-case country": _sub(VISITS, ",RUS,Moscow,", ",Rus,Moscow,", "destination_country", "field-pattern"),
    "id not kebab case": _sub(
        VISITS, "hun-sen-visit-myanmar-2022,", "Hun_Sen-visit-myanmar-2022,", "visit_id", "field-pattern"
    ),
    "required cell empty": _sub(
        VISITS, "hun-sen-visit-myanmar-2022,unspecified,", "hun-sen-visit-myanmar-2022,,", "kind", "field-required"
    ),
    "trailing space": _sub(
        VISITS,
        "Talks with Vladimir Putin, believed to have covered an arms deal.",
        "Talks with Vladimir Putin, believed to have covered an arms deal. ",
        "purpose",
        "text-hygiene",
    ),
    "tab in text": _sub(VISITS, "Talks with Vladimir Putin", "Talks with\tVladimir Putin", "purpose", "text-hygiene"),
    "formula in text": _sub(
        VISITS, "Talks with Vladimir Putin", "=HYPERLINK(1) Vladimir Putin", "purpose", "formula-text"
    ),
    "text too long": _sub(VISITS, "Talks with Vladimir Putin", "y" * 2100, "purpose", "field-constraint"),
    "share above 100": _sub(
        D + "election_results.csv",
        ",alexander-lukashenko,87,",
        ",alexander-lukashenko,187,",
        "vote_share",
        "field-constraint",
    ),
    "year 0000": _sub(VISITS, "2023-09-06,2023-09-12", "0000-09-06,2023-09-12", "start_date", "partial-date"),
    "year 9999": _sub(VISITS, "2023-09-06,2023-09-12", "2023-09-06,9999-09-12", "end_date", "partial-date"),
    "year 0000 in a source's date": _sub(
        D + "sources.csv", ",2022-07-06,id,", ",0000-07-06,id,", "published_date", "partial-date"
    ),
    "quantity of 10^30": _sub(
        D + "arms_deliveries.csv",
        "russia-myanmar-su-30sme,1,2022-03,2,",
        f"russia-myanmar-su-30sme,1,2022-03,{10**30},",
        "quantity",
        "field-constraint",
    ),
    "25-digit seat count": _sub(
        D + "election_results.csv",
        ",alexander-lukashenko,87,,",
        f",alexander-lukashenko,87,{'9' * 25},",
        "seats",
        "field-constraint",
    ),
    "value beyond any double": _sub(
        D + "arms_transfers.csv",
        "belarus-myanmar-radars,transfer,belarus,myanmar,,Radar technologies.,sensors,,,,",
        f"belarus-myanmar-radars,transfer,belarus,myanmar,,Radar technologies.,sensors,,,{'9' * 400},",
        "value",
        "field-constraint",
    ),
    "count not a number": _sub(
        D + "election_observations.csv", ",1000,exact,", ",many,exact,", "observer_count", "field-type"
    ),
    "number not canonical": _sub(
        D + "election_phases.csv",
        "myanmar-general-election-2025,2,",
        "myanmar-general-election-2025,02,",
        "phase",
        "not-canonical",
    ),
    "boolean not canonical": _sub(
        D + "election_results.csv",
        ",alexander-lukashenko,true,",
        ",alexander-lukashenko,True,",
        "is_official",
        "not-canonical",
    ),
    "bad locator": _sub(D + "honour_citations.csv", ",para 2,", ",p. 2,", "locator", "field-pattern"),
    "bad wikidata id": _sub(
        D + "actors.csv",
        "belarus,state,Belarus,BLR,,",
        "belarus,state,Belarus,BLR,,Z184",
        "wikidata_id",
        "field-pattern",
    ),
    "count without qualifier": _sub(
        D + "election_observations.csv", ",1000,exact,", ",1000,,", "count_qualifier", "fields-together"
    ),
    "source without an address or a reason": _sub(
        D + "sources.csv", ",en,,not-found,,", ",en,,,,", "missing_address", "fields-either"
    ),
    "source with an address and a reason": _sub(
        D + "sources.csv",
        ",en,https://time.com/6314388/russia-myanmar-election-cooperation-legitimacy/,,",
        ",en,https://time.com/6314388/russia-myanmar-election-cooperation-legitimacy/,removed,",
        "missing_address",
        "fields-either",
    ),
    "TIV with a currency basis": _sub(
        D + "arms_transfers.csv",
        ",air-defence-systems,,,,,,",
        ",air-defence-systems,,,5,TIV,contract,",
        "value_unit",
        "linked-values",
    ),
    # keys and references
    "unknown actor": _sub(
        D + "visit_participants.csv", ",min-aung-hlaing,met", ",no-such-actor,met", "actor_id", "foreign-key"
    ),
    "mistyped actor id": _sub(
        D + "visit_participants.csv", ",min-aung-hlaing,met", ",min-aung-hlang,met", "actor_id", "foreign-key"
    ),
    "citation of a missing record": _sub(
        D + "honour_citations.csv",
        "min-aung-hlaing-honorary-professorship-2021,",
        "no-such-honour,",
        "record_id",
        "foreign-key",
    ),
    "citation of a missing source": _sub(
        D + "honour_citations.csv",
        ",fact-check-2021-min-aung-hlaing-moscow,",
        ",no-such-source,",
        "source_id",
        "foreign-key",
    ),
    "unknown parent actor": _sub(
        D + "actors.csv",
        'kcl-russia-institute,academic,"Russia Institute, King\'s College London",GBR,kings-college-london,',
        'kcl-russia-institute,academic,"Russia Institute, King\'s College London",GBR,kings-college-londres,',
        "parent_id",
        "foreign-key",
    ),
    "citation of a row that does not exist": _sub(
        D + "visit_participant_citations.csv",
        "hun-sen-visit-myanmar-2022,min-aung-hlaing,met,",
        "hun-sen-visit-myanmar-2022,min-aung-hlaing,delegation-member,",
        "visit_id",
        "foreign-key",
    ),
    "uncited participant": _delete_line(
        D + "visit_participant_citations.csv",
        "hun-sen-visit-myanmar-2022,prak-sokhonn,",
        lambda root: Expected(
            D + "visit_participants.csv",
            _line_of(root, D + "visit_participants.csv", "hun-sen-visit-myanmar-2022,prak-sokhonn,"),
            "visit_id",
            "uncited-record",
        ),
    ),
    "locator beyond the source's paragraphs": _sub(
        D + "actor_citations.csv",
        "justice-for-myanmar,lukashenko-arrives-myanmar-2025,para 9,",
        "justice-for-myanmar,lukashenko-arrives-myanmar-2025,para 12,",
        "locator",
        "locator-beyond-source",
    ),
    "unattributed judgement with a claimant": _sub(
        D + "position_citations.csv",
        "belarusian-president-visits-myanmar-2025,para 4,,,,unattributed,,",
        "belarusian-president-visits-myanmar-2025,para 4,,,,unattributed,time,",
        "claimant_id",
        "claimant-of-claim",
    ),
    "claim without an interested party": _sub(
        D + "election_citations.csv",
        "para 3,status,held,,source,time,reported,",
        "para 3,status,held,,source,time,claimed,",
        "claimant_kind",
        "claimant-of-claim",
    ),
    "source's reporting claimed by another publisher": _sub(
        D + "election_citations.csv",
        ',"paras 1, 5",status,held,,source,,reported,',
        ',"paras 1, 5",status,held,,source,reuters,reported,',
        "claimant_id",
        "claimant-of-claim",
    ),
    "contradicted without a note": _sub(
        D + "position_citations.csv",
        "belarusian-president-visits-myanmar-2025,para 4,,,,unattributed,,reported,",
        "belarusian-president-visits-myanmar-2025,para 4,,,,unattributed,,contradicted,",
        "note",
        "contradicted-unexplained",
    ),
    "confirmed by one origin": _then(
        lambda root: replace_in(
            root / D / "visit_citations.csv",
            "straits-times-2022-01-08-hun-sen-visit-myanmar,para 1,start_date,2022-01-07,",
            "straits-times-2022-01-08-hun-sen-visit-myanmar,para 1,start_date,2022-01-08,",
        ),
        _find(
            D + "visit_citations.csv",
            "reuters-2022-01-07-hun-sen-meets-min-aung-hlaing,paras 1-2,start_date",
            "certainty",
            "confirmed-support",
        ),
    ),
    "status that no citation reads": _delete_line(
        D + "election_citations.csv",
        "myanmar-general-election-2015,time-2023-junta-seeks-russia-election-help,para 3,status,held",
        lambda root: Expected(
            D + "elections.csv",
            _line_of(root, D + "elections.csv", "myanmar-general-election-2015,"),
            "status",
            "uncited-field",
        ),
    ),
    "plain-http address": _sub(
        D + "sources.csv", ",https://time.com/6314388/", ",http://time.com/6314388/", "url", "insecure-url"
    ),
    "duplicate key": _insert_after(
        D + "actor_names.csv",
        "min-aung-hlaing,Aung Hlaing",
        "min-aung-hlaing,Aung Hlaing,short",
        "actor_id",
        "duplicate-key",
    ),
    "duplicate id across tables": _then(
        _sub(D + "alignments.csv", "myanmar-brics-membership,", "myanmar,", "alignment_id", "duplicate-id"),
        _find(D + "alignments.csv", "myanmar,myanmar,brics", "alignment_id", "duplicate-id"),
    ),
    "person where a state belongs": _sub(
        D + "alignments.csv",
        "myanmar-sco-dialogue-partner,myanmar,",
        "myanmar-sco-dialogue-partner,min-aung-hlaing,",
        "actor_id",
        "actor-kind",
    ),
    "someone else's office": _sub(
        D + "visit_participants.csv",
        ",maxim-ryzhenkov,delegation-member,ryzhenkov-foreign-minister-belarus,",
        ",maxim-ryzhenkov,delegation-member,putin-president-russia,",
        "office_id",
        "office-holder",
    ),
    # provenance and meaning
    "uncited record": _then(
        _delete_line(D + "honour_citations.csv", "min-aung-hlaing-honorary-professorship-2021", lambda root: None),  # type: ignore[arg-type,return-value]
        _find(D + "honours.csv", "min-aung-hlaing-honorary-professorship-2021", "honour_id", "uncited-record"),
    ),
    "uncited source": _insert_after(
        D + "sources.csv",
        "source_id,kind",
        "aaa-uncited-source,news-report,A title,false,time,,,2025,en,https://example.org/a,,,2026-11-30,,",
        "source_id",
        "uncited-source",
    ),
    "agreement without parties": _then(
        _delete_line(D + "agreement_parties.csv", "shoigu-pledge-military-cooperation-2021", lambda root: None),  # type: ignore[arg-type,return-value]
        _find(D + "agreements.csv", "shoigu-pledge-military-cooperation-2021", "agreement_id", "agreement-parties"),
    ),
    "event after its sources": _sub(
        VISITS,
        "min-aung-hlaing-visit-russia-2025,unspecified,min-aung-hlaing,,myanmar,RUS,,2025-03,",
        "min-aung-hlaing-visit-russia-2025,unspecified,min-aung-hlaing,,myanmar,RUS,,2025-06,",
        "start_date",
        "dated-after-sources",
    ),
    "citation of an unknown column": _sub(
        D + "honour_citations.csv", ",para 2,,,", ",para 2,colour,red,", "field", "citation-field"
    ),
    "citation with an invalid reading": _sub(
        D + "honour_citations.csv", ",para 2,,,", ",para 2,date,June,", "value", "citation-field"
    ),
    # links that point to a record of the wrong table: a foreign key names its table, and ids are unique
    # across tables, so a visit's id is no agreement's
    "agreement's visit link naming an agreement": _sub(
        D + "agreements.csv",
        "2025-11-27/2025-11-28,MMR,,,,lukashenko-visit-myanmar-2025,Both",
        "2025-11-27/2025-11-28,MMR,,,,myanmar-belarus-roadmap-2026-2028,Both",
        "visit_id",
        "foreign-key",
    ),
    "transfer's contract link naming a visit": _sub(
        D + "arms_transfers.csv",
        ",russia-myanmar-su-30sme-contract,",
        ",lukashenko-visit-myanmar-2025,",
        "agreement_id",
        "foreign-key",
    ),
    "participant naming an office": _sub(
        D + "visit_participants.csv",
        "hun-sen-visit-myanmar-2022,prak-sokhonn,delegation-member,",
        "hun-sen-visit-myanmar-2022,prak-sokhonn-foreign-minister-cambodia,delegation-member,",
        "actor_id",
        "foreign-key",
    ),
    # characters that make a name display as something else, or make the XML exports invalid
    "right-to-left override in a name": _sub(
        D + "actors.csv", "hun-sen,person,Hun Sen,", "hun-sen,person,Hun \u202eneS,", "name", "text-hygiene"
    ),
    "zero-width space in a name": _sub(
        D + "actors.csv", "hun-sen,person,Hun Sen,", "hun-sen,person,Hun\u200b Sen,", "name", "text-hygiene"
    ),
    "non-character in a name": _sub(
        D + "actors.csv", "hun-sen,person,Hun Sen,", "hun-sen,person,Hun Sen\uffff,", "name", "text-hygiene"
    ),
    "more delivered than ordered, with no note": _sub(
        D + "arms_transfers.csv",
        "belarus-myanmar-radars,transfer,belarus,myanmar,,Radar technologies.,sensors,,,",
        "belarus-myanmar-radars,transfer,belarus,myanmar,,Radar technologies.,sensors,2,3,",
        "quantity_delivered",
        "count-exceeds",
    ),
    "likely duplicate visit": _insert_after(
        VISITS,
        "kim-jong-un-visit-russia-2023,",
        "kim-jong-un-visit-russia-2023-again,unspecified,kim-jong-un,,north-korea,RUS,,2023-09,,russia,,,,",
        None,
        "likely-duplicate",
    ),
    "election phase after its election ended": _sub(
        D + "election_phases.csv",
        "myanmar-general-election-2025,2,2026-01-11,",
        "myanmar-general-election-2025,2,2026-02-11,",
        "date",
        "outside-window",
    ),
    "election phase before its election began": _sub(
        D + "election_phases.csv",
        "myanmar-general-election-2025,2,2026-01-11,",
        "myanmar-general-election-2025,2,2025-11,",
        "date",
        "outside-window",
    ),
    "organisation that is its own parent": _sub(
        D + "actors.csv",
        "Ministry of Foreign Affairs of Belarus,BLR,belarus,",
        "Ministry of Foreign Affairs of Belarus,BLR,belarus-ministry-of-foreign-affairs,",
        "parent_id",
        "reference-cycle",
    ),
    "a cycle of parents": _then(
        _sub(
            D + "actors.csv",
            "kings-college-london,academic,King's College London,GBR,,",
            "kings-college-london,academic,King's College London,GBR,kcl-russia-institute,",
            "parent_id",
            "reference-cycle",
        ),
        _find(D + "actors.csv", "kcl-russia-institute,", "parent_id", "reference-cycle"),
    ),
    # retired ids
    "retired id reused": _then(
        _insert_after(
            D + "retired_ids.csv", "retired_id,", "myanmar-sco-dialogue-partner,,0.2.0,Withdrawn.", None, "retired-id"
        ),
        _find(D + "alignments.csv", "myanmar-sco-dialogue-partner,", "alignment_id", "retired-id"),
    ),
    "retired id with an unknown successor": _insert_after(
        D + "retired_ids.csv",
        "retired_id,",
        "merged-sco-record,no-such-record,0.2.0,Merged.",
        "replaced_by",
        "retired-successor",
    ),
    "retired id whose successor is retired": _insert_after(
        D + "retired_ids.csv",
        "retired_id,",
        "aaa-old-record,old-sco-record,0.2.0,Merged.",
        "replaced_by",
        "retired-successor",
    ),
    # descriptor
    "descriptor edited": _sub("datapackage.json", '"version": "', '"version": "9', None, "descriptor-mismatch"),
    "descriptor not JSON": _write_bytes("datapackage.json", lambda b: b[:40], None, "descriptor-mismatch"),
    "descriptor nested too deeply to read": _write_bytes(
        "datapackage.json", lambda b: b"[" * 100_000 + b"]" * 100_000, None, "descriptor-mismatch"
    ),
    "table schema edited": _sub(
        "schema/tableschema/visits.json", '"primaryKey"', '"primaryKeys"', None, "descriptor-mismatch"
    ),
}


def test_the_corpus_is_large() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", list(CASES))
def test_defect_is_reported_at_its_place(name: str, package_copy: Path) -> None:
    expected = CASES[name](package_copy)
    if expected.file.endswith(".json"):
        expected = expected._replace(line=None)
    report = validate(package_copy)
    found = {(p.file, p.line, p.field, p.rule) for p in report.problems}
    if expected.field is None:
        found = {(f, l, None, r) for f, l, _, r in found}
    assert tuple(expected) in found, f"{name}: expected {tuple(expected)}, got {sorted(found, key=str)[:8]}"
    if RULES[expected.rule].severity is Severity.ERROR:
        assert not report.valid


def test_the_fixture_package_is_valid(package: Path) -> None:
    """Each case breaks exactly one thing: the package it starts from reports nothing."""
    report = validate(package)
    assert report.valid and not report.problems, report.problems[:5]


def test_json_report_counts_every_problem(package_copy: Path) -> None:
    path = package_copy / VISITS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",RUS,", ",XXR,"), encoding="utf-8")
    report = validate(package_copy)
    countries = [p for p in report.problems if p.rule == "country-code"]
    assert len(countries) == text.count(",RUS,")
    assert json.loads(json.dumps([p.rule for p in report.problems]))


def test_every_rule_has_a_broken_package_that_breaks_it(package_copy: Path) -> None:
    """No rule is untested: the corpus breaks each one at least once."""
    covered = set()
    for name, case in CASES.items():
        target = package_copy.parent / f"case-{len(covered)}-{abs(hash(name))}"
        shutil.copytree(package_copy, target)
        covered.add(case(target).rule)
        shutil.rmtree(target)
    checked_by_diff = {"unrecorded-removal"}  # compares two versions: broken in tests/test_diff.py
    assert set(RULES) - covered - checked_by_diff == set()


def test_a_table_larger_than_a_table_may_be_is_refused_unread(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mydiplo.files import tablefile

    size = (package_copy / D / "honours.csv").stat().st_size
    monkeypatch.setattr(tablefile, "MAX_TABLE_BYTES", size - 1)
    found = [(p.file, p.rule, p.message) for p in validate(package_copy).problems if p.rule == "file-not-regular"]
    assert (
        D + "honours.csv",
        "file-not-regular",
        f"not read: {size} bytes, more than the {size - 1} a table may hold",
    ) in found


def test_more_delivered_than_ordered_passes_when_the_note_says_why(package_copy: Path) -> None:
    replace_in(
        package_copy / D / "arms_transfers.csv",
        "belarus-myanmar-radars,transfer,belarus,myanmar,,Radar technologies.,sensors,,,,,,,,,alleged,,,",
        "belarus-myanmar-radars,transfer,belarus,myanmar,,Radar technologies.,sensors,2,3,,,,,,,alleged,,,"
        "A third set came with a later order.",
    )
    assert [p.rule for p in validate(package_copy).problems if p.rule == "count-exceeds"] == []
