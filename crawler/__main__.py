"""`python -m crawler <command>`: the project's command line.

Each command lives in crawler/cli/<name>.py with `add_arguments(parser)` and `run(args) -> int`;
only the chosen command's module is imported.
"""

from __future__ import annotations

import sys

from crawler.cli import dispatch

COMMANDS = {
    "crawl": "run the crawl; --workers N: N processes sharing one frontier on Redis",
    "extract": "print the record of one saved page as a JSON line",
    "verify": "check an archive: schema, ids, state, WARC pointers",
    "export": "export the archive to parquet or csv",
    "stats": "articles per site per month, duplicates, flags, last run",
    "probe": "fetch a start URL and show the articles, pager and seed line the crawler sees",
    "sql": "query the archive in DuckDB (the typed view `records`), or open the DuckDB shell",
    "wacz": "package the WARC files as one WACZ, its pages the archived articles",
    "report": "one self-contained HTML page of charts: articles, skips, flags, runs",
}


def main(argv: list[str] | None = None) -> int:
    return dispatch(
        "python -m crawler", "crawler.cli", COMMANDS, sys.argv[1:] if argv is None else argv
    )


if __name__ == "__main__":
    sys.exit(main())
