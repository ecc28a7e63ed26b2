"""Loading gives immutable typed records with lookups and navigation along references.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import replace_in

import mydiplo
from mydiplo.dataset import Dataset, InvalidPackageError
from mydiplo.models import Actor, Agreement, AgreementParty, Citation, Side, Visit
from mydiplo.registry import TABLES


@pytest.fixture(scope="module")
def ds(package: Path) -> Dataset:
    return mydiplo.load(package)


def test_load_returns_tuples_of_models(ds: Dataset) -> None:
    assert isinstance(ds.visits, tuple)
    assert all(isinstance(v, Visit) for v in ds.visits)
    assert ds.counts()["actors"] == len(ds.actors) > 0
    assert "mydiplo Dataset" in repr(ds)


def test_lookup_by_id(ds: Dataset) -> None:
    belarus = ds["belarus"]
    assert isinstance(belarus, Actor) and belarus.country == "BLR"
    assert ds.get("no-such-id") is None
    assert "belarus" in ds and "no-such-id" not in ds
    with pytest.raises(KeyError, match="no-such-id"):
        ds["no-such-id"]


def test_actor_visits(ds: Dataset) -> None:
    visits = {v.visit_id for v in ds.visits_of("alexander-lukashenko")}
    assert "lukashenko-visit-myanmar-2025" in visits
    assert "min-aung-hlaing-visit-belarus-2025" in visits  # he hosted and met the traveller
    assert "kim-jong-un-visit-russia-2023" not in visits


def test_visit_agreements_and_participants(ds: Dataset) -> None:
    agreements = ds.agreements_of("lukashenko-visit-myanmar-2025")
    assert "myanmar-belarus-roadmap-2026-2028" in {a.agreement_id for a in agreements}
    assert all(isinstance(a, Agreement) for a in agreements)
    roles = {(p.actor_id, p.role.value) for p in ds.participants_of("lukashenko-visit-myanmar-2025")}
    assert ("min-aung-hlaing", "met") in roles


def test_a_row_that_belongs_to_a_record_has_citations_of_its_own(ds: Dataset) -> None:
    met, joined = ds.participants_of("hun-sen-visit-myanmar-2022")
    newz = "belarusian-president-visits-myanmar-2025"
    assert [(c.actor_id, c.source_id) for c in ds.row_citations(met)] == [("min-aung-hlaing", newz)]  # type: ignore[attr-defined]
    assert [(c.actor_id, c.role.value) for c in ds.row_citations(joined)] == [("prak-sokhonn", "delegation-member")]  # type: ignore[attr-defined]
    assert ds.row_citations(ds["hun-sen"]) == ()  # a record with an id is cited by ``citations_of``


def test_election_observers(ds: Dataset) -> None:
    observers = {o.observer_id for o in ds.observations_of("myanmar-general-election-2025")}
    assert "belarus" in observers


def test_citations_and_sources(ds: Dataset) -> None:
    citations = ds.citations_of("belarus-observes-myanmar-election-2025")
    readings = {c.value for c in citations if c.field == "status"}
    assert {"promised", "accepted"} <= readings  # sources disagree, and both readings are data
    sources = ds.sources_of("belarus-observes-myanmar-election-2025")
    assert len(sources) == len({c.source_id for c in citations}) >= 2


def test_offices_and_names(ds: Dataset) -> None:
    assert "Aung Hlaing" in ds.names_of("min-aung-hlaing")
    assert ds.names_of("min-aung-hlaing")[0] == "Min Aung Hlaing"
    assert {o.office_id for o in ds.offices_of("alexander-lukashenko")} == {"lukashenko-president-belarus"}


def test_unknown_table_is_a_clear_error(ds: Dataset) -> None:
    with pytest.raises(KeyError, match="tables are"):
        ds.table("treaties")


def test_invalid_package_raises_with_locations(package_copy: Path) -> None:
    line = replace_in(package_copy / "datasets/visits.csv", ",RUS,Moscow,", ",XXR,Moscow,")
    with pytest.raises(InvalidPackageError) as caught:
        mydiplo.load(package_copy)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.field, problem.rule) == (
        "datasets/visits.csv",
        line,
        "destination_country",
        "country-code",
    )
    assert "mydiplo validate" in str(caught.value)


def test_load_accepts_the_descriptor_path(package_copy: Path) -> None:
    assert mydiplo.load(package_copy / "datapackage.json").counts() == mydiplo.load(package_copy).counts()


def test_navigation_finds_what_the_references_say(ds: Dataset) -> None:
    for actor_id in (a.actor_id for a in ds.actors):
        took_part = {p.visit_id for p in ds.visit_participants if p.actor_id == actor_id}
        named = [
            v
            for v in ds.visits
            if actor_id in (v.traveller_id, v.on_behalf_of_id, v.host_id) or v.visit_id in took_part
        ]
        assert ds.visits_of(actor_id, direct=True) == tuple(named)
        assert set(ds.visits_of(actor_id)) >= set(named)
        direct = {p for p in ds.positions if actor_id in (p.actor_id, p.target_id)}
        assert set(ds.positions_of(actor_id, direct=True)) == direct <= set(ds.positions_of(actor_id))
        assert set(ds.offices_of(actor_id)) == {o for o in ds.offices if o.holder_id == actor_id}
    assert ds.rows_of(AgreementParty, "myanmar-belarus-roadmap-2026-2028") == tuple(
        p for p in ds.agreement_parties if p.agreement_id == "myanmar-belarus-roadmap-2026-2028"
    )
    with pytest.raises(ValueError, match=r"Citation is the model of \d+ tables"):
        ds.rows_of(Citation, "myanmar-belarus-roadmap-2026-2028")


def test_a_state_acts_through_its_officials_and_bodies(ds: Dataset) -> None:
    """Russia's defence minister pledged, and its defence ministry hosted: both are Russia's, unless the
    narrow answer is asked for."""
    assert "shoigu-pledge-military-cooperation-2021" in {a.agreement_id for a in ds.agreements_of("russia")}
    assert "shoigu-pledge-military-cooperation-2021" not in {
        a.agreement_id for a in ds.agreements_of("russia", direct=True)
    }
    assert "min-aung-hlaing-visit-russia-2021" in {v.visit_id for v in ds.visits_of("russia")}
    assert "min-aung-hlaing-visit-russia-2021" not in {v.visit_id for v in ds.visits_of("russia", direct=True)}
    assert ds.acts_for("russia-military-university") == {
        "russia-military-university",
        "russia-ministry-of-defence",
        "russia",
    }
    assert ds.principal("kcl-russia-institute") == "kings-college-london"  # a university acts for no state
    assert ds.state_of("kcl-russia-institute") is None


def test_navigation_the_dyads_and_the_network_roll_actors_up_alike(ds: Dataset) -> None:
    """Every record the dyadic events or the network count for a state is among the state's records."""
    from mydiplo.analysis.events import events
    from mydiplo.site import network
    from mydiplo.site.links import Site

    navigation = {"visits": ds.visits_of, "agreements": ds.agreements_of}
    ids = {table: {getattr(r, TABLES[table].id_field) for r in ds.table(table)} for table in navigation}  # type: ignore[arg-type]
    ties = network.ties(Site(ds, network.PAGE))
    for state in (a for a in ds.actors if a.kind.value == "state"):
        found = {
            table: {getattr(r, TABLES[table].id_field) for r in records_of(state.actor_id)}  # type: ignore[arg-type]
            for table, records_of in navigation.items()
        }
        for event in events(ds):
            if event.record_table in found and state.country in (event.source.country, event.target.country):
                assert event.record_id in found[event.record_table], (state.actor_id, event.record_id)
        for tie in (t for t in ties if state.actor_id in (t.a, t.b)):
            for table in navigation:
                assert set(tie.records) & ids[table] <= found[table], (state.actor_id, tie)


def test_sides_act_for_the_state_of_their_actor(ds: Dataset) -> None:
    assert ds.state_actor("MMR") == "myanmar" and ds.state_actor("ATA") is None
    assert ds.side("min-aung-hlaing") == Side("min-aung-hlaing", "MMR")
    assert ds.state_of("asean") is None and ds.side(None) == Side(None, None)


def test_label_calls_a_record_by_its_name_or_a_phrase_of_its_fields(ds: Dataset) -> None:
    assert ds.label("belarus") == "Belarus"
    assert ds.label(ds["lukashenko-visit-myanmar-2025"]) == "Alexander Lukashenko to Myanmar"
    labels = [ds.label(v) for v in ds.visits]
    assert not any("-" in label and label == label.lower() for label in labels)  # no bare ids
    supplied = next(s for s in ds.sources if s.title_supplied)
    assert ds.label(supplied) == f"[{supplied.title}]"
    # A row without an id is called by its record and the labels of the rest of its key.
    participants = [ds.label(p) for p in ds.participants_of("lukashenko-visit-myanmar-2025")]
    assert "Alexander Lukashenko to Myanmar, Maxim Ryzhenkov, delegation-member" in participants
    with pytest.raises(KeyError, match="no-such-id"):
        ds.label("no-such-id")


def test_describe_gives_each_field_by_its_label_with_names_and_dates_in_words(ds: Dataset) -> None:
    lines = ds.describe("lukashenko-visit-myanmar-2025").splitlines()
    assert lines[0] == "Alexander Lukashenko to Myanmar"
    fields = {line.split("  ")[1]: line.split("  ")[-1].strip() for line in lines[1:]}
    assert fields["traveller"] == "alexander-lukashenko (Alexander Lukashenko)"
    assert fields["destination country"] == "MMR (Myanmar)"
    assert fields["start date"] == "2025-11-27 (27 November 2025)"
    assert not any(name.endswith("_id") or "_" in name for name in fields)
    # A citation is described too, though every record table's citations share one model.
    citation = ds.citations_of("lukashenko-visit-myanmar-2025")[0]
    described = ds.describe(citation).splitlines()
    assert described[0].startswith("Alexander Lukashenko to Myanmar, ")
    assert any(line.split() == ["claimant", "associated-press", "(Associated", "Press)"] for line in described)


def test_printing_a_dataset_lists_its_tables_counts_version_and_folder(ds: Dataset, package: Path) -> None:
    lines = str(ds).splitlines()
    assert lines[0] == f"mydiplo Dataset, data version {ds.version}, read from {package}"
    counts = {line.split()[0]: int(line.split()[-1]) for line in lines[1:]}
    citations = sum(n for name, n in ds.counts().items() if name.endswith("_citations"))
    assert counts == {
        **{name: n for name, n in ds.counts().items() if not name.endswith("_citations")},
        "*_citations": citations,
    }
    assert str(ds.replace(visits=())).splitlines()[0] == lines[0]  # a changed copy still says where it came from
    assert ["visits", "0"] in [line.split() for line in str(ds.replace(visits=())).splitlines()]
    in_memory = Dataset(ds.version, {name: ds.table(name) for name in ds.counts()})
    assert str(in_memory).splitlines()[0] == f"mydiplo Dataset, data version {ds.version}, built in memory"
