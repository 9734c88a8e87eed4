"""An Article's own boilerplate (a file name, a credit inside the story) shows inside its Article.

Relabelled ``boilerplate`` in the GUI, a paragraph of an Article stays in it (one undo step): the segments
pane lists it under its Article, the inspector shows its Article's fields; a footer line in no Article
stays with the teasers and boilerplate apart, and may be put into an Article (but no Article starts at it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.gui.panes.segments_model import SEGMENT_ID_ROLE, SegmentsModel
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def _group_of(model: SegmentsModel, sid: str) -> str:
    index = model.index_of(sid)
    assert index.data(SEGMENT_ID_ROLE) == sid
    return str(model.index(index.parent().row(), 1).data())


def test_a_paragraph_relabelled_boilerplate_stays_in_its_article_in_both_panes(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    doc = w.ws.current
    para = next(s for s in doc.curation.segments if s.label == "paragraph" and s.article)
    article = para.article
    w.selection.set(para.id)
    w.edit_actions.label_actions["boilerplate"].trigger()
    seg = doc.curation.segment(para.id)
    assert (seg.label, seg.article) == ("boilerplate", article)
    model = w.segments_pane.model
    assert _group_of(model, para.id).startswith(f"Article {article}:")
    fresh = SegmentsModel()
    fresh.set_curation(doc.curation)
    assert _group_of(fresh, para.id).startswith(f"Article {article}:")
    # the inspector: its Article's fields, the box to move it, a new Article may start at it
    assert w.inspector.article.isEnabled() and w.inspector.article.currentData() == article
    assert w.inspector.new_article.isEnabled()
    assert not w.inspector.article_note.text()
    doc.stack.undo()  # one step back: a paragraph of the Article again
    assert (doc.curation.segment(para.id).label, doc.curation.segment(para.id).article) == ("paragraph", article)
    # a footer line in no Article: apart, joinable, no Article starts at it
    footer = next(s for s in doc.curation.segments if s.label == "boilerplate" and s.article is None)
    assert _group_of(model, footer.id).startswith("Teasers and boilerplate")
    w.selection.set(footer.id)
    assert w.inspector.article.isEnabled() and not w.inspector.new_article.isEnabled()
    assert "outside" in w.inspector.article_note.text()
