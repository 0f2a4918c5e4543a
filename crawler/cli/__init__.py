"""Command lines: one module per command with `add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from crawler import defaults


class CommandError(Exception):
    """A mistake a user fixes (an archive with no records...): one line on stderr, exit 1."""


def dispatch(prog: str, package: str, commands: dict[str, str], argv: list[str]) -> int:
    """Parse `argv` as `<command> [args]` and run `<package>.<command>.run`; only the chosen
    command's module is imported. A `CommandError` is `<command>: <message>` and exit code 1."""
    parser = argparse.ArgumentParser(prog=prog)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in commands.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if argv and argv[0] == name:
            importlib.import_module(f"{package}.{name}").add_arguments(command_parser)
    args = parser.parse_args(argv)
    try:
        return int(importlib.import_module(f"{package}.{args.command}").run(args))
    except CommandError as exc:
        sys.stderr.write(f"{args.command}: {exc}\n")
        return 1


def add_archive_argument(parser: argparse.ArgumentParser) -> None:
    """The archive directory, positional and optional, as in every command."""
    parser.add_argument(
        "archive", type=Path, nargs="?", default=Path(defaults.ARCHIVE_DIR),
        help=f"the archive directory (ARCHIVE_DIR, default {defaults.ARCHIVE_DIR})",
    )  # fmt: skip
