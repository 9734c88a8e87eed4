"""``curator bench gui``: the real window on a 1 MB Document with 5,000 segments; time each edit with its repaint.

The Document is written to a temporary corpus (source + curated file) and opened
through the same path as ``curator gui``: Workspace, MainWindow, every pane and
model, offscreen. Each verb is triggered through its QAction (as a shortcut would)
and timed until the event loop has processed and painted everything the edit made
dirty; its undo is timed the same way, right after it. Beside the wall time: the CPU
time of the whole process (the journal's writer thread included) and of the UI thread
alone; on a shared machine the CPU times are the steadier figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _document(n_segments: int, size: int) -> tuple[str, Any]:
    from curator.core.model import Article, Curation, ParserInfo, Segment
    from curator.core.parse import parse_text

    rng = random.Random(7)
    words = "security council meeting member states CSTO secretary general 😀 cooperation Minsk".split()
    per = size // n_segments - 2
    paras = []
    for _ in range(n_segments):
        p: list[str] = []
        length = 0
        while length < per:
            w = rng.choice(words)
            p.append(w)
            length += len(w) + 1
        paras.append(" ".join(p)[:per].strip())
    text = "\n\n".join(paras)
    base = parse_text(text, "bench")
    labels = ["paragraph", "lead", "question", "answer", "heading"]
    # Ten articles of 500 segments: label and boundary edits then regroup inside a real tree.
    segs = [Segment(id=f"s{i}", start=s.start, end=s.end, label=labels[i % 5], text=s.text,
                    article=f"a{(i - 1) * 10 // len(base.segments) + 1}")
            for i, s in enumerate(base.segments, start=1)]
    cur = Curation(document=base.document, parser=ParserInfo(name="bench", version="0"), status="in_progress",
                   segments=segs, articles=[Article(id=f"a{k}", title=f"Bench article {k}") for k in range(1, 11)])
    return text, cur


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="curator bench gui", description=__doc__)
    parser.add_argument("--segments", type=int, default=5000)
    parser.add_argument("--size", type=int, default=1_000_000, help="document size in code points")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="store_true", help="say when the worst stall happened")
    parser.add_argument("--only", choices=("edits", "jobs"),
                        help="time only the edits (and their undo) or only the background jobs' stalls")
    parser.add_argument("--pages", type=int, default=300,
                        help="site-layout pages beside the big Document, for the background jobs (default 300)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shiboken6
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    from curator.core.store import Corpus
    from curator.gui.app import build_window
    from curator.gui.ui_thread_gc import collect_on_ui_thread

    app = QApplication.instance() or QApplication([])
    collect_on_ui_thread(app)  # as `curator gui` does: cycles are collected on the UI thread, its stalls count
    QStandardPaths.setTestModeEnabled(True)
    t0 = time.perf_counter()
    text, cur = _document(args.segments, args.size)
    build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="curator-bench-gui-") as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        root = Path(tmp) / "corpus"
        root.mkdir()
        (root / "bench.txt").write_text(text, encoding="utf-8", newline="")
        if args.pages:
            from curator.bench._site import SiteMaker, page_ids

            maker = SiteMaker(Path(__file__).resolve().parents[2] / "seeds", 5)
            for page_id in page_ids(args.pages, 5):
                (root / f"{page_id}.txt").write_text(maker.page(), encoding="utf-8", newline="")
        corpus = Corpus(root)
        cur = cur.model_copy(update={"document": corpus.document_ref("bench", corpus.read_source("bench"))})
        corpus.save(cur, expected_stamp=None)
        t0 = time.perf_counter()
        window = build_window(root, document="bench", parse_in_background=False, use_settings=False)
        window.ws.set_autosave(False)
        window.resize(1600, 960)
        window.show()
        mid = cur.segments[len(cur.segments) // 2]
        window.selection.set(mid.id)
        app.processEvents()
        open_s = time.perf_counter() - t0
        print(f"document: {len(text):,} code points, {len(cur.segments):,} segments, 10 articles "
              f"(built in {build:.2f} s); the whole window, offscreen, 1600x960")
        print(f"open (window, load + validate the curated file, every pane, first paint): {open_s * 1000:.0f} ms"
              "  (target < 1000 ms)")
        doc = window.ws.current
        acts = window.edit_actions.actions

        def timed(name: str, prepare: Callable[[], None], trigger: Callable[[], None]) -> None:
            edits, undos, cpus, undo_cpus, ui, undo_ui = [], [], [], [], [], []
            for _ in range(args.repeat):
                prepare()
                app.processEvents()
                depth = doc.stack.index()
                t, c, u = time.perf_counter(), time.process_time(), time.thread_time()
                trigger()
                app.processEvents()
                edits.append(time.perf_counter() - t)
                cpus.append(time.process_time() - c)
                ui.append(time.thread_time() - u)
                if doc.stack.index() == depth:
                    raise SystemExit(f"bench gui: {name} made no edit")
                t, c, u = time.perf_counter(), time.process_time(), time.thread_time()
                window.undo_action.trigger()
                app.processEvents()
                undos.append(time.perf_counter() - t)
                undo_cpus.append(time.process_time() - c)
                undo_ui.append(time.thread_time() - u)

            def ms(values: list[float]) -> str:
                return f"{statistics.median(values) * 1000:5.1f}"

            # wall | CPU of the whole process (the journal's thread too) | CPU of the UI thread alone
            print(f"{name:<22} {ms(edits)} ms (max {max(edits) * 1000:5.1f}) cpu {ms(cpus)} ui {ms(ui)}"
                  f"  | undo {ms(undos)} ms cpu {ms(undo_cpus)} ui {ms(undo_ui)}  (target < 50 ms)")

        def at_mid(offset_in_text: int | None = None) -> Callable[[], None]:
            def prepare() -> None:
                window.selection.set(mid.id)
                if offset_in_text is not None:
                    window.view.set_cursor_offset(mid.start + offset_in_text)
            return prepare

        cut = mid.text.index(" ", 20)
        edits = args.only != "jobs"
        if edits:
            timed("set label (regroups)", at_mid(), window.edit_actions.label_actions["teaser"].trigger)
            timed("set label (in place)", at_mid(), window.edit_actions.label_actions["answer"].trigger)
            timed("split at cursor", at_mid(cut), acts["split"].trigger)
            timed("merge with next", at_mid(), acts["merge_next"].trigger)
            timed("nudge end one word", at_mid(), acts["end_word_left"].trigger)
            timed("delete segment", at_mid(), acts["delete"].trigger)
            timed("mark reviewed + go on", at_mid(), acts["reviewed"].trigger)
            timed("new article here", at_mid(), acts["new_article"].trigger)

        def stalls(name: str, start: Callable[[], None]) -> None:
            """Longest time the UI thread did not get to a 10 ms timer while a background job ran.

            Each tick also reads the UI thread's own CPU clock: a gap with little CPU in it was
            spent waiting (for a core on a loaded machine, or for the GIL), not working.
            """
            from PySide6.QtCore import QTimer

            ticks: list[tuple[float, float]] = [(time.perf_counter(), time.thread_time())]

            def tick() -> None:
                ticks.append((time.perf_counter(), time.thread_time()))

            timer = QTimer()
            timer.setInterval(10)
            timer.timeout.connect(tick)
            timer.start()
            t = time.perf_counter()
            start()
            tick()
            started = ticks[-1][0] - t
            while window.job is not None:
                app.processEvents()
                time.sleep(0.001)
            app.processEvents()
            tick()
            timer.stop()
            spans = [(b - a, cb - ca, a - t) for (a, ca), (b, cb) in zip(ticks, ticks[1:], strict=False)]
            worst = max(spans)
            busiest = max(cpu for _, cpu, _ in spans)
            gaps = sorted(g for g, _, _ in spans)
            if args.verbose:
                # (Stacks dumped each second by faulthandler crashed the run once: py-spy shows them safely.)
                print(f"  {name}: starting took {started * 1000:.0f} ms; worst stall began {worst[2]:.2f} s in")
            print(f"{name:<22} {time.perf_counter() - t:6.2f} s in the background; UI thread longest stall "
                  f"{gaps[-1] * 1000:5.0f} ms (its CPU {worst[1] * 1000:4.0f} ms), most CPU between two ticks "
                  f"{busiest * 1000:4.0f} ms, 99th percentile {gaps[int(len(gaps) * 0.99)] * 1000:4.0f} ms "
                  "(target < 100 ms)")

        if args.pages and args.only != "edits":
            # The window's first layout and paint (docks sized on the first event-loop turns) are no
            # job's stall: let them finish, as the edits above do when they run first.
            settle = time.perf_counter() + 0.5
            while time.perf_counter() < settle:
                app.processEvents()
                time.sleep(0.005)
            stalls(f"parse {args.pages} pages", window.parse_corpus)
            stalls("find duplicates", window.find_duplicates)
        window.close()
        # Delete the Qt objects now, in order, rather than at interpreter exit.
        ws = window.ws
        shiboken6.delete(window)
        shiboken6.delete(ws)
    return 0
