"""Every page and file the site generates from the data, and the numbers the home page shows."""

from __future__ import annotations

from ..analysis.coverage import coverage
from ..dataset import Dataset
from ..registry import RECORD_TABLES, TABLES
from . import disputes, network, timeline
from .actors import actor_markdown
from .escape import attr, text
from .links import Site, table_page
from .records import index_markdown, table_markdown
from .values import html_table

WIDE = "---\nhide:\n  - navigation\n  - toc\n---\n\n"
"""Front matter that gives a figure page the full width of the screen."""


def generated_pages(ds: Dataset) -> dict[str, str]:
    """Every generated file by its path under the docs folder: pages (``.md``) and figures (``.svg``)."""
    site = Site(ds, "index.md")
    pages = {table_page("index"): index_markdown(site)}
    for table in RECORD_TABLES:
        pages[table_page(table.name)] = table_markdown(site, table)
    for actor in ds.actors:
        pages[f"actors/{actor.actor_id}.md"] = actor_markdown(site, actor)
    pages[disputes.PAGE] = disputes.page_markdown(site)
    pages[timeline.PAGE] = WIDE + timeline.page_markdown(site)
    pages[timeline.SVG_FILE] = timeline.svg(site)
    pages[network.PAGE] = WIDE + network.page_markdown(site)
    pages[network.SVG_FILE] = network.svg(site)
    return pages


def table_nav() -> list[dict[str, str]]:
    """The navigation entries of the record pages: one per record table, in the registry's order, then the
    page of disputed fields."""
    return [*({t.label: table_page(t.name)} for t in RECORD_TABLES), {disputes.TITLE: disputes.PAGE}]


def counts_html(ds: Dataset, page: str) -> str:
    """The numbers of records per table, for the home page, each linked to its table's page."""
    site = Site(ds, page)
    items = []
    for table in RECORD_TABLES:
        count = len(ds.table(table.name))
        items.append(
            f'<li><a href="{attr(site.href(table_page(table.name)))}"><strong>{count}</strong> '
            f"{text(table.label.lower())}</a></li>"
        )
    citations = sum(len(ds.table(t.name)) for t in TABLES.values() if t.cites)
    rows = sum(len(ds.table(t.name)) for t in TABLES.values())
    return "\n".join(
        [
            (
                f'<p class="md-count">Data version <strong>{text(ds.version)}</strong>: {rows} rows in {len(TABLES)} '
                "tables, "
                f"of which {citations} are citations tying records to their sources.</p>"
            ),
            '<ul class="md-counts">',
            *items,
            "</ul>",
        ]
    )


def coverage_html(ds: Dataset, page: str) -> str:
    """The records of each family of the census per year of their first date, each table linked to its page."""
    site = Site(ds, page)
    found = coverage(ds)
    headers = ["records", *(str(year) for year in found.years), "undated", "total"]
    rows = []
    for name, by_year in found.counts.items():
        label = f'<a href="{attr(site.href(table_page(name)))}">{text(TABLES[name].label)}</a>'
        cells = [str(by_year.get(year, 0)) for year in [*found.years, None]]
        rows.append([label, *cells, str(found.total(name))])
    return html_table("md-records md-coverage", headers, rows)
