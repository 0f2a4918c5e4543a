"""`python -m crawler <command>`: the project's command line.

Each command lives in crawler/cli/<name>.py with `add_arguments(parser)` and `run(args) -> int`;
only the chosen command's module is imported.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "crawl": "run the crawl; --workers N: N processes sharing one frontier on Redis",
    "extract": "print the record of one saved page as a JSON line",
    "verify": "check an archive: schema, ids, state, WARC pointers",
    "export": "export the archive to parquet or csv",
    "stats": "articles per site per month, duplicates, flags, last run",
    "probe": "fetch a start URL and show the articles, pager and seed line the crawler sees",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m crawler")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if argv and argv[0] == name:
            importlib.import_module(f"crawler.cli.{name}").add_arguments(command_parser)
    args = parser.parse_args(argv)
    return int(importlib.import_module(f"crawler.cli.{args.command}").run(args))


if __name__ == "__main__":
    sys.exit(main())
