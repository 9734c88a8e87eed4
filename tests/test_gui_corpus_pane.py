"""The corpus pane sorts by value: marking a Document unsaved never moves its row."""

from __future__ import annotations

import dataclasses

import pytest

from curator.gui.panes.corpus_model import DOC_ID_ROLE
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
    pane.table.sortByColumn(2, pane.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    assert _order(pane) == ["002_doc", "001_doc", "000_doc"], "segment counts sort as numbers"
