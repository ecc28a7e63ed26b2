"""``mydiplo add``: an entry file becomes canonical rows and citations, written only when the package validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import replace_in

import mydiplo
from mydiplo.cli import main
from mydiplo.tools.add import EntryError, add
from mydiplo.validation import validate

SOURCE = "reuters-2022-01-07-hun-sen-meets-min-aung-hlaing"

ENTRY = f"""
[[visits]]
visit_id = "prak-sokhonn-visit-myanmar-2022-01"
kind = "working-visit"
traveller_id = "prak-sokhonn"
on_behalf_of_id = "asean"
destination_country = "MMR"
destination_city = "Naypyidaw"
start_date = "2022-01"
host_id = "myanmar"
[[visits.citations]]
source_id = "{SOURCE}"
locator = "para 4"
claimant_kind = "source"
claimant_id = "reuters"
certainty = "reported"

[[visit_participants]]
visit_id = "prak-sokhonn-visit-myanmar-2022-01"
actor_id = "min-aung-hlaing"
role = "met"
[[visit_participants.citations]]
source_id = "{SOURCE}"
locator = "para 4"
claimant_kind = "source"
certainty = "reported"

[[extra_citations]]
table = "actors"
record_id = "asean"
source_id = "{SOURCE}"
locator = "para 4"
claimant_kind = "source"
certainty = "reported"
"""


def _write(folder: Path, text: str, name: str = "entry.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "datasets").glob("*.csv"))}


def test_an_entry_becomes_canonical_rows_with_their_citations(package_copy: Path, tmp_path: Path) -> None:
    outcome = add(package_copy, _write(tmp_path, ENTRY))
    assert outcome.written and outcome.errors == ()
    assert outcome.counts == {
        "actor_citations": 1,
        "visits": 1,
        "visit_citations": 1,
        "visit_participants": 1,
        "visit_participant_citations": 1,
    }
    assert validate(package_copy).valid
    assert main(["fmt", "--check", "--path", str(package_copy)]) == 0
    ds = mydiplo.load(package_copy)
    (participant,) = ds.participants_of("prak-sokhonn-visit-myanmar-2022-01")
    assert [c.locator for c in ds.row_citations(participant)] == ["para 4"]
    assert str(ds["prak-sokhonn-visit-myanmar-2022-01"].start_date) == "2022-01"  # type: ignore[attr-defined]
    assert SOURCE in {c.source_id for c in ds.citations_of("asean")}


def test_an_entry_that_breaks_a_rule_writes_nothing_and_is_named_by_its_place(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _files(package_copy)
    participant = ENTRY.split("[[visit_participants.citations]]")[1].split("[[extra_citations]]")[0]
    entry = _write(tmp_path, ENTRY.replace(participant, participant.replace('"reported"', '"confirmed"')))
    assert main(["add", str(entry), "--path", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "entry.toml [certainty]: error [confirmed-support] visit_participants[0].citations[0]" in out
    assert "nothing was written" in out
    assert _files(package_copy) == before


def test_the_problems_add_reports_come_by_file(package_copy: Path, tmp_path: Path) -> None:
    """A new row's problem is named in the entry file, after the problems of the package's own files."""
    replace_in(package_copy / "datasets/visits.csv", ",goodwill-visit,", ",holiday,")
    participant = ENTRY.split("[[visit_participants.citations]]")[1].split("[[extra_citations]]")[0]
    entry = _write(tmp_path, ENTRY.replace(participant, participant.replace('"reported"', '"confirmed"')))
    files = [p.file for p in add(package_copy, entry).problems]
    assert "entry.toml" in files and "datasets/visits.csv" in files
    assert files == sorted(files)


def test_a_record_without_a_citation_is_refused(package_copy: Path, tmp_path: Path) -> None:
    uncited = ENTRY.split("[[visits.citations]]")[0]
    outcome = add(package_copy, _write(tmp_path, uncited))
    assert not outcome.written
    assert [(p.rule, p.file) for p in outcome.errors] == [("uncited-record", "entry.toml")]
    assert "visits[0] (prak-sokhonn-visit-myanmar-2022-01)" in outcome.errors[0].message


def test_a_dry_run_checks_and_writes_nothing(package_copy: Path, tmp_path: Path) -> None:
    before = _files(package_copy)
    outcome = add(package_copy, _write(tmp_path, ENTRY), dry_run=True)
    assert outcome.errors == () and not outcome.written
    assert _files(package_copy) == before


def test_json_entries_are_read_alike(package_copy: Path, tmp_path: Path) -> None:
    entry = {
        "actors": [
            {
                "actor_id": "rosoboronexport",
                "kind": "state-company",
                "name": "Rosoboronexport",
                "country": "RUS",
                "citations": [
                    {"source_id": SOURCE, "locator": "para 1", "claimant_kind": "source", "certainty": "reported"}
                ],
            }
        ]
    }
    outcome = add(package_copy, _write(tmp_path, json.dumps(entry), "entry.json"))
    assert outcome.written, outcome.problems
    assert mydiplo.load(package_copy).state_of("rosoboronexport") == "RUS"  # a state company acts for its state


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[visit]]\nvisit_id = 'x'\n", "no table 'visit' takes entries; did you mean visits?"),
        ("[[visits]]\nvisit_idd = 'x'\n", "visits[0]: visits has no field 'visit_idd'; did you mean visit_id?"),
        ("[[visit_citations]]\nrecord_id = 'x'\n", "citations go inside their entry"),
        (
            "[[sources]]\nsource_id = 'x'\n[[sources.citations]]\nlocator = 'para 1'\n",
            "rows of sources take no citations",
        ),
        ("[[extra_citations]]\nrecord_id = 'x'\n", "say which table the cited record is in"),
        ("[[visits]]\nvisit_id = ['a', 'b']\n", "visits[0].visit_id: a field holds one value, not list"),
        ("visits = 3\n", "visits must be an array of tables"),
        ("[[visits]\n", "not valid TOML"),
    ],
)
def test_an_entry_file_the_package_cannot_take_is_refused_with_the_reason(
    package_copy: Path, tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(EntryError, match=message.replace("[", r"\[").replace("(", r"\(")):
        add(package_copy, _write(tmp_path, text))


def test_the_command_reports_an_unreadable_entry_file_without_a_traceback(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", str(tmp_path / "missing.toml"), "--path", str(package_copy)]) == 2
    assert "missing.toml: cannot be read" in capsys.readouterr().err


KNOWN_ACTOR = f"""
[[actors]]
actor_id = "hun-sen"
kind = "person"
name = "Hun Sen"
[[actors.citations]]
source_id = "{SOURCE}"
locator = "para 2"
claimant_kind = "source"
certainty = "reported"
"""


def test_a_record_already_there_adds_only_its_citations(package_copy: Path, tmp_path: Path) -> None:
    cited = len(mydiplo.load(package_copy).citations_of("hun-sen"))
    outcome = add(package_copy, _write(tmp_path, KNOWN_ACTOR + KNOWN_ACTOR.split("[[actors.citations]]")[0]))
    assert outcome.written and outcome.known == 2  # the package's actor, then the same entry again
    assert outcome.counts == {"actor_citations": 1}
    assert len(mydiplo.load(package_copy).citations_of("hun-sen")) == cited + 1


def test_an_id_taken_by_a_different_record_is_refused(package_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(EntryError, match="the id is taken by a record whose kind is 'person', not 'state'"):
        add(package_copy, _write(tmp_path, KNOWN_ACTOR.replace('kind = "person"', 'kind = "state"')))
