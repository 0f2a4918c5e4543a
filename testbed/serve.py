"""`python -m testbed serve`: serve the bundled replica government sites until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from testbed.replica import DEMO_FIRST_PORT, DEMO_HOST, ReplicaServer, build_replicas
from testbed.replica.server import demo_addresses


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--articles", type=int, default=300, help="articles in all (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="generation seed (default 7)")
    parser.add_argument(
        "--demo-ports",
        action="store_true",
        help=f"serve on {DEMO_HOST}:{DEMO_FIRST_PORT}… as seeds/demo.txt expects "
        "(default: ephemeral ports)",
    )
    parser.add_argument("--seeds-out", type=Path, help="write a seed list for the served sites")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly when a supervisor terminates us
    sites = build_replicas(n_articles=args.articles, seed=args.seed)
    ports = demo_addresses(len(sites)) if args.demo_ports else None
    server = ReplicaServer(sites, ports=ports)
    try:
        server.start()
    except OSError as error:
        print(f"cannot serve the replicas: {error} (is another `serve` running?)", file=sys.stderr)
        return 1
    try:
        for site in sites:
            count = len(site.articles)
            print(f"{server.base_url(site.name)}  {site.cms:8} {site.label} ({count} articles)")
        if args.seeds_out:
            print(f"seed list: {server.write_seed_file(args.seeds_out)}")
        print("serving; Ctrl-C to stop", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.stop()
    return 0
