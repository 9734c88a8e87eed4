"""Child of ``curator bench reliability``: how soon an edit reaches the journal, and how long the UI thread stalls.

    python -m curator.bench.reliability.latency WORKDIR EDITS

A 1 MB Document with 5,000 segments is opened in a real Workspace (offscreen). After each edit a
1 ms timer ticks on the UI thread; the time until a journal file on disk changed (size or mtime) after the edit
is the latency, the longest gap between two ticks (until 150 ms after the entry appeared) the stall.
Prints ``LATENCY [[latency ms…], [stall ms…]]``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def _newest(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file's name, size and mtime: an edit's record appended to the log changes the size in the
    same coarse clock tick as the edit (its mtime can read older than ``time.time_ns()`` of the edit)."""
    found = []
    if folder.is_dir():
        for dirpath, _dirs, files in os.walk(folder):
            for name in files:
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                found.append((os.path.join(dirpath, name), st.st_size, st.st_mtime_ns))
    return tuple(sorted(found))


def main() -> int:
    work, edits = Path(sys.argv[1]), int(sys.argv[2])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication

    from curator.bench.gui import write_long_document
    from curator.core.edit import SetLabel
    from curator.core.store import Corpus
    from curator.gui.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    root = work / "corpus"
    root.mkdir(parents=True)
    write_long_document(root, "bench", 5000, 1_000_000)
    ws = Workspace(Corpus(root))
    ws.autosave_enabled = False
    doc = ws.open("bench")
    assert doc is not None
    folder = getattr(ws.journal, "folder", root / ".curator" / "journal")
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    latencies: list[float | None] = []
    pushed: list[float] = []
    stalls: list[float] = []
    labels = ["heading", "paragraph"]
    for i in range(edits):
        seg = doc.curation.segments[(i * 37) % len(doc.curation.segments)]
        label = labels[0] if seg.label != labels[0] else labels[1]
        ticks.clear()
        before = _newest(folder)
        t0 = time.perf_counter()
        ws.push(SetLabel([seg.id], label), doc=doc)
        pushed.append((time.perf_counter() - t0) * 1000)
        ticks.append(time.perf_counter())  # the edit itself is not the journal's stall
        seen: float | None = None
        while time.perf_counter() - t0 < 3.0:
            app.processEvents()
            if seen is None and _newest(folder) != before:
                seen = time.perf_counter()
            if seen is not None and time.perf_counter() - seen > 0.15:
                break
            time.sleep(0.002)
        latencies.append(None if seen is None else (seen - t0) * 1000)
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        stalls.append(max(gaps, default=0.0) * 1000)
    print("LATENCY " + json.dumps([latencies, stalls, pushed]), flush=True)
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
