"""The hostile site crawled with default settings: what became of every case.

    .venv/bin/python bench/hostile.py [--keep DIR] [-s KEY=VALUE ...]

Serves `testbed.replica.hostile` (the hostile site, a site whose robots.txt answers 503, and the
off-site host on 127.0.0.2) in this process, runs `scrapy crawl govnews` over it in a child
process with the default settings (only ARCHIVE_DIR set), then prints one row per case: its
name, what it does, the outcome (archived / skipped / none) and the stats key, then the
requests the off-site host received, `python -m crawler verify` on the archive, the crawl's peak
RSS (the child's own, from wait4) and wall time. Exit 1 when a case missed its expected outcome
or a target is missed (0 off-site requests, peak RSS < 400 MB, verify OK, under 180 s).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.procmem import wait_with_peak  # noqa: E402
from testbed.replica.hostile import ARCHIVED, HostileCase, RunningHostile, start_hostile  # noqa: E402

MAX_RSS_MB = 400
MAX_WALL_S = 180
SKIPPED_LINE = re.compile(r"Skipped \((?P<key>[^)]+)\) (?P<url>\S+)")


@dataclass(frozen=True)
class Outcome:
    case: HostileCase
    outcome: str  # "archived", "skipped" or "none"
    key: str  # the stats key ("archived" for a record), "" for none
    flags: tuple[str, ...] = ()

    @property
    def as_expected(self) -> bool:
        if self.case.expect == ARCHIVED:
            return self.outcome == ARCHIVED and set(self.case.flags) <= set(self.flags)
        return self.key == self.case.expect


@dataclass(frozen=True)
class HostileRun:
    outcomes: list[Outcome]
    offsite_requests: list[str]
    verify_ok: bool
    verify_report: str
    peak_rss_mb: float
    wall_s: float
    returncode: int
    stats: dict[str, object]
    start_page_fetches: int  # requests for the start URL, in any spelling its own links give it


def crawl_command(seed_file: Path, archive: Path, settings: list[str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "govnews", "-a", f"seeds={seed_file}"]
    for setting in (f"ARCHIVE_DIR={archive}", *settings):
        command += ["-s", setting]
    return command


def run_hostile(workdir: Path, settings: list[str] | None = None) -> HostileRun:
    """Serve the hostile site, crawl it, and read what became of every case."""
    running = start_hostile(workdir)
    try:
        archive = workdir / "archive"
        log = workdir / "crawl.log"
        started = time.perf_counter()
        with log.open("wb") as out:
            process = subprocess.Popen(
                crawl_command(running.seed_file, archive, settings or []), cwd=ROOT,
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
            _, _, peak_mb = wait_with_peak(process)
        wall = time.perf_counter() - started
        outcomes = read_outcomes(running, archive, log.read_text("utf-8", "replace"))
        offsite = running.offsite_requests()
        start_fetches = running.site.hits.get("/", 0)
    finally:
        running.stop()
    verify = subprocess.run(
        [sys.executable, "-m", "crawler", "verify", str(archive)], cwd=ROOT, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    return HostileRun(
        outcomes, offsite, verify.returncode == 0, verify.stdout + verify.stderr,
        peak_mb, wall, process.returncode, run_stats(archive),
        start_fetches,
    )  # fmt: skip


def read_outcomes(running: RunningHostile, archive: Path, log: str) -> list[Outcome]:
    """Each case's probe URL: archived (a record has it), or the skip the crawl logged for it."""
    records = {}
    for path in (archive / "records").glob("**/*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            records[record["url"]] = record
    skips: dict[str, str] = {}
    for match in SKIPPED_LINE.finditer(log):
        skips.setdefault(match["url"], match["key"])
    outcomes = []
    for case in running.cases:
        url = running.url(case)
        if url in records:
            flags = tuple(records[url]["flags"])
            outcomes.append(Outcome(case, ARCHIVED, ARCHIVED, flags))
        elif url in skips:
            outcomes.append(Outcome(case, "skipped", skips[url]))
        else:
            outcomes.append(Outcome(case, "none", ""))
    return outcomes


def run_stats(archive: Path) -> dict[str, object]:
    files = sorted((archive / "runs").glob("*.stats.json"))
    return json.loads(files[-1].read_text("utf-8")) if files else {}


def report(run: HostileRun) -> str:
    width = max(len(o.case.name) for o in run.outcomes)
    lines = [f"{'case':{width}}  {'outcome':8}  {'stats key':28}  what"]
    for o in run.outcomes:
        mark = "" if o.as_expected else f"   <-- expected {o.case.expect}"
        flags = f" [{', '.join(o.flags)}]" if o.flags else ""
        lines.append(
            f"{o.case.name:{width}}  {o.outcome:8}  {o.key + flags:28}  {o.case.what}{mark}"
        )
    missed = [o for o in run.outcomes if not o.as_expected]
    archived = sum(1 for o in run.outcomes if o.outcome == ARCHIVED)
    skipped = sum(1 for o in run.outcomes if o.outcome == "skipped")
    lines += [
        "",
        f"cases: {len(run.outcomes)}, archived {archived}, skipped {skipped}, "
        f"as expected {len(run.outcomes) - len(missed)}",
        f"requests to the off-site host: {len(run.offsite_requests)}",
        f"start page fetched: {run.start_page_fetches} time(s)",
        f"verify: {'OK' if run.verify_ok else 'PROBLEMS'}",
        f"crawl exit code: {run.returncode}",
        f"peak RSS: {run.peak_rss_mb:.0f} MB (target < {MAX_RSS_MB})",
        f"wall time: {run.wall_s:.1f} s (target < {MAX_WALL_S})",
    ]
    if not run.verify_ok:
        lines.append(run.verify_report)
    return "\n".join(lines)


def targets_met(run: HostileRun) -> bool:
    return (
        all(o.as_expected for o in run.outcomes) and not run.offsite_requests and run.verify_ok
        and run.peak_rss_mb < MAX_RSS_MB and run.wall_s < MAX_WALL_S and run.returncode == 0
        and run.start_page_fetches == 1
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="crawl into this directory and keep it")
    parser.add_argument("-s", dest="settings", action="append", default=[], help="KEY=VALUE")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run = run_hostile(args.keep, args.settings)
    else:
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            run = run_hostile(Path(tmp), args.settings)
    print(report(run))
    return 0 if targets_met(run) else 1


if __name__ == "__main__":
    sys.exit(main())
