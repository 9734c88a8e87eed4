"""``curator bench gui``: open a 1 MB Document with 5,000 segments and time edits with their repaint."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time


def _document(n_segments: int, size: int) -> tuple[str, object]:
    from curator.core.model import Article, Curation, ParserInfo, Segment
    from curator.core.parse import parse_text

    rng = random.Random(7)
    words = "security council meeting member states CSTO secretary general 😀 cooperation Minsk".split()
    per = size // n_segments - 2
    paras = []
    for _ in range(n_segments):
        p = []
        while sum(len(w) + 1 for w in p) < per:
            p.append(rng.choice(words))
        paras.append(" ".join(p)[:per].strip())
    text = "\n\n".join(paras)
    base = parse_text(text, "bench")
    labels = ["paragraph", "lead", "question", "answer", "heading"]
    segs = [Segment(id=f"s{i}", start=s.start, end=s.end, label=labels[i % 5], text=s.text, article="a1")
            for i, s in enumerate(base.segments, start=1)]
    cur = Curation(document=base.document, parser=ParserInfo(name="bench", version="0"), segments=segs,
                   articles=[Article(id="a1", title="Bench")])
    return text, cur


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="curator bench gui", description=__doc__)
    parser.add_argument("--segments", type=int, default=5000)
    parser.add_argument("--size", type=int, default=1_000_000, help="document size in code points")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from curator.core import edit
    from curator.gui.document import OpenDocument
    from curator.gui.segments_pane import SegmentsPane
    from curator.gui.selection import Selection
    from curator.gui.text_view import DocumentView

    app = QApplication.instance() or QApplication([])
    t0 = time.perf_counter()
    text, cur = _document(args.segments, args.size)
    build = time.perf_counter() - t0
    selection = Selection()
    view = DocumentView(selection)
    pane = SegmentsPane(selection)
    view.resize(900, 800)
    pane.resize(500, 800)
    view.show()
    pane.show()
    app.processEvents()

    t0 = time.perf_counter()
    doc = OpenDocument("bench", text, cur, stamp=None)  # type: ignore[arg-type]
    view.set_document(doc)
    pane.set_document(doc)
    mid = cur.segments[len(cur.segments) // 2]  # type: ignore[attr-defined]
    selection.set(mid.id)
    view.viewport().repaint()
    app.processEvents()
    open_s = time.perf_counter() - t0
    print(f"document: {len(text):,} code points, {len(cur.segments):,} segments (built in {build:.2f} s)")  # type: ignore[attr-defined]
    print(f"open (session, text view, segments tree, first paint): {open_s * 1000:.0f} ms  (target < 1000 ms)")

    def timed(name: str, make) -> None:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(args.repeat):
            command = make()
            t = time.perf_counter()
            doc.push(command)
            view.viewport().repaint()
            app.processEvents()
            times.append(time.perf_counter() - t)
            doc.stack.undo()
            app.processEvents()
        print(f"{name:<28} median {statistics.median(times) * 1000:6.1f} ms   max {max(times) * 1000:6.1f} ms"
              "  (edit + models + repaint; target < 50 ms)")

    sid = mid.id
    nxt = cur.segments[len(cur.segments) // 2 + 1].id  # type: ignore[attr-defined]
    timed("set label", lambda: edit.SetLabel([sid], "teaser"))
    timed("split", lambda: edit.SplitSegment(sid, mid.start + mid.text.index(" ", 20), new_id="s-new"))
    timed("merge with next", lambda: edit.MergeSegments(sid, nxt))
    timed("nudge end one word", lambda: edit.nudge_boundary(doc.session, sid, edge="end", direction=-1, unit="word"))
    timed("mark reviewed", lambda: edit.MarkReviewed([sid]))
    return 0
