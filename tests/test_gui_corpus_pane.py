"""The corpus pane sorts by value: marking a Document unsaved never moves its row."""

from __future__ import annotations

import dataclasses

import pytest

from curator.gui.panes.corpus_model import COLUMNS, DOC_ID_ROLE
from curator.gui.panes.corpus_pane import CorpusPane
from curator.gui.workspace import DocSummary

pytestmark = pytest.mark.gui


def _order(pane: CorpusPane) -> list[str]:
    proxy = pane.proxy
    return [proxy.index(r, 0).data(DOC_ID_ROLE) for r in range(proxy.rowCount())]


def test_unsaved_marker_keeps_the_row_in_place_and_numbers_sort_numerically(qtbot, qtmodeltester):
    pane = CorpusPane()
    qtbot.addWidget(pane)
    rows = [DocSummary(doc_id=f"{i:03d}_doc", status="auto", segments=seg) for i, seg in enumerate((9, 10, 100))]
    pane.set_summaries(rows)
    qtmodeltester.check(pane.proxy)
    assert _order(pane) == ["000_doc", "001_doc", "002_doc"]
    pane.update_summary(dataclasses.replace(rows[0], modified=True))
    assert pane.proxy.index(0, 0).data().startswith("● ")
    assert _order(pane) == ["000_doc", "001_doc", "002_doc"]
    pane.table.sortByColumn(COLUMNS.index("Seg"), pane.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    assert _order(pane) == ["002_doc", "001_doc", "000_doc"], "segment counts sort as numbers"


def test_confidence_shows_sorts_doubtful_first_and_filters(qtbot, qtmodeltester):
    """The parser's confidence (Article.confidence, null = unknown): an editor starts with the doubtful pages."""
    from PySide6.QtCore import Qt

    pane = CorpusPane()
    qtbot.addWidget(pane)
    rows = [DocSummary(doc_id="a", status="auto", segments=3, confidence=0.9),
            DocSummary(doc_id="b", status="auto", segments=3, confidence=None),
            DocSummary(doc_id="c", status="auto", segments=3, confidence=0.2, doubts="no dateline"),
            DocSummary(doc_id="d", status="new")]
    pane.set_summaries(rows)
    qtmodeltester.check(pane.proxy)
    col = COLUMNS.index("Conf")
    shown = {pane.proxy.index(r, 0).data(DOC_ID_ROLE): pane.proxy.index(r, col).data() for r in range(4)}
    assert shown == {"a": "0.90", "b": "—", "c": "0.20", "d": ""}
    c_row = _order(pane).index("c")
    assert "no dateline" in pane.proxy.index(c_row, col).data(Qt.ItemDataRole.ToolTipRole)
    pane.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    assert _order(pane)[:3] == ["c", "a", "b"]  # doubtful first, unknown after the known ones
    pane.confidence.setCurrentIndex(pane.confidence.findData(0.5))
    assert _order(pane) == ["c"]
    pane.confidence.setCurrentIndex(pane.confidence.findData("unknown"))
    assert _order(pane) == ["b"]


def test_document_summary_takes_the_least_confident_article():
    from curator.core.model import Article
    from tests.factories import sample_curation

    _text, cur = sample_curation()
    cur = cur.model_copy(update={"articles": [*cur.articles, Article(id="a2", title="Other", confidence=0.3,
                                                                     reasons=["title repeated"])]})
    cur.articles[0].confidence = 0.8
    summary = DocSummary.of("doc", cur)
    assert (summary.confidence, summary.doubts) == (0.3, "title repeated")
    assert DocSummary.of("doc", cur.model_copy(update={"articles": []})).confidence is None


def test_columns_are_fitted_once_and_hold_the_widest_status(qtbot):  # type: ignore[no-untyped-def]
    """Columns are fitted when rows are loaded, not on every change (fitting measured every row:
    28 ms of each edit with 300 Documents); so each is wide enough for any later value."""
    from PySide6.QtWidgets import QHeaderView

    pane = CorpusPane()
    qtbot.addWidget(pane)
    pane.set_summaries([DocSummary(doc_id=f"{i:03d}", status="auto", segments=1) for i in range(50)])
    header = pane.table.horizontalHeader()
    status = COLUMNS.index("Status")
    assert header.sectionResizeMode(status) != QHeaderView.ResizeMode.ResizeToContents
    widest = pane.table.fontMetrics().horizontalAdvance("in_progress")
    assert header.sectionSize(status) > widest
    width = header.sectionSize(COLUMNS.index("Seg"))
    pane.update_summary(DocSummary(doc_id="000", status="in_progress", segments=12345))
    assert header.sectionSize(COLUMNS.index("Seg")) == width  # no refit per change
    assert header.sectionSize(COLUMNS.index("Seg")) > pane.table.fontMetrics().horizontalAdvance("12345")
