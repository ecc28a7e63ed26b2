"""What the site's figures share: the SVG document, its accessible title and description, text widths.

The figures are drawn here in plain SVG, with no charting library and no
script, so they render offline, in any browser, in the page and as files.
"""

from __future__ import annotations

from .escape import attr

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
"""The system's own sans-serif fonts: the site loads no web font."""


def text_width(label: str, size: float) -> float:
    """A generous estimate of how wide ``label`` is at ``size`` px, for placing labels so they do not collide."""
    return len(label) * size * 0.56


def document(
    figure_id: str, width: float, height: float, title: str, description: str, body: list[str], inline: bool = False
) -> str:
    """A complete SVG document whose accessible name is ``title`` and whose description is ``description``.

    As a file (shown with ``<img>``) the figure is one image; placed in a page (``inline``) it is a
    group, so that screen readers and the keyboard reach the links inside it.
    """
    return "\n".join(
        [
            (
                f'<svg xmlns="http://www.w3.org/2000/svg" id="{attr(figure_id)}" class="md-figure" viewBox="0 0 '
                f'{width:.0f} {height:.0f}" '
                f'width="{width:.0f}" height="{height:.0f}" role="{"group" if inline else "img"}" '
                f'aria-labelledby="{attr(figure_id)}-title {attr(figure_id)}-desc" '
                f'font-family="{attr(FONT)}">'
            ),
            f'<title id="{attr(figure_id)}-title">{attr(title)}</title>',
            f'<desc id="{attr(figure_id)}-desc">{attr(description)}</desc>',
            '<rect width="100%" height="100%" fill="#ffffff"/>',
            *body,
            "</svg>",
            "",
        ]
    )
