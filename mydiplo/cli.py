"""The ``mydiplo`` command: validate, regenerate, export, show records and query the data package.

Every command names the data package it works on the same way, ``--path
PACKAGE`` (a folder or its ``datapackage.json``); without it, the package the
current folder lies in. Once a command has run, it says on stderr which
package it used (stdout stays the command's output, for pipes).

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
from typing import TYPE_CHECKING, Any

from . import __version__
from .analysis.query import MAX_ROWS, TIMEOUT
from .plural import counted
from .problems import MAX_PER_RULE

if TYPE_CHECKING:
    from .files.locate import Located
    from .tools.fmt import Outcome, State

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


def _path(args: argparse.Namespace) -> str | None:
    """The data package the user named: ``--path``, or the older form this command took (a positional path
    or ``--root``), which still works for one release with a note saying so."""
    old = getattr(args, "old_path", None)
    if old is None:
        return args.path
    if args.path is not None and args.path != old:
        raise UsageError(f"two packages given, {old} and --path {args.path}; give one, with --path")
    form = "--root DIR" if args.old_form == "--root" else "PATH"
    args.notes.append(
        f"`mydiplo {args.command} {form}` is deprecated and will be removed in the next release; "
        f"write `mydiplo {args.command} --path {old}`"
    )
    return old


def _used(args: argparse.Namespace, located: Located, what: str = "data package") -> None:
    """Note which package (or checkout: ``what``) the command worked on, with its data version; and, when it
    is not the one the current folder lies in, which copy the command fell back to."""
    from .files.locate import Found, data_version

    version = data_version(located.root)
    where = "the data installed with mydiplo" if located.found is Found.INSTALLED else f"the {what}"
    note = f"used {where} at {located.root}" + (f" (data {version})" if version else "")
    if located.found is Found.CODE:
        note += f", the checkout mydiplo runs from: {Path.cwd()} lies in no mydiplo data package"
    elif located.found is Found.INSTALLED:
        note += f": {Path.cwd()} lies in no mydiplo data package"
    args.notes.append(note)


def _package(args: argparse.Namespace) -> Located:
    """The data package a command reads, as the user named it or found from the current folder; refused
    when it holds no ``datapackage.json``."""
    from .files.locate import find_package

    located = find_package(_path(args))
    if not (located.root / "datapackage.json").is_file():
        raise UsageError(
            f"no datapackage.json in {located.root}; give the folder of a data package or its datapackage.json"
        )
    return located


def _validate(args: argparse.Namespace) -> int:
    from .validation import EngineUnavailable, validate
    from .validation.report import REPORT_FORMATS

    located = _package(args)
    try:
        report = validate(located.root, args.engine, args.max_per_rule)
    except EngineUnavailable as error:
        raise UsageError(str(error)) from None
    REPORT_FORMATS[args.format](report, sys.stdout)
    _used(args, located)
    return EXIT_OK if report.valid else EXIT_INVALID


def _checkout(args: argparse.Namespace) -> Located:
    """The checkout ``generate`` and ``build`` write into: ``--path``, else the checkout the current folder
    lies in (found by its markers, whatever copy of mydiplo runs), else the one this code runs from."""
    from .files.locate import find_checkout

    located = find_checkout(_path(args))
    if located is None:
        raise UsageError(
            f"{args.command} works in a checkout of mydiplo (a folder with its pyproject.toml and datapackage.json), "
            f"and {Path.cwd()} lies in none; run it in one or give it with --path"
        )
    return located


def _generate(args: argparse.Namespace) -> int:
    from .generate.files import stale_files, write_files

    located = _checkout(args)
    root = located.root
    if args.check:
        stale = stale_files(root)
        for path in stale:
            print(f"{path}: differs from what the models generate")
        _used(args, located, "checkout")
        if stale:
            print("run `mydiplo generate` and commit the result")
            return EXIT_INVALID
        print("generated files are up to date")
        return EXIT_OK
    for path in write_files(root):
        print(f"wrote {path}")
    _used(args, located, "checkout")
    return EXIT_OK


def _checkout_package(args: argparse.Namespace) -> Located:
    """The data package a command that rewrites files works on: ``--path``, else the one the current folder
    lies in, else this code's checkout (never the installed copy)."""
    from .files.locate import Found

    located = _package(args)
    if located.found is Found.INSTALLED:
        raise UsageError(
            f"{args.command} rewrites the files of a checkout, and {Path.cwd()} lies in none; run it in one or give "
            "the data package with --path"
        )
    return located


def _fmt(args: argparse.Namespace) -> int:
    from .tools.fmt import State, compare_all

    located = _checkout_package(args)
    counts = dict.fromkeys(State, 0)
    flawed = 0
    for outcome in compare_all(located.root):
        state = _fmt_file(located.root, outcome, args.check)
        counts[state] += 1
        if outcome.problems and state is not State.UNREADABLE:
            flawed += 1  # its form is canonical now, but values in it are not valid
    changed, unreadable = counts[State.NOT_CANONICAL], counts[State.UNREADABLE] + counts[State.CHANGED]
    verb = "not in canonical form" if args.check else "reformatted"
    print(f"{counted(changed, 'file')} {verb}, {counts[State.CANONICAL]} already canonical, {unreadable} unreadable")
    if args.check and changed:
        print("run `mydiplo fmt` to rewrite them")
    if unreadable:
        print("fix what is reported above (`mydiplo validate` lists every problem), then run `mydiplo fmt` again")
    elif flawed:
        print("fix the problems reported above (`mydiplo validate` lists every problem)")
    _used(args, located)
    return EXIT_INVALID if unreadable or flawed or (args.check and changed) else EXIT_OK


def _fmt_file(root: Path, outcome: Outcome, check: bool) -> State:
    """Report one table file's outcome and its problems, rewriting it unless ``check``; return its state,
    CHANGED when the file changed before it could be rewritten."""
    from .tools.fmt import ChangedMeanwhile, State, rewrite

    state, path = outcome.state, outcome.table.path
    if state is State.NOT_CANONICAL and not check:
        try:
            rewrite(root, outcome)
        except ChangedMeanwhile:
            state = State.CHANGED
    if state is State.CHANGED:
        print(f"{path}: changed while fmt read it, so it was left as it is; run `mydiplo fmt` again")
        return state
    if state is State.UNREADABLE:
        print(f"{path}: cannot be read whole, so it was left as it is")
    elif state is State.NOT_CANONICAL:
        done = f"not in canonical form (from line {outcome.first_difference})" if check else "reformatted"
        print(f"{path}: {done}")
    if outcome.problems and state is not State.UNREADABLE:
        found = counted(sum(p.count for p in outcome.problems), "problem")
        print(f"{path}: its content has {found}, which fmt leaves as written for you to fix:")
    for problem in outcome.problems:
        print(f"  {problem}".replace("\n", "\n  "))
    return state


def _add(args: argparse.Namespace) -> int:
    from .tools.add import EntryError, add

    located = _checkout_package(args)
    try:
        outcome = add(located.root, Path(args.file), dry_run=args.dry_run)
    except EntryError as error:
        raise UsageError(str(error)) from None
    for problem in outcome.problems:
        print(problem)
    rows = ", ".join(f"{count} to {table}" for table, count in outcome.counts.items()) or "none"
    _used(args, located)
    if outcome.errors:
        errors = counted(sum(p.count for p in outcome.errors), "error")
        print(f"{errors}: nothing was written (rows: {rows})")
        return EXIT_INVALID
    verb = "added" if outcome.written else "would add (dry run; nothing written)"
    known = f" ({counted(outcome.known, 'row')} already in the package left out)" if outcome.known else ""
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
    from .tools.release import ReleaseRefused, build

    located = _checkout(args)
    root = located.root
    output = Path(args.output) if args.output else root / "dist"
    try:
        release = build(root, output)
    except ReleaseRefused as error:
        print(f"mydiplo: no release built: {error}", file=sys.stderr)
        return EXIT_INVALID
    for path in (*release.files, release.checksums):
        print(f"wrote {path}")
    _used(args, located, "checkout")
    return EXIT_OK


def _dataset(args: argparse.Namespace) -> Any:
    """The loaded dataset (its package noted as used), or a one-line failure: invalid data exits 1, a missing
    package 2."""
    from .dataset import InvalidPackageError, load

    located = _package(args)
    root = located.root
    try:
        dataset = load(root)
    except InvalidPackageError as error:
        errors = counted(sum(p.count for p in error.problems), "error")
        raise InvalidDataError(
            f"the data package in {root} has {errors}; run `mydiplo validate --path {root}` to see them"
        ) from None
    _used(args, located)
    return dataset


def _export(args: argparse.Namespace) -> int:
    from .export import DEFAULT_FORMATS, write_exports
    from .extras import MissingExtraError

    formats = [f.strip() for f in args.format.split(",") if f.strip()] if args.format else list(DEFAULT_FORMATS)
    try:
        written = write_exports(_dataset(args), formats, Path(args.output))
    except (ValueError, MissingExtraError) as error:
        raise UsageError(str(error)) from None
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    """Print one record from the rows it needs alone (see :mod:`mydiplo.analysis.neighbourhood`): a broken row
    among them fails the command as invalid data, naming it; the rest of the package is ``validate``'s."""
    from .analysis.neighbourhood import neighbourhood
    from .analysis.show import UnknownRecordError, render
    from .dataset import InvalidPackageError

    located = _package(args)
    try:
        text = render(neighbourhood(located.root, args.id), args.id)
    except UnknownRecordError as error:
        raise UsageError(str(error)) from None
    except InvalidPackageError as error:
        errors = counted(sum(p.count for p in error.problems), "error")
        raise InvalidDataError(
            f"the rows show reads for {args.id} have {errors}:{error.listing()}\n"
            f"run `mydiplo validate --path {located.root}` to check the whole package, with hints"
        ) from None
    sys.stdout.write(text)
    _used(args, located)
    return EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from .analysis.query import OUTPUTS, QueryError, run

    try:
        names, rows = run(_dataset(args), args.sql, args.timeout, args.max_rows)
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


READING = "the mydiplo package you are in, else the checkout mydiplo runs from, else the installed data"
WRITING = "the mydiplo package you are in, else the checkout mydiplo runs from"
WRITING_CHECKOUT = "the mydiplo checkout you are in, else the one mydiplo runs from"


def _path_option(command: argparse.ArgumentParser, default: str) -> None:
    """``--path PACKAGE``: how every command is given the data package it works on."""
    command.add_argument(
        "--path", metavar="PACKAGE", help=f"data package folder or its datapackage.json (default: {default})"
    )


def _old_positional(command: argparse.ArgumentParser) -> None:
    """The package as a positional argument, as ``validate`` and ``fmt`` took it before ``--path``: deprecated."""
    command.add_argument("old_path", nargs="?", help=argparse.SUPPRESS)
    command.set_defaults(old_form="PATH")


def _old_root(command: argparse.ArgumentParser) -> None:
    """``--root DIR``, as ``generate`` and ``build`` took the checkout before ``--path``: deprecated."""
    command.add_argument("--root", dest="old_path", help=argparse.SUPPRESS)
    command.set_defaults(old_form="--root")


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
    _path_option(validate, READING)
    _old_positional(validate)
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
    _path_option(generate, WRITING_CHECKOUT)
    _old_root(generate)
    generate.set_defaults(run=_generate)

    fmt = commands.add_parser(
        "fmt", help="rewrite the table files in canonical form (sorted rows, canonical cells and quoting)"
    )
    _path_option(fmt, WRITING)
    _old_positional(fmt)
    fmt.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 naming each file that is not canonical"
    )
    fmt.set_defaults(run=_fmt)

    add = commands.add_parser(
        "add", help="add records, their rows and citations from an entry file, only if the package then validates"
    )
    add.add_argument("file", help="a TOML (or .json) entry file of [[table]] entries; see docs/contributing.md")
    _path_option(add, WRITING)
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
    _path_option(build, WRITING_CHECKOUT)
    _old_root(build)
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
    _path_option(export, READING)
    export.set_defaults(run=_export)

    show = commands.add_parser("show", help="print one record with everything linked to it")
    show.add_argument("id", help="the id of any record, such as lukashenko-visit-myanmar-2025")
    _path_option(show, READING)
    show.set_defaults(run=_show)

    query = commands.add_parser("query", help="run SQL over the data's tables and views and print the result")
    query.add_argument("sql", help='a query such as "SELECT * FROM dyadic_events LIMIT 5"')
    query.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="output: an aligned table (default), csv or json",
    )
    _path_option(query, READING)
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
    args.notes = []
    try:
        code = int(args.run(args))
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
    for note in args.notes:
        print(f"mydiplo: {note}", file=sys.stderr)
    return code


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
