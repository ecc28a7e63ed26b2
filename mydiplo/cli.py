"""The ``mydiplo`` command: validate, regenerate, export, show records and query the data package.

Exit codes: 0 success (valid, up to date), 1 the data is invalid or generated
files are stale, 2 the command could not run (bad usage, no package found).
No command prints a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


class UsageError(Exception):
    """The command cannot run as asked; the message says why and what to do."""


class InvalidDataError(Exception):
    """The data package does not validate; the message says how to see why."""


def _validate(args: argparse.Namespace) -> int:
    from .locate import package_root
    from .validation import validate
    from .validation.report import FORMATS

    root = package_root(args.path)
    if not root.is_dir() or not (root / "datapackage.json").is_file():
        raise UsageError(f"no datapackage.json in {root}; give the folder of a data package or its datapackage.json")
    report = validate(root)
    sys.stdout.write(FORMATS[args.format](report, args.max_per_rule))
    return EXIT_OK if report.valid else EXIT_INVALID


def _generate(args: argparse.Namespace) -> int:
    from .generate import stale_files, write_files
    from .locate import checkout_root

    root = Path(args.root) if args.root else checkout_root()
    if root is None:
        raise UsageError("generate works in a checkout of mydiplo; run it there or pass --root")
    if args.check:
        stale = stale_files(root)
        for path in stale:
            print(f"{path}: differs from what the models generate")
        if stale:
            print("run `mydiplo generate` and commit the result")
            return EXIT_INVALID
        print("generated files are up to date")
        return EXIT_OK
    for path in write_files(root):
        print(f"wrote {path}")
    return EXIT_OK


def _dataset(path: str | None) -> Any:
    """The loaded dataset, or a one-line failure: invalid data exits 1, a missing package 2."""
    from .dataset import InvalidPackageError, load
    from .locate import package_root

    root = package_root(path)
    if not (root / "datapackage.json").is_file():
        raise UsageError(f"no datapackage.json in {root}; give the folder of a data package or its datapackage.json")
    try:
        return load(root)
    except InvalidPackageError as error:
        raise InvalidDataError(f"the data package in {root} has {len(error.problems)} errors; run `mydiplo validate {root}` to see them") from None


def _export(args: argparse.Namespace) -> int:
    from .export import DEFAULT_FORMATS, write_exports
    from .export.extras import MissingExtraError

    formats = [f.strip() for f in args.format.split(",") if f.strip()] if args.format else list(DEFAULT_FORMATS)
    try:
        written = write_exports(_dataset(args.path), formats, Path(args.output))
    except (ValueError, MissingExtraError, OSError) as error:
        raise UsageError(str(error)) from None
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from .export.show import UnknownRecordError, render

    try:
        sys.stdout.write(render(_dataset(args.path), args.id))
    except UnknownRecordError as error:
        raise UsageError(str(error)) from None
    return EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from .export.query import OUTPUTS, QueryError, run

    try:
        names, rows = run(_dataset(args.path), args.sql)
    except QueryError as error:
        raise UsageError(str(error)) from None
    sys.stdout.write(OUTPUTS[args.format](names, rows))
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The command-line interface, with one subcommand per task."""
    main = argparse.ArgumentParser(
        prog="mydiplo",
        description="The foreign relations of Myanmar's military regime since the 2021 coup, as a validated data package.",
    )
    main.add_argument("--version", action="version", version=f"mydiplo {__version__}")
    main.add_argument("--debug", action="store_true", help="show a traceback when the command fails unexpectedly")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a data package against every rule and report each problem")
    validate.add_argument("path", nargs="?", help="data package folder or datapackage.json (default: this checkout, else the installed data)")
    validate.add_argument("--format", choices=["human", "json", "github"], default="human", help="report format: human (default), json, or github (Actions annotations)")
    validate.add_argument("--max-per-rule", type=int, default=20, metavar="N", help="problems shown per rule and file in human and github output; 0 shows all (counts are never capped)")
    validate.set_defaults(run=_validate)

    generate = commands.add_parser("generate", help="write schema/, datapackage.json and the data dictionary from the models")
    generate.add_argument("--check", action="store_true", help="write nothing; exit 1 naming each file that differs")
    generate.add_argument("--root", help="checkout to write into (default: the checkout mydiplo runs from)")
    generate.set_defaults(run=_generate)

    export = commands.add_parser("export", help="write the data as CSV, JSON, JSONL, Parquet, SQLite, DuckDB or a network")
    export.add_argument("--format", metavar="FORMAT[,FORMAT]", help="comma-separated: csv, json, jsonl, parquet, sqlite, duckdb, network (default: sqlite)")
    export.add_argument("--output", required=True, metavar="DIR", help="folder to write into (created if missing)")
    export.add_argument("--path", help="data package folder (default: this checkout, else the installed data)")
    export.set_defaults(run=_export)

    show = commands.add_parser("show", help="print one record with everything linked to it")
    show.add_argument("id", help="the id of any record, such as lukashenko-visit-myanmar-2025")
    show.add_argument("--path", help="data package folder (default: this checkout, else the installed data)")
    show.set_defaults(run=_show)

    query = commands.add_parser("query", help="run SQL over the data's tables and views and print the result")
    query.add_argument("sql", help='a query such as "SELECT * FROM dyadic_events LIMIT 5"')
    query.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output: an aligned table (default), csv or json")
    query.add_argument("--path", help="data package folder (default: this checkout, else the installed data)")
    query.set_defaults(run=_query)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    cli = parser()
    args = cli.parse_args(argv)
    if args.command is None:
        cli.print_help()
        return EXIT_UNUSABLE
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"mydiplo: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except InvalidDataError as error:
        print(f"mydiplo: {error}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as error:  # noqa: BLE001 - the last line of defence: report, never a traceback
        if args.debug:
            raise
        print(f"mydiplo: internal error: {type(error).__name__}: {error} (run with --debug for a traceback)", file=sys.stderr)
        return EXIT_UNUSABLE


def run() -> None:
    """Entry point of the ``mydiplo`` console script."""
    sys.exit(main())
