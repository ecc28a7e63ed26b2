"""The Python shown on the site runs: every code block of the quickstart and the Python guide, in order.

Docs test on the shipped data: the examples must run on the data they show the reader.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("page", ["quickstart.md", "python.md"])
def test_code_blocks_run(page: str) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(encoding="utf-8"), re.DOTALL)
    assert blocks
    namespace: dict[str, object] = {}
    ran = 0
    for block in blocks:
        needs = re.findall(r"^import (\w+)", block, re.MULTILINE)
        if any(importlib.util.find_spec(name) is None for name in needs):
            continue  # an optional library (pandas) the reader installs for that example
        with contextlib.redirect_stdout(io.StringIO()) as out:
            exec(compile(block, f"{page} block", "exec"), namespace)  # noqa: S102 - the documentation's own code
        assert out.getvalue().strip(), f"a block of {page} printed nothing:\n{block}"
        ran += 1
    assert ran >= len(blocks) - 1


def test_the_five_questions_are_answered_in_three_lines_each() -> None:
    text = (DOCS / "python.md").read_text(encoding="utf-8")
    section = text.split("## Five questions", 1)[1].split("\n## ", 1)[0]
    answers = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(answers) == 5
    for answer in answers:
        assert 1 <= len(answer.strip().splitlines()) <= 3, answer
