"""A long curated Document (thousands of Segments) opens in proportion to what is shown, not to its length.

A 20 MB page with 20,000 curated Segments took 20 s to open: the segments tree built five items per
Segment and the curated file was read and validated twice. These tests count work, never time it
(`curator bench gui --size 20000000 --segments 20000` prints the times).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from curator.bench.gui import write_long_document
from curator.core import jsonio, store
from curator.gui.panes import segments_model
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

N = 2000


@pytest.fixture
def long_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    write_long_document(root, "long", N, 200_000)
    (root / "other.txt").write_text("Title of a page\n\nA short paragraph here.\n", encoding="utf-8")
    return root


def test_opening_reads_and_validates_the_curated_file_once(qtbot, long_corpus: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reads: list[Path] = []
    real = jsonio.curation_from_data

    def counted(data: object, path: Path) -> object:
        reads.append(Path(path))
        return real(data, path)  # type: ignore[arg-type]

    monkeypatch.setattr(jsonio, "curation_from_data", counted)
    w = quiet_window(qtbot, long_corpus, "long")
    assert w.ws.current is not None and len(w.ws.current.curation.segments) == N
    assert [p.name for p in reads] == ["long.json"]  # parsed and validated once
    assert w.ws.summaries["long"].segments == N and w.ws.summaries["long"].status == "in_progress"


def test_a_curated_file_changed_after_the_scan_is_read_again_when_opened(qtbot, long_corpus: Path) -> None:  # type: ignore[no-untyped-def]
    """What the start-up scan read is used only while the file on disk is still that one."""
    from curator.gui.app import build_window

    w = build_window(long_corpus, document="other", parse_in_background=False, use_settings=False)
    w.ws.set_autosave(False)
    qtbot.addWidget(w)
    corpus = store.Corpus(long_corpus)
    loaded = corpus.load("long")
    assert loaded is not None
    cur = loaded.curation
    changed = cur.model_copy(update={"segments": [cur.segments[0].model_copy(update={"label": "title"}),
                                                  *cur.segments[1:]]})
    corpus.save(changed, expected_stamp=loaded.stamp)
    w.open_document("long")
    assert w.ws.current is not None and w.ws.current.curation.segments[0].label == "title"
    assert w.ws.current.stamp == corpus.load("long").stamp  # type: ignore[union-attr]


def test_opening_reads_the_files_the_scan_read_once(qtbot, long_corpus: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The start-up scan read the big page's source and curated file: the open reads neither again while their
    stats are the ones taken before the scan read them (the source's decoding and the curated file's SHA-256
    were ~55 ms of opening a 10 MB page)."""
    sources: list[str] = []
    jsons: list[str] = []
    real_source, real_json = store.Corpus.read_source, store.read_json_bytes

    def counted_source(self: store.Corpus, doc_id: str) -> object:
        sources.append(doc_id)
        return real_source(self, doc_id)

    def counted_json(path: Path, **kw: object) -> bytes:
        jsons.append(Path(path).name)
        return real_json(path, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(store.Corpus, "read_source", counted_source)
    monkeypatch.setattr(store, "read_json_bytes", counted_json)
    w = quiet_window(qtbot, long_corpus, "long")
    assert w.ws.current is not None and len(w.ws.current.curation.segments) == N
    assert sources.count("long") == 1 and jsons.count("long.json") == 1


def test_a_source_changed_after_the_scan_is_read_again_when_opened(qtbot, long_corpus: Path) -> None:  # type: ignore[no-untyped-def]
    from curator.gui.app import build_window

    w = build_window(long_corpus, document="other", parse_in_background=False, use_settings=False)
    w.ws.set_autosave(False)
    qtbot.addWidget(w)
    path = long_corpus / "long.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text("X" + text[1:], encoding="utf-8", newline="")  # same length: only the stat tells
    w.open_document("long")
    assert w.ws.current is not None and w.ws.current.text.startswith("X")
    assert any("source text changed" in m for m in w.ws.current.warnings)


def test_the_segments_tree_asks_only_for_the_rows_it_shows(qtbot, long_corpus: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    real = segments_model.first_words

    def counted(text: str, *a: object) -> str:
        asked.append(text)
        return real(text, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(segments_model, "first_words", counted)
    w = quiet_window(qtbot, long_corpus, "long", active=True)
    w.resize(1600, 960)
    qtbot.wait(50)
    tree = w.segments_pane.view
    shown = tree.viewport().height() // max(1, tree.sizeHintForRow(0)) + 2
    assert 0 < len(asked) < 4 * shown + 50, (len(asked), shown)
    # The tree still holds every Segment, and choosing one far down shows it.
    model = w.segments_pane.model
    assert sum(model.rowCount(model.index(g, 0)) for g in range(model.rowCount())) == N
    asked.clear()
    far = w.ws.current.curation.segments[N - 10].id  # type: ignore[union-attr]
    w.selection.set(far)
    qtbot.wait(20)
    idx = model.index_of(far)
    assert tree.visualRect(idx).intersects(tree.viewport().rect())
    assert tree.selectionModel().isSelected(idx)
    assert len(asked) < 4 * shown + 50


def test_arrow_keys_walk_the_segments_across_articles(qtbot, long_corpus: Path) -> None:  # type: ignore[no-untyped-def]
    """Down in the tree goes to the next Segment, from an article's last into the next one's first (the
    group row between them is skipped), and the text follows."""
    w = quiet_window(qtbot, long_corpus, "long", active=True)
    segs = w.ws.current.curation.segments  # type: ignore[union-attr]
    last_of_a1 = max(i for i, s in enumerate(segs) if s.article == "a1")
    w.selection.set(segs[last_of_a1].id)
    tree = w.segments_pane.view
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert w.selection.current == segs[last_of_a1 + 1].id
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert w.selection.current == segs[last_of_a1 + 2].id
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert w.selection.current == segs[last_of_a1].id
    assert w.view.cursor_offset() >= segs[last_of_a1].start


def test_find_in_a_long_document_searches_between_turns_of_the_event_loop(qtbot, long_corpus: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A search goes window by window (one window per turn here): the window never waits for the whole text;
    the first match after the caret is shown at once, the count completes as the search goes on."""
    from curator.core.search.find import Query, find_all
    from curator.gui.panes import find_bar

    monkeypatch.setattr(find_bar, "SLICE_MS", 0)
    w = quiet_window(qtbot, long_corpus, "long", active=True)
    doc = w.ws.current
    assert doc is not None and len(doc.text) > 3 * 65_536
    w.view.set_cursor_offset(len(doc.text) // 2)
    bar = w.find_bar
    bar.open_bar()
    bar.field.setText("zzqx")  # found nowhere: the whole text is read
    bar.search()
    assert bar.searching and "%" in bar.count.text()
    qtbot.waitUntil(lambda: not bar.searching)
    assert bar.count.text() == "no match"
    bar.field.setText("Minsk council")
    bar.search()
    assert bar.searching and bar.matches  # the first window's matches are there, counted
    qtbot.waitUntil(lambda: bar.current >= 0)
    assert bar.searching  # still going, yet the first match after the caret is already chosen
    start, end = bar.matches[bar.current]
    assert start >= len(doc.text) // 2 and w.view.selected_span() == (start, end)
    qtbot.waitUntil(lambda: not bar.searching)
    expected, complete = find_all(doc.text, Query("Minsk council"))
    assert bar.matches == expected and bar.count.text() == f"{bar.current + 1} of {len(expected)}{'' if complete else '+'}"
    bar.step(1)
    assert bar.matches[bar.current] == w.view.selected_span()


def test_choosing_an_articles_first_segment_shows_the_articles_row_too(qtbot, long_corpus: Path) -> None:  # type: ignore[no-untyped-def]
    """Scrolled to an article's first segment, the tree shows that article's title row above it (it was just
    out of view, so the segment seemed to belong to the article before)."""
    w = quiet_window(qtbot, long_corpus, "long", active=True)
    segs = w.ws.current.curation.segments  # type: ignore[union-attr]
    tree, model = w.segments_pane.view, w.segments_pane.model
    for article in ("a7", "a2"):  # far below, then above
        first = next(s for s in segs if s.article == article)
        w.selection.set(first.id)
        qtbot.wait(10)
        idx = model.index_of(first.id)
        assert tree.visualRect(idx).intersects(tree.viewport().rect())
        assert tree.visualRect(idx.parent()).intersects(tree.viewport().rect()), article
