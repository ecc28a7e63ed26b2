"""Every command and option of the ``mydiplo`` command line is documented, next to its command.

Checkout test: reads mydiplo/cli.py's parser and the docs (docs/*.md and README.md); no data package.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from mydiplo.cli import parser


def _subcommands(cli: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of the parser, by name."""
    actions = [action for action in cli._actions if isinstance(action, argparse._SubParsersAction)]
    return {name: command for action in actions for name, command in action.choices.items()}


def _options(command: argparse.ArgumentParser) -> list[str]:
    """The long options a user can give a command; ``--help``, which every command has, is left out."""
    return [
        option
        for action in command._actions
        if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction))
        for option in action.option_strings
        if option.startswith("--")
    ]


def _paragraphs(checkout: Path) -> list[str]:
    """Every paragraph, list item run and code block of the docs: where a command and its options are explained."""
    pages = [*sorted((checkout / "docs").rglob("*.md")), checkout / "README.md"]
    return [part for page in pages for part in re.split(r"\n\s*\n", page.read_text(encoding="utf-8"))]


def _mentions(paragraph: str, command: str, option: str | None = None) -> bool:
    """Whether the paragraph names ``mydiplo <command>`` (or ``mydiplo`` alone), and the option if one is given."""
    invocation = re.search(rf"\bmydiplo {re.escape(command)}\b" if command else r"\bmydiplo\b", paragraph)
    return bool(invocation) and (option is None or re.search(rf"{re.escape(option)}(?![\w-])", paragraph) is not None)


def undocumented(checkout: Path) -> list[str]:
    """Each command, and each option of a command, that no paragraph of the docs names together with its command."""
    cli = parser()
    paragraphs = _paragraphs(checkout)
    wanted: list[tuple[str, str | None]] = [("", option) for option in _options(cli)]
    for name, command in _subcommands(cli).items():
        wanted += [(name, None), *((name, option) for option in _options(command))]
    return [
        " ".join(filter(None, ("mydiplo", command, option)))
        for command, option in wanted
        if not any(_mentions(paragraph, command, option) for paragraph in paragraphs)
    ]


def test_every_command_and_option_is_documented(checkout: Path) -> None:
    missing = undocumented(checkout)
    assert missing == [], "document these in docs/*.md or README.md, next to their command: " + ", ".join(missing)


def test_an_undocumented_option_is_named(checkout: Path, tmp_path: Path) -> None:
    """The check can fail: docs that never name ``mydiplo fmt --check`` together are caught."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text(
        "Run `mydiplo fmt` to rewrite the files.\n\nThe `--check` option writes nothing.\n", encoding="utf-8"
    )
    missing = undocumented(tmp_path)
    assert "mydiplo fmt --check" in missing and "mydiplo fmt" not in missing
    assert "mydiplo validate" in missing
