"""A new record table is its model, its registry entry, its CSV files and the generated files: nothing else.

The test copies the code and the data package, adds the ``sanctions`` table
of ``docs/adding-a-table.md`` with the guide's own code and rows (a model
file, one line in the registry, two CSV files, ``mydiplo generate``), and
checks in a fresh interpreter that the validator, the dataset, the site, the
exports, the network, ``mydiplo show`` and the release README all pick it
up. A fresh interpreter, because the registry is read when the code is
imported: what this proves is what a contributor gets."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

GUIDE = (ROOT / "docs" / "adding-a-table.md").read_text(encoding="utf-8")
MODEL, REGISTRY = re.findall(r"```python\n(.*?)```", GUIDE, re.DOTALL)
SANCTIONS_CSV, CITATIONS_CSV = re.findall(r"```csv\n(.*?)```", GUIDE, re.DOTALL)
SANCTION_ID = "malaysia-arms-embargo-myanmar-2023"

CHECK = r"""
import json, sqlite3, sys, tempfile
from pathlib import Path

import mydiplo
from mydiplo.analysis.graph import graph
from mydiplo.analysis.show import render
from mydiplo.export import write_exports
from mydiplo.site.pages import generated_pages
from mydiplo.tools.release import data_readme
from mydiplo.validation import validate

package = Path(sys.argv[1])
facts = {"errors": [f"{p.location()}: [{p.rule}] {p.message}" for p in validate(package).errors]}
ds = mydiplo.load(package)
facts["records"] = [r.sanction_id for r in ds.sanctions]
facts["table"] = [r.sanction_id for r in ds.table("sanctions")]
facts["cited_by"] = [s.source_id for s in ds.sources_of("SANCTION_ID")]
pages = generated_pages(ds)
facts["page"] = pages.get("records/sanctions.md", "")
facts["timeline"] = pages["figures/timeline.svg"]
facts["network"] = pages["figures/network.md"]
with tempfile.TemporaryDirectory() as folder:
    written = write_exports(ds, ["csv", "json", "network", "sqlite"], Path(folder))
    texts = [p for p in written if p.suffix in (".csv", ".json")]
    facts["exports"] = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in texts}
    with sqlite3.connect(Path(folder) / "mydiplo.sqlite") as db:
        facts["sql"] = db.execute("SELECT imposer_name, target_name FROM sanctions_named").fetchall()
    db.close()
facts["show"] = render(ds, "SANCTION_ID")
facts["readme"] = data_readme(ds.version, ds.counts())
facts["edges"] = [e for e in graph(ds).edges if e["record_table"] == "sanctions"]
bad = package / "datasets" / "sanctions.csv"
bad.write_text(bad.read_text(encoding="utf-8").replace(",malaysia,", ",malaysai,"), encoding="utf-8")
facts["broken"] = [(p.file, p.rule) for p in validate(package).errors]
print(json.dumps(facts, default=str))
""".replace("SANCTION_ID", SANCTION_ID)


def _add_table_to_code(code: Path) -> None:
    """The two code changes a new table needs: its model, and its entry in the registry."""
    shutil.copytree(ROOT / "mydiplo", code / "mydiplo", ignore=shutil.ignore_patterns("__pycache__"))
    (code / "mydiplo" / "models" / "sanctions.py").write_text(MODEL, encoding="utf-8")
    registry = code / "mydiplo" / "registry.py"
    text = registry.read_text(encoding="utf-8")
    imports, entry = REGISTRY.split("\n\n")
    retired = '        Table("retired_ids",'
    assert retired in text and "\n\n@dataclass" in text
    text = text.replace("\n\n@dataclass", f"\n{imports}\n\n\n@dataclass", 1)
    registry.write_text(text.replace(retired, entry + retired), encoding="utf-8")


def _add_table_to_data(package: Path) -> None:
    """The data of the new table: its rows and their citations."""
    for name in ("datasets", "schema", "docs"):
        shutil.copytree(ROOT / name, package / name)
    shutil.copy(ROOT / "datapackage.json", package / "datapackage.json")
    (package / "datasets" / "sanctions.csv").write_text(SANCTIONS_CSV, encoding="utf-8")
    (package / "datasets" / "sanction_citations.csv").write_text(CITATIONS_CSV, encoding="utf-8")


def _run(code: Path, *arguments: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, *arguments], check=False, env=env, capture_output=True, text=True, cwd=code, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the validator, the dataset, the site, the exports and the network make of the extended package."""
    base = tmp_path_factory.mktemp("extra-table")
    code, package = base / "code", base / "package"
    _add_table_to_code(code)
    _add_table_to_data(package)
    generated = _run(code, "-m", "mydiplo", "generate", "--path", str(package))
    assert "sanctions" in generated
    return json.loads(_run(code, "-c", CHECK, str(package)))


def test_the_validator_checks_the_new_table(facts: dict[str, Any]) -> None:
    assert facts["errors"] == []
    assert ["datasets/sanctions.csv", "foreign-key"] in facts["broken"]


def test_the_dataset_holds_the_new_table(facts: dict[str, Any]) -> None:
    assert facts["records"] == facts["table"] == [SANCTION_ID]
    assert facts["cited_by"]


def test_the_site_shows_and_draws_the_new_table(facts: dict[str, Any]) -> None:
    assert "# Sanctions" in facts["page"] and "Malaysia against Myanmar" in facts["page"]
    assert "Sanctions" in facts["timeline"] and "Malaysia against Myanmar" in facts["timeline"]
    assert "sanction" in facts["network"] and SANCTION_ID in facts["network"]


def test_the_exports_and_the_network_carry_the_new_table(facts: dict[str, Any]) -> None:
    exports = facts["exports"]
    assert SANCTION_ID in exports["csv/sanctions.csv"] and SANCTION_ID in exports["csv/sanction_citations.csv"]
    assert f"sanctions,{SANCTION_ID},sanction,120," in exports["csv/event_codes.csv"]
    assert f"sanctions,{SANCTION_ID},sanction,120,REJECT,malaysia,MYS," in exports["csv/dyadic_events.csv"]
    assert json.loads(exports["json/sanctions.json"])["records"][0]["event_codes"][0]["cameo_code"] == "120"
    assert [(e["source"], e["target"], e["relation"]) for e in facts["edges"]] == [("malaysia", "myanmar", "sanction")]
    assert facts["sql"] == [["Malaysia", "Myanmar"]]


def test_show_and_the_release_readme_carry_the_new_table(facts: dict[str, Any]) -> None:
    assert facts["show"].startswith(f"sanctions: {SANCTION_ID}") and "sanction: CAMEO 120" in facts["show"]
    assert "| `datasets/sanctions.csv` | 1 | A measure one actor imposes on another" in facts["readme"]
