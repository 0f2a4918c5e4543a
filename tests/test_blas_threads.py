"""Importing the crawler before numpy keeps OpenBLAS to one thread (crawler/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys


def _threads_after(code: str, env: dict[str, str]) -> int:
    probe = f"{code}; import numpy; numpy.arange(4).min(); print(open('/proc/self/status').read())"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=env).stdout  # fmt: skip
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Threads:")))


def test_the_crawler_keeps_openblas_to_one_thread() -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _threads_after("import crawler", env) == 1


def test_a_users_own_setting_is_kept() -> None:
    probe = "import crawler, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=env).stdout  # fmt: skip
    assert out.strip() == "2"
