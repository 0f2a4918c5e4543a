"""`python -m testbed <command>`: the replica sites and the demo (run from the project root)."""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "demo": "serve the bundled replica sites, crawl them, and report the archive",
    "serve": "serve the bundled replica government sites on 127.0.0.1",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m testbed")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if argv and argv[0] == name:
            importlib.import_module(f"testbed.{name}").add_arguments(command_parser)
    args = parser.parse_args(argv)
    return int(importlib.import_module(f"testbed.{args.command}").run(args))


if __name__ == "__main__":
    sys.exit(main())
