"""A re-crawl imported with ``--update`` while the window holds unsaved edits (red team F12): Reload and merge
re-anchors the edits onto the new text (the code ``import --update`` uses), as one undo step over the reloaded
Document, and lists and keeps what could not be placed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.ingest.ids import document_id, url_key
from curator.core.store import Corpus
from curator.gui.main_window import MainWindow
from tests.conftest import SEEDS
from tests.gui_window import quiet_window, save_and_wait

pytestmark = pytest.mark.gui

URL = "https://en.example.org/news/interview/"
SEED = "003_fec15abcf43ad61a"


def _jsonl(path: Path, text: str) -> Path:
    path.write_text(json.dumps({"url": URL, "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _corpus(tmp_path: Path) -> tuple[Path, str, str]:
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "c"
    assert main(["import", str(_jsonl(tmp_path / "v1.jsonl", text)), "--into", str(corpus), "-q"]) == 0
    assert main(["parse", str(corpus), "--out", str(corpus / "curated"), "-q"]) == 0
    return corpus, document_id(url_key(URL)), text


def _window(qtbot, corpus: Path, doc_id: str) -> MainWindow:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, corpus, doc_id)
    return w


def _relabel(w: MainWindow, seg_id: str, label: str) -> None:
    w.selection.set(seg_id)
    w.edit_actions.label_actions[label].trigger()


def test_reload_after_import_update_reanchors_the_unsaved_edits_onto_the_new_text(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus, doc_id, text = _corpus(tmp_path)
    w = _window(qtbot, corpus, doc_id)
    cur = w.ws.current.curation
    last = [s for s in cur.segments if s.label in ("answer", "paragraph")][-1]
    _relabel(w, last.id, "question")
    added = "A paragraph the site added at the top of the page, in the re-crawl.\n\n"
    new_text = added + text
    assert main(["import", str(_jsonl(tmp_path / "v2.jsonl", new_text)), "--into", str(corpus), "--update", "-q"]) == 0
    assert not save_and_wait(w)  # refused: the file changed on disk
    assert w.reload_document()
    doc = w.ws.current
    assert doc.text == new_text  # the window shows the new text
    assert w.view.toPlainText().startswith(added.split("\n")[0])
    moved = next(s for s in doc.curation.segments if s.text == last.text)
    assert moved.label == "question" and moved.start == last.start + len(added)  # my edit, re-anchored
    assert doc.modified and not doc.conflict
    assert all(new_text[s.start:s.end] == s.text for s in doc.curation.segments)
    # The crash journal holds the re-anchored edits over the new file (a kill now offers them back), also once
    # the replaced Document is gone.
    from curator.core.journal import RunJournal

    on_disk = Corpus(corpus).load(doc_id).curation
    qtbot.wait(50)  # the old Document's deleteLater
    assert w.ws.writer.flush()
    live = w.ws.writer.journal
    entry = RunJournal(corpus / ".curator" / "journal", run_id="after-a-kill")._read(
        live.path_for(doc_id), doc_id, live.run_id, aside=False)
    assert entry.curation == doc.curation and entry.base == on_disk
    # One undo step: back to the file on disk as import --update left it (clean); redo brings the edit back.
    w.undo_action.trigger()
    assert doc.curation == on_disk and not doc.modified
    w.redo_action.trigger()
    assert doc.curation.segment(moved.id).label == "question"
    assert save_and_wait(w)
    saved = Corpus(corpus).load(doc_id).curation
    assert saved.segment(moved.id).label == "question"
    assert saved.document.sha256 == Corpus(corpus).read_source(doc_id).sha256
    # the version before the reload is kept, named
    kept = list((corpus / ".curator" / "reanchor").rglob("*.unsaved-*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text(encoding="utf-8"))["document"]["sha256"] != saved.document.sha256


def test_edits_that_no_longer_fit_the_new_text_are_listed_and_kept(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus, doc_id, text = _corpus(tmp_path)
    w = _window(qtbot, corpus, doc_id)
    cur = w.ws.current.curation
    last = [s for s in cur.segments if s.label in ("answer", "paragraph")][-1]
    _relabel(w, last.id, "question")
    new_text = text.replace(last.text, "")  # the site dropped that paragraph
    assert main(["import", str(_jsonl(tmp_path / "v2.jsonl", new_text)), "--into", str(corpus), "--update", "-q"]) == 0
    assert not save_and_wait(w)
    assert w.reload_document()
    title, note = w.problems_shown[-1]
    assert "did not fit" in title or "conflict" in title
    assert "could not be placed" in note and last.text[:40] in note
    sidecar = corpus / ".curator" / "reanchor" / f"{doc_id}.json"
    entries = json.loads(sidecar.read_text(encoding="utf-8"))["entries"]
    assert any(e["item"].get("text") == last.text and e["item"].get("label") == "question" for e in entries)
    assert f".curator/reanchor/{doc_id}.json" in note
    assert w.ws.current.text == new_text


def test_reload_of_a_reimported_page_without_edits_just_shows_the_new_text(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus, doc_id, text = _corpus(tmp_path)
    w = _window(qtbot, corpus, doc_id)
    new_text = "Added on top.\n\n" + text
    assert main(["import", str(_jsonl(tmp_path / "v2.jsonl", new_text)), "--into", str(corpus), "--update", "-q"]) == 0
    assert w.reload_document()
    assert w.ws.current.text == new_text and not w.ws.current.modified
    assert w.ws.current.curation == Corpus(corpus).load(doc_id).curation


def test_a_reimport_that_took_the_editors_edit_leaves_no_stale_journal_entry(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The re-crawled file already holds what the editor did (another window saved it before the import): the
    reload shows it clean, and the old text's journal entry does not come back at the next start."""
    corpus, doc_id, text = _corpus(tmp_path)
    w = _window(qtbot, corpus, doc_id)
    last = [s for s in w.ws.current.curation.segments if s.label in ("answer", "paragraph")][-1]
    _relabel(w, last.id, "question")
    store = Corpus(corpus)
    loaded = store.load(doc_id)
    store.save(w.ws.current.curation, expected_stamp=loaded.stamp)  # as another window would
    new_text = "Added on top.\n\n" + text
    assert main(["import", str(_jsonl(tmp_path / "v2.jsonl", new_text)), "--into", str(corpus), "--update", "-q"]) == 0
    assert w.reload_document()
    doc = w.ws.current
    assert doc.text == new_text and not doc.modified
    assert next(s for s in doc.curation.segments if s.text == last.text).label == "question"
    assert w.ws.writer.flush()
    assert not w.ws.writer.journal.path_for(doc_id).exists()  # this run's entry, offered at the next start if left
