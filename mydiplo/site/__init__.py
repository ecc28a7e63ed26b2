"""The documentation site's generated pages: records, actors and figures rendered from the data.

MkDocs calls :func:`mydiplo.site.hooks` at build time, so every page that shows
data is made from ``mydiplo.load()`` on each build and cannot drift from the
files. The rendering itself lives here, in plain functions from a
:class:`~mydiplo.Dataset` to Markdown and SVG text, so it is tested without
MkDocs or a browser.

Every data value goes through :func:`mydiplo.site.escape.text` before it
reaches a page: a note holding ``<script>``, HTML or Markdown shows as the
characters it holds, never as markup.
"""

from __future__ import annotations

from .pages import generated_pages

__all__ = ["generated_pages"]
