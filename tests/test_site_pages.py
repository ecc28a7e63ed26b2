"""The site's generated pages and figures, rendered from the data without MkDocs or a browser.

Code test: runs on the frozen fixture package, never on the shipped data.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import mydiplo
from mydiplo.models.roles import shorten
from mydiplo.registry import RECORD_TABLES, TABLES
from mydiplo.site import disputes, generated_pages, network, timeline
from mydiplo.site.escape import text
from mydiplo.site.links import Site, actor_page, table_page
from mydiplo.site.pages import table_nav
from mydiplo.site.svg import text_width

HOSTILE = [
    "<script>alert(1)</script>",
    "**bold**",
    "[link](http://x)",
    "a | b",
    "<b>html</b>",
    '--8<-- "README.md"',
    ":smile:",
    "`code`",
    "# heading",
]

HEDGED_VISIT = "hun-sen-visit-myanmar-2022"
"""A visit whose date the ``hedged`` fixture blurs to test approximate dates."""


@pytest.fixture(scope="module")
def ds(package: Path) -> mydiplo.Dataset:
    return mydiplo.load(package)


@pytest.fixture(scope="module")
def pages(ds: mydiplo.Dataset) -> dict[str, str]:
    return generated_pages(ds)


@pytest.fixture(scope="module")
def hedged(ds: mydiplo.Dataset) -> mydiplo.Dataset:
    """The data with one visit known only as "about 2022", as sources often date events."""
    visits = tuple(
        v.model_copy(update={"start_date": mydiplo.PartialDate("2022~"), "end_date": None})
        if v.visit_id == HEDGED_VISIT
        else v
        for v in ds.visits
    )
    return ds.replace(visits=visits)


def visible(markup: str) -> str:
    """The text a browser shows for a piece of HTML: tags dropped, character references resolved."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_text_keeps_no_markup_and_shows_the_same_characters(value: str) -> None:
    escaped = text(value)
    bare = re.sub(r"&#?[0-9a-z]+;", "", escaped)
    assert not set(bare) & set("<>*[]|`#:\"'&"), escaped
    assert html.unescape(escaped) == value


def test_every_record_table_has_a_page_listing_each_record_once(ds: mydiplo.Dataset, pages: dict[str, str]) -> None:
    for table in RECORD_TABLES:
        page = pages[table_page(table.name)]
        listed = re.findall(r'<tr data-record="([^"]+)">', page)
        assert sorted(listed) == sorted(str(getattr(r, table.id_field)) for r in ds.table(table.name)), table.name


def test_the_records_index_counts_every_table(ds: mydiplo.Dataset, pages: dict[str, str]) -> None:
    index = pages[table_page("index")]
    for name in TABLES:
        row = re.search(rf"<tr><td><code>{re.escape(text(name))}</code></td> <td>.*?</td> <td>(\d+)</td>", index)
        assert row is not None and int(row.group(1)) == len(ds.table(name)), name


def test_partial_dates_are_shown_at_their_precision(pages: dict[str, str], hedged: mydiplo.Dataset) -> None:
    visits = pages[table_page("visits")]
    assert '<span class="md-date" title="2025-03">March 2025</span>' in visits
    assert '<span class="md-date" title="2022~">about 2022</span>' in generated_pages(hedged)[table_page("visits")]
    assert '<span class="md-date" title="2025-11-27">27 November 2025</span>' in visits


def test_a_record_shows_its_linked_rows_and_sources(ds: mydiplo.Dataset, pages: dict[str, str]) -> None:
    visits = pages[table_page("visits")]
    section = visits[visits.index('data-record="lukashenko-visit-myanmar-2025"><td>') :]
    section = section[section.index('<div class="md-record" data-record="lukashenko-visit-myanmar-2025">') :]
    section = section[: section.index("\n</div>")]
    for participant in ds.participants_of("lukashenko-visit-myanmar-2025"):
        assert f'href="../actors/{participant.actor_id}.html"' in section
    for agreement in ds.agreements_of("lukashenko-visit-myanmar-2025"):
        assert f'href="agreements.html#{agreement.agreement_id}"' in section
    for source in ds.sources_of("lukashenko-visit-myanmar-2025"):
        assert f'href="sources.html#{source.source_id}"' in section


def test_each_row_that_belongs_to_a_record_shows_its_own_sources(ds: mydiplo.Dataset, pages: dict[str, str]) -> None:
    """A participant is a claim too: its row on the visit's page names the sources that support it."""
    visits = pages[table_page("visits")]
    section = visits[visits.index('<div class="md-record" data-record="hun-sen-visit-myanmar-2022">') :]
    participants = section[section.index('class="md-linked"') :]
    participants = participants[: participants.index("</table>")]
    rows = participants.split("<tr>")[2:]
    assert len(rows) == len(ds.participants_of("hun-sen-visit-myanmar-2022")) == 2
    for row, participant in zip(rows, ds.participants_of("hun-sen-visit-myanmar-2022"), strict=True):
        citations = ds.row_citations(participant)
        assert citations
        for citation in citations:
            assert f'href="sources.html#{citation.source_id}"' in row
            assert f"({citation.locator}; {citation.certainty.value})" in row


def test_an_actor_page_links_every_record_that_names_the_actor(ds: mydiplo.Dataset, pages: dict[str, str]) -> None:
    page = pages[actor_page("belarus")]
    assert page.startswith('---\ntitle: "Belarus"\nsearch:\n  boost: 10\n---\n\n# Belarus\n')
    site = Site(ds, actor_page("belarus"))
    for row in ds.referencing("belarus"):
        if isinstance(row, mydiplo.models.Citation) and row.record_id == "belarus":
            continue
        owner = next(link.owner for link in site.links_to["belarus"] if link.row is row)
        if owner is not ds["belarus"]:
            assert (
                site.record_href(next(str(getattr(owner, t.id_field)) for t in RECORD_TABLES if type(owner) is t.model))
                in page
            )


def hostile_dataset(ds: mydiplo.Dataset, value: str) -> mydiplo.Dataset:
    """The dataset with ``value`` as the note of a visit and of an actor, and as an actor's name."""
    visits = tuple(
        v.model_copy(update={"note": value}) if v.visit_id == "lukashenko-visit-myanmar-2025" else v for v in ds.visits
    )
    actors = tuple(
        a.model_copy(update={"note": value, "name": value}) if a.actor_id == "alexander-lukashenko" else a
        for a in ds.actors
    )
    return ds.replace(visits=visits, actors=actors)


def test_hostile_values_render_as_their_own_text(ds: mydiplo.Dataset) -> None:
    value = " ".join(HOSTILE)
    pages = generated_pages(hostile_dataset(ds, value))
    for path in (table_page("visits"), actor_page("alexander-lukashenko"), table_page("actors"), timeline.PAGE):
        page = pages[path]
        assert value not in page, path
        assert value in visible(page), path
    figure = pages[timeline.SVG_FILE]
    assert "<script>" not in figure
    assert shorten(f"{value} to Myanmar", 46) in visible(figure)  # the traveller's name, cut to fit the figure


def test_figures_are_well_formed_svg_with_a_title_and_a_description(pages: dict[str, str]) -> None:
    for path in (timeline.SVG_FILE, network.SVG_FILE):
        root = ET.fromstring(pages[path])
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img"
        assert root.find(f"{ns}title").text and root.find(f"{ns}desc").text


def test_timeline_spans_each_date_and_places_undated_records_when_first_reported(
    ds: mydiplo.Dataset, hedged: mydiplo.Dataset
) -> None:
    events = {e.record_id: e for e in timeline.events(Site(ds, timeline.PAGE))}
    month = events["min-aung-hlaing-visit-belarus-2025"]
    assert (month.start, month.end, month.reported) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31), False)
    year = events["belarus-presidential-election-2025"]
    assert (year.start, year.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert not events[HEDGED_VISIT].hedged
    assert {e.record_id: e for e in timeline.events(Site(hedged, timeline.PAGE))}[HEDGED_VISIT].hedged
    transfer = events["belarus-myanmar-radars"]
    assert transfer.reported and transfer.when.startswith("undated; first reported")
    assert "myanmar-general-election-2015" not in events
    assert {e.lane.table for e in events.values()} == {lane.table for lane in timeline.LANES}


def test_network_draws_people_and_bodies_as_their_state(ds: mydiplo.Dataset) -> None:
    site = Site(ds, network.PAGE)
    assert ds.principal("min-aung-hlaing") == "myanmar"
    assert ds.principal("russia-military-university") == "russia"
    assert ds.principal("asean") == "asean"
    assert ds.principal("kcl-russia-institute") == "kings-college-london"  # a university is not its state
    ties = {(t.a, t.b, t.kind): t for t in network.ties(site)}
    assert "lukashenko-visit-myanmar-2025" in ties[("belarus", "myanmar", "visit")].records
    assert "belarus-myanmar-radars" in ties[("belarus", "myanmar", "arms transfer")].records
    observed = [r for t in ties.values() for r in t.records]
    assert "monitors-decline-myanmar-election-2025" not in observed
    assert len(observed) == len(set(observed))


def test_network_layout_is_deterministic_and_centred_on_the_hub(ds: mydiplo.Dataset) -> None:
    site = Site(ds, network.PAGE)
    ties = network.ties(site)
    nodes = network.layout(ties)
    assert nodes == network.layout(list(reversed(ties)))
    assert (nodes["myanmar"].x, nodes["myanmar"].y) == network.CENTRE
    for node in nodes.values():
        assert 0 < node.x < network.WIDTH and 0 < node.y < network.HEIGHT


@pytest.mark.parametrize("actors", [12, 45, 120])
def test_network_labels_of_a_crowded_ring_neither_touch_nor_leave_the_figure(actors: int) -> None:
    """Labels run outwards along their radius, one line each: neighbours stay a line apart, however many."""
    ties = [network.Tie("hub", f"state-{i:03d}", "visit", [f"r{i}"] * (2 if i == 0 else 1)) for i in range(actors)]
    nodes = network.layout(ties)
    size = network.label_size(nodes)
    arc = 2 * math.pi * network.RADIUS / actors
    assert size <= arc and size >= 8
    for node in nodes.values():
        reach = math.hypot(node.x - network.CENTRE[0], node.y - network.CENTRE[1]) + 20 + network.LABEL_ROOM
        assert network.CENTRE[0] - reach > 0 and network.CENTRE[0] + reach < network.WIDTH
        assert network.CENTRE[1] - reach > 0 and network.CENTRE[1] + reach < network.HEIGHT - 40  # the legend
    name = "The International Conference of Asian Political Parties and its observers"
    short = network.shorten_to(name, size)
    assert short.endswith("…") and name.startswith(short[:-1]) and text_width(short, size) <= network.LABEL_ROOM


def record_fields(page: str, record: str) -> str:
    """The fields table of one record's section on a table page."""
    start = page.index(f'<div class="md-record" data-record="{record}">')
    return page[start : page.index("</tbody>\n</table>\n<p>", start)]


def test_a_disputed_field_is_marked_and_lists_every_reading_under_it(
    ds: mydiplo.Dataset, pages: dict[str, str]
) -> None:
    fields = record_fields(pages[table_page("visits")], "lukashenko-visit-myanmar-2025")
    badge = '<a class="md-disputed" data-search-exclude href="#disputed-lukashenko-visit-myanmar-2025-kind"'
    assert fields.count('class="md-disputed"') == 1 and badge in fields
    row = fields[fields.index('<tr class="md-readings-row" id="disputed-lukashenko-visit-myanmar-2025-kind">') :]
    row = row[: row.index("</table></div></td></tr>")]
    shown = visible(row)
    for reading in ds.readings("lukashenko-visit-myanmar-2025", "kind"):
        assert reading.value in shown and reading.as_of.describe() in shown
        assert f'href="{html.escape(reading.source.url or "", quote=True)}"' in row
        assert reading.source.source_id not in shown
    assert "Strategic leap into a new market: experts summarize Lukashenko's visit to Myanmar" in shown
    assert "[Lukashenko arrives in Myanmar weeks before the election]" in shown  # a supplied title
    assert shown.index("goodwill-visit") < shown.index("official-visit")  # oldest first


def test_a_field_whose_readings_follow_each_other_is_not_marked(pages: dict[str, str]) -> None:
    fields = record_fields(pages[table_page("elections")], "myanmar-general-election-2025")
    assert "md-disputed" not in fields and "md-readings-row" not in fields


def test_sources_are_shown_by_title_publisher_and_date_never_by_id(ds: mydiplo.Dataset) -> None:
    sources = tuple(
        s.model_copy(update={"archive_url": "https://web.archive.org/web/2025/x"})
        if s.source_id == "news-by-2025-11-28-lukashenko-visit-myanmar"
        else s
        for s in ds.sources
    )
    page = generated_pages(ds.replace(sources=sources))[table_page("visits")]
    section = page[page.index('<div class="md-record" data-record="lukashenko-visit-myanmar-2025">') :]
    table = section[section.index('<table class="md-citations"') :]
    table = table[: table.index("</table>")]
    shown = visible(table)
    for source in ds.sources_of("lukashenko-visit-myanmar-2025"):
        assert source.source_id not in shown, source.source_id
        assert source.published_date.describe() in shown and ds[source.publisher_id].name in shown
    assert (
        "Strategic leap into a new market: experts summarize Lukashenko's visit to Myanmar, news.by, "
        "28 November 2025, archived copy (details)"
    ) in shown
    assert '<a href="https://web.archive.org/web/2025/x" rel="nofollow noopener">archived copy</a>' in table


def test_a_source_without_an_address_says_why(pages: dict[str, str]) -> None:
    page = pages[table_page("elections")]
    section = page[page.index('<div class="md-record" data-record="belarus-presidential-election-2025">') :]
    shown = visible(section[: section.index("\n</div>")])
    assert (
        "Dictators supporting criminals: Belarus and Russia's involvement in junta's sham election, "
        "Defend Myanmar Democracy, March 2025, no URL: no public copy was found" in shown
    )
    sources = pages[table_page("sources")]
    assert "## &#91;Lukashenko arrives in Myanmar weeks before the election&#93; &#40;November 2025&#41;" in sources


def test_the_disputes_page_lists_every_dispute_with_its_readings(ds: mydiplo.Dataset, pages: dict[str, str]) -> None:
    page = pages[disputes.PAGE]
    listed = re.findall(r'<div class="md-dispute" data-record="([^"]+)" data-field="([^"]+)">', page)
    assert listed == [(d.record_id, d.field) for d in ds.disputes()] and len(listed) >= 2
    for dispute in ds.disputes():
        section = page[page.index(f'data-record="{dispute.record_id}" data-field="{dispute.field}"') :]
        section = section[: section.index("</div>")]
        assert section.count("<tr><td><strong>") == len(dispute.readings)
        assert f'href="{Site(ds, disputes.PAGE).record_href(dispute.record_id)}"' in section
    assert "Alexander Lukashenko to Myanmar — kind" in visible(page)
    assert 'href="disputes.html"' in pages[table_page("index")]
    assert {"Disputed fields": disputes.PAGE} in table_nav()


def test_hostile_readings_and_source_titles_render_as_their_own_text(ds: mydiplo.Dataset) -> None:
    value = " ".join(HOSTILE)
    citations = tuple(
        c.model_copy(update={"value": value, "note": value}) if c.value == "official-visit" else c
        for c in ds.visit_citations
    )
    sources = tuple(
        s.model_copy(update={"title": value}) if s.source_id == "lukashenko-arrives-myanmar-2025" else s
        for s in ds.sources
    )
    pages = generated_pages(ds.replace(visit_citations=citations, sources=sources))
    for path in (table_page("visits"), disputes.PAGE, table_page("sources")):
        page = pages[path]
        assert value not in page, path
        assert value in visible(page), path


COLUMN_NAMES = {name for t in TABLES.values() for name in (t.name, *t.fields) if "_" in name}
"""What a reader should never meet on a record's page: a column or a table by its name in the files."""


def headings_and_roles(page: str) -> list[str]:
    """The texts of a page's table headings and field labels, and of its "role" cells."""
    cells = re.findall(r"<th\b[^>]*>(.*?)</th>", page, flags=re.DOTALL)
    cells += re.findall(r'<td><span class="md-via">(.*?)</span></td>', page)  # an actor's page
    cells += re.findall(r'<span class="md-via">\((.*?)\)</span>', page)  # a record's linked records
    return [visible(cell) for cell in cells]


def test_fields_and_roles_are_called_by_their_labels_never_by_their_columns(pages: dict[str, str]) -> None:
    shown = {path: headings_and_roles(page) for path, page in pages.items() if path.endswith(".md")}
    named = {(path, word) for path, cells in shown.items() for cell in cells for word in re.findall(r"\w+", cell)}
    assert not {(path, word) for path, word in named if word in COLUMN_NAMES}
    assert not [(path, cell) for path, cells in shown.items() for cell in cells if "." in cell]
    visit = record_fields(pages[table_page("visits")], "lukashenko-visit-myanmar-2025")
    assert {"traveller", "traveller office", "on behalf of", "start date", "host"} <= set(headings_and_roles(visit))
    assert "end date: 28 November 2025" in visible(visit[visit.index('class="md-citations"') :])  # a reading


def roles_on(pages: dict[str, str], actor: str, table: str) -> dict[str, str]:
    """On an actor's page, the role of each record of ``table`` that names the actor, by the record's id."""
    page = pages[actor_page(actor)]
    section = page[page.index(f'<table class="md-records md-linked-{table}"') :]
    rows = re.findall(
        r'<tr><td><a href="[^"#]*#([^"]+)">.*?<span class="md-via">(.*?)</span>', section[: section.index("</table>")]
    )
    return {record: visible(role) for record, role in rows}


def test_an_actor_page_says_in_words_what_each_record_names_it_as(pages: dict[str, str]) -> None:
    assert roles_on(pages, "min-aung-hlaing", "visits")["hun-sen-visit-myanmar-2022"] == "met"  # a participant's role
    assert (
        roles_on(pages, "min-aung-hlaing", "agreements")["lukashenko-pledge-election-observers-2025"] == "beneficiary"
    )
    assert roles_on(pages, "alexander-lukashenko", "visits")["lukashenko-visit-myanmar-2025"] == "traveller"
    assert roles_on(pages, "belarus", "positions")["unga-condemns-coup-2021"] == "voter"  # the field's declared title
    assert roles_on(pages, "russia", "visits")["kim-jong-un-visit-russia-2023"] == "host, met (Vladimir Putin)"
    belarus = visible(pages[actor_page("belarus")])
    assert "2 positions name Belarus as actor (1), voter (1)." in belarus


def test_a_state_page_holds_the_records_of_those_who_act_for_it(ds: mydiplo.Dataset, pages: dict[str, str]) -> None:
    """The roll-up of the library's navigation: Russia's defence ministry hosted, its defence minister pledged."""
    visits = roles_on(pages, "russia", "visits")
    assert visits["min-aung-hlaing-visit-russia-2021"].startswith(
        "host (Ministry of Defence of the Russian Federation)"
    )
    pledge = roles_on(pages, "russia", "agreements")["shoigu-pledge-military-cooperation-2021"]
    assert pledge == "claimant (Sergei Shoigu), promisor (Sergei Shoigu)"
    assert set(roles_on(pages, "russia", "visits")) == {v.visit_id for v in ds.visits_of("russia")}
    assert set(roles_on(pages, "russia", "agreements")) == {a.agreement_id for a in ds.agreements_of("russia")}


def test_a_record_and_an_actor_open_with_a_sentence_of_what_they_are(pages: dict[str, str]) -> None:
    visit = record_fields(pages[table_page("visits")], "lukashenko-visit-myanmar-2025")
    summary = visible(re.search(r'<p class="md-summary">(.*?)</p>', visit).group(1))
    assert summary == (
        "A visit (goodwill-visit), 27 November 2025: Alexander Lukashenko (traveller), Belarus (on behalf of), "
        "Myanmar (host), Maxim Ryzhenkov (delegation-member), Min Aung Hlaing (met), Nyo Saw (received-by)."
    )
    russia = visible(pages[actor_page("russia")])
    assert (
        "Russia (state) is named, itself or through those who act for it, by 1 source, 2 actors, 2 offices, "
        "4 visits, 1 honour, 2 agreements and 2 arms transfers." in russia
    )
    assert "4 visits name Russia as host" in russia


def test_the_models_own_words_show_without_their_markup(pages: dict[str, str]) -> None:
    """The models document themselves in reST: ``arms_transfer_citations`` in a docstring is code on the page,
    and `value_unit` in a column's description is the column's label in its tooltip."""
    transfers = pages[table_page("arms_transfers")]
    assert "table <code>arms&#95;transfer&#95;citations</code>" in transfers
    assert 'title="The value, in value unit, on value basis; TIV values are in millions."' in transfers
    for path, page in pages.items():
        outside_code = re.sub(r"<code>.*?</code>", "", page, flags=re.DOTALL)
        assert "`" not in visible(outside_code), path
        assert not [t for t in re.findall(r'title="([^"]*)"', page) if "`" in html.unescape(t)], path
