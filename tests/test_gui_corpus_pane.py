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
    width = header.sectionSize(COLUMNS.index("Todo"))
    pane.update_summary(DocSummary(doc_id="000", status="in_progress", segments=12345, unreviewed=12345))
    assert header.sectionSize(COLUMNS.index("Todo")) == width  # no refit per change
    assert header.sectionSize(COLUMNS.index("Todo")) > pane.table.fontMetrics().horizontalAdvance("12345")


def _python_calls_into(module_file: str, work) -> int:  # type: ignore[no-untyped-def]
    """How many Python calls ``work()`` makes into functions defined in ``module_file`` (Qt's calls included)."""
    import sys

    calls = 0

    def hook(frame, event, _arg):  # type: ignore[no-untyped-def]
        nonlocal calls
        if event == "call" and frame.f_code.co_filename == module_file:
            calls += 1

    sys.setprofile(hook)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


def test_painting_sorting_and_ending_a_job_read_no_row_through_python(qtbot):  # type: ignore[no-untyped-def]
    """The UI thread's work on the corpus table does not grow with its rows: the rows are held in C++.

    With a Python item model, one paint of the table called the model's data() ~800 times and the
    end of a background parse (re-sort + column fit over 300 rows) ~5,500 times: a 100-130 ms stall.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from curator.gui.panes import corpus_model

    pane = CorpusPane()
    qtbot.addWidget(pane)
    pane.resize(400, 800)
    pane.show()
    n = 300
    pane.set_summaries([DocSummary(doc_id=f"{i:03d}_doc", status="new") for i in range(n)])
    QApplication.processEvents()
    pane.table.sortByColumn(COLUMNS.index("Conf"), Qt.SortOrder.AscendingOrder)
    here = corpus_model.__file__
    assert _python_calls_into(here, lambda: (pane.table.viewport().repaint(), QApplication.processEvents())) < 30
    pane.show_progress((0, n, "Parsing"))
    parsed = [DocSummary(doc_id=f"{i:03d}_doc", status="auto", segments=i % 7, confidence=(i * 37 % 100) / 100)
              for i in range(n)]
    for k in range(0, n, 30):  # batches, as the job sends them
        pane.update_summaries(parsed[k:k + 30])
        pane.show_progress((k + 30, n, "Parsing"))
        QApplication.processEvents()

    def end() -> None:
        pane.show_progress(None)
        QApplication.processEvents()

    assert _python_calls_into(here, end) < n // 2
    shown = _order(pane)
    want = [s.doc_id for s in sorted(parsed, key=lambda s: (s.confidence, s.doc_id))]
    assert [pane.proxy.index(r, COLUMNS.index("Conf")).data() for r in range(3)] == ["0.00", "0.00", "0.00"]
    assert sorted(shown) == sorted(want) and shown[:3] == want[:3]  # sorted by confidence once the job ended


def test_progress_never_paints_the_window_synchronously(qtbot):  # type: ignore[no-untyped-def]
    """QProgressBar.setValue repaints at once, which paints every dirty widget of the window (the table
    a result batch changed) inside the progress signal; the pane's bar waits for the event loop."""
    from PySide6.QtCore import QEvent, QObject

    pane = CorpusPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.set_summaries([DocSummary(doc_id=f"{i:03d}", status="new") for i in range(20)])
    paints = []

    class Count(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                paints.append(obj)
            return False

    counter = Count()
    pane.progress.installEventFilter(counter)
    pane.table.viewport().installEventFilter(counter)
    pane.show_progress((0, 100, "Parsing"))
    qtbot.wait(20)
    paints.clear()
    for done in range(10, 100, 10):
        pane.update_summary(DocSummary(doc_id=f"{done // 10:03d}", status="auto", segments=done))
        pane.show_progress((done, 100, "Parsing"))
        assert paints == [], "painted inside show_progress"
    qtbot.waitUntil(lambda: bool(paints))  # and painted by the event loop
    assert pane.progress.value() == 90


def test_the_default_window_shows_whole_document_names_and_chosen_columns(qtbot, seeds_copy, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """In the default layout the Document column was squeezed to "0…0" by five count columns fitted
    wide; the names are what an editor reads there. Columns can be chosen (View ▸ Corpus columns, or
    the header's menu) and the choice is kept."""
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    from curator.gui.app import build_window
    from curator.gui.main_window import MainWindow

    # The 1440x900 first start of a screen that holds it (the offscreen one is 800x800: the window would fit that).
    monkeypatch.setattr(MainWindow, "_first_size", lambda self: (1440, 900))

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))

    def open_window():  # type: ignore[no-untyped-def]
        w = build_window(seeds_copy, document="003_fec15abcf43ad61a", parse_in_background=False, use_settings=True)
        w.ws.set_autosave(False)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        qtbot.wait(50)  # the default dock sizes are applied after the first layout pass
        QApplication.processEvents()
        return w

    w = open_window()
    pane = w.corpus_pane
    table, header = pane.table, pane.table.horizontalHeader()
    longest = max(w.ws.summaries, key=len)
    need = table.fontMetrics().horizontalAdvance(longest)
    assert header.sectionSize(0) >= need, (header.sectionSize(0), need, [header.sectionSize(c) for c in range(6)])
    shown = [COLUMNS[c] for c in range(len(COLUMNS)) if not header.isSectionHidden(c)]
    assert shown[:2] == ["Document", "Status"] and "Todo" in shown
    for col in range(1, len(COLUMNS)):  # every shown column's header reads whole, sort arrow included
        if not header.isSectionHidden(col):
            assert header.sectionSize(col) >= header.sectionSizeFromContents(col).width(), COLUMNS[col]
    seg = pane.column_actions["Seg"]
    was = seg.isChecked()
    seg.trigger()
    assert header.isSectionHidden(COLUMNS.index("Seg")) == was
    assert seg in w.view_menu_actions() and seg in header.actions()
    w.close()
    w2 = open_window()
    assert w2.corpus_pane.table.horizontalHeader().isSectionHidden(COLUMNS.index("Seg")) == was
    w2.close()


def test_a_job_with_nothing_counted_yet_shows_a_busy_bar_not_a_frozen_zero(qtbot):  # type: ignore[no-untyped-def]
    """"Starting 0/1" stood still for 30 s while one long Document was read: until the first
    Document is done the bar moves (Qt's busy range) and says what is going on."""
    pane = CorpusPane()
    qtbot.addWidget(pane)
    pane.show_progress((0, 1, "Reading"))
    assert (pane.progress.minimum(), pane.progress.maximum()) == (0, 0)  # busy
    assert pane.progress.format().startswith("Reading")
    pane.show_progress((1, 3, "Parsing"))
    assert (pane.progress.maximum(), pane.progress.value()) == (3, 1)


def test_imported_ids_show_the_page_name_first_not_the_shared_host_folder(qtbot):
    # Imported ids are `host/path/slug-hash`: every row began with the same `en.example.org/news/…`
    # and eliding the middle showed `en.example...7baf8d0a3` on every row, hiding the page name.
    from PySide6.QtCore import Qt

    pane = CorpusPane()
    qtbot.addWidget(pane)
    ids = ["en.example.org/news/news_odkb/1-20-april-marked-the-30th-6-27baf8d0a3",
           "en.example.org/news/news_odkb/accordingly-the-role-3-45149690ed", "000_52543f1512a84840"]
    pane.set_summaries([DocSummary(doc_id=i, status="auto", segments=1) for i in ids])
    shown = {pane.proxy.index(r, 0).data(DOC_ID_ROLE): pane.proxy.index(r, 0).data() for r in range(3)}
    assert shown[ids[0]].startswith("1-20-april-marked-the-30th-6-27baf8d0a3")
    assert shown[ids[1]].startswith("accordingly-the-role-3-45149690ed")
    assert "en.example.org/news/news_odkb" in shown[ids[0]]  # the folder is still there, after the name
    assert shown[ids[2]] == "000_52543f1512a84840"
    assert pane.table.textElideMode() == Qt.TextElideMode.ElideRight
    assert pane.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)  # the whole id on hover
    pane.name.setText("news_odkb/accordingly")  # the name filter still matches the whole id
    assert [pane.proxy.index(r, 0).data(DOC_ID_ROLE) for r in range(pane.proxy.rowCount())] == [ids[1]]


def test_only_the_open_documents_row_is_bold_after_moving_on(qtbot):
    # Ctrl+PgDown twice left 001 and 002 bold beside the open 003: refilling a row merged the
    # new roles into the items and never took the bold font (or a confidence tint) away.
    from PySide6.QtCore import Qt

    pane = CorpusPane()
    qtbot.addWidget(pane)
    rows = [DocSummary(doc_id=d, status="auto", segments=1, confidence=0.3) for d in ("a", "b", "c")]
    pane.set_summaries(rows)
    for doc in ("a", "b", "c"):
        pane.mark_current(doc)

    def bold(doc: str) -> bool:
        row = _order(pane).index(doc)
        font = pane.proxy.index(row, 0).data(Qt.ItemDataRole.FontRole)
        return font is not None and font.bold()

    assert [bold(d) for d in ("a", "b", "c")] == [False, False, True]
    pane.update_summary(dataclasses.replace(rows[0], confidence=None))
    row = _order(pane).index("a")
    assert pane.proxy.index(row, COLUMNS.index("Conf")).data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_job_starting_or_ending_never_lays_the_window_out_again(qtbot, seeds_copy):  # type: ignore[no-untyped-def]
    """The progress row appearing at a job's start (and going at its end) resized the corpus dock and then
    the centre, so the 1 MB Document's text was laid out and the whole window repainted: 71 ms of the UI
    thread's CPU in one go (the worst stall of `bench gui --only jobs`). The row's room is kept."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from curator.gui.app import build_window

    w = build_window(seeds_copy, document="003_fec15abcf43ad61a", parse_in_background=False, use_settings=False)
    w.ws.set_autosave(False)
    qtbot.addWidget(w)
    w.resize(1600, 960)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)
    QApplication.processEvents()
    resized: list[str] = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QEvent.Type.Resize:
                resized.append(type(obj).__name__)
            return False

    watch = Watch()
    for widget in (w.view, w.corpus_pane, w.corpus_pane.table, w.modes):
        widget.installEventFilter(watch)
    w.corpus_pane.show_progress((0, 300, "Reading"))
    QApplication.processEvents()
    w.corpus_pane.show_progress((150, 300, "Parsing a rather long stage name"))
    QApplication.processEvents()
    w.corpus_pane.show_progress(None)
    QApplication.processEvents()
    assert resized == [], resized
    w.close()


def test_the_conf_column_agrees_with_curator_info(qtbot, seeds_copy, capsys):  # type: ignore[no-untyped-def]
    """Curated pages read "—" in the Conf column while `curator info --sort confidence` gave them 1.000: the
    window now uses the same rule (core.confidence.document_confidence: an Article made or checked by an
    editor counts as sure; a page with no Article is unknown), so both say the same for every page."""
    import json

    from curator.cli import main
    from curator.gui.panes.corpus_model import COL_CONFIDENCE
    from tests.gui_window import quiet_window

    assert main(["info", str(seeds_copy), "--sort", "confidence", "--json"]) == 0
    listed = {r["id"]: r["confidence"] for r in json.loads(capsys.readouterr().out)["listed"]}
    assert listed and set(listed.values()) == {1.0}
    w = quiet_window(qtbot, seeds_copy, None)
    pane = w.corpus_pane
    for doc_id, conf in listed.items():
        row = pane.model.row_of(doc_id)
        shown = pane.model.index(row, COL_CONFIDENCE).data()
        assert shown == ("—" if conf is None else f"{conf:.2f}"), doc_id
