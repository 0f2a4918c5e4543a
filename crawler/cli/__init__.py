"""Command lines: one module per command with `add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from crawler import defaults


def dispatch(prog: str, package: str, commands: dict[str, str], argv: list[str]) -> int:
    """Parse `argv` as `<command> [args]` and run `<package>.<command>.run`; only the chosen
    command's module is imported."""
    parser = argparse.ArgumentParser(prog=prog)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in commands.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if argv and argv[0] == name:
            importlib.import_module(f"{package}.{name}").add_arguments(command_parser)
    args = parser.parse_args(argv)
    return int(importlib.import_module(f"{package}.{args.command}").run(args))


def add_archive_argument(parser: argparse.ArgumentParser) -> None:
    """The archive directory, positional and optional, as in every command."""
    parser.add_argument(
        "archive", type=Path, nargs="?", default=Path(defaults.ARCHIVE_DIR),
        help=f"the archive directory (ARCHIVE_DIR, default {defaults.ARCHIVE_DIR})",
    )  # fmt: skip
