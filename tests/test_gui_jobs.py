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


def test_the_ui_thread_collector_freezes_bursts_instead_of_traversing_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A document opened or a job's results received bring ~100,000 new objects at once; traversing them
    (and every long-lived object, in each full collection) stalled the UI thread 90-200 ms at a time.
    They are moved to the permanent generation instead; cycles among them are still collected, by a
    deep collection once the frozen objects have doubled."""
    import gc
    import weakref

    from PySide6.QtCore import QObject

    from curator.gui.ui_thread_gc import UiThreadCollector

    collector = UiThreadCollector(QObject())
    gc.collect()
    gc.freeze()
    base = gc.get_freeze_count()
    collector.baseline = (base + 130_000) // 2  # a deep collection once ~130,000 more are frozen

    class Node:
        pass

    garbage = Node()
    garbage.me = garbage  # type: ignore[attr-defined]  # a cycle: only the collector frees it
    gone = weakref.ref(garbage)
    del garbage
    keep = [[i] for i in range(100_000)]
    collector.collect_due()
    assert gc.get_freeze_count() >= base + 100_000, "the burst was traversed, not frozen"
    assert gc.get_count()[0] < 1_000
    assert gone() is not None  # frozen with the burst
    more = [[i] for i in range(50_000)]
    collector.collect_due()  # the frozen objects doubled since the baseline: a deep collection
    assert gone() is None, "cyclic garbage was never collected"
    assert len(keep) + len(more) > 0
    gc.unfreeze()
