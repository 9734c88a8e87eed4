"""Every refused verb says why, on the Workspace's refusal signal (what a script or the window watches) and in
the status bar (round gui12): a push with no Document open returned False and said nothing, and a label key,
Del, Ctrl+R, Ctrl+D or Ctrl+Shift+A with no segment chosen did nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core import edit
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def _watch(w):  # type: ignore[no-untyped-def]
    refused: list[tuple[str, str]] = []
    w.ws.sig_refused.connect(lambda name, why: refused.append((name, why)))
    return refused


def test_a_refused_new_article_says_why_on_the_signal_and_in_the_status_bar(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    refused = _watch(w)
    segs = w.ws.current.curation.segments
    teaser = next(s for s in segs if s.label == "teaser")
    assert not w.ws.push(edit.StartArticle(teaser.id, new_id="a_new"))
    assert refused and refused[-1][0] == f"New article at {teaser.id}"
    assert "outside articles" in refused[-1][1]
    assert "outside articles" in w.statusBar().currentMessage()
    assert not w.ws.push(edit.StartArticle("nope", new_id="a_new"))
    assert "no segment 'nope'" in refused[-1][1]


def test_a_push_with_no_document_open_says_why(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from curator.core.store import Corpus
    from curator.gui.workspace import Workspace

    ws = Workspace(Corpus(seeds_copy))
    assert ws.current is None
    refused: list[tuple[str, str]] = []
    messages: list[str] = []
    ws.sig_refused.connect(lambda name, why: refused.append((name, why)))
    ws.sig_message.connect(messages.append)
    assert not ws.push(edit.StartArticle("s4", new_id="a_new"))
    assert refused == [("New article at s4", "no document is open")]
    assert messages == ["New article at s4: no document is open"]
    ws.shutdown()


@pytest.mark.parametrize("verb", ["delete", "reviewed", "same_speaker", "new_article", "merge_next",
                                  "end_word_left", "label"])
def test_a_verb_with_no_segment_chosen_says_why(qtbot, seeds_copy: Path, verb: str) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    w.selection.set(None)
    refused = _watch(w)
    w.statusBar().clearMessage()
    depth = w.ws.current.stack.index()
    act = w.edit_actions.label_actions["paragraph"] if verb == "label" else w.edit_actions.actions[verb]
    act.trigger()
    assert w.ws.current.stack.index() == depth
    assert len(refused) == 1, refused
    assert "segment" in refused[0][1]
    assert refused[0][1] in w.statusBar().currentMessage()
