"""`python -m testbed <command>`: the replica sites and the demo (run from the project root)."""

from __future__ import annotations

import sys

from crawler.cli import dispatch

COMMANDS = {
    "demo": "serve the bundled replica sites, crawl them, and report the archive",
    "serve": "serve the bundled replica government sites on 127.0.0.1",
}


def main(argv: list[str] | None = None) -> int:
    return dispatch(
        "python -m testbed", "testbed", COMMANDS, sys.argv[1:] if argv is None else argv
    )


if __name__ == "__main__":
    sys.exit(main())
