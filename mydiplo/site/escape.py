"""Escaping data for pages that Markdown and a browser both read.

A data value reaches the site inside Markdown that MkDocs turns into HTML, so
it must be inert twice: as HTML (``<script>`` must not run, ``<b>`` must not
bold) and as Markdown (``**bold**``, ``[link](http://x)``, ``|`` in a table,
``--8<--`` snippet lines, ``:emoji:`` and bare URLs that extensions link).
HTML escaping handles the first; turning every character that Markdown or
its extensions give a meaning into a numeric character reference handles the
second, because Python-Markdown passes character references through
untouched and the browser shows them as the characters they stand for.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-!|~^=:/."
_TABLE = {
    **{ord(char): f"&#{ord(char)};" for char in _MARKDOWN_SPECIAL},
    **{ord(char): html.escape(char, quote=True) for char in "&<>\"'"},
}
"""One pass over the text: HTML's own characters and Markdown's, each to a character reference."""


def text(value: object) -> str:
    """``value`` as text that shows literally in HTML and in Markdown, headings included."""
    return str(value).translate(_TABLE)


def attr(value: object) -> str:
    """``value`` for an HTML attribute in double quotes (a URL, a tooltip).

    Attribute values are inside a tag, where Markdown does not look, so HTML
    escaping is enough; it also keeps an ``href`` a working address.
    """
    return html.escape(str(value), quote=True)


LITERAL = re.compile(r"``([^`]+)``|`([^`]+)`")
"""A literal in a docstring or a field's description, in reST's double or Markdown's single backticks."""


def prose(doc: str) -> str:
    """A docstring or a description as HTML: its literals (``visit_citations``) as ``<code>``, the rest as text.

    The models document themselves in reST, whose backticks would otherwise
    show on the page as typed. Only the models' own words pass here, never
    data, and every piece is escaped all the same.
    """
    parts, last = [], 0
    for match in LITERAL.finditer(doc):
        parts += [text(doc[last : match.start()]), f"<code>{text(match[1] or match[2])}</code>"]
        last = match.end()
    return "".join([*parts, text(doc[last:])])


def plain(doc: str, literal: Callable[[str], str] = str) -> str:
    """A docstring or a description as plain text for a tooltip: its literals without their backticks."""
    return LITERAL.sub(lambda match: literal(match[1] or match[2]), doc)
