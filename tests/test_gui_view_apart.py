"""Every way a big Document comes to the screen lays its text out off the UI thread (round gui19, issue 10).

Round gui18 did it for a big curated file the loader thread reads; a page without a curated file (parsed apart) and a
Document shown again after the view let its laid-out text go (it keeps two) were still laid out by ``setPlainText``
on the UI thread, one ~150-250 ms step on a 10 MB page. The size a Document needs to be laid out apart
(``PREPARE_APART_CHARS``) and to be parsed apart (``BIG_PAGE``) is lowered so that the seeds stand in. Nothing is timed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.edit import SetLabel
from curator.gui import main_window, workspace
from curator.gui.main_window import MainWindow
from curator.gui.panes import text_view
from tests.test_gui_arrival import _laid_out_on_ui_thread, _raw, _raw_of
from tests.test_gui_load_apart import _window

pytestmark = pytest.mark.gui

DOCS = ("001_a97ccaad3a27ba85", "003_fec15abcf43ad61a", "004_a7b9a83599aa6619", "002_d96c296a24306448")


def _arrays(w: MainWindow) -> tuple[object, ...]:
    return (w.view._starts, w.view._ends, w.view._ids, w.view._labels, w.view._gaps, dict(w.view._index))


def _as_the_view_makes_them(w: MainWindow) -> bool:
    made = _arrays(w)
    w.view.rebuild()
    return made == _arrays(w)


@pytest.fixture
def apart(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(main_window, "PREPARE_APART_CHARS", 1_000, raising=False)  # (absent before round gui19)
    return _laid_out_on_ui_thread(monkeypatch)


def test_a_page_without_a_curated_file_is_laid_out_off_the_ui_thread(  # type: ignore[no-untyped-def]
        qtbot, seeds_copy: Path, monkeypatch: pytest.MonkeyPatch, apart: list[int]) -> None:
    doc_id = DOCS[1]
    (seeds_copy / "curated" / f"{doc_id}.json").unlink()
    monkeypatch.setattr(workspace, "BIG_PAGE", 1_000)  # parsed apart too, as a big page is
    refused: list[str] = []
    w = _window(qtbot, seeds_copy, doc_id)
    w.ws.sig_refused.connect(lambda name, why: refused.append(why))
    w.show()
    doc = w.ws.current
    assert doc is not None and doc.doc_id == doc_id and doc.parsing
    qtbot.waitUntil(lambda: not doc.arriving and w.view.doc is doc, timeout=30000)
    assert len(doc.text) not in apart  # never given to setPlainText on the UI thread
    assert _raw(w.view.document()) == _raw_of(doc.text)
    qtbot.waitUntil(lambda: not doc.parsing, timeout=60000)
    assert doc.curation.segments and not doc.modified
    assert _as_the_view_makes_them(w)
    seg = doc.curation.segments[0]
    assert w.ws.push(SetLabel((seg.id,), "boilerplate")), refused
    assert doc.stack.count() == 1 and w.view._labels[0] == "boilerplate"


def test_a_document_shown_again_after_the_view_let_it_go_is_laid_out_off_the_ui_thread(  # type: ignore[no-untyped-def]
        qtbot, seeds_copy: Path, apart: list[int]) -> None:
    w = _window(qtbot, seeds_copy, DOCS[0])
    w.show()
    for doc_id in DOCS:  # four shown: the view keeps the last two it left
        w.open_document(doc_id)
        qtbot.waitUntil(lambda: w.ws.current is not None and w.ws.current.doc_id == doc_id  # noqa: B023
                        and not w.ws.current.arriving and w.view.doc is w.ws.current, timeout=30000)
    first = w.ws.docs[DOCS[0]]
    apart.clear()
    refused: list[str] = []
    w.ws.sig_refused.connect(lambda name, why: refused.append(why))
    w.open_document(DOCS[0])
    assert w.ws.current is first
    assert first.arriving and not w.ws.push(SetLabel((first.curation.segments[0].id,), "boilerplate"))
    assert refused and "opening" in refused[-1]  # refused while its text is made, saying why
    qtbot.waitUntil(lambda: not first.arriving and w.view.doc is first, timeout=30000)
    assert len(first.text) not in apart
    assert _raw(w.view.document()) == _raw_of(first.text) and _as_the_view_makes_them(w)
    assert w.segments_pane.doc is first and w.inspector.doc is first
    assert w.ws.push(SetLabel((first.curation.segments[0].id,), "boilerplate")) and first.modified


def test_a_view_kept_is_shown_at_once(qtbot, seeds_copy: Path, apart: list[int]) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, seeds_copy, DOCS[0])
    w.show()
    for doc_id in (DOCS[1], DOCS[0]):
        w.open_document(doc_id)
        qtbot.waitUntil(lambda: not w.ws.current.arriving and w.view.doc is w.ws.current, timeout=30000)  # type: ignore[union-attr]
    w.open_document(DOCS[1])  # kept: no thread, no steps
    assert w.view.doc is w.ws.current and not w.ws.current.arriving  # type: ignore[union-attr]
    for doc_id in (DOCS[2], DOCS[0]):  # the first of three shown in turn is still kept when it comes back
        w.open_document(doc_id)
        qtbot.waitUntil(lambda: not w.ws.current.arriving and w.view.doc is w.ws.current, timeout=30000)  # type: ignore[union-attr]
    assert text_view.SHOWN_KEPT == 2
    apart.clear()
    w.open_document(DOCS[1])
    assert w.view.doc is w.ws.current and not w.ws.current.arriving and not apart  # type: ignore[union-attr]
