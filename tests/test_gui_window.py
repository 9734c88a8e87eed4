"""The curation window driven through its real actions and widgets (offscreen)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.jsonio import dump_curation
from curator.core.store import Corpus
from curator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"
from tests.gui_window import quiet_window, save_and_wait


def _window(qtbot, corpus: Path, doc: str = DOC) -> MainWindow:  # type: ignore[no-untyped-def]
    return quiet_window(qtbot, corpus, doc)


def _cur(window: MainWindow):  # type: ignore[no-untyped-def]
    return window.ws.current.curation


def _check_undo_redo(window: MainWindow, before: str) -> str:
    """Undo restores the state exactly and clean; redo brings the edit back, unclean."""
    stack = window.ws.current.stack
    after = dump_curation(_cur(window))
    assert after != before
    assert not stack.isClean() and window.isWindowModified()
    window.undo_action.trigger()
    assert dump_curation(_cur(window)) == before
    assert stack.isClean() and not window.isWindowModified()
    window.redo_action.trigger()
    assert dump_curation(_cur(window)) == after
    return after


def _select(window: MainWindow, index: int) -> str:
    seg = _cur(window).segments[index]
    window.selection.set(seg.id)
    return seg.id


def test_split_merge_label_through_actions(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    acts = w.edit_actions.actions
    seg = next(s for s in _cur(w).segments if " " in s.text.strip() and s.end - s.start > 40)
    before = dump_curation(_cur(w))
    cut = seg.start + seg.text.index(" ", 15)
    w.view.set_cursor_offset(cut)
    assert w.selection.current == seg.id  # a click/caret in the text selects the segment
    acts["split"].trigger()
    assert w.undo_action.text().startswith("Undo Split segment")
    assert len(_cur(w).segments) == len(w.ws.current.stack.command(0).command._before.segments) + 1
    _check_undo_redo(w, before)
    before = dump_curation(_cur(w))
    w.selection.set(seg.id)
    acts["merge_next"].trigger()
    assert _cur(w).segment(seg.id).end > cut
    _check_undo_redo(w, before) if w.ws.current.stack.cleanIndex() == w.ws.current.stack.index() - 1 else None
    ids = tuple(s.id for s in _cur(w).segments[5:8])
    w.selection.set(ids[0], ids)
    w.edit_actions.label_actions["answer"].trigger()
    assert {_cur(w).segment(i).label for i in ids} == {"answer"}
    assert w.segments_pane.model.index_of(ids[0], 0).data() == "answer"


def test_every_verb_undoes_and_redoes(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    stack = w.ws.current.stack
    acts = w.edit_actions.actions

    def step(run) -> None:  # type: ignore[no-untyped-def]
        stack.setClean()
        before = dump_curation(_cur(w))
        run()
        _check_undo_redo(w, before)

    body = [i for i, s in enumerate(_cur(w).segments) if s.article and s.end - s.start > 40]
    i = body[1]
    sid = _select(w, i)
    seg = _cur(w).segment(sid)
    step(lambda: (acts["end_word_left"].trigger(), acts["end_word_left"].trigger()))
    assert stack.count() == 1 and stack.command(0).childCount() in (0, 2)  # two nudges, one undo step
    step(lambda: acts["start_word_right"].trigger())
    w.view.set_cursor_offset(_cur(w).segment(sid).end - 10)
    w.selection.set(sid)
    step(lambda: acts["end_to_cursor"].trigger())
    w.view.select_span(seg.start + 3, seg.end - 3)
    w.selection.set(sid)
    step(lambda: acts["set_span"].trigger())
    w.selection.set(sid)
    step(lambda: acts["delete"].trigger())
    assert sid not in {s.id for s in _cur(w).segments}
    w.view.select_span(seg.start, seg.end)
    step(lambda: acts["new_segment"].trigger())
    made = _cur(w).segment(w.selection.current)
    assert (made.start, made.end, made.origin) == (seg.start, seg.end, "editor")
    sid = _select(w, body[2])
    step(lambda: acts["new_article"].trigger())
    if _cur(w).segment(sid).reviewed:
        step(w.inspector.reviewed.click)  # the inspector's checkbox un-marks it
        assert not _cur(w).segment(sid).reviewed
        w.selection.set(sid)
    step(lambda: acts["reviewed"].trigger())
    assert _cur(w).segment(sid).reviewed
    w.selection.set(sid)
    w.inspector.speaker.setText("Imangali Tasmagambetov")
    step(w.inspector.assign_typed_speaker)
    assert _cur(w).segment(sid).speaker == "imangali-tasmagambetov"  # the registry's id
    nxt = _cur(w).segments[body[2] + 1].id
    w.selection.set(nxt)
    step(lambda: acts["same_speaker"].trigger()) if _cur(w).segment(nxt).speaker is None else None
    w.view.select_span(seg.start, seg.start + 20)
    step(lambda: acts["new_event"].trigger())
    assert _cur(w).events[-1].origin == "editor"
    other = _cur(w).segments[body[0]]
    target = _cur(w).segments[body[3]]
    w.view.select_span(other.start, other.end)
    step(lambda: w.edit_actions.mark_duplicate(target=target.id))
    assert any(d.segment == other.id and d.of and d.of.segment == target.id for d in _cur(w).duplicates)
    if _cur(w).status == "curated":
        from curator.core.edit import SetStatus
        assert w.ws.push(SetStatus("in_progress"))
    step(lambda: acts["curated"].trigger())
    assert _cur(w).status == "curated"


def test_article_date_is_validated_in_the_inspector(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    sid = next(s.id for s in _cur(w).segments if s.article)
    w.selection.set(sid)
    w.inspector.date.setText("12.03.2024")
    w.inspector.date.editingFinished.emit()
    assert "ISO" in w.inspector.article_error.text()
    w.inspector.date.setText("2024-03-12")
    w.inspector.date.editingFinished.emit()
    art = next(a for a in _cur(w).articles if a.id == _cur(w).segment(sid).article)
    assert str(art.date) == "2024-03-12"


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    qtmodeltester.check(w.segments_pane.model)
    qtmodeltester.check(w.corpus_pane.model)
    w.corpus_pane.proxy.set_filter(status="auto")
    qtmodeltester.check(w.corpus_pane.proxy)
    # An edit that regroups segments and one that changes rows in place.
    _select(w, 3)
    w.edit_actions.label_actions["teaser"].trigger()
    w.edit_actions.actions["reviewed"].trigger()
    qtmodeltester.check(w.segments_pane.model)


def _tree(model) -> list[tuple[str, list[tuple[object, ...]]]]:  # type: ignore[no-untyped-def]
    """Everything the segments tree shows: group titles, and each row's cells."""
    out = []
    for g in range(model.rowCount()):
        parent = model.index(g, 0)
        rows = [tuple(model.index(r, c, parent).data() for c in range(model.columnCount()))
                for r in range(model.rowCount(parent))]
        out.append((model.index(g, 1).data(), rows))  # the title, in the Text cell
    return out


def _painter_arrays(view) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    return (list(view._starts), list(view._ends), list(view._ids), list(view._labels), list(view._gaps),
            list(view._gap_starts), {sid: view._pos(sid) for sid in view._ids}, list(view._segs))


def test_segments_tree_updates_rows_in_place(qtbot, qtmodeltester, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """Every structural verb, its undo and redo: row signals only (no reset), the tree a fresh model would
    show, and the text view's arrays patched to what a full rebuild gives."""
    from PySide6.QtCore import QPersistentModelIndex

    from curator.gui.panes.segments_model import SEGMENT_ID_ROLE, SegmentsModel

    w = _window(qtbot, seeds_copy)
    model = w.segments_pane.model
    qtmodeltester.check(model, force_py=True)  # stays attached and asserts on every row signal below
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    acts, labels = w.edit_actions.actions, w.edit_actions.label_actions
    long = next(i for i, s in enumerate(_cur(w).segments) if s.article and s.end - s.start > 60 and " " in s.text[20:])
    first = next(i for i, s in enumerate(_cur(w).segments) if s.article)
    assert _cur(w).segments[first + 3].article == _cur(w).segments[first].article

    def split() -> None:
        seg = _cur(w).segments[long]
        w.selection.set(seg.id)
        w.view.set_cursor_offset(seg.start + seg.text.index(" ", 20))
        acts["split"].trigger()

    verbs = {
        "split": split,
        "merge": lambda: (_select(w, long), acts["merge_next"].trigger()),
        "nudge": lambda: (_select(w, long), acts["end_word_left"].trigger()),
        "delete": lambda: (_select(w, long), acts["delete"].trigger()),
        "teaser": lambda: (_select(w, long), labels["teaser"].trigger()),
        "answer": lambda: (_select(w, long), labels["answer"].trigger()),
        "article": lambda: (_select(w, long), acts["new_article"].trigger()),
        # At an article's first segment the new article takes over the old one's row; mid-way it gets a new row.
        "article at first": lambda: (_select(w, first), acts["new_article"].trigger()),
        "article mid-way": lambda: (_select(w, first + 3), acts["new_article"].trigger()),
        "several": lambda: (w.selection.set(_cur(w).segments[1].id, tuple(s.id for s in _cur(w).segments[1:long:2])),
                            labels["boilerplate"].trigger()),
    }
    fresh = SegmentsModel()

    def pin() -> dict[str, QPersistentModelIndex]:
        return {s.id: QPersistentModelIndex(model.index_of(s.id)) for s in _cur(w).segments}

    for name, verb in verbs.items():
        depth = w.ws.current.stack.index()
        pins = pin()
        verb()
        assert w.ws.current.stack.index() == depth + 1, name
        for step in ("edit", "undo", "redo"):
            if step == "undo":
                w.undo_action.trigger()
            elif step == "redo":
                w.redo_action.trigger()
            fresh.set_curation(_cur(w))
            assert _tree(model) == _tree(fresh), (name, step)
            # Rows moved only through row signals: every index Qt kept still points at its segment.
            moved = {sid for sid, p in pins.items() if p.isValid() and p.data(SEGMENT_ID_ROLE) != sid}
            assert moved == set(), (name, step)
            pins = pin()
            assert all(p.data(SEGMENT_ID_ROLE) == sid for sid, p in pins.items()), (name, step)  # index_of
            # The text view patched its arrays for the edit: they equal a rebuild from scratch.
            patched = _painter_arrays(w.view)
            w.view.rebuild()
            assert patched == _painter_arrays(w.view), (name, step)
            assert all(w.segments_pane.view.isExpanded(model.index(g, 0)) for g in range(model.rowCount()))
        w.undo_action.trigger()
    assert resets == []


def test_corpus_filter(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    pane = w.corpus_pane
    assert len(pane.visible_ids()) == 5
    pane.name.setText("003")
    assert pane.visible_ids() == [DOC]
    pane.name.setText("")
    pane.label.setCurrentIndex(pane.label.findData("question"))
    assert DOC in pane.visible_ids()
    pane.dups.setChecked(True)
    assert all(w.ws.summaries[d].duplicates for d in pane.visible_ids())


def test_save_reopen_identical_and_conflict(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    _select(w, 2)
    w.edit_actions.label_actions["heading"].trigger()
    assert save_and_wait(w)
    path = Corpus(seeds_copy).curated_path(DOC)
    saved = path.read_text(encoding="utf-8")
    assert saved == dump_curation(_cur(w))
    assert not w.isWindowModified()
    reopened = Corpus(seeds_copy).load(DOC)
    assert dump_curation(reopened.curation) == saved
    # Someone else changes the file: the next save is refused and nothing is overwritten.
    data = json.loads(saved)
    data["status"] = "curated"
    path.write_text(json.dumps(data), encoding="utf-8")
    _select(w, 4)
    w.edit_actions.label_actions["paragraph"].trigger()
    assert not save_and_wait(w)
    assert w.problems_shown[-1][0] == "Not saved" and str(path) in w.problems_shown[-1][1]
    assert json.loads(path.read_text(encoding="utf-8"))["status"] == "curated"
    assert w.ws.current.modified


def test_crash_recovery(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    _select(w, 1)
    w.edit_actions.label_actions["heading"].trigger()
    w.ws.flush_journal()
    edited = dump_curation(_cur(w))
    # "Crash": the process's locks go with it (the journal's run lock and the window lock); nothing is cleaned.
    w.ws.journal._run_lock.release()
    w.ws.window_lock._lock.release()
    # A new window on the same corpus, the old one never saved.
    w2 = _window(qtbot, seeds_copy, doc="000_52543f1512a84840")
    monkeypatch.setattr(w2, "ask_recovery", lambda entries: "restore")
    w2.offer_recovery()
    doc = w2.ws.docs[DOC]
    assert dump_curation(doc.curation) == edited
    assert doc.modified
    doc.stack.undo()
    assert dump_curation(doc.curation) != edited
    # Saving clears the journal.
    doc.stack.redo()
    assert w2.ws.save(doc)
    assert w2.ws.recoverable() == []


def test_quit_with_unsaved_edits_asks(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    w.show()
    _select(w, 1)
    w.edit_actions.label_actions["heading"].trigger()
    asked = []
    monkeypatch.setattr(w, "ask_unsaved", lambda names: asked.append(names) or "cancel")
    assert not w.close()
    assert asked == [[DOC]] and w.isVisible()
    monkeypatch.setattr(w, "ask_unsaved", lambda names: "save")
    assert w.close()
    assert Corpus(seeds_copy).load(DOC).curation.segments[1].label == "heading"


def test_corrupt_curated_file_is_reported_and_kept(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    path = Corpus(seeds_copy).curated_path(DOC)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken", encoding="utf-8")
    w = _window(qtbot, seeds_copy)
    assert any(str(path) in text for _title, text in w.problems_shown)
    _select(w, 1)
    w.edit_actions.label_actions["heading"].trigger()
    assert not save_and_wait(w)
    assert path.read_text(encoding="utf-8") == "{broken"


def test_documents_keep_their_undo_stacks(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    _select(w, 1)
    w.edit_actions.label_actions["heading"].trigger()
    first = w.ws.current
    w.step_document(+1)
    assert w.ws.current is not first
    w.step_document(-1)
    assert w.ws.current is first and first.stack.count() == 1 and first.modified


def test_autosave_on_switch(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    w.ws.set_autosave(True)
    _select(w, 1)
    w.edit_actions.label_actions["heading"].trigger()
    w.step_document(+1)
    w.ws.finish_saves()  # written on the saver thread (round gui18: the default)
    assert Corpus(seeds_copy).load(DOC).curation.segments[1].label == "heading"


EMOJI_TEXT = "😀 Intro line 🚀\n\nBody 👍 text here\n\nTail 🎉"


def test_emoji_document(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "emoji"
    corpus.mkdir()
    (corpus / "e.txt").write_text(EMOJI_TEXT, encoding="utf-8")
    w = _window(qtbot, corpus, doc="e")
    segs = _cur(w).segments
    body = next(s for s in segs if s.text.startswith("Body"))
    # Put Qt's caret right after "👍 " (UTF-16 counts the emoji twice) and split there.
    cp = EMOJI_TEXT.index("text")
    w.view.set_cursor_offset(cp)
    assert w.view.textCursor().position() == len(EMOJI_TEXT[:cp].encode("utf-16-le")) // 2
    assert w.selection.current == body.id
    w.edit_actions.actions["split"].trigger()
    texts = [s.text for s in _cur(w).segments]
    assert "Body 👍" in texts and "text here" in texts
    w.view.select_span(EMOJI_TEXT.index("Tail"), len(EMOJI_TEXT))
    assert w.view.selected_span() == (EMOJI_TEXT.index("Tail"), len(EMOJI_TEXT))
    assert save_and_wait(w)
    reread = Corpus(corpus).load("e").curation
    assert all(EMOJI_TEXT[s.start:s.end] == s.text for s in reread.segments)


def test_file_export_opens_the_export_dialog(qtbot, seeds_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence

    from curator.gui.dialogs.export_dialog import ExportDialog

    w = _window(qtbot, seeds_copy)
    opened: list[ExportDialog] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(self) or 0)
    [export] = [a for a in w.menuBar().actions()[0].menu().actions() if a.text() == "&Export…"]
    assert export.shortcut() == QKeySequence("Ctrl+Shift+X")
    export.trigger()
    assert len(opened) == 1 and opened[0].corpus_edit.text() == str(seeds_copy)
    assert opened[0].parent() is w


def test_review_mode_gives_the_curate_panes_room_and_back(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    w.show()
    w.docks["inspector"].hide()  # the editor's own choice survives a trip to another mode
    w.modes.setCurrentIndex(w.modes.indexOf(next(w.modes.widget(i) for i in range(w.modes.count())
                                                 if w.modes.tabText(i) != "Curate")))
    assert not w.docks["segments"].isVisible() and not w.docks["inspector"].isVisible()
    assert w.docks["corpus"].isVisible()
    w.modes.setCurrentIndex(0)
    assert w.docks["segments"].isVisible() and not w.docks["inspector"].isVisible()


def test_split_acts_on_the_segment_under_the_caret_and_refuses_in_a_gap(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    segs = _cur(w).segments
    first, second = segs[0], segs[1]
    assert second.start > first.end + 1, "the seed has a blank gap between its first two segments"
    w.selection.set(first.id)
    w.view.set_cursor_offset(first.end + 1)  # on the blank gap: the caret moves, the selection stays
    before = dump_curation(_cur(w))
    messages: list[str] = []
    w.ws.sig_message.connect(messages.append)
    w.edit_actions.actions["split"].trigger()
    assert dump_curation(_cur(w)) == before, "nothing is split when the caret is on a gap"
    assert messages and "cursor is not inside a segment" in messages[-1], "the editor is told why"
    cut = second.start + second.text.index(" ", 5)
    w.view.set_cursor_offset(cut)
    w.edit_actions.actions["split"].trigger()
    assert _cur(w).segment(second.id).end == cut and _cur(w).segment(first.id) == first


def test_enter_on_a_typed_prefix_assigns_the_known_speaker_not_a_new_one(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy)
    sid = _select(w, 0)
    w.inspector.speaker.setText("Imangali")
    w.inspector.assign_typed_speaker()
    cur = _cur(w)
    speaker = next(s for s in cur.speakers if s.id == cur.segment(sid).speaker)
    assert speaker.name == "Imangali Tasmagambetov" and speaker.id == "imangali-tasmagambetov"


def test_the_segments_tree_gives_the_segments_text_more_room_than_their_speaker(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """In the default window the tree's Text column was 92 px beside a 130 px Speaker column ("On June 6,
    2…" next to "Imangali Tasmaga…" on every row): the words are what tells segments apart there, and the
    gutter already names each segment's speaker in the text."""
    from PySide6.QtWidgets import QApplication

    w = _window(qtbot, seeds_copy)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)
    QApplication.processEvents()
    from curator.gui.panes.segments_model import COL_SPEAKER, COL_TEXT

    header = w.segments_pane.view.header()
    assert header.sectionSize(COL_TEXT) >= header.sectionSize(COL_SPEAKER), [header.sectionSize(c) for c in range(5)]
    w.close()
