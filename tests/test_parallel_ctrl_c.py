"""Ctrl+C in a command running worker processes (round 20, newuser20 F1): the terminal sends SIGINT to
the whole foreground group, so each worker died of KeyboardInterrupt, printing a traceback, and one
that died inside the pool's task queue kept its lock: the command then hung in ``Pool.terminate``
(`curator parse CORPUS --out CORPUS/curated --jobs 2` on 2,000 pages: 3 hangs in 3 tries, out only
after a third Ctrl+C). Workers now ignore SIGINT; the command that started them stops them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from curator.core.parallel import Workers

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups, fork")

_SCRIPT = r"""
import sys, time
from curator.core.parallel import Workers

def slow(x):
    time.sleep(0.05)
    return x

try:
    workers = Workers(2)
    try:
        print("started", flush=True)
        for _ in workers.imap(slow, range(10_000), chunksize=1):  # 250 s of queued work on 2 workers
            pass
    finally:
        workers.close()  # as the commands' stages end: with Ctrl+C in flight it must not wait for the queue
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
"""


def _sigint_handler(_: int) -> str:
    return repr(signal.getsignal(signal.SIGINT))


def test_a_worker_leaves_ctrl_c_to_the_command_that_started_it() -> None:
    with Workers(2) as workers:
        got = workers.map(_sigint_handler, [0, 1])
    assert got == [repr(signal.SIG_IGN)] * 2


def _ignore_then_new_group() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as from a terminal, not a background job
    os.setsid()


def test_ctrl_c_stops_the_command_and_its_workers_without_a_traceback() -> None:
    proc = subprocess.Popen([sys.executable, "-c", _SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=os.getcwd(), preexec_fn=_ignore_then_new_group)
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "started"
        time.sleep(0.5)  # tasks flowing
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C does: the whole foreground group
        # a liveness bound, not a speed figure: it hung forever, and a close() that waits for the queued
        # tasks takes 250 s
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130 and "interrupted" in out
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
