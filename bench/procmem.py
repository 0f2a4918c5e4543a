"""A child process's own memory, read from /proc while it runs.

Not `wait4`'s ru_maxrss: Linux carries the forking parent's peak RSS over into the child's
maximum, so a bench process holding replica sites would be counted as the crawl's.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time

POLL_SECONDS = 0.1


def memory_mb(pid: int) -> tuple[float, float]:
    """VmHWM (peak RSS) and VmRSS of a process, in MB (0 once it is gone)."""
    values = {"VmHWM:": 0.0, "VmRSS:": 0.0}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                name, *rest = line.split()
                if name in values:
                    values[name] = int(rest[0]) / 1024
    except (OSError, ValueError):
        pass
    return values["VmHWM:"], values["VmRSS:"]


def wait_with_peak(process: subprocess.Popen[bytes]) -> tuple[int, resource.struct_rusage, float]:
    """Wait for `process`, reading its VmHWM meanwhile: (exit code, its resource usage, its peak
    RSS in MB). The last tenth of a second before it exits may go unread."""
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, usage, peak
        peak = max(peak, memory_mb(process.pid)[0])
        time.sleep(POLL_SECONDS)
