"""Every edit is followed from its window of segments alone (no regrouping, recount or O(n) pass per edit on
the UI thread), and what the window shows stays what a fresh build shows: after each of a long random run
of edits, undos and redos, the segments tree's rows, the id -> row map, the text view's arrays and the
corpus summary equal those built from the Curation afresh."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from curator.core import edit
from curator.core.edit.lookup import fresh_segment_id
from curator.gui.panes.segments_model import SEGMENT_ID_ROLE, SegmentsModel
from curator.gui.workspace import DocSummary
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def _rows(model: SegmentsModel) -> list[tuple[str, list[str]]]:
    out = []
    for g in range(model.rowCount()):
        parent = model.index(g, 0)
        ids = [model.index(r, 0, parent).data(SEGMENT_ID_ROLE) for r in range(model.rowCount(parent))]
        out.append((str(model.index(g, 1).data()), ids))  # the title, in the Text cell
    return out


def test_a_random_run_of_edits_keeps_every_view_equal_to_a_fresh_build(qtbot, qtmodeltester, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    doc = w.ws.current
    model = w.segments_pane.model
    rng = random.Random(5)
    labels = ["paragraph", "teaser", "boilerplate", "heading", "answer"]
    done = 0
    for step in range(160):
        segs = doc.curation.segments
        seen = {s.id for s in segs} | locals().get("seen", set())
        seg = rng.choice(segs)
        i = segs.index(seg)
        kind = rng.choice(["label", "label", "split", "merge", "delete", "nudge", "undo", "undo", "redo",
                           "reviewed", "article", "speaker"])
        cmd: edit.Command | None = None
        if kind == "label":
            cmd = edit.SetLabel([seg.id], rng.choice(labels))
        elif kind == "split" and len(seg.text) > 20:
            at = edit.split_point(doc.text, seg.start, seg.end, seg.start + len(seg.text) // 2)
            if at is not None:
                cmd = edit.SplitSegment(seg.id, at, new_id=fresh_segment_id(segs))
        elif kind == "merge" and i + 1 < len(segs):
            cmd = edit.MergeSegments(seg.id, segs[i + 1].id)
        elif kind == "delete":
            cmd = edit.DeleteSegments([seg.id])
        elif kind == "nudge":
            cmd = edit.MoveBoundary(seg.id, edge="end", to=max(seg.start + 1, seg.end - 3))
        elif kind == "reviewed":
            cmd = edit.MarkReviewed([seg.id])
        elif kind == "article" and seg.article is not None:
            cmd = edit.StartArticle(seg.id, new_id=edit.fresh_id("a", (a.id for a in doc.curation.articles)))
        elif kind == "speaker":
            cmd = edit.AssignSpeaker([seg.id], rng.choice([None, *doc.curation.speakers]))
        if kind == "undo":
            doc.stack.undo()
        elif kind == "redo":
            doc.stack.redo()
        elif cmd is not None:
            try:
                doc.push(cmd)
            except edit.EditError:
                continue
        else:
            continue
        done += 1
        gone = seen - {s.id for s in doc.curation.segments}
        fresh = SegmentsModel()
        fresh.set_curation(doc.curation)
        assert _rows(model) == _rows(fresh), (step, kind)
        for sid in fresh._where:
            got, want = model.index_of(sid), fresh.index_of(sid)
            assert got.data(SEGMENT_ID_ROLE) == sid, (step, kind, sid)
            assert (got.parent().row(), got.row()) == (want.parent().row(), want.row()), (step, kind, sid)
        assert set(model._where) == set(fresh._where), (step, kind)
        view = w.view
        assert view._ids == [s.id for s in doc.curation.segments], (step, kind)
        assert [view._pos(s.id) for s in doc.curation.segments] == list(range(len(doc.curation.segments))), (step, kind)
        assert all(view._pos(sid) is None for sid in gone), (step, kind)
        assert fresh_segment_id(doc.curation.segments) == edit.fresh_id("s", (s.id for s in doc.curation.segments))
        summary = w.ws.summaries[DOC]
        expect = DocSummary.of(DOC, doc.curation, modified=summary.modified)
        assert summary == expect, (step, kind)
    assert done > 100
    qtmodeltester.check(model)
