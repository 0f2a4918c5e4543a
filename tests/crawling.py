"""Helpers for the archive end-to-end tests: real `scrapy crawl govnews` subprocesses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
FAST = {"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "INFO"}
_clean_archives: dict[Path, Path] = {}


def crawl_command(seed_file: Path, archive: Path, **settings: object) -> list[str]:
    merged = {**FAST, "ARCHIVE_DIR": str(archive), **settings}
    args = [sys.executable, "-m", "scrapy", "crawl", "govnews", "-a", f"seeds={seed_file}"]
    for key, value in merged.items():
        args += ["-s", f"{key}={value}"]
    return args


def start_crawl(seed_file: Path, archive: Path, **settings: object) -> subprocess.Popen[bytes]:
    archive.mkdir(parents=True, exist_ok=True)
    log = (archive.parent / f"{archive.name}-{settings.get('RUN_ID', 'run')}.log").open("wb")
    with log:
        return subprocess.Popen(
            crawl_command(seed_file, archive, **settings), cwd=PROJECT, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip


def crawl(seed_file: Path, archive: Path, timeout: float = 120, **settings: object) -> int:
    with start_crawl(seed_file, archive, **settings) as proc:
        return proc.wait(timeout=timeout)


def crawl_log(archive: Path, run_id: str = "run") -> str:
    return (archive.parent / f"{archive.name}-{run_id}.log").read_text("utf-8", "replace")


def project_copy(workdir: Path) -> Path:
    """The project as a user checks it out, minus its venv (scrapyd-deploy writes build files
    next to it, scrapyd its eggs, logs and dbs)."""
    project = workdir / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("crawler", "spiders", "pipelines", "seeds", "docs"):
        shutil.copytree(PROJECT / package, project / package, ignore=ignore)
    for name in ("scrapy.cfg", "setup.py", "pyproject.toml"):  # package data, entry point
        shutil.copy(PROJECT / name, project / name)
    return project


def clean_archive(replica: Any, workdir: Path) -> Path:
    """One complete crawl of the (read-only, session) replica, shared by the tests that read it."""
    if replica.seed_file not in _clean_archives:
        archive = workdir / "clean-archive"
        assert crawl(replica.seed_file, archive, RUN_ID="clean") == 0, crawl_log(archive, "clean")
        _clean_archives[replica.seed_file] = archive
    return _clean_archives[replica.seed_file]


def records(archive: Path, run_id: str | None = None) -> list[dict[str, Any]]:
    pattern = f"**/{run_id}.jsonl" if run_id else "**/*.jsonl"
    out = []
    for path in sorted((archive / "records").glob(pattern)):
        with path.open("rb") as fh:
            out += [json.loads(line) for line in fh]
    return out


def run_stats(archive: Path, run_id: str) -> dict[str, Any]:
    stats: dict[str, Any] = json.loads((archive / "runs" / f"{run_id}.stats.json").read_text())
    return stats
