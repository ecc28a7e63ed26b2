"""The analysis views hold the expected edges for known records; codes are complete and documented; frames are typed.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import mydiplo
from mydiplo.analysis.derived import dyadic_events_frame, event_codes_frame, state_codes_frame
from mydiplo.analysis.eventcodes import CODED_TABLES, CODES, RULES, markdown_table, record_codes
from mydiplo.analysis.events import events as events_of
from mydiplo.analysis.graph import graph
from mydiplo.analysis.statecodes import STATE_CODES
from mydiplo.cli import main
from mydiplo.dataset import Dataset
from mydiplo.export.graphml import write_network
from mydiplo.extras import MissingExtraError
from mydiplo.models.countries import COUNTRIES
from mydiplo.registry import TABLES

PLOVER_CATEGORIES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "FIGHT",
    "CRIME",
}
"""PLOVER's event categories, from its specification and its 2021 CAMEO mapping."""


@pytest.fixture(scope="module")
def dataset(package: Path) -> Dataset:
    return mydiplo.load(package)


@pytest.fixture(scope="module")
def dyads(dataset: Dataset) -> list[dict]:
    return dyadic_events_frame(dataset).dicts()


def _rows(dyads: list[dict], record_id: str) -> list[dict]:
    return [d for d in dyads if d["record_id"] == record_id]


def test_a_visit_gives_a_visit_and_a_host_event(dyads: list[dict]) -> None:
    rows = {(d["event"], d["source_iso3"], d["target_iso3"]): d for d in _rows(dyads, "lukashenko-visit-myanmar-2025")}
    assert set(rows) == {("visit", "BLR", "MMR"), ("host", "MMR", "BLR")}
    visit = rows[("visit", "BLR", "MMR")]
    assert (visit["cameo_code"], visit["plover_event"]) == ("042", "CONSULT")
    assert (visit["source_cow_code"], visit["source_cow_abbrev"], visit["source_gw_code"]) == (370, "BLR", 370)
    assert (visit["target_cow_code"], visit["target_cow_abbrev"], visit["target_gw_code"]) == (775, "MYA", 775)
    assert (visit["date_earliest"], visit["date_latest"], visit["year"]) == (
        dt.date(2025, 11, 27),
        dt.date(2025, 11, 28),
        2025,
    )
    assert rows[("host", "MMR", "BLR")]["cameo_code"] == "043"


def test_agreements_pledges_transfers_and_observations_have_their_direction(dyads: list[dict]) -> None:
    roadmap = {
        (d["source_iso3"], d["target_iso3"], d["cameo_code"]) for d in _rows(dyads, "myanmar-belarus-roadmap-2026-2028")
    }
    assert roadmap == {("BLR", "MMR", "057"), ("MMR", "BLR", "057")}
    pledge = {
        (d["source_iso3"], d["target_iso3"], d["cameo_code"])
        for d in _rows(dyads, "shoigu-pledge-military-cooperation-2021")
    }
    assert pledge == {("RUS", "MMR", "0312")}
    transfer = {
        (d["source_iso3"], d["target_iso3"], d["cameo_code"], d["plover_event"])
        for d in _rows(dyads, "russia-myanmar-weapons")
    }
    assert transfer == {("RUS", "MMR", "062", "COOPERATE")}
    observation = {
        (d["source_iso3"], d["target_iso3"], d["cameo_code"])
        for d in _rows(dyads, "china-observes-myanmar-election-2025")
    }
    assert observation == {("CHN", "MMR", "050")}
    assert (
        _rows(dyads, "china-observes-myanmar-election-2025")[0]["source_cow_code"],
        _rows(dyads, "china-observes-myanmar-election-2025")[0]["target_cow_code"],
    ) == (710, 775)


def test_no_dyad_for_actors_that_are_no_state(dyads: list[dict]) -> None:
    assert _rows(dyads, "foreign-observers-myanmar-election-2025") == []  # a collective of observers
    assert _rows(dyads, "monitors-decline-myanmar-election-2025") == []
    assert all(d["source_iso3"] != d["target_iso3"] for d in dyads)


def test_every_country_an_export_names_has_a_state_codes_row(dataset: Dataset, tmp_path: Path) -> None:
    """A supplier based in a territory with no COW or G&W code gets empty codes, not a broken foreign key."""
    from mydiplo.export import write_exports
    from mydiplo.models import Actor, ArmsTransfer

    trader = Actor(actor_id="hk-state-trader", kind="state-company", name="A trading arm", country="HKG")
    sale = ArmsTransfer(
        transfer_id="hk-state-trader-myanmar-parts",
        kind="transfer",
        supplier_id="hk-state-trader",
        recipient_id="myanmar",
        description="Parts.",
        category="unspecified",
        status="reported",
    )
    ds = dataset.replace(actors=(*dataset.actors, trader), arms_transfers=(*dataset.arms_transfers, sale))
    rows = {row[0]: row for row in state_codes_frame().rows}
    assert set(rows) == set(COUNTRIES)  # every code a model accepts has its row
    assert rows["HKG"][2:] == (None, None, None, None) and rows["MMR"][2] == 775
    assert any(d[6] == "HKG" for d in dyadic_events_frame(ds).rows)
    written = write_exports(ds, ["sqlite"], tmp_path)
    assert [p.name for p in written] == ["mydiplo.sqlite"]


def test_every_state_in_the_data_has_cow_and_gw_codes(dataset: Dataset, dyads: list[dict]) -> None:
    states = {a.country for a in dataset.actors if a.kind.value == "state"}
    assert states <= set(STATE_CODES), f"add COW and G&W codes for {sorted(states - set(STATE_CODES))} to statecodes.py"
    assert all(
        d["source_cow_code"] and d["target_cow_code"] and d["source_gw_code"] and d["target_gw_code"] for d in dyads
    )
    assert len({c.cow_code for c in STATE_CODES.values()}) == len(STATE_CODES)
    assert (
        STATE_CODES["MMR"].cow_code,
        STATE_CODES["MMR"].cow_abbrev,
        STATE_CODES["RUS"].cow_code,
        STATE_CODES["VNM"].cow_code,
    ) == (775, "MYA", 365, 816)


def test_every_coded_record_has_one_code_per_event(dataset: Dataset) -> None:
    expected_events = {
        "visits": {"visit", "host"},
        "agreements": {"agreement"},
        "election_observations": {"observation"},
        "arms_transfers": {"transfer"},
        "measures": {"measure"},
    }
    assert set(CODED_TABLES) == set(expected_events)
    for table in CODED_TABLES:
        for record in dataset.table(table):
            assert {rule.event for rule in record_codes(dataset, table, record)} == expected_events[table], record
    assert len(event_codes_frame(dataset).rows) == sum(
        len(dataset.table(t)) * len(e) for t, e in expected_events.items()
    )


def test_codes_are_real_cameo_and_plover_codes() -> None:
    for rule in RULES:
        code = CODES[rule.cameo]
        assert code.cameo.isdigit() and len(code.cameo) in (3, 4)
        assert code.plover is None or code.plover in PLOVER_CATEGORIES
        assert code.plover is not None or code.cameo.startswith("02"), "only CAMEO appeals lack a PLOVER category"
    assert CODES["042"].cameo_label == "Make a visit" and CODES["043"].cameo_label == "Host a visit"
    assert CODES["057"].cameo_label == "Sign formal agreement"


def test_the_first_matching_rule_wins(dataset: Dataset) -> None:
    pledge = dataset["myanmar-belarus-military-technology-trade-commitment-2025"]
    subjects = {s.subject.value for s in dataset.agreement_subjects if s.agreement_id == pledge.agreement_id}  # type: ignore[attr-defined]
    assert "military-technical" in subjects and "trade" in subjects
    assert [r.cameo for r in record_codes(dataset, "agreements", pledge)] == ["0312"]
    assert [
        r.cameo for r in record_codes(dataset, "election_observations", dataset["international-observers-myanmar-2015"])
    ] == ["042"]


def test_the_docs_show_the_mapping_the_code_uses(checkout: Path) -> None:
    page = (checkout / "docs" / "exports.md").read_text(encoding="utf-8")
    assert markdown_table() in page, (
        "docs/exports.md is out of date: paste the output of mydiplo.analysis.eventcodes.markdown_table()"
    )


def test_the_network_holds_the_known_edges(dataset: Dataset, tmp_path: Path) -> None:
    import networkx as nx

    write_network(dataset, tmp_path)
    network = nx.read_graphml(tmp_path / "mydiplo.graphml")
    assert isinstance(network, nx.MultiDiGraph)
    assert network.number_of_nodes() == len(dataset.actors)
    assert network.nodes["myanmar"]["cow_code"] == 775 and network.nodes["myanmar"]["kind"] == "state"
    visit = [d for _, _, d in network.edges("belarus", data=True) if d["record_id"] == "lukashenko-visit-myanmar-2025"]
    assert [(d["relation"], d["cameo_code"]) for d in visit] == [("visit", "042")]
    assert network.has_edge("myanmar", "belarus") and network.has_edge("belarus", "myanmar")
    assert any(d["relation"] == "transfer" for d in network.get_edge_data("russia", "myanmar").values())
    assert any(
        d["relation"] == "met" for d in network.get_edge_data("alexander-lukashenko", "min-aung-hlaing").values()
    )
    standings = {d["relation"] for d in network.get_edge_data("myanmar", "brics").values()}
    assert standings == {"alignment-member-sought"}  # a membership sought is not drawn as one held
    edges_csv = (tmp_path / "edges.csv").read_text(encoding="utf-8").splitlines()
    assert len(edges_csv) - 1 == network.number_of_edges() == len(graph(dataset).edges)


def test_to_pandas_gives_typed_columns(dataset: Dataset) -> None:
    frame = dataset.to_pandas("visits")
    assert len(frame) == len(dataset.visits)
    assert str(frame["start_date_earliest"].dtype).startswith("datetime64")
    assert str(frame["start_date"].dtype) == "string"
    results = dataset.to_pandas("election_results")
    assert str(results["seats"].dtype) == "Int64" and str(results["is_official"].dtype) == "boolean"
    dyads = dataset.to_pandas("dyadic_events")
    assert set(dyads["source_cow_code"].dropna()) >= {370, 775}


def test_to_polars_gives_typed_columns(dataset: Dataset) -> None:
    import polars as pl

    frame = dataset.to_polars("visits")
    assert frame.height == len(dataset.visits)
    assert frame.schema["start_date_earliest"] == pl.Date and frame.schema["start_date"] == pl.Utf8
    assert dataset.to_polars("election_results").schema["is_official"] == pl.Boolean


def test_connect_holds_every_table_and_view(dataset: Dataset) -> None:
    connection = mydiplo.connect(dataset)
    names = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert (
        set(TABLES) | {"dyadic_events", "event_codes", "state_codes", "visits_named", "all_citations", "dyads_by_year"}
        <= names
    )
    assert connection.execute(
        "SELECT traveller_name FROM visits_named WHERE visit_id = 'kim-jong-un-visit-russia-2023'"
    ).fetchone() == ("Kim Jong Un",)


def test_a_missing_extra_is_one_line_naming_it(
    package: Path, dataset: Dataset, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(
        MissingExtraError,
        match=r"^to_polars\(\) needs polars, which is not installed: pip install 'mydiplo\[polars\]'$",
    ):
        dataset.to_polars("visits")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["export", "--format", "sqlite,parquet", "--output", str(tmp_path), "--path", str(package)]) == 2
    err = capsys.readouterr().err
    assert err == "mydiplo: Parquet export needs pyarrow, which is not installed: pip install 'mydiplo[parquet]'\n"
    assert not any(tmp_path.iterdir()), "nothing is written when a format cannot be"


def test_cli_export_defaults_to_sqlite(package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--output", str(tmp_path), "--path", str(package)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["mydiplo.sqlite"]
    assert "wrote" in capsys.readouterr().out


def test_cli_export_rejects_an_unknown_format(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "csv,xlsx", "--output", str(tmp_path), "--path", str(package)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_cli_export_of_invalid_data_exits_1(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import replace_in

    replace_in(package_copy / "datasets/visits.csv", ",goodwill-visit,", ",holiday,")
    assert main(["export", "--path", str(package_copy), "--output", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "has 1 error;" in err and "mydiplo validate --path" in err and err.count("\n") == 1


def test_cli_show_prints_the_record_and_what_links_to_it(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "lukashenko-visit-myanmar-2025", "--path", str(package)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("visits: lukashenko-visit-myanmar-2025\n")
    assert "alexander-lukashenko (Alexander Lukashenko)" in out and "27 November 2025" in out
    assert "CAMEO 042 Make a visit" in out and "Citations (" in out and "visit_participants (3)" in out
    assert "myanmar-belarus-roadmap-2026-2028" in out


def test_cli_show_gives_the_sources_of_each_row_that_belongs_to_the_record(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "hun-sen-visit-myanmar-2022", "--path", str(package)]) == 0
    rows = capsys.readouterr().out.split("visit_participants (2)\n", 1)[1]
    joined = rows[rows.index("  actor: prak-sokhonn (Prak Sokhonn)") :]
    newz = "    Belarusian president visits Myanmar amid elections deemed illegitimate."
    assert joined.splitlines()[1].startswith(newz)
    assert (
        joined.splitlines()[2] == "      para 3: supports the record; certainty: reported; claimant: the source itself"
    )


def test_cli_show_suggests_close_ids(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "lukashenko-visit-myanmar-2024", "--path", str(package)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "mydiplo: no record has the id 'lukashenko-visit-myanmar-2024'; did you mean lukashenko-visit-myanmar-2025"
    )
    assert err.count("\n") == 1


def test_cli_query_prints_a_table(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "query",
                (
                    "SELECT source_iso3, target_iso3, cameo_code FROM dyadic_events WHERE record_id = "
                    "'russia-myanmar-weapons'"
                ),
                "--path",
                str(package),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["source_iso3", "target_iso3", "cameo_code"]
    assert out[2].split() == ["RUS", "MMR", "062"] and out[-1] == "(1 row)"


def test_cli_query_reports_bad_sql_in_one_line(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELEC * FROM visits", "--path", str(package)]) == 2
    err = capsys.readouterr().err
    assert err.startswith('mydiplo: the query failed: near "SELEC": syntax error') and err.count("\n") == 1
    assert main(["query", "DELETE FROM visits", "--path", str(package)]) == 2
    assert capsys.readouterr().err.startswith("mydiplo: the query was refused: mydiplo query only reads")


def test_cli_query_formats_csv_and_json(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert (
        main(
            [
                "query",
                "SELECT iso3, cow_code FROM state_codes WHERE iso3 = 'MMR'",
                "--format",
                "json",
                "--path",
                str(package),
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out) == [{"iso3": "MMR", "cow_code": 775}]
    assert (
        main(
            [
                "query",
                "SELECT iso3, cow_code FROM state_codes WHERE iso3 = 'MMR'",
                "--format",
                "csv",
                "--path",
                str(package),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "iso3,cow_code\nMMR,775\n"


def test_cli_show_lists_what_cites_a_source_and_an_actors_names(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "time-2023-junta-seeks-russia-election-help", "--path", str(package)]) == 0
    out = capsys.readouterr().out
    assert (
        out.startswith("sources: ")
        and "Cited by (" in out
        and "visits: myanmar-election-commission-visit-russia-2023" in out
    )
    assert (
        "  visits: myanmar-election-commission-visit-russia-2023 (Union Election Commission to Russia), para 2\n" in out
    )
    assert "  visit_participants: Kim Jong Un to Russia, Vladimir Putin, met, para 1\n" in out  # a row's citation
    assert main(["show", "min-aung-hlaing", "--path", str(package)]) == 0
    out = capsys.readouterr().out
    assert "Also known as\n  Aung Hlaing" in out and "offices, as holder (" in out
    assert main(["show", "russia", "--path", str(package)]) == 0
    assert "\nactors, as parent (2)\n  actor id: russia-ministry-of-defence; " in capsys.readouterr().out


def test_cli_show_labels_fields_and_lists_the_readings_of_a_disputed_field(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "lukashenko-visit-myanmar-2025", "--path", str(package)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split("  ")[1:2] == ["start date"] for line in lines)
    assert not any(line.lstrip().startswith(("start_date", "traveller_id")) for line in lines)
    kind = next(i for i, line in enumerate(lines) if line.lstrip().startswith("kind "))
    assert lines[kind].endswith("goodwill-visit  [disputed]")
    readings = lines[kind + 1 : kind + 5]
    assert readings[0].strip() == (
        "- goodwill-visit; as of: November 2025; certainty: reported; claimant: the source itself"
    )
    assert readings[1].strip().startswith("para 1 of [Lukashenko arrives in Myanmar weeks before the election]. ")
    assert readings[2].strip() == (
        "- official-visit; as of: 28 November 2025; certainty: claimed; claimant: news.by (state-media)"
    )
    start = next(line for line in lines if line.lstrip().startswith("start date "))
    assert "[disputed]" not in start  # two sources, one date


def test_show_names_every_value_of_every_linked_row_and_citation_by_its_label(package: Path) -> None:
    import re

    from mydiplo.analysis.show import render
    from mydiplo.models import field_label
    from mydiplo.registry import RECORD_TABLES

    ds = mydiplo.load(package)
    header = re.compile(r"^([a-z_]+)(?:, as ([a-z ]+))? \((\d+)\)$")
    citation = re.compile(r"^ +(?:title|paras? [0-9, -]+): (?:supports the record|reads .+)")
    sections = 0
    for table in RECORD_TABLES:
        for record in ds.table(table.name):
            record_id = getattr(record, table.id_field)  # type: ignore[arg-type]
            for block in render(ds, record_id).split("\n\n"):
                lines = block.splitlines()
                match = header.match(lines[0])
                if match and match[1] in TABLES:
                    other = TABLES[match[1]]
                    labels = tuple(f"{field_label(other.model, f)}: " for f in other.fields)
                    rows = [line for line in lines[1:] if line.startswith("  ") and line[2] != " "]
                    assert len(rows) == int(match[3]), block
                    assert all(row[2:].startswith(labels) for row in rows), block
                    if match[2]:
                        keys = [k.field for k in other.foreign_keys if k.reference_table == table.name]
                        assert match[2] in [field_label(other.model, k) for k in keys]
                    sections += 1
                for line in lines:
                    if citation.match(line):
                        assert re.search(r"; certainty: [a-z-]+; claimant: [^;]+$", line), line
    assert sections > 100


def test_cli_show_gives_each_source_as_title_publisher_date_and_address(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = mydiplo.load(package)
    assert main(["show", "belarus-observes-myanmar-election-2025", "--path", str(package)]) == 0
    out = capsys.readouterr().out
    citations = out[out.index("Citations (") :]
    for source in ds.sources_of("belarus-observes-myanmar-election-2025"):
        assert source.source_id not in citations, source.source_id
    assert (
        "  Dictators supporting criminals: Belarus and Russia's involvement in junta's sham election. "
        "Defend Myanmar Democracy, March 2025. No URL (not-found): No public copy was found" in citations
    )
    assert (
        "  Min Aung Hlaing lud Wahlbeobachter aus Belarus zur Wahlüberwachung in Myanmar ein. BelTA, 7 March 2025. "
        "<https://deu.belta.by/" in citations
    )
    assert "    para 1: reads status = invited; certainty: claimed; claimant: BelTA (state-media)" in citations
    assert "  status             deployed  [disputed]" in out


def test_coverage_counts_every_record_once_by_the_year_it_is_placed_in(dataset: Dataset) -> None:
    from mydiplo.analysis.coverage import coverage
    from mydiplo.registry import CENSUS_TABLES

    found = coverage(dataset)
    for table in CENSUS_TABLES:
        assert found.total(table.name) == len(dataset.table(table.name)), table.name
    visits_2025 = sum(1 for v in dataset.visits if v.start_date and v.start_date.earliest.year == 2025)
    assert found.counts["visits"][2025] == visits_2025 > 0
    assert None not in found.counts["election_results"]  # a claimed result is placed by its election
    assert found.years == list(range(found.years[0], found.years[-1] + 1))


def test_the_dyad_year_panel_is_zero_filled_and_counts_each_dyadic_event_once(
    dataset: Dataset, dyads: list[dict]
) -> None:
    from mydiplo.analysis.panel import COUNTED, FIRST_YEAR, FOCUS, dyad_years_frame, placed_year

    panel = dyad_years_frame(dataset).dicts()
    years = sorted({row["year"] for row in panel})
    others = sorted(code for code in STATE_CODES if code != FOCUS)
    assert years[0] == FIRST_YEAR and years == list(range(FIRST_YEAR, years[-1] + 1))
    assert len(panel) == len(others) * 2 * len(years)
    assert len({(r["iso3_1"], r["iso3_2"], r["year"]) for r in panel}) == len(panel)
    assert all(FOCUS in (r["iso3_1"], r["iso3_2"]) and r["iso3_1"] != r["iso3_2"] for r in panel)
    assert {r["ccode1"] for r in panel if r["iso3_1"] == "RUS"} == {365}
    with_focus = [
        e
        for e in events_of(dataset)
        if FOCUS in (e.source.country, e.target.country)
        and None not in (e.source.country, e.target.country)
        and e.source.country != e.target.country
    ]
    placed = [p for e in with_focus if (p := placed_year(dataset, e)) is not None and p[0] >= FIRST_YEAR]
    assert 0 < len(placed) < len(with_focus)  # the Su-30 contract, signed before the coup, falls outside
    assert sum(r["events"] for r in panel) == len(placed)
    assert sum(r["events_year_uncertain"] for r in panel) == sum(1 for _, certain in placed if not certain)
    for row in panel:
        assert row["events"] == sum(row[column] for column in COUNTED[:-2])
    # Belarus's radars are undated: placed by their first report, and flagged.
    radars = next(d for d in dyads if d["record_id"] == "belarus-myanmar-radars")
    assert radars["date_earliest"] is None
    events = [e for e in events_of(dataset) if e.record_id == "belarus-myanmar-radars"]
    year, certain = placed_year(dataset, events[0])
    assert (year, certain) == (2025, False)
    row = next(r for r in panel if (r["iso3_1"], r["iso3_2"], r["year"]) == ("BLR", "MMR", 2025))
    assert row["transfer"] >= 1 and row["events_year_uncertain"] >= 1
    assert dataset.to_pandas("dyad_years")["ccode2"].dtype == "Int64"
