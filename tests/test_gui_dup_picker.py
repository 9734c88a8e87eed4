"""Marking a selection as a duplicate of a passage in another Document: the picker and the window verb."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from curator.core.dups import normalise
from curator.core.edit import RemoveFromGroup, trim_span
from curator.core.jsonio import dump_curation
from curator.core.model import Curation, DuplicateRef, Segment
from curator.core.parse import parse_text
from curator.core.store import Corpus
from curator.gui.dialogs.duplicate_picker import DuplicatePicker, workspace_segments
from curator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"

OTHER_TEXT = (
    "Summit in Minsk\n\n"
    "The ministers met in Minsk on Monday.\n\n"
    "They agreed on a joint exercise 🚀 next year.\n\n"
    "Press service of the CSTO Secretariat\n"
)
from tests.gui_window import quiet_window, save_and_wait


def _segments() -> dict[str, list[Segment]]:
    return {
        "alpha_report": parse_text("Alpha\n\nNothing here.\n", "alpha_report").segments,
        "beta_summit": parse_text(OTHER_TEXT, "beta_summit").segments,
        "gamma_news": parse_text("Gamma\n\nOther news.\n", "gamma_news").segments,
    }


def _picker(qtbot, qtmodeltester) -> tuple[DuplicatePicker, dict[str, list[Segment]]]:  # type: ignore[no-untyped-def]
    segs = _segments()
    picker = DuplicatePicker(list(segs), segs.__getitem__, passage="the ministers met")
    qtbot.addWidget(picker)
    for model in (picker.docs_model, picker.docs_proxy):
        qtmodeltester.check(model)
    return picker, segs


def _rows(view) -> list[str]:  # type: ignore[no-untyped-def]
    """Each row's cells, space-joined."""
    model = view.model()
    return [" ".join(model.index(r, c).data() for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def test_picker_by_keyboard_filter_arrows_enter(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    picker, segs = _picker(qtbot, qtmodeltester)
    assert _rows(picker.docs_view) == ["alpha_report", "beta_summit", "gamma_news"]
    qtbot.keyClicks(picker.filter, "SUM")  # case-insensitive
    assert _rows(picker.docs_view) == ["beta_summit"]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.stage == "segments" and picker.filter.text() == ""
    for model in (picker.segs_model, picker.segs_proxy):
        qtmodeltester.check(model)
    lines = _rows(picker.segs_view)
    assert len(lines) == len(segs["beta_summit"])
    assert all(line.split()[0] == s.label for line, s in zip(lines, segs["beta_summit"], strict=True))
    qtbot.keyClicks(picker.filter, "minsk")
    shown = _rows(picker.segs_view)
    assert len(shown) == 2 and all("minsk" in line.lower() for line in shown)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)  # from the first match to the second
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.result() == DuplicatePicker.DialogCode.Accepted
    wanted = next(s for s in segs["beta_summit"] if s.text.startswith("The ministers"))
    assert picker.choice == ("beta_summit", wanted.id)
    assert picker.chosen_text() == wanted.text


def test_picker_backspace_goes_back_and_escape_chooses_nothing(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    picker, _segs = _picker(qtbot, qtmodeltester)
    qtbot.keyClicks(picker.filter, "a")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.stage == "segments" and picker.document_id == "beta_summit"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Backspace)
    assert picker.stage == "documents" and picker.filter.text() == "a"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)
    assert picker.result() == DuplicatePicker.DialogCode.Rejected and picker.choice is None


def _window(qtbot, corpus: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return quiet_window(qtbot, corpus, DOC)


def _pick_in_dialog(doc_id: str, segment_index: int, done: list[bool]) -> None:
    """Drive the modal picker by keyboard: filter to the document, Enter, Down to the segment, Enter."""
    from pytestqt.qtbot import QtBot

    picker = QApplication.activeModalWidget()
    assert isinstance(picker, DuplicatePicker)
    QtBot.keyClicks(picker.filter, doc_id)
    QtBot.keyClick(picker.filter, Qt.Key.Key_Return)
    for _ in range(segment_index):
        QtBot.keyClick(picker.filter, Qt.Key.Key_Down)
    QtBot.keyClick(picker.filter, Qt.Key.Key_Return)
    done.append(True)


def test_window_marks_duplicate_in_another_document(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    cur = w.ws.current.curation
    segments_of = workspace_segments(w.ws)
    # A segment of this page that another page repeats word for word (found, not assumed).
    mine = {normalise(s.text): s for s in cur.segments if len(s.text) > 20}
    found = next(((d, i, o) for d in w.ws.document_ids() if d != DOC
                  for i, o in enumerate(segments_of(d)) if normalise(o.text) in mine), None)
    assert found is not None, "the seeds share no passage between documents"
    other_doc, index, other = found
    seg = mine[normalise(other.text)]
    ref = DuplicateRef(document=other_doc, segment=other.id)
    # The duplicate finder may have linked them already: the editor takes the segment out first.
    found_groups = {d.group for d in cur.duplicates if d.segment == seg.id and d.of == ref}
    for group in found_groups:
        assert w.ws.push(RemoveFromGroup(group, seg.id))
    if found_groups:
        assert save_and_wait(w)
    cur = w.ws.current.curation
    assert not any(d.segment == seg.id and d.of == ref for d in cur.duplicates)
    before = dump_curation(cur)
    w.view.select_span(seg.start, seg.end)
    done: list[bool] = []
    QTimer.singleShot(0, lambda: _pick_in_dialog(other_doc, index, done))
    w.edit_actions.actions["mark_duplicate_elsewhere"].trigger()
    assert done == [True]
    cur = w.ws.current.curation
    Curation.model_validate(cur.model_dump())
    entry = next(d for d in cur.duplicates if d.segment == seg.id and d.of == ref)
    # The finder's group id for this pair (content hash of the canonical passage) is found again.
    assert found_groups <= {entry.group}
    assert (entry.segment, entry.kind, entry.score, entry.decision) == (seg.id, "exact", 1.0, "confirmed")
    assert (entry.start, entry.end) == (seg.start, seg.end)
    assert w.isWindowModified()
    after = dump_curation(cur)
    # One undo step restores the document exactly (the first edit's status change is in the same step).
    w.undo_action.trigger()
    assert dump_curation(w.ws.current.curation) == before and not w.isWindowModified()
    w.redo_action.trigger()
    assert dump_curation(w.ws.current.curation) == after
    assert save_and_wait(w)
    reopened = Corpus(seeds_copy).load(DOC)
    assert reopened is not None
    assert dump_curation(reopened.curation) == after
    assert entry in reopened.curation.duplicates


def test_window_verb_near_duplicate_of_part_of_a_segment(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    cur = w.ws.current.curation
    seg = max(cur.segments, key=lambda s: len(s.text))
    other_doc = next(d for d in w.ws.document_ids() if d != DOC)
    other = max(workspace_segments(w.ws)(other_doc), key=lambda s: len(s.text))
    w.view.select_span(seg.start, seg.start + 40)
    w.edit_actions.mark_duplicate_elsewhere(choice=(other_doc, other.id))
    entry = w.ws.current.curation.duplicates[-1]
    assert entry.of == DuplicateRef(document=other_doc, segment=other.id)
    assert entry.kind == "near" and 0.0 <= entry.score < 1.0
    assert (entry.start, entry.end) == trim_span(w.ws.current.text, seg.start, seg.start + 40)
    assert w.ws.current.stack.count() == 1
    # Without a text selection the current segment is the passage (keyboard: Ctrl+U lands on one) ...
    second = max((s for s in cur.segments if s.id != seg.id), key=lambda s: len(s.text))
    w.view.set_cursor_offset(second.start)
    w.selection.set(second.id)
    w.edit_actions.mark_duplicate_elsewhere(choice=(other_doc, other.id))
    entry = w.ws.current.curation.duplicates[-1]
    assert (entry.start, entry.end) == (second.start, second.end) and w.ws.current.stack.count() == 2
    # ... and with no segment either nothing happens, and the editor is told.
    w.selection.set(None)
    messages: list[str] = []
    w.ws.sig_message.connect(messages.append)
    w.edit_actions.mark_duplicate_elsewhere(choice=(other_doc, other.id))
    assert w.ws.current.stack.count() == 2 and len(messages) == 1 and messages[0].endswith("Select the repeated passage (or its segment) first.")


def _answer_with(monkeypatch, choose) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Replace the same-document picker's exec: record the segments it offers, choose one (or the first)."""
    from curator.gui.dialogs.duplicate_picker import ROLE_ID, DuplicatePicker

    asked: list[list[str]] = []

    def exec_(self) -> int:  # type: ignore[no-untyped-def]
        model = self.segs_proxy
        ids = [model.index(r, 0).data(ROLE_ID) for r in range(model.rowCount())]
        asked.append(ids)
        wanted = choose(ids)
        self.segs_view.setCurrentIndex(model.index(ids.index(wanted), 0))
        self._accept_current()
        return self.result()

    monkeypatch.setattr(DuplicatePicker, "exec", exec_)
    return asked


def test_same_document_verb_through_its_action(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The action's triggered(bool) must not reach the verb's optional target (it did: target=False).
    w = _window(qtbot, seeds_copy)
    segs = w.ws.current.curation.segments
    source, target = segs[-1], segs[-2]
    asked = _answer_with(monkeypatch, lambda ids: target.id)
    w.view.select_span(source.start, source.end)
    w.edit_actions.actions["mark_duplicate"].trigger()
    assert len(asked) == 1
    assert any(d.segment == source.id and d.of == DuplicateRef(document=DOC, segment=target.id)
               for d in w.ws.current.curation.duplicates)


def test_same_document_picker_never_offers_the_selections_own_segment(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The list began with the segment holding the selection, chosen by default: Enter was refused
    # ("a passage cannot duplicate its own segment"). A selection across two segments was asked
    # about, then refused too.
    w = _window(qtbot, seeds_copy)
    segs = w.ws.current.curation.segments
    source = segs[0]
    asked = _answer_with(monkeypatch, lambda ids: ids[0])
    messages: list[str] = []
    w.ws.sig_message.connect(messages.append)
    w.view.select_span(source.start, source.end)
    w.edit_actions.mark_duplicate()
    assert asked and source.id not in asked[0]
    assert any(d.segment == source.id for d in w.ws.current.curation.duplicates)  # the default choice is taken
    asked.clear()
    w.view.select_span(segs[1].start, segs[2].end)
    w.edit_actions.mark_duplicate()
    assert not asked and messages[-1].endswith("Select a passage inside one segment first.")
