"""``mydiplo build``: the release files of a data version, byte for byte reproducible.

The release files are the data package as a zip, the exports of
:mod:`mydiplo.export` whose bytes are reproducible (SQLite as one file, the
other formats each as a zip of its folder), and ``SHA256SUMS``.

A user who cites "mydiplo data 0.2.0" must be able to get exactly those
bytes again, and anyone must be able to check that a published file is what
the checkout at that version builds. So the archive is built from the
checkout's files alone: entries sorted by name, every timestamp fixed at
1980-01-01 (the earliest a zip can hold), every file mode 0644, and stored
without compression, so that the bytes depend neither on the clock, the
file system, the user nor the zlib build. ``SHA256SUMS`` lists every release
file in the format ``sha256sum --check`` reads.

A release is built only from a package that validates, whose generated files
are current and whose ``CITATION.cff`` carries the data version.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import about
from ..files.atomic import write_atomic
from ..plural import counted
from ..registry import TABLES

if TYPE_CHECKING:
    from ..dataset import Dataset

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The timestamp of every archive entry: fixed, so the archive does not depend on when it was built."""

PACKAGE_FILES = ("datapackage.json", "LICENSE-DATA.md", "CITATION.cff", "CHANGELOG.md")
"""Files of the checkout copied into the archive as they are (with ``datasets/`` and ``schema/``)."""

CHECKSUMS = "SHA256SUMS"


class ReleaseRefused(Exception):
    """The checkout is not fit to release; the message says what to fix."""


@dataclass(frozen=True)
class Release:
    """The files a build wrote: the archive (and any exports), then the checksum list."""

    version: str
    files: tuple[Path, ...]
    checksums: Path


def archive_name(version: str) -> str:
    """The file name of the data package archive of ``version``."""
    return f"mydiplo-data-{version}.zip"


def check_releasable(root: Path) -> Dataset:
    """The checkout's data, loaded once for the whole release; refused when it is invalid, when its
    generated files are stale, or when its citation is of another version."""
    from ..dataset import InvalidPackageError, load
    from ..generate.files import stale_files

    try:
        dataset = load(root)
    except InvalidPackageError as error:
        errors = error.problems
        shown = "\n".join(f"  {problem}".replace("\n", "\n  ") for problem in errors[:5])
        raise ReleaseRefused(
            f"the data package has {counted(sum(p.count for p in errors), 'error')}; `mydiplo validate` lists them "
            f"all:\n{shown}"
        ) from None
    stale = stale_files(root)
    if stale:
        raise ReleaseRefused(
            f"generated files differ from the models ({', '.join(stale)}); run `mydiplo generate` and commit"
        )
    cited = citation_version(root)
    if cited != about.DATA_VERSION:
        raise ReleaseRefused(
            f"CITATION.cff gives version {cited or 'none'}, the data package {about.DATA_VERSION}; make them agree"
        )
    return dataset


def citation_version(root: Path) -> str | None:
    """The ``version`` that ``CITATION.cff`` declares, or None when it declares none (or is missing)."""
    try:
        text = (root / "CITATION.cff").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"""^version:\s*["']?([^"'\s#]+)""", text, re.MULTILINE)
    return found.group(1) if found else None


def package_entries(root: Path, counts: dict[str, int]) -> dict[str, bytes]:
    """Every file of the released data package, by its path inside the archive's top folder.

    ``counts`` gives the records per table for the archive's README.
    """
    entries = {name: (root / name).read_bytes() for name in PACKAGE_FILES}
    for folder in ("datasets", "schema"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                entries[path.relative_to(root).as_posix()] = path.read_bytes()
    entries["data-dictionary.md"] = (root / "docs" / "data-dictionary.md").read_bytes()
    entries["README.md"] = data_readme(about.DATA_VERSION, counts).encode("utf-8")
    return entries


def data_readme(version: str, counts: dict[str, int]) -> str:
    """The README of the archive: what the data is, what each file holds, its licence and how to cite it."""
    rows = "\n".join(
        f"| `datasets/{name}.csv` | {counts[name]} | {TABLES[name].description.splitlines()[0]} |" for name in TABLES
    )
    return f"""# {about.TITLE}

Data version {version}.

{about.DESCRIPTION}

## Files

- `datapackage.json`: the Frictionless data package descriptor; it lists every
  table with its Table Schema and declares the version and the licence.
- `datasets/`: one CSV file per table (UTF-8, LF line endings, rows sorted by key).
- `schema/tableschema/`: the Frictionless Table Schema of each table;
  `schema/jsonschema/`: the JSON Schema of one record of each table.
- `data-dictionary.md`: every table, column and vocabulary value explained.
- `CHANGELOG.md`: what changed in each data version.
- `CITATION.cff`: how to cite this version, in the Citation File Format.
- `LICENSE-DATA.md`: the licence, CC BY 4.0.

| file | records | what a row is |
| --- | ---: | --- |
{rows}

## Licence

The data is licensed under the Creative Commons Attribution 4.0 International
licence (CC BY 4.0); see `LICENSE-DATA.md`.

## How to cite

Cite the data version you used: mydiplo contributors, "{about.TITLE}",
data version {version}, CC BY 4.0. `CITATION.cff` holds the same in a
machine-readable form.
"""


def zip_bytes(entries: dict[str, bytes], top: str) -> bytes:
    """A zip archive of ``entries`` under the folder ``top``, the same bytes for the same entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_EPOCH)
            info.create_system = 3  # Unix, so the mode below is read as one
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def checksums(files: Iterable[Path]) -> str:
    """``SHA256SUMS`` text for ``files`` (sorted by name), as ``sha256sum`` writes and checks it."""
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}" for path in sorted(files, key=lambda p: p.name)
    ]
    return "\n".join(lines) + "\n"


def export_files(dataset: Dataset, version: str) -> dict[str, bytes]:
    """The exports of ``dataset`` as release files, by file name.

    Every format whose files are reproducible is written; a format that
    writes one file (SQLite) is released as that file with the version in
    its name, a format that writes a folder as a zip of it.
    """
    from ..export import REPRODUCIBLE, write_exports

    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="mydiplo-build-") as temporary:
        folder = Path(temporary)
        write_exports(dataset, sorted(REPRODUCIBLE), folder)
        for path in sorted(folder.iterdir()):
            if path.is_dir():
                name = f"mydiplo-{path.name}-{version}"
                entries = {
                    item.relative_to(path).as_posix(): item.read_bytes() for item in path.rglob("*") if item.is_file()
                }
                files[f"{name}.zip"] = zip_bytes(entries, name)
            else:
                files[f"{path.stem}-{version}{path.suffix}"] = path.read_bytes()
    return files


def build(root: Path, output: Path) -> Release:
    """Check the checkout in ``root``, then write the release files of its data version into ``output``.

    Everything is made before anything is written, so a failure (such as a
    missing optional package for an export) leaves ``output`` as it was.
    """
    from ..extras import MissingExtraError

    dataset = check_releasable(root)
    version = about.DATA_VERSION
    try:
        made = {
            archive_name(version): zip_bytes(package_entries(root, dataset.counts()), f"mydiplo-data-{version}"),
            **export_files(dataset, version),
        }
    except MissingExtraError as error:
        raise ReleaseRefused(f"an export cannot be written: {error}") from None
    files = tuple(output / name for name in sorted(made))
    for path in files:
        write_atomic(path, made[path.name])
    sums = output / CHECKSUMS
    write_atomic(sums, checksums(files))
    return Release(version, files, sums)
