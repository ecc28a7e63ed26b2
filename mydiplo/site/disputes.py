"""Disputed fields on the site: the mark on a record's field, the readings under it, and the page of every dispute.

A field is disputed when sources speaking for the same time give it
different values (:meth:`mydiplo.Dataset.disputes`). The record keeps one
value; the site shows that value marked "disputed", and under it every
source's reading, so a reader sees the disagreement where the value is and
can weigh the sources, their claimants and their certainty for themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import field_label
from ..readings import Dispute, Reading
from ..registry import TABLES
from .escape import attr, text
from .links import RECORDS_DIR, Site
from .values import date_html, enum_html, html_table, reference_html, source_html

PAGE = f"{RECORDS_DIR}/disputes.md"
TITLE = "Disputed fields"


def anchor(record_id: str, field: str) -> str:
    """The id of the readings of a disputed field on its record's page."""
    return f"disputed-{record_id}-{field}"


def mark_html(site: Site, dispute: Dispute) -> str:
    """The badge beside a disputed value, leading to the readings under it."""
    href = site.href(site.page, anchor(dispute.record_id, dispute.field))
    return (
        f'<a class="md-disputed" href="{attr(href)}" title="Sources of the same time disagree on this value; '
        f'every reading is listed below.">disputed</a>'
    )


def claimant_html(site: Site, reading: Reading) -> str:
    """Who makes a reading's claim: its class of claimant, and the actor when the source names one."""
    kind = enum_html(reading.claimant_kind)
    return f"{kind}: {reference_html(site, reading.claimant_id)}" if reading.claimant_id else kind


def readings_html(site: Site, readings: Iterable[Reading]) -> str:
    """Every reading as a row: the value, the date it speaks for, the source and where in it, who and how sure."""
    rows = [
        [
            f"<strong>{text(r.value)}</strong>",
            date_html(r.as_of),
            source_html(site, r.source),
            text(r.locator),
            claimant_html(site, r),
            enum_html(r.certainty),
            text(r.note or ""),
        ]
        for r in readings
    ]
    headers = ["value", "as of", "source", "where", "claimed by", "certainty", "note"]
    return html_table("md-readings", headers, rows)


def readings_row_html(site: Site, dispute: Dispute) -> str:
    """The row under a disputed field that lists its readings, with a link to every dispute in the data."""
    return (
        f'<tr class="md-readings-row" id="{attr(anchor(dispute.record_id, dispute.field))}"><td colspan="2">'
        f"<p>Sources speaking for the same time disagree on this field. Every reading, oldest first "
        f'(see also <a href="{attr(site.href(PAGE))}">all disputed fields</a>):</p>\n'
        f"{readings_html(site, dispute.readings)}</td></tr>"
    )


def page_markdown(site: Site) -> str:
    """The page that lists every disputed field in the data, each with the record's value and every reading."""
    site = site.at(PAGE)
    disputes = site.ds.disputes()
    lines = [
        f"# {TITLE}",
        "",
        (
            '<p class="md-intro">A field is disputed when sources speaking for the same time give it different '
            "values. Each reading speaks for a date: the date its citation gives (<code>as_of</code>), else the "
            "source's publication date. Readings that follow each other in time are the field's history, not a "
            "dispute. The record holds one value; every reading stays in the data with its source, claimant and "
            "certainty.</p>"
        ),
        "",
        f'<p class="md-count"><strong>{len(disputes)}</strong> disputed fields.</p>',
        "",
    ]
    if disputes:
        rows = [
            [
                text(TABLES[d.table].label),
                f'<a href="#{attr(_section(d))}">{text(_heading(site, d))}</a>',
                text(d.value or "(empty)"),
                text(", ".join(d.values)),
            ]
            for d in disputes
        ]
        headers = ["table", "field", "the record holds", "sources read"]
        lines += [html_table("md-records md-disputes", headers, rows), ""]
    for d in disputes:
        lines += [
            f"## {text(_heading(site, d))} {{#{_section(d)}}}",
            "",
            "\n".join(
                [
                    f'<div class="md-dispute" data-record="{attr(d.record_id)}" data-field="{attr(d.field)}">',
                    (
                        f"<p>The record {reference_html(site, d.record_id)} holds "
                        f"<strong>{text(d.value or '(empty)')}</strong>. Every reading, oldest first:</p>"
                    ),
                    readings_html(site, d.readings),
                    "</div>",
                ]
            ),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _section(dispute: Dispute) -> str:
    return f"dispute-{dispute.record_id}-{dispute.field}"


def _heading(site: Site, dispute: Dispute) -> str:
    """``Alexander Lukashenko to Myanmar — kind``: the record as the site calls it, and the field by its label."""
    model = TABLES[dispute.table].model
    return f"{site.label(site.ds[dispute.record_id])} — {field_label(model, dispute.field)}"
