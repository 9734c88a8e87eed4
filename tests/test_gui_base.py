"""The window records the parse an editor started from (the re-parse base) on a Document's first save."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.jsonio import dump_curation
from curator.core.review.base import base_path, load_base
from curator.core.store import Corpus
from curator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

NEW = "004_a7b9a83599aa6619"
CURATED = "003_fec15abcf43ad61a"
from tests.gui_window import quiet_window, save_and_wait


def _window(qtbot, corpus: Path, doc: str) -> MainWindow:  # type: ignore[no-untyped-def]
    return quiet_window(qtbot, corpus, doc)


def _relabel(w: MainWindow) -> None:
    seg = w.ws.current.curation.segments[1]
    w.selection.set(seg.id)
    w.edit_actions.label_actions["answer" if seg.label != "answer" else "lead"].trigger()


def test_first_save_of_a_parse_records_it_as_the_base(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    (seeds_copy / "curated" / f"{NEW}.json").unlink()  # never curated: the window shows the parser's proposal
    corpus = Corpus(seeds_copy)
    w = _window(qtbot, seeds_copy, NEW)
    parse = dump_curation(w.ws.current.curation)
    _relabel(w)
    edited = dump_curation(w.ws.current.curation)
    assert not base_path(corpus, NEW).exists()  # nothing on disk before the first save
    assert save_and_wait(w)
    base = load_base(corpus, NEW)
    assert base is not None and dump_curation(base) == parse  # the parse, not the editor's version
    assert dump_curation(corpus.load(NEW).curation) == edited
    # Later saves leave the base alone.
    stamp = base_path(corpus, NEW).stat().st_mtime_ns
    _relabel(w)
    assert save_and_wait(w)
    assert base_path(corpus, NEW).stat().st_mtime_ns == stamp
    assert dump_curation(load_base(corpus, NEW)) == parse


def test_curated_documents_record_no_base(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(seeds_copy)
    w = _window(qtbot, seeds_copy, CURATED)
    _relabel(w)
    assert save_and_wait(w)
    assert not base_path(corpus, CURATED).exists()  # it started from a curated file, not from a parse


def test_a_refused_save_records_no_base(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    (seeds_copy / "curated" / f"{NEW}.json").unlink()
    corpus = Corpus(seeds_copy)
    w = _window(qtbot, seeds_copy, NEW)
    _relabel(w)
    # Someone else writes the file meanwhile: the save is refused, so nothing may claim a base yet.
    (seeds_copy / "curated" / f"{NEW}.json").write_text(dump_curation(w.ws.current.curation), encoding="utf-8")
    assert not save_and_wait(w)
    assert not base_path(corpus, NEW).exists()


def test_the_background_parse_counts_only_files_on_disk_as_curated(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    # The document opened first is parsed in memory; the status bar used to count it as having a
    # curated file ("Parsed 24 new document(s); 1 already have curated files" on a fresh import).
    for doc in (NEW, "000_52543f1512a84840", "001_a97ccaad3a27ba85"):
        (seeds_copy / "curated" / f"{doc}.json").unlink()
    w = _window(qtbot, seeds_copy, NEW)
    w.parse_corpus()
    qtbot.waitUntil(lambda: w.job is None, timeout=120_000)
    message = w.statusBar().currentMessage()
    assert "Parsed 2 new document(s)" in message and "2 already have curated files" in message
    assert not (seeds_copy / "curated" / f"{NEW}.json").exists()


def _heldout_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "heldout"
    corpus.mkdir()
    for page in (Path(__file__).parent / "data" / "heldout" / "pages").glob("*.txt"):
        (corpus / page.name).write_bytes(page.read_bytes())
    # 024 cut after its lead: a sentence title over a lead that retells little of it and no more
    # text is found only with the corpus context (its sidebar is known from other pages)
    text = (corpus / "024.txt").read_text(encoding="utf-8")
    (corpus / "024.txt").write_text(text[:text.index("\n", text.index("From 14 to 17 August 2023"))], encoding="utf-8")
    return corpus


NEEDS_CONTEXT = "024"


def test_the_document_opened_first_gets_the_corpus_context_parse_while_unedited(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The first Document is shown at once, parsed alone; the background parse then has the corpus
    # context. The window kept the page-alone parse: no Article on 024 until it was closed and reopened.
    corpus = _heldout_copy(tmp_path)
    w = _window(qtbot, corpus, NEEDS_CONTEXT)
    doc = w.ws.current
    assert doc.curation.articles == []
    w.parse_corpus()
    qtbot.waitUntil(lambda: w.job is None, timeout=60_000)
    assert [a.title for a in doc.curation.articles] != []
    assert not doc.modified and doc.stack.count() == 0  # a proposal, not an edit of the editor's
    assert doc.unrecorded_base == doc.curation  # the first save records this parse as the base
    assert w.ws.summaries[NEEDS_CONTEXT].articles == 1  # the corpus pane shows it too


def test_an_edited_document_keeps_its_edits_when_the_context_parse_arrives(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = _heldout_copy(tmp_path)
    w = _window(qtbot, corpus, NEEDS_CONTEXT)
    doc = w.ws.current
    _relabel(w)
    edited = doc.curation
    w.parse_corpus()
    qtbot.waitUntil(lambda: w.job is None, timeout=60_000)
    assert doc.curation == edited and doc.stack.count() == 1
