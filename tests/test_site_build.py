"""The documentation site as MkDocs builds it: strict, complete, offline, with working links, and safe.

Code test: the site is built from the frozen fixture package, never from the shipped data.

The site is built once per session by the ``built_site`` fixture with
``mkdocs build --strict``, which fails on any warning; a second build from a
data package whose records hold markup proves the escaping end to end.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from pathlib import Path

import pytest
from sitebuild import ROOT, build_site

import mydiplo
from mydiplo.files.canonical import write_table
from mydiplo.registry import RECORD_TABLES, TABLES

OUTSIDE_ASSET = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed)\b[^>]*\b(?:src|href)=\"(?:https?:)?//[^\"]+\""
    r"|url\(\s*['\"]?(?:https?:)?//|@import\s+['\"](?:https?:)?//"
)
"""A script, style sheet, font, image or frame fetched from another host."""


def test_every_generated_page_is_built(built_site: Path, package: Path) -> None:
    ds = mydiplo.load(package)
    for table in RECORD_TABLES:
        assert (built_site / "records" / f"{table.name}.html").is_file(), table.name
    assert {p.stem for p in (built_site / "actors").glob("*.html")} == {a.actor_id for a in ds.actors}
    disputes = (built_site / "records" / "disputes.html").read_text(encoding="utf-8")
    assert disputes.count('<div class="md-dispute"') == len(ds.disputes()) > 0
    assert 'href="disputes.html"' in (built_site / "records" / "visits.html").read_text(encoding="utf-8")  # navigation
    for name in ("timeline", "network"):
        assert (built_site / "figures" / f"{name}.html").is_file()
        assert (built_site / "figures" / f"{name}.svg").read_text(encoding="utf-8").startswith("<svg")


def test_the_site_loads_nothing_from_outside(built_site: Path) -> None:
    found = []
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".svg"}:
            found += [
                (path.name, m.group(0)[:120])
                for m in OUTSIDE_ASSET.finditer(path.read_text(encoding="utf-8", errors="replace"))
            ]
    assert not found


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"]  # 404.html links from the server root
    ids = {p: set(re.findall(r'\sid="([^"]+)"', p.read_text(encoding="utf-8"))) for p in pages}
    broken = []
    for page in pages:
        for href in re.findall(r'\b(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            href = html.unescape(href)
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href):
                continue
            path, _, anchor = href.partition("#")
            target = (page.parent / urllib.parse.unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or (anchor and target.suffix == ".html" and anchor not in ids.get(target, set())):
                broken.append(f"{page.relative_to(built_site)} -> {href}")
    assert not broken, "\n".join(broken[:20])


def test_the_changelog_page_is_the_changelog_file(built_site: Path) -> None:
    page = (built_site / "changelog.html").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert headings
    for heading in headings:
        assert html.escape(heading, quote=False) in page


def test_the_api_reference_documents_the_public_api(built_site: Path) -> None:
    page = (built_site / "api.html").read_text(encoding="utf-8")
    for name in (
        "mydiplo.load",
        "mydiplo.Dataset",
        "mydiplo.PartialDate",
        "mydiplo.Dataset.citations_of",
        "mydiplo.Dataset.readings",
        "mydiplo.Dataset.disputes",
        "mydiplo.Reading",
        "mydiplo.Dispute",
        "mydiplo.registry.Table",
    ):
        assert f'id="{name}"' in page, name


def test_the_home_page_gives_the_numbers_of_records(built_site: Path, package: Path) -> None:
    page = (built_site / "index.html").read_text(encoding="utf-8")
    ds = mydiplo.load(package)
    assert "<!-- mydiplo:counts -->" not in page
    assert f'<a href="records/visits.html"><strong>{len(ds.visits)}</strong> visits</a>' in page
    assert f"in {len(TABLES)} tables" in page


def test_the_coverage_page_counts_the_records_of_each_family_by_year(built_site: Path, package: Path) -> None:
    page = (built_site / "coverage.html").read_text(encoding="utf-8")
    ds = mydiplo.load(package)
    assert "<!-- mydiplo:coverage -->" not in page
    table = page[page.index('<table class="md-records md-coverage">') :]
    table = table[: table.index("</table>")]
    header, *rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.DOTALL)
    years = re.findall(r"<th>(\d{4})</th>", header)
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    visits = next(r for r in rows if 'href="records/visits.html"' in r)
    cells = re.findall(r"<td>(\d+)</td>", visits)
    assert int(cells[-1]) == len(ds.visits) == sum(int(c) for c in cells[:-1])
    by_year = dict(zip(years, cells, strict=False))
    assert int(by_year["2025"]) == sum(1 for v in ds.visits if v.start_date and v.start_date.earliest.year == 2025)


HOSTILE = "<script>alert(1)</script> **bold** [link](http://x) a | b <img src=x onerror=alert(2)>"


@pytest.mark.slow
def test_markup_in_the_data_shows_as_text_on_the_built_site(package_copy: Path, tmp_path: Path) -> None:
    ds = mydiplo.load(package_copy)
    visits = [
        v.model_copy(update={"note": HOSTILE}) if v.visit_id == "lukashenko-visit-myanmar-2025" else v
        for v in ds.visits
    ]
    actors = [a.model_copy(update={"name": HOSTILE}) if a.actor_id == "alexander-lukashenko" else a for a in ds.actors]
    write_table(package_copy / TABLES["visits"].path, TABLES["visits"], visits)
    write_table(package_copy / TABLES["actors"].path, TABLES["actors"], actors)
    site = tmp_path / "site"
    build_site(site, package_copy)
    for path in ("records/visits.html", "actors/alexander-lukashenko.html", "figures/timeline.html"):
        page = (site / path).read_text(encoding="utf-8")
        assert "<script>alert" not in page and "<strong>bold</strong>" not in page, path
        assert '<a href="http://x"' not in page and "<img src=x" not in page, path
        shown = html.unescape(re.sub(r"<[^>]+>", "", page))
        assert HOSTILE in shown, path  # the note on the visits page; the name in headings and labels elsewhere


MARKUP = re.compile(r"`[^`\n]+`|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\n]+\)")
"""Markdown a page shows as typed: a literal in backticks, bold in stars, a link in brackets."""


def article_text(page: str) -> str:
    """What a reader sees of a page's content: its article without code, tags or character references."""
    found = re.search(r"<article\b[^>]*>(.*)</article>", page, flags=re.DOTALL)
    body = re.sub(r"<(pre|code|script|style)\b.*?</\1>", "", found.group(1) if found else "", flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_no_page_shows_markup_as_typed(built_site: Path) -> None:
    shown = {
        page.relative_to(built_site): article_text(page.read_text(encoding="utf-8"))
        for page in built_site.rglob("*.html")
    }
    assert len(shown) > 50
    found = [(str(path), m.group(0)) for path, words in shown.items() for m in MARKUP.finditer(words)]
    assert not found


def search_index(built_site: Path) -> list[dict[str, str]]:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_previews_of_records_and_actors_open_with_a_sentence(built_site: Path) -> None:
    """The search shows a section's first words under its title: a sentence, never cells run together."""
    columns = {name for t in TABLES.values() for name in (t.name, *t.fields) if "_" in name}
    entries = [e for e in search_index(built_site) if e["location"].startswith(("records/", "actors/"))]
    assert len(entries) > 100
    for entry in entries:
        first = re.match(r"<p>(.*?)</p>", entry["text"], flags=re.DOTALL)
        assert first and re.search(r"\S[.:](\s|$)", first.group(1)), entry
        words = set(re.findall(r"\w+", re.sub(r"<code>.*?</code>", "", entry["text"])))
        assert not words & columns, entry
    lukashenko = next(e for e in entries if e["location"] == "records/visits.html#lukashenko-visit-myanmar-2025")
    assert lukashenko["text"].startswith("<p>A visit (goodwill-visit), 27 November 2025: Alexander Lukashenko")


def test_the_search_ranks_the_page_of_a_state_above_others(built_site: Path, package: Path) -> None:
    states = {a.actor_id for a in mydiplo.load(package).actors if a.kind.value == "state"}
    boosted = {e["location"].split("#")[0] for e in search_index(built_site) if e.get("boost")}
    assert boosted == {f"actors/{state}.html" for state in states}


def test_the_search_index_is_also_a_script_for_a_copy_opened_from_disk(built_site: Path) -> None:
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert (built_site / "search" / "search_index.js").read_text(encoding="utf-8") == f"var __index = {index}"
    for path in ("index.html", "actors/belarus.html"):
        page = (built_site / path).read_text(encoding="utf-8")
        shim, theme = page.index("javascripts/search-from-disk.js"), page.index("assets/javascripts/bundle.")
        assert shim < theme, path  # the shim must replace Worker before the theme starts its search
