"""Python's cycle collector runs on the UI thread only, while Qt objects are alive.

The collector runs in whichever thread allocates when a threshold is crossed: a parse job, the
export worker, the journal writer. A window, workspace or dialog caught in a reference cycle would
then be destroyed in that thread; Qt cannot stop its timers from another thread ("Timers cannot be
stopped from another thread"), leaves them registered, and their next tick dereferences freed memory.
The test suite died that way (SIGSEGV in QApplication::notify) in 3 of 4 runs on a fresh machine.

The usual remedy for Qt bindings: automatic collection off, and a timer on the UI thread that
collects with the interpreter's own thresholds. Explicit ``gc.collect()`` calls still work anywhere.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer

CHECK_MS = 250  # how often the UI thread looks at the collector's counts (a check costs microseconds)
# A collection that would traverse more objects than this (new since the last check: a Document
# opened, a job's results received; or an older generation they piled up in) freezes them
# instead. Traversing them stalled the UI thread 90-200 ms; 20,000 objects take ~5 ms.
BURST = 20_000
MIN_DEEP = 100_000  # no deep collection before this many objects are frozen
# A deep collection due while a background job runs (the thread pool busy) waits for it to end, at
# most this long: it walks the whole heap (100-200 ms with a 1 MB Document open), the job's worst stall.
DEEP_WAIT_S = 120.0


class UiThreadCollector(QObject):
    """Collects on the UI thread when the counts pass gc's thresholds, never traversing the long-lived heap.

    A full collection of the window's heap (a 1 MB Document is ~115,000 tracked objects) took
    70-200 ms on the UI thread, and the interpreter's thresholds asked for one every ten young
    collections. Here survivors of a full collection are frozen (``gc.freeze``: the permanent
    generation, skipped by later collections), so each full collection traverses only what became
    long-lived since the last, and a burst of allocations is frozen at once. Cycles among frozen
    objects are found by a deep collection (unfreeze, collect, freeze) once the frozen objects
    have doubled since the last one: a full traversal, but a logarithmic number of times as the
    heap grows, as the interpreter's own 25 % rule for full collections intends. A deep collection due
    while a background job runs waits for the job to end (at most ``DEEP_WAIT_S``).

    The frozen objects are counted here (``frozen``), not asked of the interpreter: CPython's
    ``gc.get_freeze_count`` walks the permanent generation, a linked list of every frozen object
    (17-20 ms for 1.6 M of them), and two such walks per check were most of the UI thread's CPU in
    the worst stalls while a background parse streamed its results in.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self.frozen = gc.get_freeze_count()  # counted once; then kept up to date by ``_freeze``
        self.baseline = max(self.frozen, MIN_DEEP)  # frozen objects after the last deep collection
        self._deep_due_since: float | None = None
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> None:
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return
        generation = 2 if c1 > t1 and c2 > t2 else 1 if c1 > t1 else 0
        # What the collection would traverse: the young objects (c0 counts them) and the older
        # generations it takes in. (A list of a generation costs a pointer per object, no traversal.)
        size = c0 + sum(len(gc.get_objects(g)) for g in range(1, generation + 1)) if c0 <= BURST else c0
        if size > BURST:
            self._freeze()
            gc.collect(0)  # the young generation is empty now: this only resets the counts
        else:
            gc.collect(generation)
            if generation == 2:
                self._freeze()
        if self.frozen <= 2 * self.baseline or self._wait_for_jobs():
            return
        # The count includes frozen objects freed since (by reference counting): make sure first.
        self.frozen = gc.get_freeze_count()
        if self.frozen > 2 * self.baseline:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.frozen = gc.get_freeze_count()  # a walk of the heap, after one: others may have frozen too
            self.baseline = max(self.frozen, MIN_DEEP)
        self._deep_due_since = None

    def _wait_for_jobs(self) -> bool:
        """Whether a due deep collection should wait: a background job runs, and it has not waited DEEP_WAIT_S."""
        if QThreadPool.globalInstance().activeThreadCount() == 0:
            return False
        now = time.monotonic()
        if self._deep_due_since is None:
            self._deep_due_since = now
        return now - self._deep_due_since < DEEP_WAIT_S

    def _freeze(self) -> None:
        """``gc.freeze()``, counting what it moves (the young generations' objects: a list of each, no walk
        of the frozen heap)."""
        self.frozen += sum(len(gc.get_objects(generation)) for generation in range(3))
        gc.freeze()


def collect_on_ui_thread(app: QCoreApplication) -> UiThreadCollector:
    """Install the collector on ``app`` once (idempotent); returns it."""
    found = app.findChild(UiThreadCollector)
    return found if found is not None else UiThreadCollector(app)
