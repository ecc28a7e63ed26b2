"""Code test: the package's layers depend only downwards, so each layer can be read, tested and replaced alone.

From the bottom: the models and the problem catalogue; the table registry;
reading and writing files (and the schemas derived from the models); the
validator; the loaded dataset; the analysis built on it; then what presents
the data (exports, generated documents, site, contributor tools); and the
command line on top. A module may import its own layer and those below,
at the top of the file or inside a function alike; imports made only for
the type checker (under ``if TYPE_CHECKING:``) create no dependency and are
not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mydiplo"

LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "mydiplo.about",
        "mydiplo.collector",
        "mydiplo.problems",
        "mydiplo.extras",
        "mydiplo.models",
        "mydiplo.plural",
        "mydiplo.nearest",
    ),
    ("mydiplo.registry",),
    ("mydiplo.files", "mydiplo.generate.schemas"),
    ("mydiplo.validation",),
    ("mydiplo.dataset", "mydiplo.readings", "mydiplo.labels", "mydiplo.retirements"),
    ("mydiplo.analysis",),
    ("mydiplo.export", "mydiplo.generate", "mydiplo.site", "mydiplo.tools"),
    ("mydiplo.cli", "mydiplo.__main__", "mydiplo"),
)
"""Module prefixes by layer, lowest first; a module belongs to the layer of its longest matching prefix."""

UPWARD = {
    (
        "mydiplo.dataset",
        "mydiplo.analysis.dataframes",
    ): "Dataset.to_pandas and to_polars hand a table to the analysis layer's frames when called",
}
"""The only imports that reach up a layer, each with the reason it is allowed."""


def layer_of(module: str) -> int:
    """The layer of a dotted module name, by its longest matching prefix in :data:`LAYERS`."""
    best, depth = -1, -1
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > depth:
                best, depth = number, len(prefix)
    assert best >= 0, f"{module} is in no layer: add its prefix to LAYERS"
    return best


def module_name(path: Path) -> str:
    """``mydiplo.files.canonical`` for ``mydiplo/files/canonical.py``; a package is named by its folder."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every mydiplo module a file imports, anywhere in it, as absolute dotted names."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def imports_in(source: str, module: str, is_package: bool) -> set[str]:
    """Every mydiplo module ``source`` imports, resolving relative imports from ``module``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    tree = ast.parse(source)
    typing_only = {id(n) for block in ast.walk(tree) if _is_type_checking(block) for n in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "mydiplo")
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if target.split(".")[0] == "mydiplo":
                # `from . import timeline` imports a module; `from .x import name` imports from one.
                found.update(f"{target}.{a.name}" if _is_module(f"{target}.{a.name}") else target for a in node.names)
    return found


def _is_type_checking(node: ast.AST) -> bool:
    """True for an ``if TYPE_CHECKING:`` block, whose imports serve annotations only."""
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _is_module(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    for path in SOURCES:
        layer_of(module_name(path))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
def test_imports_reach_no_higher_layer(path: Path) -> None:
    module = module_name(path)
    upward = [
        target
        for target in sorted(imports_of(path))
        if layer_of(target) > layer_of(module) and (module, target) not in UPWARD
    ]
    assert not upward, f"{module} (layer {layer_of(module)}) imports from higher layers: {', '.join(upward)}"


def test_the_check_finds_an_upward_import() -> None:
    """Relative imports inside functions count: a planted upward import is found and resolved."""
    source = (
        "if TYPE_CHECKING:\n    from ..dataset import Dataset\n"
        "def _planted() -> None:\n    from ..export import write_exports\n    from . import atomic\n"
    )
    found = imports_in(source, "mydiplo.files.canonical", is_package=False)
    assert found == {"mydiplo.export", "mydiplo.files.atomic"}
    assert layer_of("mydiplo.export") > layer_of("mydiplo.files.canonical")


def test_the_exceptions_are_still_needed() -> None:
    for module, target in UPWARD:
        path = PACKAGE.parent / (module.replace(".", "/") + ".py")
        assert target in imports_of(path), f"{module} no longer imports {target}: remove the exception"
