"""The ``mydiplo`` command: validate, regenerate, export, show records and query the data package.

Exit codes: 0 success (valid, up to date), 1 the data is invalid or generated
files are stale, 2 the command could not run (bad usage, no package found, a
file the operating system would not read or write, such as on a full disk).
No command prints a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .analysis.query import MAX_ROWS, TIMEOUT
from .problems import MAX_PER_RULE

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


class UsageError(Exception):
    """The command cannot run as asked; the message says why and what to do."""


class InvalidDataError(Exception):
    """The data package does not validate; the message says how to see why."""


def _not_negative(text: str) -> int:
    """A whole number of 0 or more, for an option that counts."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return number


def _validate(args: argparse.Namespace) -> int:
    from .files.locate import package_root
    from .validation import EngineUnavailable, validate
    from .validation.report import REPORT_FORMATS

    root = package_root(args.path)
    if not root.is_dir() or not (root / "datapackage.json").is_file():
        raise UsageError(f"no datapackage.json in {root}; give the folder of a data package or its datapackage.json")
    try:
        report = validate(root, args.engine, args.max_per_rule)
    except EngineUnavailable as error:
        raise UsageError(str(error)) from None
    REPORT_FORMATS[args.format](report, sys.stdout)
    return EXIT_OK if report.valid else EXIT_INVALID


def _generate(args: argparse.Namespace) -> int:
    from .files.locate import checkout_root
    from .generate.files import stale_files, write_files

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


def _checkout_package(path: str | None, command: str) -> Path:
    """The data package a command that rewrites files works on: ``path``, else the one the current folder
    lies in, else this code's checkout (never the installed copy)."""
    from .files.locate import checkout_root, package_root, working_root

    root = package_root(path) if path else working_root() or checkout_root()
    if root is None:
        raise UsageError(f"{command} rewrites the files of a checkout; run it in one or give the data package folder")
    if not (root / "datapackage.json").is_file():
        raise UsageError(f"no datapackage.json in {root}; give the folder of a data package or its datapackage.json")
    return root


def _fmt(args: argparse.Namespace) -> int:
    from .tools.fmt import ChangedMeanwhile, State, compare_all, rewrite

    root = _checkout_package(args.path, "fmt")
    counts = dict.fromkeys(State, 0)
    for outcome in compare_all(root):
        state, path = outcome.state, outcome.table.path
        if state is State.UNREADABLE:
            print(f"{path}: cannot be read whole, so it was left as it is")
            for problem in outcome.problems:
                print(f"  {problem}".replace("\n", "\n  "))
        elif state is State.NOT_CANONICAL and args.check:
            print(f"{path}: not in canonical form (from line {outcome.first_difference})")
        elif state is State.NOT_CANONICAL:
            try:
                rewrite(root, outcome)
                print(f"{path}: reformatted")
            except ChangedMeanwhile:
                state = State.CHANGED
        if state is State.CHANGED:
            print(f"{path}: changed while fmt read it, so it was left as it is; run `mydiplo fmt` again")
        counts[state] += 1
    changed, unreadable = counts[State.NOT_CANONICAL], counts[State.UNREADABLE] + counts[State.CHANGED]
    verb = "not in canonical form" if args.check else "reformatted"
    print(
        f"{changed} file{'' if changed == 1 else 's'} {verb}, {counts[State.CANONICAL]} already canonical, "
        f"{unreadable} unreadable"
    )
    if args.check and changed:
        print("run `mydiplo fmt` to rewrite them")
    if unreadable:
        print("fix what is reported above (`mydiplo validate` lists every problem), then run `mydiplo fmt` again")
    return EXIT_INVALID if unreadable or (args.check and changed) else EXIT_OK


def _add(args: argparse.Namespace) -> int:
    from .tools.add import EntryError, add

    root = _checkout_package(args.path, "add")
    try:
        outcome = add(root, Path(args.file), dry_run=args.dry_run)
    except EntryError as error:
        raise UsageError(str(error)) from None
    for problem in outcome.problems:
        print(problem)
    rows = ", ".join(f"{count} to {table}" for table, count in outcome.counts.items()) or "none"
    if outcome.errors:
        print(f"{len(outcome.errors)} errors: nothing was written (rows: {rows})")
        return EXIT_INVALID
    verb = "added" if outcome.written else "would add (dry run; nothing written)"
    known = f" ({outcome.known} rows already in the package left out)" if outcome.known else ""
    print(f"{verb}: {rows}{known}; the package validates")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .tools.diff import DIFF_FORMATS, UnusableVersion, compare, opened_version

    try:
        with opened_version(args.old) as (old, old_label), opened_version(args.new) as (new, new_label):
            diff = compare(old, new, old_label, new_label)
    except UnusableVersion as error:
        raise UsageError(str(error)) from None
    sys.stdout.write(DIFF_FORMATS[args.format](diff))
    return EXIT_INVALID if diff.problems else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from .files.locate import checkout_root
    from .tools.release import ReleaseRefused, build

    root = Path(args.root) if args.root else checkout_root()
    if root is None:
        raise UsageError("build works in a checkout of mydiplo; run it there or pass --root")
    output = Path(args.output) if args.output else root / "dist"
    try:
        release = build(root, output)
    except ReleaseRefused as error:
        print(f"mydiplo: no release built: {error}", file=sys.stderr)
        return EXIT_INVALID
    for path in (*release.files, release.checksums):
        print(f"wrote {path}")
    return EXIT_OK


def _dataset(path: str | None) -> Any:
    """The loaded dataset, or a one-line failure: invalid data exits 1, a missing package 2."""
    from .dataset import InvalidPackageError, load
    from .files.locate import package_root

    root = package_root(path)
    if not (root / "datapackage.json").is_file():
        raise UsageError(f"no datapackage.json in {root}; give the folder of a data package or its datapackage.json")
    try:
        return load(root)
    except InvalidPackageError as error:
        errors = sum(p.count for p in error.problems)
        raise InvalidDataError(
            f"the data package in {root} has {errors} errors; run `mydiplo validate {root}` to see them"
        ) from None


def _export(args: argparse.Namespace) -> int:
    from .export import DEFAULT_FORMATS, write_exports
    from .extras import MissingExtraError

    formats = [f.strip() for f in args.format.split(",") if f.strip()] if args.format else list(DEFAULT_FORMATS)
    try:
        written = write_exports(_dataset(args.path), formats, Path(args.output))
    except (ValueError, MissingExtraError) as error:
        raise UsageError(str(error)) from None
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from .analysis.show import UnknownRecordError, render

    try:
        sys.stdout.write(render(_dataset(args.path), args.id))
    except UnknownRecordError as error:
        raise UsageError(str(error)) from None
    return EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from .analysis.query import OUTPUTS, QueryError, run

    try:
        names, rows = run(_dataset(args.path), args.sql, args.timeout, args.max_rows)
    except QueryError as error:
        raise UsageError(str(error)) from None
    sys.stdout.write(OUTPUTS[args.format](names, rows))
    return EXIT_OK


def _positive(kind: Callable[[str], float]) -> Callable[[str], Any]:
    """An argparse type for a number above zero, of ``kind`` (``int`` or ``float``)."""

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not value > 0:  # also refuses nan
            raise argparse.ArgumentTypeError(f"{text!r} is not a number above 0")
        return value

    return parse


def parser() -> argparse.ArgumentParser:
    """The command-line interface, with one subcommand per task."""
    main = argparse.ArgumentParser(
        prog="mydiplo",
        description=(
            "The foreign relations of Myanmar's military regime since the 2021 coup, as a validated data package."
        ),
    )
    main.add_argument("--version", action="version", version=f"mydiplo {__version__}")
    main.add_argument("--debug", action="store_true", help="show a traceback when the command fails unexpectedly")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a data package against every rule and report each problem")
    validate.add_argument(
        "path",
        nargs="?",
        help=(
            "data package folder or datapackage.json "
            "(default: the mydiplo checkout you are in, else the installed data)"
        ),
    )
    validate.add_argument(
        "--format",
        choices=["human", "json", "github"],
        default="human",
        help="report format: human (default), json, or github (Actions annotations)",
    )
    validate.add_argument(
        "--max-per-rule",
        type=_not_negative,
        default=MAX_PER_RULE,
        metavar="N",
        help=(
            f"problems reported whole per rule and file, in every format (default: {MAX_PER_RULE}); the others are "
            "counted in one problem. 0 reports each one"
        ),
    )
    validate.add_argument(
        "--engine",
        choices=["auto", "default", "fast"],
        default="auto",
        help=(
            "auto (default): the columnar engine for large packages when mydiplo[fast] is installed; both report the "
            "same problems"
        ),
    )
    validate.set_defaults(run=_validate)

    generate = commands.add_parser(
        "generate", help="write schema/, datapackage.json and the data dictionary from the models"
    )
    generate.add_argument("--check", action="store_true", help="write nothing; exit 1 naming each file that differs")
    generate.add_argument("--root", help="checkout to write into (default: the checkout mydiplo runs from)")
    generate.set_defaults(run=_generate)

    fmt = commands.add_parser(
        "fmt", help="rewrite the table files in canonical form (sorted rows, canonical cells and quoting)"
    )
    fmt.add_argument(
        "path", nargs="?", help="data package folder or datapackage.json (default: the mydiplo checkout you are in)"
    )
    fmt.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 naming each file that is not canonical"
    )
    fmt.set_defaults(run=_fmt)

    add = commands.add_parser(
        "add", help="add records, their rows and citations from an entry file, only if the package then validates"
    )
    add.add_argument("file", help="a TOML (or .json) entry file of [[table]] entries; see docs/contributing.md")
    add.add_argument("--path", help="data package folder to add to (default: the mydiplo checkout you are in)")
    add.add_argument("--dry-run", action="store_true", help="check the entries against the package; write nothing")
    add.set_defaults(run=_add)

    diff = commands.add_parser(
        "diff", help="show the records added, removed and changed between two versions of the data"
    )
    diff.add_argument("old", help="the earlier version: a data package folder, or a git revision (main, HEAD~1, a tag)")
    diff.add_argument("new", help="the later version, likewise (. is this folder's work tree)")
    diff.add_argument(
        "--format",
        choices=["human", "markdown", "json"],
        default="human",
        help="human (default), markdown (for a pull request), or json",
    )
    diff.set_defaults(run=_diff)

    build = commands.add_parser(
        "build", help="write the release files of the data version: the data package zip, the exports and SHA256SUMS"
    )
    build.add_argument("--output", metavar="DIR", help="folder to write into (default: dist/ in the checkout)")
    build.add_argument("--root", help="checkout to release (default: the checkout mydiplo runs from)")
    build.set_defaults(run=_build)

    export = commands.add_parser(
        "export", help="write the data as CSV, JSON, JSONL, Parquet, SQLite, DuckDB or a network"
    )
    export.add_argument(
        "--format",
        metavar="FORMAT[,FORMAT]",
        help="comma-separated: csv, json, jsonl, parquet, sqlite, duckdb, network (default: sqlite)",
    )
    export.add_argument("--output", required=True, metavar="DIR", help="folder to write into (created if missing)")
    export.add_argument(
        "--path", help="data package folder (default: the mydiplo checkout you are in, else the installed data)"
    )
    export.set_defaults(run=_export)

    show = commands.add_parser("show", help="print one record with everything linked to it")
    show.add_argument("id", help="the id of any record, such as lukashenko-visit-myanmar-2025")
    show.add_argument(
        "--path", help="data package folder (default: the mydiplo checkout you are in, else the installed data)"
    )
    show.set_defaults(run=_show)

    query = commands.add_parser("query", help="run SQL over the data's tables and views and print the result")
    query.add_argument("sql", help='a query such as "SELECT * FROM dyadic_events LIMIT 5"')
    query.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="output: an aligned table (default), csv or json",
    )
    query.add_argument(
        "--path", help="data package folder (default: the mydiplo checkout you are in, else the installed data)"
    )
    query.add_argument(
        "--timeout",
        type=_positive(float),
        default=TIMEOUT,
        metavar="SECONDS",
        help=f"stop the query after this long (default: {TIMEOUT:g})",
    )
    query.add_argument(
        "--max-rows",
        type=_positive(int),
        default=MAX_ROWS,
        metavar="N",
        help=f"refuse a result of more rows than this, printing none (default: {MAX_ROWS})",
    )
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
    except OSError as error:
        if args.debug:
            raise
        print(f"mydiplo: {_system_failure(error)}", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as error:
        if args.debug:
            raise
        print(
            f"mydiplo: internal error: {type(error).__name__}: {error} (run with --debug for a traceback)",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE


def _system_failure(error: OSError) -> str:
    """What the operating system refused, on one line: a failed write names the file asked for
    (:class:`~mydiplo.files.atomic.WriteError`, never its temporary), any other failure the file it reports."""
    from .files.atomic import WriteError

    if isinstance(error, WriteError):
        return str(error)
    reason = error.strerror or str(error)
    return f"cannot access {error.filename}: {reason}" if error.filename else f"the system refused: {reason}"


def run() -> None:
    """Entry point of the ``mydiplo`` console script."""
    sys.exit(main())
