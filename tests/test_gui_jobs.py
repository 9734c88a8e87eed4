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

    from PySide6.QtCore import QObject, QThreadPool

    from curator.gui.ui_thread_gc import UiThreadCollector

    # A background job another test left running makes the deep collection wait (by design): this test
    # is about the collector alone. (It failed in full-suite runs only, after the GUI tests.)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    gc.collect()
    gc.freeze()
    base = gc.get_freeze_count()
    # The collector counts from the heap the test starts from: made before the freeze above, it counted
    # only what was frozen earlier, and old survivors other tests left unfrozen (40,000 of them) kept the
    # deep collection below from ever being due.
    collector = UiThreadCollector(QObject())
    collector.baseline = (base + 130_000) // 2  # a deep collection once ~130,000 more are frozen

    class Node:
        pass

    garbage = Node()
    garbage.me = garbage  # type: ignore[attr-defined]  # a cycle: only the collector frees it
    gone = weakref.ref(garbage)
    del garbage
    keep = [[i] for i in range(100_000)]
    collector.collect_due()
    # Frozen, every object of the burst is in the permanent generation, in none of the three a collection
    # traverses. (The interpreter's frozen count also drops when any frozen object elsewhere dies meanwhile:
    # comparing it with the burst's size failed in full-suite runs, 99,926 of 100,000.)
    burst = {id(x) for x in keep}
    assert all(gc.is_tracked(x) for x in keep)
    traversed = sum(id(o) in burst for generation in range(3) for o in gc.get_objects(generation))
    assert traversed == 0, f"{traversed} objects of the burst were traversed, not frozen"
    assert gc.get_count()[0] < 1_000
    assert gone() is not None  # frozen with the burst
    more = [[i] for i in range(50_000)]
    collector.collect_due()  # the frozen objects doubled since the baseline: a deep collection
    assert gone() is None, "cyclic garbage was never collected"
    assert len(keep) + len(more) > 0
    gc.unfreeze()


def test_the_collector_test_holds_after_old_unfrozen_survivors(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The state a full-suite run can leave: many long-lived objects in the old generation, not frozen."""
    import gc

    gc.unfreeze()
    survivors = [[i] for i in range(40_000)]
    gc.collect()
    test_the_ui_thread_collector_freezes_bursts_instead_of_traversing_them(qtbot)
    assert len(survivors) == 40_000


def test_the_collector_test_holds_when_frozen_objects_die_meanwhile(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Frozen objects elsewhere (a closed window's, another thread's) freed while the burst is frozen."""
    from curator.gui.ui_thread_gc import UiThreadCollector

    doomed = [[i] for i in range(2_000)]  # frozen by the test's own gc.freeze(), freed by the collector's
    real = UiThreadCollector._freeze

    def freeze(self: UiThreadCollector) -> None:
        doomed.clear()
        real(self)

    monkeypatch.setattr(UiThreadCollector, "_freeze", freeze)
    test_the_ui_thread_collector_freezes_bursts_instead_of_traversing_them(qtbot)
    assert not doomed


def test_the_ui_thread_collector_never_counts_the_frozen_heap_on_a_check(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``gc.get_freeze_count`` walks the whole permanent generation (CPython keeps it as a linked list):
    17-20 ms for 1.6 M frozen objects, and the collector asked for it twice per check, four times a
    second, while a background parse streamed Curations in (the largest share of the UI thread's CPU in
    the worst stalls, py-spy). The collector keeps its own count of what it froze; only a deep
    collection, itself a walk of the whole heap, may recount."""
    import gc

    from PySide6.QtCore import QObject

    from curator.gui.ui_thread_gc import UiThreadCollector

    collector = UiThreadCollector(QObject())
    gc.collect()
    gc.freeze()
    collector.baseline = collector.frozen = gc.get_freeze_count() * 10  # no deep collection in this test
    calls: list[int] = []
    real = gc.get_freeze_count

    def counted() -> int:
        calls.append(1)
        return real()

    monkeypatch.setattr(gc, "get_freeze_count", counted)
    before = collector.frozen
    keep = [[i] for i in range(30_000)]  # a burst: frozen
    collector.collect_due()
    assert collector.frozen >= before + 30_000, "the frozen count does not follow what was frozen"
    small = [[i] for i in range(2_000)]  # a young collection
    collector.collect_due()
    for _ in range(12):  # up to a full collection (its survivors frozen)
        more = [[i] for i in range(1_000)]
        collector.collect_due()
        small += more
    assert calls == [], f"the frozen heap was walked {len(calls)} time(s) by ordinary checks"
    assert len(keep) + len(small) > 0
    gc.unfreeze()


def test_the_ui_thread_collector_never_traverses_a_large_older_generation(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A background parse's results arrive in batches under the burst size; each young collection moved
    them into generation 1, and every tenth collection traversed all of it (25 ms of the UI thread at the
    end of `bench gui`'s parse, collecting nothing). A collection that would traverse more than a burst
    freezes instead."""
    import gc

    from PySide6.QtCore import QObject

    from curator.gui.ui_thread_gc import BURST, UiThreadCollector

    collector = UiThreadCollector(QObject())
    gc.collect()
    gc.freeze()
    collector.baseline = collector.frozen = gc.get_freeze_count() * 10  # no deep collection in this test
    seen: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    batch = BURST * 3 // 4
    kept = []
    gc.callbacks.append(watch)
    try:
        for _ in range(gc.get_threshold()[1] + 2):
            kept.append([[i] for i in range(batch)])
            collector.collect_due()
    finally:
        gc.callbacks.remove(watch)
    assert seen and all(g == 0 for g in seen), f"collections of generation {sorted(set(seen))}"
    assert len(gc.get_objects(1)) < BURST
    assert len(kept) > 0
    gc.unfreeze()


def test_a_deep_collection_waits_while_a_background_job_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A deep collection walks the whole heap (100-200 ms for a window with a 1 MB Document): due while a
    background job runs, it waits for the job to end (at most ``DEEP_WAIT_S``), so it never stalls the
    window during a parse or Find duplicates. Cyclic garbage is still collected after."""
    import gc
    import threading
    import weakref

    from PySide6.QtCore import QObject, QRunnable, QThreadPool

    from curator.gui.ui_thread_gc import UiThreadCollector

    collector = UiThreadCollector(QObject())
    gc.collect()
    gc.freeze()

    class Node:
        pass

    garbage = Node()
    garbage.me = garbage  # type: ignore[attr-defined]
    gone = weakref.ref(garbage)
    del garbage
    release = threading.Event()

    class Busy(QRunnable):
        def run(self) -> None:
            release.wait(30)

    job = Busy()
    QThreadPool.globalInstance().start(job)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() > 0)
    try:
        keep = [[i] for i in range(30_000)]  # a burst: frozen with the garbage
        collector.collect_due()
        collector.baseline, collector.frozen = 1, 3  # the frozen objects have "doubled": a deep collection is due
        more = [[i] for i in range(2_000)]
        collector.collect_due()
        assert gone() is not None, "a deep collection ran while a background job did"
    finally:
        release.set()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    more += [[i] for i in range(2_000)]
    collector.collect_due()
    assert gone() is None, "the deep collection never came after the job"
    assert len(keep) + len(more) > 0
    gc.unfreeze()
