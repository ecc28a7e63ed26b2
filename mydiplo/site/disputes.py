"""Disputed fields on the site: the mark on a record's field, the readings under it, and the page of every dispute.

A field is disputed when sources speaking for the same time give it
different values (:meth:`mydiplo.Dataset.disputes`). The record keeps one
value; the site shows that value marked "disputed", and under it every
source's reading, so a reader sees the disagreement where the value is and
can weigh the sources, their claimants and their certainty for themselves.
"""

from __future__ import annotations

from ..models import field_label
from ..readings import Dispute
from ..registry import TABLES
from .escape import attr, text
from .links import RECORDS_DIR, Site
from .values import cited_source_html, claim_html, date_html, html_table, reading_html, reference_html

PAGE = f"{RECORDS_DIR}/disputes.md"
TITLE = "Disputed fields"


def anchor(record_id: str, field: str) -> str:
    """The id of the readings of a disputed field on its record's page."""
    return f"disputed-{record_id}-{field}"


def mark_html(site: Site, dispute: Dispute) -> str:
    """The badge beside a disputed value, leading to the readings under it."""
    href = site.href(site.page, anchor(dispute.record_id, dispute.field))
    return (
        f'<a class="md-disputed" data-search-exclude href="{attr(href)}" '
        'title="Sources of the same time disagree on this value; every reading is listed below.">disputed</a>'
    )


def readings_html(site: Site, dispute: Dispute) -> str:
    """Every reading as a row: the value, the date it speaks for, the source and where in it, who and how sure.

    The search leaves the table out: the sentence above it names every reading.
    """
    rows = [
        [
            f"<strong>{reading_value_html(site, dispute, r.value)}</strong>",
            date_html(r.as_of),
            cited_source_html(site, r.source, r.locator),
            claim_html(site, r.claimant_kind, r.claimant_id, r.certainty),
            text(r.note or ""),
        ]
        for r in dispute.readings
    ]
    headers = ["value", "as of", "source, where", "claimed by, how surely", "note"]
    return html_table("md-readings", headers, rows, searched=False)


def reading_value_html(site: Site, dispute: Dispute, value: str | None) -> str:
    """A value of the disputed field, read as the field's type (a date in words); ``(empty)`` for none."""
    if value is None:
        return "(empty)"
    return reading_html(site, TABLES[dispute.table], site.ds[dispute.record_id], dispute.field, value)


def readings_sentence_html(site: Site, dispute: Dispute) -> str:
    """``The record … holds goodwill-visit. Sources read goodwill-visit (Singapore Insight, November 2025); …``"""
    readings = "; ".join(
        f"{reading_value_html(site, dispute, r.value)} ({text(site.name(r.source.publisher_id))}, {date_html(r.as_of)})"
        for r in dispute.readings
    )
    return (
        f"<p>The record {reference_html(site, dispute.record_id)} holds "
        f"<strong>{reading_value_html(site, dispute, dispute.value)}</strong>. Sources read {readings}. "
        "Every reading, oldest first:</p>"
    )


def readings_row_html(site: Site, dispute: Dispute) -> str:
    """The row under a disputed field that lists its readings, with a link to every dispute in the data.

    The search leaves the readings out (the page of disputed fields holds
    them): the exclusion sits on a ``div`` because the theme's indexer ends
    an exclusion at the first closing tag of the same name, here the nested
    table's rows.
    """
    return (
        f'<tr class="md-readings-row" id="{attr(anchor(dispute.record_id, dispute.field))}"><td colspan="2">'
        "<div data-search-exclude>"
        f"<p>Sources speaking for the same time disagree on this field. Every reading, oldest first "
        f'(see also <a href="{attr(site.href(PAGE))}">all disputed fields</a>):</p>\n'
        f"{readings_html(site, dispute)}</div></td></tr>"
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
            "values. Each reading speaks for a date: the date its citation gives (its \u201cas of\u201d date), "
            "else the source's publication date. Readings that follow each other in time are the field's history, "
            "not a dispute. The record holds one value; every reading stays in the data with its source, claimant "
            "and certainty.</p>"
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
                reading_value_html(site, d, d.value),
                ", ".join(reading_value_html(site, d, value) for value in d.values),
            ]
            for d in disputes
        ]
        headers = ["table", "field", "the record holds", "sources read"]
        lines += [html_table("md-records md-disputes", headers, rows, searched=False), ""]
    for d in disputes:
        lines += [
            f"## {text(_heading(site, d))} {{#{_section(d)}}}",
            "",
            "\n".join(
                [
                    f'<div class="md-dispute" data-record="{attr(d.record_id)}" data-field="{attr(d.field)}">',
                    readings_sentence_html(site, d),
                    readings_html(site, d),
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
