"""``gc_paused``: in a batch command the objects a bulk pass leaves alive are frozen out of the collector's scans."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import gc, sys
from curator.core.dups import api
from contextlib import nullcontext
before = gc.get_freeze_count()
with api.batch_pauses() if sys.argv[1] == "batch" else nullcontext():
    with api.gc_paused():
        kept = [[i] for i in range(10000)]
    assert gc.isenabled()
    print(gc.get_freeze_count() - before)
print(gc.get_freeze_count() - before)  # after the run: nothing frozen any more
"""


def _frozen(mode: str) -> list[int]:
    out = subprocess.run([sys.executable, "-c", SCRIPT, mode], cwd=ROOT, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    return [int(n) for n in out.stdout.split()]


def test_a_batch_run_freezes_what_a_pause_left_alive_until_it_ends() -> None:
    # its first collection after the pass scanned every object the pass made (0.1-0.25 CPU-s at 10k pages)
    during, after = _frozen("batch")
    assert during >= 10000 and after == 0


def test_pauses_outside_a_batch_run_freeze_nothing() -> None:
    # the window lives long: its pauses' objects stay where the collector can find their cycles
    assert _frozen("window") == [0, 0]
