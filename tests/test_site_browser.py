"""The built site in a real browser: headless Chromium, served from localhost, as a reader would use it.

Code test: the site is built from the frozen fixture package, never from the shipped data.

Each record page lists every record of its table, the figures draw, the
console stays free of errors, nothing is fetched from outside, and the
search box finds an actor by name. Screenshots are saved for a human to
look at, outside the checkout: in the folder the ``MYDIPLO_SCREENSHOTS``
environment variable names, else in pytest's temporary folder. Outside CI the test is skipped when
Chromium or Playwright is missing; in CI (``CI`` set) it fails instead, so a missing browser cannot
pass for a green run.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import mydiplo
from mydiplo.registry import RECORD_TABLES
from mydiplo.site import network, timeline
from mydiplo.site.links import Site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = "MYDIPLO_SCREENSHOTS"
"""The environment variable naming the folder for the screenshots."""
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test (install chromium and the test extra)")
    pytest.skip(reason)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    """The built site on a free port of 127.0.0.1, for the length of the module."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, with a fresh profile; no browser is downloaded."""
    if not CHROMIUM.exists():
        _need(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1366, "height": 768},
        )
        yield context
        context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the screenshots go to, outside the checkout so a test run leaves it clean.

    Only earlier screenshots are removed from a named folder: it is the user's, and may hold other files.
    """
    named = os.environ.get(SCREENSHOTS)
    folder = Path(named) if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture()
def page(browser: Any, served: str) -> Iterator[Any]:
    """A tab that records console errors, uncaught exceptions and every request leaving localhost."""
    tab = browser.new_page()
    tab.errors = []
    tab.outside = []
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on(
        "request",
        lambda request: None if request.url.startswith((served, "data:", "blob:")) else tab.outside.append(request.url),
    )
    yield tab
    assert not tab.errors, f"console errors: {tab.errors}"
    assert not tab.outside, f"requests outside the site: {tab.outside}"
    tab.close()


@pytest.fixture(scope="module")
def ds(package: Path) -> mydiplo.Dataset:
    return mydiplo.load(package)


def test_each_table_page_lists_all_its_records(page: Any, served: str, ds: mydiplo.Dataset, shots: Path) -> None:
    for table in RECORD_TABLES:
        page.goto(f"{served}records/{table.name}.html")
        count = len(ds.table(table.name))
        assert page.locator(f"table.md-records-{table.name} tbody tr[data-record]").count() == count, table.name
        if table.name != "actors":
            assert page.locator(".md-record[data-record]").count() == count, table.name
    page.goto(f"{served}records/visits.html")
    page.screenshot(path=str(shots / "records-visits.png"))


def test_figures_draw_every_event_and_tie(page: Any, served: str, ds: mydiplo.Dataset, shots: Path) -> None:
    site = Site(ds, timeline.PAGE)
    page.goto(f"{served}figures/timeline.html")
    page.add_style_tag(content=".md-header, .md-tabs { visibility: hidden; }")
    assert page.locator("svg#timeline a.md-event").count() == len(timeline.events(site)) > 0
    page.locator("svg#timeline").screenshot(path=str(shots / "timeline.png"))
    page.screenshot(path=str(shots / "timeline-page.png"))
    page.goto(f"{served}figures/network.html")
    page.add_style_tag(content=".md-header, .md-tabs { visibility: hidden; }")
    ties = network.ties(site)
    assert page.locator("svg#network a.md-tie").count() == len(ties) > 0
    assert page.locator("svg#network a.md-node").count() == len(network.layout(ties))
    page.locator("svg#network").screenshot(path=str(shots / "network.png"))
    page.screenshot(path=str(shots / "network-page.png"))
    page.goto(served)
    image = page.locator("img[src$='timeline.svg']")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector(\"img[src$='timeline.svg']\").complete")
    assert image.evaluate("img => img.naturalWidth") > 0
    page.screenshot(path=str(shots / "home.png"), full_page=True)


def test_actor_page_gathers_what_names_the_actor(page: Any, served: str, ds: mydiplo.Dataset, shots: Path) -> None:
    page.goto(f"{served}actors/alexander-lukashenko.html")
    assert page.locator("article h1").inner_text().rstrip("¶") == "Alexander Lukashenko"
    visits = {v.visit_id for v in ds.visits_of("alexander-lukashenko")}
    listed = set(page.locator("table.md-linked-visits tr a").evaluate_all("links => links.map(a => a.hash.slice(1))"))
    assert visits and visits <= listed
    page.screenshot(path=str(shots / "actor-alexander-lukashenko.png"), full_page=True)


def test_a_disputed_field_leads_to_its_readings(page: Any, served: str, ds: mydiplo.Dataset, shots: Path) -> None:
    page.goto(f"{served}records/visits.html")
    badge = page.locator('a.md-disputed[href="#disputed-lukashenko-visit-myanmar-2025-kind"]')
    assert badge.is_visible() and badge.inner_text() == "disputed"
    badge.click()
    readings = page.locator("#disputed-lukashenko-visit-myanmar-2025-kind")
    readings.wait_for()
    assert readings.evaluate(
        "row => { const r = row.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }"
    )
    assert readings.locator("table.md-readings tbody tr").count() == len(
        ds.readings("lukashenko-visit-myanmar-2025", "kind")
    )
    readings.screenshot(path=str(shots / "disputed-field.png"))
    page.goto(f"{served}records/disputes.html")
    assert page.locator(".md-dispute").count() == len(ds.disputes())
    assert page.locator("nav a[href$='disputes.html']").count() > 0
    page.screenshot(path=str(shots / "disputes.png"), full_page=True)


def test_search_finds_an_actor_by_name(page: Any, served: str, shots: Path) -> None:
    page.goto(served)
    box = page.locator("input.md-search__input")
    box.click()
    box.type("Lukashenko")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("actors/alexander-lukashenko.html" in href for href in hrefs), hrefs
    page.screenshot(path=str(shots / "search-lukashenko.png"))


def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser test"):
        _need("no browser")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _need("no browser")


def search(tab: Any, words: str) -> list[str]:
    """The addresses of the search's results for ``words``, best first, once the results have come."""
    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words)
    results = tab.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15000)
    tab.wait_for_function(
        "words => document.querySelector('.md-search-result__item > a')?.href.includes(`h=${words}`)",
        arg=words.lower().replace(" ", "+"),
    )
    return [href.split("?")[0] for href in results.evaluate_all("links => links.map(a => a.href)")]


def test_searching_a_states_name_ranks_its_own_page_first(
    page: Any, served: str, ds: mydiplo.Dataset, shots: Path
) -> None:
    states = [a for a in ds.actors if a.kind.value == "state"]
    assert len(states) > 3
    for state in states:
        page.goto(served)
        assert search(page, state.name)[0] == f"{served}actors/{state.actor_id}.html", state.name
    page.screenshot(path=str(shots / "search-state.png"))


def test_search_works_in_a_copy_of_the_site_opened_from_disk(browser: Any, built_site: Path, shots: Path) -> None:
    """Opened from disk, the theme may not start its search worker; the site's shim runs it in a frame."""
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((built_site / "index.html").as_uri())
    found = search(tab, "Lukashenko")
    assert (built_site / "actors" / "alexander-lukashenko.html").as_uri() in found
    tab.screenshot(path=str(shots / "search-from-disk.png"))
    tab.close()
    assert not errors


TOO_WIDE = """() => {
  const page = document.querySelector("article").getBoundingClientRect().right;
  return [...document.querySelectorAll("article table")]
    .filter(table => table.getBoundingClientRect().right > page + 1)
    .map(table => table.className);
}"""
"""The classes of the tables of a page that reach past its column of text."""


@pytest.mark.parametrize("width", [1366, 900])
def test_every_table_fits_the_page(page: Any, served: str, ds: mydiplo.Dataset, width: int) -> None:
    """Sources, readings and fields wrap within the page rather than running under the table of contents."""
    page.set_viewport_size({"width": width, "height": 800})
    paths = [f"records/{table.name}.html" for table in RECORD_TABLES] + ["records/disputes.html"]
    paths += [f"actors/{actor.actor_id}.html" for actor in ds.actors if ds.citations_of(actor.actor_id)]
    too_wide = {}
    for path in paths:
        page.goto(f"{served}{path}")
        too_wide[path] = page.evaluate(TOO_WIDE)
    assert not {path: tables for path, tables in too_wide.items() if tables}
