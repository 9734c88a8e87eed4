"""A worker process dies with the command that started it (redteam16 F8: after kill -9 of
`parse --jobs 2` its workers lived on for 3-8 s and wrote a BrokenPipeError traceback into the
command's stderr)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")

_SCRIPT = r"""
import os, sys, time
from curator.core.parallel import Workers

def slow(x):
    time.sleep(0.05)
    return x

w = Workers(2)
print(" ".join(str(p.pid) for p in w._pool._pool), flush=True)
for _ in w.imap(slow, range(10_000), chunksize=1):
    pass
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_die_at_once_and_quietly_when_their_command_is_killed() -> None:
    proc = subprocess.Popen([sys.executable, "-c", _SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=os.getcwd())
    assert proc.stdout is not None and proc.stderr is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(p) for p in pids)
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 2.0
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(_alive(p) for p in pids)
    err = proc.stderr.read()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
