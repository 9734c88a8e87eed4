"""Go ▸ next/previous Article, next duplicate group, next passage with no speaker (round gui12): on a long
Document the editor reached the next Article by scrolling the tree, and a speech's unattributed paragraphs or
the next duplicate group only with the mouse. Each is a key, in the Go menu with its shortcut, and leaves the
keyboard where it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from curator.core.edit import navigate
from tests.gui_window import press, quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def _go_menu(w):  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in w.menuBar().actions() if a.menu() and a.menu().title().replace("&", "") == "Go")
    return {a.text(): a for a in menu.actions() if not a.isSeparator()}


def test_the_go_menu_has_the_jumps_with_their_keys(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    go = _go_menu(w)
    for text in ("Next article", "Previous article", "Next duplicate group", "Next passage with no speaker"):
        assert text in go, sorted(go)
        keys = go[text].shortcut().toString()
        assert keys and keys in go[text].toolTip()


def test_next_and_previous_article_from_the_text_keep_the_keyboard_there(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from curator.core import edit

    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    segs = doc.curation.segments
    inside = [s for s in segs if s.article is not None]
    second = inside[len(inside) // 2]
    assert w.ws.push(edit.StartArticle(second.id, new_id="a2"))
    starts = [doc.curation.segments[i].id for i in navigate.article_starts(doc.curation)]
    assert len(starts) == 2 and starts[1] == second.id
    w.selection.set(segs[0].id)
    w.view.setFocus()
    depth = doc.stack.index()
    press(qtbot, "Ctrl+Shift+PgDown")
    assert w.selection.current == starts[0]
    press(qtbot, "Ctrl+Shift+PgDown")
    assert w.selection.current == starts[1]
    assert QApplication.focusWidget() is w.view
    assert "a2" in w.statusBar().currentMessage()
    press(qtbot, "Ctrl+Shift+PgUp")
    assert w.selection.current == starts[0]
    assert doc.stack.index() == depth  # a jump is no edit


def test_next_passage_with_no_speaker_and_next_duplicate_group(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from curator.core import edit

    w = quiet_window(qtbot, seeds_copy, DOC, active=True)
    doc = w.ws.current
    segs = doc.curation.segments
    said = [s for s in segs if s.speaker is not None and s.label == "paragraph"]
    quiet = [said[1].id, said[-2].id]
    w.segments_pane.view.setFocus()
    w.selection.set(segs[0].id)
    press(qtbot, "Ctrl+Shift+W")
    assert "speaker" in w.statusBar().currentMessage() and w.selection.current == segs[0].id  # none yet
    assert w.ws.push(edit.AssignSpeaker(quiet, None))
    press(qtbot, "Ctrl+Shift+W")
    assert w.selection.current == quiet[0]
    press(qtbot, "Ctrl+Shift+W")
    assert w.selection.current == quiet[1]
    press(qtbot, "Ctrl+Shift+W")  # round to the first
    assert w.selection.current == quiet[0]
    firsts = navigate.group_starts(doc.curation)  # the seed's gold has groups
    assert len(firsts) > 2
    (first, g1), (at, group) = firsts[0], firsts[1]
    w.selection.set(segs[first].id)
    press(qtbot, "Ctrl+Shift+G")
    assert w.selection.current == doc.curation.segments[at].id
    assert group in w.statusBar().currentMessage()
    w.selection.set(segs[firsts[-1][0]].id)
    press(qtbot, "Ctrl+Shift+G")  # round to the first
    assert w.selection.current == segs[first].id and g1 in w.statusBar().currentMessage()
    assert QApplication.focusWidget() is w.segments_pane.view


def test_every_key_is_in_its_tooltip_and_the_inspector_buttons_name_theirs(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """A menu action's tooltip was its bare name, and the inspector's Same as previous, New article from here
    and New from selection buttons had no tooltip: their keys (Ctrl+D, Ctrl+Shift+A, Ctrl+Shift+E) were
    found only in the menus."""
    w = quiet_window(qtbot, seeds_copy, DOC)

    def walk(menu):  # type: ignore[no-untyped-def]
        for act in menu.actions():
            if act.menu() is not None:
                yield from walk(act.menu())
            elif not act.isSeparator():
                yield act

    lacking = [(a.text(), a.shortcut().toString()) for top in w.menuBar().actions() if top.menu()
               for a in walk(top.menu()) if a.shortcut().toString() and a.shortcut().toString() not in a.toolTip()]
    assert lacking == []
    ins = w.inspector
    for button, keys in ((ins.same_speaker, "Ctrl+D"), (ins.new_article, "Ctrl+Shift+A"), (ins.ev_new, "Ctrl+Shift+E"),
                         (ins.reviewed, "Ctrl+R")):
        assert keys in button.toolTip(), (button.text(), button.toolTip())
