"""The way in for contributors: issue forms, the pull request template, CI and the docs pages hold together.

Checkout test: reads the CI workflow, the issue forms and the docs; no data package.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from mydiplo.cli import parser

FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def _workflow(checkout: Path) -> dict:
    return yaml.safe_load((checkout / ".github/workflows/ci.yml").read_text(encoding="utf-8"))


def _steps(checkout: Path) -> list[dict]:
    return [step for job in _workflow(checkout)["jobs"].values() for step in job["steps"]]


def test_ci_runs_what_ci_run_runs_then_the_data_checks(checkout: Path) -> None:
    runs = [step.get("run", "") for step in _steps(checkout)]
    assert "bash .ci/run" in runs
    joined = "\n".join(runs)
    assert ".venv/bin/mydiplo validate --format github" in joined
    assert ".venv/bin/mydiplo fmt --check" in joined
    summary = next(step for step in _steps(checkout) if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert "mydiplo diff" in summary["run"] and "--format markdown" in summary["run"]
    assert summary["shell"] == "bash", "the default shell has no pipefail, so tee would hide a refused removal"
    assert "pull_request" in summary["if"]
    assert _workflow(checkout)[True].keys() >= {"push", "pull_request"}  # YAML reads the key `on` as True
    job = next(iter(_workflow(checkout)["jobs"].values()))
    assert "bookworm" in job["container"], ".ci/run installs chromium with apt-get as root, so the job runs in Debian"


def test_every_mydiplo_command_in_ci_is_a_valid_invocation(checkout: Path) -> None:
    commands = re.findall(r"\.venv/bin/mydiplo ([^|\n]+)", "\n".join(step.get("run", "") for step in _steps(checkout)))
    assert len(commands) == 3
    for command in commands:
        arguments = shlex.split(command.replace('"$BASE"', "main"))
        try:
            parser().parse_args(arguments)
        except SystemExit:
            pytest.fail(f"CI runs `mydiplo {command}`, which the command line refuses")


@pytest.mark.parametrize("name", ["data-correction.yml", "new-source.yml"])
def test_issue_forms_are_well_formed(checkout: Path, name: str) -> None:
    form = yaml.safe_load((checkout / ".github/ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= form.keys()
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in FORM_TYPES
        assert item["attributes"].get("label") or item["type"] == "markdown"
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert required, "a form without a required field asks for nothing"


def test_a_correction_form_asks_for_the_record_the_value_and_the_source(checkout: Path) -> None:
    form = yaml.safe_load((checkout / ".github/ISSUE_TEMPLATE/data-correction.yml").read_text(encoding="utf-8"))
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert required == {"record", "field", "correct", "source", "locator"}


def test_the_pull_request_template_checks_sources_and_runs_the_tools(checkout: Path) -> None:
    template = (checkout / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    checklist = [line for line in template.splitlines() if line.startswith("- [ ] ")]
    assert any("source" in line and "paragraph" in line for line in checklist)
    for command in ("mydiplo validate", "mydiplo fmt --check", "mydiplo diff"):
        assert any(command in line for line in checklist), command


def _pages(nav: list) -> list[str]:
    """Every page of a MkDocs nav, however deeply its sections nest."""
    found = []
    for entry in nav:
        for value in entry.values():
            found.extend(_pages(value) if isinstance(value, list) else [value])
    return found


def test_contributing_points_to_the_guide_and_the_guide_is_in_the_site(checkout: Path) -> None:
    assert "(docs/contributing.md)" in (checkout / "CONTRIBUTING.md").read_text(encoding="utf-8")
    nav = yaml.safe_load((checkout / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    pages = set(_pages(nav))
    assert {"contributing.md", "citation.md", "downloads.md"} <= pages
    for page in pages - {"records/index.md", "figures/timeline.md", "figures/network.md"}:  # generated on each build
        assert (checkout / "docs" / page).is_file(), page
