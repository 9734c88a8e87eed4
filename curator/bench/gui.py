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
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def long_document(n_segments: int, size: int, seed: int = 7) -> tuple[str, list[Any]]:
    """A generated text of about ``size`` code points (emoji in it) in ``n_segments`` one-line paragraphs,
    and its Segments: labels in turn, ten Articles of equal length. Offsets are counted, not parsed, so
    that a 20 MB Document is built in seconds."""
    from curator.core.model import Segment

    rng = random.Random(seed)
    words = "security council meeting member states CSTO secretary general 😀 cooperation Minsk".split()
    per = max(8, size // n_segments - 2)
    labels = ["paragraph", "lead", "question", "answer", "heading"]
    paras, segs, pos = [], [], 0
    for i in range(1, n_segments + 1):
        p: list[str] = []
        length = 0
        while length < per:
            w = rng.choice(words)
            p.append(w)
            length += len(w) + 1
        para = " ".join(p)[:per].strip()
        paras.append(para)
        segs.append(Segment(id=f"s{i}", start=pos, end=pos + len(para), label=labels[i % 5], text=para,
                            article=f"a{(i - 1) * 10 // n_segments + 1}"))
        pos += len(para) + 2
    return "\n\n".join(paras), segs


def write_long_document(root: Path, doc_id: str, n_segments: int, size: int, seed: int = 7) -> Any:
    """``long_document`` as a source and its curated file (status in progress) in the corpus ``root``."""
    from curator.core.model import Article, Curation, ParserInfo
    from curator.core.store import Corpus

    text, segs = long_document(n_segments, size, seed)
    (root / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="")
    corpus = Corpus(root)
    cur = Curation(document=corpus.document_ref(doc_id, corpus.read_source(doc_id)),
                   parser=ParserInfo(name="bench", version="0"), status="in_progress", segments=segs,
                   articles=[Article(id=f"a{k}", title=f"Bench article {k}") for k in range(1, 11)])
    corpus.save(cur, expected_stamp=None)
    return cur


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="curator bench gui", description=__doc__)
    parser.add_argument("--segments", type=int, default=5000)
    parser.add_argument("--size", type=int, default=1_000_000, help="document size in code points")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="store_true", help="say when the worst stall happened")
    parser.add_argument("--only", choices=("edits", "jobs", "open", "paths"),
                        help="time only the edits (and their undo), only the background jobs' stalls, only "
                        "opening and working on the Documents of --docs, or only the longest UI step of each way "
                        "of showing and working on a big Document (--segments, --size: three with their curated "
                        "file and one page without; `curator.bench.gui_paths`)")
    parser.add_argument("--docs", default="seeds,2000:1000000,20000:20000000",
                        help="for --only open: comma-separated `seeds` (the seed corpus's longest Document) or "
                        "SEGMENTS:CODE_POINTS (a generated Document with its curated file); default %(default)s")
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
    print(f"load average {_load()}")
    if args.only == "paths":
        from curator.bench.gui_paths import paths_suite

        with tempfile.TemporaryDirectory(prefix="curator-bench-gui-") as tmp:
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
            paths_suite(app, Path(tmp), args.segments, args.size, args.repeat)
        print(f"load average {_load()}; peak RSS {_peak_rss_mb():.0f} MB")
        return 0
    if args.only == "open":
        with tempfile.TemporaryDirectory(prefix="curator-bench-gui-") as tmp:
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
            for spec in args.docs.split(","):
                open_suite(app, Path(tmp), spec, args.repeat)
        print(f"load average {_load()}; peak RSS {_peak_rss_mb():.0f} MB")
        return 0
    with tempfile.TemporaryDirectory(prefix="curator-bench-gui-") as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        root = Path(tmp) / "corpus"
        root.mkdir()
        t0 = time.perf_counter()
        cur = write_long_document(root, "bench", args.segments, args.size)
        text = Corpus(root).read_source("bench").text
        build = time.perf_counter() - t0
        if args.pages:
            from curator.bench._site import SiteMaker, page_ids

            maker = SiteMaker(Path(__file__).resolve().parents[2] / "seeds", 5)
            for page_id in page_ids(args.pages, 5):
                (root / f"{page_id}.txt").write_text(maker.page(), encoding="utf-8", newline="")
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


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f}"


def _corpus_for(tmp: Path, spec: str) -> tuple[Path, str, str]:
    """A corpus folder, the id of the Document to open and its description."""
    from curator.core.store import Corpus

    if spec == "seeds":
        root = tmp / "seeds"
        if not root.exists():
            shutil.copytree(Path(__file__).resolve().parents[2] / "seeds", root, ignore=shutil.ignore_patterns(".curator"))
        corpus = Corpus(root)
        best = max((d for d in corpus.document_ids() if corpus.curated_path(d).exists()),
                   key=lambda d: corpus.curated_path(d).stat().st_size)
        loaded = corpus.load(best)
        assert loaded is not None
        n, size = len(loaded.curation.segments), loaded.curation.document.length
        return root, best, f"seeds' longest ({best}): {size:,} code points, {n:,} segments"
    n_text, size_text = spec.split(":")
    n, size = int(n_text), int(size_text)
    root = tmp / f"gen-{n}-{size}"
    if not root.exists():
        root.mkdir()
        write_long_document(root, "long", n, size)
    return root, "long", f"generated: {size:,} code points (emoji in it), {n:,} segments, 10 articles"


class _FirstPaint:
    """When a widget was first painted (an event filter on its viewport)."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        outer = self

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint and outer.at is None:
                    outer.at = time.perf_counter()
                return False

        self.at: float | None = None
        self.filter = Filter()
        widget.installEventFilter(self.filter)


def _longest_gap(app: Any, seconds: float) -> float:
    """The longest time the UI thread did not get to a 5 ms timer during ``seconds`` of its event loop."""
    from PySide6.QtCore import QTimer

    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False))


def _until_opened(app: Any, window: Any) -> tuple[float, float]:
    """Run the event loop until the Document being read on the loader thread is shown, its panes built (round gui18:
    a step at a time) and painted: the longest time the UI thread did not get to a 5 ms timer meanwhile, and the
    most UI-thread CPU spent between two of its ticks (the longest UI step's own CPU); 0, 0 when shown already."""
    from PySide6.QtCore import QTimer

    def shown() -> bool:
        doc = window.ws.current
        return doc is not None and not getattr(doc, "arriving", False)

    if shown():
        return 0.0, 0.0
    ticks = [(time.perf_counter(), time.thread_time())]
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))
    timer.start()
    while not shown():
        app.processEvents()
        time.sleep(0.001)
    for _ in range(3):
        app.processEvents()
    timer.stop()
    ticks.append((time.perf_counter(), time.thread_time()))
    pairs = list(zip(ticks, ticks[1:], strict=False))
    return max(b[0] - a[0] for a, b in pairs), max(b[1] - a[1] for a, b in pairs)


def _until_saved(app: Any, ws: Any, doc: Any) -> tuple[float, float]:
    """Run the event loop until the save under way on the saver thread is taken in: the longest time the UI
    thread did not get to a 5 ms timer meanwhile, and the UI thread's own CPU in all that time."""
    from PySide6.QtCore import QTimer

    ticks = [time.perf_counter()]
    c = time.thread_time()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    while ws.saving(doc):
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    timer.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False)), time.thread_time() - c


def open_suite(app: Any, tmp: Path, spec: str, repeat: int) -> None:
    """Open one Document ``repeat`` times in a new window and work on it as an editor does; print medians.

    open: ``build_window`` (scan, every pane; the big curated file read on the loader thread meanwhile) to the
    Document shown and painted (its UI CPU: the UI thread's own CPU time, the figure the window's speed targets
    are set in; the longest time the UI thread was blocked in it, by a 5 ms timer); first paint: to the
    text's first paint; scroll: one page of the segments tree / the text, repainted; select: a segment
    chosen anywhere (tree and text follow), repainted; edit / undo: a label changed in place; journal: the
    longest UI-thread gap in the 0.5 s after an edit (the crash journal is written meanwhile); save: Ctrl+S
    (handed to the saver thread), then the longest UI-thread gap until it is written and taken in.
    Each step is done on the UI thread as an event would be, so its time is that thread's stall.
    """
    import shiboken6

    from curator.gui.app import build_window

    root, doc_id, what = _corpus_for(tmp, spec)
    rng = random.Random(3)
    rows: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}

    def add(name: str, value: float, ui_cpu: float | None = None) -> None:
        rows.setdefault(name, []).append(value)
        if ui_cpu is not None:
            cpu.setdefault(name, []).append(ui_cpu)

    class Step:
        """Times one step: wall and the UI thread's own CPU."""

        def __init__(self, name: str) -> None:
            self.name = name

        def __enter__(self) -> None:
            self.t, self.c = time.perf_counter(), time.thread_time()

        def __exit__(self, *_: object) -> None:
            add(self.name, time.perf_counter() - self.t, time.thread_time() - self.c)

    for _ in range(repeat):
        t, c, u = time.perf_counter(), time.process_time(), time.thread_time()
        # As `curator gui` opens (app.run): a big curated file read on the loader thread, saves on the saver's.
        window = build_window(root, document=doc_id, parse_in_background=False, use_settings=False, load_apart=True)
        window.ws.set_autosave(False)
        window.ws.saves_off_ui_thread = True
        window.ask_unsaved = lambda names: "discard"  # type: ignore[method-assign]
        built = time.perf_counter()
        built_ui = time.thread_time() - u
        painted = _FirstPaint(window.view.viewport())
        window.resize(1600, 960)
        window.show()
        app.processEvents()
        gap, step_cpu = _until_opened(app, window)
        add("open (to the window painted)", time.perf_counter() - t, time.thread_time() - u)
        add("  of it build_window", built - t, built_ui)
        add("  longest UI-thread block in it", gap, step_cpu)
        add("open, CPU", time.process_time() - c)
        add("  to the text's first paint", (painted.at or time.perf_counter()) - t)
        doc = window.ws.current
        assert doc is not None
        segs = doc.curation.segments
        for bar in (window.segments_pane.view.verticalScrollBar(), window.view.verticalScrollBar()):
            name = "scroll a page, tree" if bar is window.segments_pane.view.verticalScrollBar() else "scroll a page, text"
            for _ in range(10):
                with Step(name):
                    bar.setValue(bar.value() + bar.pageStep())
                    app.processEvents()
        for _ in range(10):
            seg = rng.choice(segs)
            with Step("select a segment anywhere"):
                window.selection.set(seg.id)
                app.processEvents()
        mid = segs[len(segs) // 2]
        window.selection.set(mid.id)
        app.processEvents()
        label = "answer" if mid.label != "answer" else "paragraph"
        with Step("edit (label in place)"):
            window.edit_actions.label_actions[label].trigger()
            app.processEvents()
        add("  journal: longest UI gap after it", _longest_gap(app, 0.5))
        with Step("undo"):
            window.undo_action.trigger()
            app.processEvents()
        window.edit_actions.label_actions[label].trigger()
        app.processEvents()
        window.ws.flush_journal()
        with Step("save (Ctrl+S)"):
            window.save()
            app.processEvents()
        gap, ui = _until_saved(app, window.ws, doc)
        add("  save: longest UI gap until written", gap, ui)
        window.close()
        ws = window.ws
        shiboken6.delete(window)
        shiboken6.delete(ws)
        app.processEvents()
    print(f"\n{what}; {repeat} opens, load {_load()}")
    print(f"{'':38} {'median':>7} {'max':>9} {'UI CPU':>9}  (ms; scroll and select: 10 steps per open)")
    for name, values in rows.items():
        ui = f"{_ms(cpu[name]):>9}" if name in cpu else ""
        print(f"{name:<38} {_ms(values)} {max(values) * 1000:9.1f} {ui}")
