"""Parsing JSON text the package and its users give, with a nesting too deep to follow reported as bad JSON.

``json.loads`` recurses once per level of nesting, so a descriptor of a
hundred thousand nested lists raises ``RecursionError``, which no caller
expects from a parser and which would surface as an internal error.
"""

from __future__ import annotations

import json
from typing import Any


def parse_json(text: str) -> Any:
    """The JSON value ``text`` holds; raises ``ValueError`` when it is not JSON or nests too deeply to read."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("arrays or objects nested too deeply to read") from None
