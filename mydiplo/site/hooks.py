"""MkDocs hooks that put the data on the site: generated pages, their navigation, the home page's numbers.

``mkdocs.yml`` names this file under ``hooks:``. On every build it loads the
data package (``extra.data_package`` in the configuration, by default this
checkout's), adds the generated pages and figures to the site as files that
exist only in the build, lists the record pages in the navigation under the
entry that names ``records/index.md``, and replaces the marker
``<!-- mydiplo:counts -->`` in a page with the numbers of records and
``<!-- mydiplo:coverage -->`` with the records per family and year. After
the build it writes the search index a second time as a script, which a copy
of the site opened from disk reads (see ``docs/javascripts/search-from-disk.js``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from mydiplo.dataset import Dataset, InvalidPackageError, load
from mydiplo.site.links import ACTORS_DIR, table_page
from mydiplo.site.pages import counts_html, coverage_html, generated_pages, table_nav

COUNTS_MARKER = "<!-- mydiplo:counts -->"
COVERAGE_MARKER = "<!-- mydiplo:coverage -->"
_loaded: dict[str, Dataset] = {}
"""The dataset of the build in progress, kept from ``on_files`` for ``on_page_markdown``."""


def expand_nav(nav: Any) -> Any:
    """The navigation with the entry pointing at the records index turned into a section of every record page."""
    if isinstance(nav, list):
        return [expand_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {
            title: [target, *table_nav()] if target == table_page("index") else expand_nav(target)
            for title, target in nav.items()
        }
    return nav


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List the record pages in the navigation."""
    if config.nav is not None:
        config.nav = expand_nav(config.nav)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load the data and add every generated page and figure to the build."""
    try:
        ds = load(config.extra.get("data_package"))
    except InvalidPackageError as error:
        raise PluginError(str(error)) from None
    _loaded["dataset"] = ds
    for path, content in generated_pages(ds).items():
        inclusion = InclusionLevel.NOT_IN_NAV if path.startswith(f"{ACTORS_DIR}/") else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the numbers of records where a page asks for them: the totals, or the records per family and year."""
    if COUNTS_MARKER in markdown:
        markdown = markdown.replace(COUNTS_MARKER, counts_html(_loaded["dataset"], page.file.src_uri))
    if COVERAGE_MARKER in markdown:
        markdown = markdown.replace(COVERAGE_MARKER, coverage_html(_loaded["dataset"], page.file.src_uri))
    return markdown


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Write ``search/search_index.js``, the search index as a script, after the search plugin wrote it as JSON.

    Opened from disk, a page may not fetch the JSON, but it may load a
    script; the theme then reads the index from the script's ``__index``.
    """
    folder = Path(config.site_dir) / "search"
    index = folder / "search_index.json"
    if index.is_file():
        (folder / "search_index.js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
