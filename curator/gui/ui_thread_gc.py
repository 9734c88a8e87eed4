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

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_MS = 250  # how often the UI thread looks at the collector's counts (a check costs microseconds)
# More new objects than this since the last check is a burst (a Document opened, a job's results
# received): they are frozen, not traversed. Traversing them stalled the UI thread 90-200 ms.
BURST = 20_000
MIN_DEEP = 100_000  # no deep collection before this many objects are frozen


class UiThreadCollector(QObject):
    """Collects on the UI thread when the counts pass gc's thresholds, never traversing the long-lived heap.

    A full collection of the window's heap (a 1 MB Document is ~115,000 tracked objects) took
    70-200 ms on the UI thread, and the interpreter's thresholds asked for one every ten young
    collections. Here survivors of a full collection are frozen (``gc.freeze``: the permanent
    generation, skipped by later collections), so each full collection traverses only what became
    long-lived since the last, and a burst of allocations is frozen at once. Cycles among frozen
    objects are found by a deep collection (unfreeze, collect, freeze) once the frozen objects
    have doubled since the last one: a full traversal, but a logarithmic number of times as the
    heap grows, as the interpreter's own 25 % rule for full collections intends.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self.baseline = max(gc.get_freeze_count(), MIN_DEEP)  # frozen objects after the last deep collection
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> None:
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return
        if c0 > BURST:
            gc.freeze()
            gc.collect(0)  # the young generation is empty now: this only resets the counts
        elif c1 > t1 and c2 > t2:
            gc.collect(2)
            gc.freeze()
        else:
            gc.collect(1 if c1 > t1 else 0)
        if gc.get_freeze_count() > 2 * self.baseline:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.baseline = max(gc.get_freeze_count(), MIN_DEEP)


def collect_on_ui_thread(app: QCoreApplication) -> UiThreadCollector:
    """Install the collector on ``app`` once (idempotent); returns it."""
    found = app.findChild(UiThreadCollector)
    return found if found is not None else UiThreadCollector(app)
