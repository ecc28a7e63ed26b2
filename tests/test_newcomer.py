"""A newcomer's correction, scripted: the worked example of docs/contributing.md, run as the page tells it.

Code test: the clone holds the frozen fixture package, never the shipped data.

A fresh clone is simulated by a new git repository holding the package and
the code, so ``mydiplo`` finds the clone's data the way an editable install
does. The test makes the page's edits, runs each command block of the page,
checks its exit code, and requires every output line the page shows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_package

VISIT = "myanmar-election-commission-visit-russia-2023"
CITATION_ROW = f"{VISIT},time-2023-junta-seeks-russia-election-help,para 6,end_date,"


@pytest.fixture()
def clone(checkout: Path, package: Path, tmp_path: Path) -> Path:
    """A clone of the project: the checkout's code with the fixture package as its data."""
    target = copy_package(package, tmp_path / "clone")
    shutil.copytree(checkout / "mydiplo", target / "mydiplo", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(checkout / "pyproject.toml", target / "pyproject.toml")
    _git(target, "init", "-q", "-b", "main")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "the published data")
    return target


def _git(repository: Path, *args: str) -> None:
    command = [
        "git",
        "-c",
        "user.name=Newcomer",
        "-c",
        "user.email=newcomer@example.org",
        "-c",
        "commit.gpgsign=false",
        *args,
    ]
    subprocess.run(command, cwd=repository, check=True, capture_output=True)


def _run(clone: Path, block: str) -> tuple[list[int], str]:
    """Run each command line of a shell block in the clone; return the exit codes and the joined output."""
    codes, output = [], []
    environment = {**os.environ, "PYTHONPATH": str(clone)}
    for line in block.strip().splitlines():
        arguments = line.split()
        assert arguments[0] == "mydiplo", line
        result = subprocess.run(
            [sys.executable, "-m", "mydiplo", *arguments[1:]],
            check=False,
            cwd=clone,
            env=environment,
            capture_output=True,
            text=True,
        )
        assert "Traceback" not in result.stderr
        codes.append(result.returncode)
        output.append(result.stdout)
    return codes, "".join(output)


def _example_blocks(checkout: Path) -> list[tuple[str, str]]:
    """The (commands, shown output) pairs of the worked example, in order."""
    page = (checkout / "docs/contributing.md").read_text(encoding="utf-8")
    section = page.split("### A worked example", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(sh|text)\n(.*?)```", section, re.DOTALL)
    assert [kind for kind, _ in blocks] == ["sh", "text"] * 4
    return [(blocks[i][1], blocks[i + 1][1]) for i in range(0, len(blocks), 2)]


def _counts_free(text: str) -> str:
    """Output with the figures that grow with the data (records, tables, line numbers) made neutral."""
    text = re.sub(r"\d+ records in \d+ tables", "N records in N tables", text)
    text = re.sub(r"\d+ already canonical", "N already canonical", text)
    return re.sub(r"(line |\.csv:)\d+", r"\1N", text)


def _assert_shown(shown: str, actual: str) -> None:
    actual_lines = set(_counts_free(actual).splitlines())
    for line in _counts_free(shown).splitlines():
        if line.strip() and line.strip() != "...":
            assert line in actual_lines, f"the guide shows {line!r}, the command printed:\n{actual}"


def test_the_worked_example_runs_as_the_guide_tells_it(checkout: Path, clone: Path) -> None:
    visits, citations = clone / "datasets/visits.csv", clone / "datasets/visit_citations.csv"
    blocks = _example_blocks(checkout)
    visit_line = next(
        n for n, line in enumerate(visits.read_text(encoding="utf-8").split("\n"), 1) if line.startswith(VISIT)
    )

    # The edits: a mistyped date saved by a spreadsheet with CRLF line endings, and the citation's reading.
    text = visits.read_text(encoding="utf-8").replace("2023-09-06,2023-09-12,russia", "2023-09-06,2023-09-31,russia")
    visits.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    text = citations.read_text(encoding="utf-8")
    assert CITATION_ROW + "2023-09-12," in text
    citations.write_text(text.replace(CITATION_ROW + "2023-09-12,", CITATION_ROW + "2023-09-13,"), encoding="utf-8")

    codes, out = _run(clone, blocks[0][0])
    assert codes == [1]
    assert f"  line {visit_line}, end_date: error [partial-date] '2023-09-31'" in out
    _assert_shown(blocks[0][1], out)

    codes, out = _run(clone, blocks[1][0])
    assert codes == [1]
    _assert_shown(blocks[1][1], out)
    repaired = visits.read_bytes()
    assert b"\r" not in repaired and b"2023-09-06,2023-09-31,russia" in repaired  # the form repaired, the typo kept

    visits.write_bytes(repaired.replace(b"2023-09-06,2023-09-31,russia", b"2023-09-06,2023-09-13,russia"))
    codes, out = _run(clone, blocks[2][0])
    assert codes == [0, 0]
    _assert_shown(blocks[2][1], out)

    codes, out = _run(clone, blocks[3][0])
    assert codes == [0]
    _assert_shown(blocks[3][1], out)
    assert "release level: patch (values corrected)" in out

    # Nothing else moved: fmt --check passes, and the diff touches exactly the two edited lines.
    assert _run(clone, "mydiplo fmt --check")[0] == [0]
    changed = subprocess.run(["git", "diff", "--numstat"], cwd=clone, capture_output=True, text=True, check=True).stdout
    assert sorted(changed.splitlines()) == ["1\t1\tdatasets/visit_citations.csv", "1\t1\tdatasets/visits.csv"]
