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


class UiThreadCollector(QObject):
    """Collects generation 0/1/2 on the UI thread when the counts pass gc's thresholds."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @staticmethod
    def collect_due() -> None:
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return
        gc.collect(2 if c1 > t1 and c2 > t2 else 1 if c1 > t1 else 0)


def collect_on_ui_thread(app: QCoreApplication) -> UiThreadCollector:
    """Install the collector on ``app`` once (idempotent); returns it."""
    found = app.findChild(UiThreadCollector)
    return found if found is not None else UiThreadCollector(app)
