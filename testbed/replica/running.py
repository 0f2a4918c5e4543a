"""A started replica: server, sites, seed file and truth together (what the test fixtures yield)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testbed.replica.badinput import DEFAULT_HUGE_BYTES
from testbed.replica.build import build_replicas
from testbed.replica.model import ReplicaSite
from testbed.replica.server import ReplicaServer


@dataclass
class RunningReplica:
    server: ReplicaServer
    sites: list[ReplicaSite]
    seed_file: Path

    @property
    def truth(self) -> dict[str, Any]:
        """Absolute-URL truth, recomputed (sites may have been mutated)."""
        return self.server.truth()

    def site(self, name: str) -> ReplicaSite:
        return self.server.sites[name]

    def stop(self) -> None:
        self.server.stop()


def start_replica(
    directory: Path,
    n_articles: int = 300,
    seed: int = 7,
    huge_page_bytes: int = DEFAULT_HUGE_BYTES,
    ports: list[tuple[str, int]] | None = None,
) -> RunningReplica:
    """Build the replicas, serve them on loopback and write `directory/seeds.txt`."""
    sites = build_replicas(n_articles=n_articles, seed=seed, huge_page_bytes=huge_page_bytes)
    server = ReplicaServer(sites, ports=ports).start()
    seed_file = server.write_seed_file(Path(directory) / "seeds.txt")
    return RunningReplica(server, sites, seed_file)
