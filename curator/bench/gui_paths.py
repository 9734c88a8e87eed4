"""``curator bench gui --only paths`` (round gui19, issue 10): the longest UI step of every way the window shows or
works on a big Document, on generated pages of ``--size`` code points and ``--segments`` segments.

A corpus of four such Documents with their curated files (``a`` to ``d``: other texts) and one page without
(``p``, parsed apart) is opened in the real window (``build_window`` as ``curator gui`` makes it: big files read on
the loader thread, saves on the saver's). Each path is started as its verb would be and the event loop run until it
is done and 0.3 s more; a 5 ms timer's ticks give the UI thread's longest step: its own CPU between two ticks (the
steadier figure on a shared machine) and the wall time between them.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SETTLE_S = 0.3


# Collections of the cycle collector (on the UI thread: ``ui_thread_gc``), as (start, end) on the perf counter: the
# part of a step spent in them is printed beside it (a deep one walks the whole heap, whatever the step was).
_GC: list[tuple[float, float]] = []
_gc_started = [0.0]


def _on_gc(phase: str, _info: dict[str, int]) -> None:
    if phase == "start":
        _gc_started[0] = time.perf_counter()
    else:
        _GC.append((_gc_started[0], time.perf_counter()))


def _gc_in(a: float, b: float) -> float:
    return sum(max(0.0, min(y, b) - max(x, a)) for x, y in _GC)


def _longest_step(app: Any, start: Callable[[], object], done: Callable[[], bool]) -> tuple[float, float, float]:
    """Run ``start`` then the event loop until ``done()`` and SETTLE_S more: the most UI-thread CPU and the longest
    wall time between two ticks of a 5 ms timer (``start`` itself counted as a step), and the wall time the cycle
    collector ran in the step of the most CPU."""
    from PySide6.QtCore import QTimer

    ticks = [(time.perf_counter(), time.thread_time())]
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))
    timer.start()
    start()
    ticks.append((time.perf_counter(), time.thread_time()))
    while not done():
        app.processEvents()
        time.sleep(0.001)
    end = time.perf_counter() + SETTLE_S
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    ticks.append((time.perf_counter(), time.thread_time()))
    pairs = list(zip(ticks, ticks[1:], strict=False))
    a, b = max(pairs, key=lambda p: p[1][1] - p[0][1])
    return b[1] - a[1], max(b[0] - a[0] for a, b in pairs), _gc_in(a[0], b[0])


def _write_corpus(root: Path, n: int, size: int) -> None:
    from curator.bench.gui import long_document, write_long_document

    root.mkdir()
    for seed, doc_id in ((7, "a"), (8, "b"), (9, "c"), (11, "d")):
        write_long_document(root, doc_id, n, size, seed)
    text, _ = long_document(n, size, 10)
    (root / "p.txt").write_text(text, encoding="utf-8", newline="")


def paths_suite(app: Any, tmp: Path, n: int, size: int, repeat: int) -> None:
    import shiboken6

    from curator.core.store import Corpus
    from curator.gui.app import build_window

    root = tmp / "corpus"
    t0 = time.perf_counter()
    _write_corpus(root, n, size)
    print(f"corpus: a, b, c, d ({size:,} code points, {n:,} segments, curated) and p (no curated file), "
          f"written in {time.perf_counter() - t0:.1f} s")
    import gc

    gc.callbacks.append(_on_gc)
    cpu: dict[str, list[float]] = {}
    wall: dict[str, list[float]] = {}
    in_gc: dict[str, list[float]] = {}

    def add(name: str, got: tuple[float, float, float]) -> None:
        cpu.setdefault(name, []).append(got[0])
        wall.setdefault(name, []).append(got[1])
        in_gc.setdefault(name, []).append(got[2])

    for _ in range(repeat):
        window = build_window(root, document="a", parse_in_background=False, use_settings=False, load_apart=True)
        ws = window.ws
        ws.set_autosave(False)
        ws.saves_off_ui_thread = True
        window.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
        window.resize(1600, 960)
        window.show()

        def shown(doc_id: str) -> Callable[[], bool]:
            def check() -> bool:
                doc = ws.current
                return (doc is not None and doc.doc_id == doc_id and not doc.arriving
                        and window.view.doc is doc)
            return check

        def opening(doc_id: str) -> Callable[[], object]:
            return lambda: window.open_document(doc_id)

        add("open a (curated, read apart)", _longest_step(app, lambda: None, shown("a")))
        add("open b (curated, read apart)", _longest_step(app, opening("b"), shown("b")))
        add("open c (curated, read apart)", _longest_step(app, opening("c"), shown("c")))
        add("back to a (two shown since: kept)", _longest_step(app, opening("a"), shown("a")))
        add("open d (curated, read apart)", _longest_step(app, opening("d"), shown("d")))
        add("back to b (three since: let go)", _longest_step(app, opening("b"), shown("b")))
        add("switch to d (its view kept)", _longest_step(app, opening("d"), shown("d")))
        add("open p (no curated file): text shown", _longest_step(app, opening("p"), shown("p")))
        add("  p's parse arrives", _longest_step(app, lambda: None,
                                                lambda: not ws.docs["p"].parsing and not ws.page_parses))
        add("back to a (let go)", _longest_step(app, opening("a"), shown("a")))
        doc = ws.current
        segs = doc.curation.segments
        window.selection.set(segs[0].id, tuple(s.id for s in segs))
        app.processEvents()
        label = "answer" if segs[0].label != "answer" else "paragraph"
        depth = doc.stack.index()
        add("relabel every segment (one step)",
            _longest_step(app, window.edit_actions.label_actions[label].trigger, lambda: True))
        assert doc.stack.index() == depth + 1, "the relabel made no edit"
        add("  its undo", _longest_step(app, window.undo_action.trigger, lambda: True))
        add("  its redo", _longest_step(app, window.redo_action.trigger, lambda: True))
        window.selection.set(segs[len(segs) // 2].id)
        add("Save all (a modified)", _longest_step(app, ws.save_all, lambda: not ws.saving(doc)))
        add("Find duplicates", _longest_step(app, window.find_duplicates, lambda: window.job is None))
        # Their change on disk (a label) and one of mine: Reload and merge (Alt+M) merges and saves.
        corpus = Corpus(root)
        loaded = corpus.load("a")
        assert loaded is not None
        theirs = loaded.curation.segments
        moved = [*theirs[:5], theirs[5].model_copy(update={"label": "heading"}), *theirs[6:]]
        corpus.save(loaded.curation.model_copy(update={"segments": moved}), expected_stamp=loaded.stamp)
        window.selection.set(segs[100].id)
        window.edit_actions.label_actions["lead" if segs[100].label != "lead" else "answer"].trigger()
        app.processEvents()
        add("Reload and merge (Alt+M)", _longest_step(app, lambda: window.merge_theirs(doc),
                                                      lambda: not ws.saving(doc)))
        window.close()
        shiboken6.delete(window)
        shiboken6.delete(ws)
        app.processEvents()
    print(f"\n{repeat} rounds; the longest UI step of each path, medians (and each round's), ms")
    print(f"{'':40} {'UI CPU':>8}  {'wall':>8}  {'of it gc':>8}   UI CPU of each round")
    for name, values in cpu.items():
        each = ", ".join(f"{v * 1000:.0f}" for v in values)
        print(f"{name:<40} {statistics.median(values) * 1000:8.1f}  {statistics.median(wall[name]) * 1000:8.1f}"
              f"  {statistics.median(in_gc[name]) * 1000:8.1f}   {each}")
    gc.callbacks.remove(_on_gc)
