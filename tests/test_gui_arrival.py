"""A big Document's arrival in steps (round gui18, issue 10): once the loader thread has read a big curated file the
window waits for, the same thread lays its text into a Qt text document (a piece at a time) and converts its offsets;
the UI thread then builds the panes one per event-loop turn, and edits are refused until the last one is built. The
seeds' files stand in for big ones (the size is lowered, as in test_gui_load_apart). Nothing is timed."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument

from curator.core.edit import SetLabel
from curator.core.store import Corpus
from curator.gui.offsets import display_text, qt_string
from curator.gui.panes.text_view import DocumentView
from tests.test_gui_load_apart import BIG, SMALL, Gate, _window

pytestmark = pytest.mark.gui




def _raw(qdoc: QTextDocument) -> tuple[str, int]:
    return qdoc.toRawText(), qdoc.blockCount()


def _raw_of(text: str) -> tuple[str, int]:
    """What ``setPlainText`` makes of the text the view shows (``toPlainText`` turns no-break spaces into spaces)."""
    qdoc = QTextDocument()
    qdoc.setPlainText(qt_string(display_text(text)))
    return _raw(qdoc)


def _laid_out_on_ui_thread(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lengths of the texts the view was given on the UI thread (``setPlainText``)."""
    seen: list[int] = []
    real = DocumentView.setPlainText

    def record(view: DocumentView, text: str) -> None:
        if threading.current_thread() is threading.main_thread():
            seen.append(len(text))
        real(view, text)

    monkeypatch.setattr(DocumentView, "setPlainText", record)
    return seen


def test_a_big_document_arrives_in_steps_its_text_laid_out_off_the_ui_thread(  # type: ignore[no-untyped-def]
        qtbot, seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch)
    laid_out = _laid_out_on_ui_thread(monkeypatch)
    w = _window(qtbot, seeds_copy, BIG)
    w.show()
    at_arrival: dict[str, object] = {}

    def arrived(doc: object) -> None:  # the first step: the Document is current, its panes not all built yet
        if doc is None or at_arrival:
            return
        seg = next(s for s in doc.curation.segments if s.label == "answer")  # type: ignore[attr-defined]
        at_arrival["rows"] = w.segments_pane.model.rowCount()
        at_arrival["inspector"] = w.inspector.doc
        at_arrival["pushed"] = w.ws.push(SetLabel((seg.id,), "question"), doc=doc)  # type: ignore[arg-type]
        at_arrival["refused"] = refused[-1] if refused else None

    refused: list[tuple[str, str]] = []
    w.ws.sig_refused.connect(lambda name, why: refused.append((name, why)))
    w.ws.sig_current_changed.connect(arrived)
    gate.open.set()
    qtbot.waitUntil(lambda: w.ws.current is not None and not w.ws.current.arriving, timeout=30000)
    doc = w.ws.current
    assert doc is not None and doc.doc_id == BIG
    # At the first step the tree and the inspector were still to come, and an edit was refused, saying why.
    assert at_arrival["rows"] == 0 and at_arrival["inspector"] is None and at_arrival["pushed"] is False
    assert at_arrival["refused"] is not None and "opening" in at_arrival["refused"][1]  # type: ignore[index]
    assert not doc.modified and doc.curation == Corpus(seeds_copy).load(BIG).curation  # type: ignore[union-attr]
    # Then every pane: the tree, the inspector, the text (laid out on the loader thread, not here).
    assert w.segments_pane.model.rowCount() > 0 and w.inspector.doc is doc
    assert len(doc.text) not in laid_out
    assert _raw(w.view.document()) == _raw_of(doc.text)  # as setPlainText would have laid it, unit for unit
    assert w.selection.current == doc.curation.segments[0].id
    arrays = (w.view._starts, w.view._ends, w.view._ids, w.view._labels, w.view._gaps, dict(w.view._index))
    w.view.rebuild()  # what the loader thread made is what the view makes itself
    assert arrays == (w.view._starts, w.view._ends, w.view._ids, w.view._labels, w.view._gaps, dict(w.view._index))
    # Edits work now, and the view follows them.
    k, seg = next((k, s) for k, s in enumerate(doc.curation.segments) if s.label == "answer")
    assert w.ws.push(SetLabel((seg.id,), "question")), refused
    assert doc.modified and w.view._labels[k] == "question"


def test_switching_away_during_the_arrival_leaves_the_other_document_shown(  # type: ignore[no-untyped-def]
        qtbot, seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch)
    w = _window(qtbot, seeds_copy, BIG)
    switched: list[object] = []

    def arrived(doc: object) -> None:  # the editor opens another Document before the big one's panes are built
        if doc is not None and getattr(doc, "doc_id", "") == BIG and not switched:
            switched.append(w.open_document(SMALL))

    w.ws.sig_current_changed.connect(arrived)
    gate.open.set()
    qtbot.waitUntil(lambda: bool(switched), timeout=30000)
    small = w.ws.current
    assert small is not None and small.doc_id == SMALL
    qtbot.wait(50)  # the big one's remaining steps run (and must do nothing)
    assert w.ws.current is small and w.segments_pane.doc is small and w.inspector.doc is small
    assert w.view.doc is small and _raw(w.view.document()) == _raw_of(small.text)
    assert {s.id for s in small.curation.segments} >= {w.segments_pane.model.segment_at(
        w.segments_pane.model.index(0, 0, w.segments_pane.model.index(0, 0))).id}  # type: ignore[union-attr]
    big = w.ws.docs[BIG]
    assert w.open_document(BIG) is big  # back to it: built, then edits work
    qtbot.waitUntil(lambda: not big.arriving, timeout=30000)
    assert w.segments_pane.doc is big and w.inspector.doc is big and w.view.doc is big
    seg = next(s for s in big.curation.segments if s.label == "answer")
    assert w.ws.push(SetLabel((seg.id,), "question")) and big.modified
