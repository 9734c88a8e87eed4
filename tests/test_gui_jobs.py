"""Background jobs of the window leave the cores to the UI thread first."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from curator.core.store import Corpus

pytestmark = pytest.mark.gui


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="process priorities are POSIX")
def test_the_background_parse_runs_its_worker_processes_below_the_window(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """The parse's worker processes take the cores the UI thread needs: on 2 cores, two of them at the
    window's own priority left it waiting for a core for 100-200 ms at a time; niced, they yield to it."""
    from curator.gui.jobs import ParseCorpusJob

    for cur in (seeds_copy / "curated").glob("*.json"):
        cur.unlink()
    own = os.getpriority(os.PRIO_PROCESS, 0)
    seen: dict[int, int] = {}

    def look(*_: object) -> None:
        for proc in multiprocessing.active_children():
            try:
                seen[proc.pid] = os.getpriority(os.PRIO_PROCESS, proc.pid)  # type: ignore[arg-type]
            except OSError:  # it just ended
                pass

    job = ParseCorpusJob(seeds_copy, Corpus(seeds_copy).document_ids())
    job.signals.sig_progress.connect(look)
    job.signals.sig_result.connect(look)
    assert job.work() is not None
    assert seen, "no worker process seen while the parse ran"
    assert all(nice >= min(own + 5, 19) for nice in seen.values()), (own, seen)
    assert os.getpriority(os.PRIO_PROCESS, 0) == own or sys.platform != "linux"  # this thread keeps its own

