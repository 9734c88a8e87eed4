"""A very large page opens at once: its parse runs in another process, the window stays usable.

A 20 MB page saved on one line took 15 s to open, 10 s of it the parser on the UI thread. The tests
lower the size a page needs to count as large (``workspace.BIG_PAGE``) so they run on small pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.edit import SetLabel
from curator.core.jsonio import dump_curation
from curator.core.parse import parse_document
from curator.core.store import Corpus
from curator.gui import workspace
from curator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

EMOJI_LINE = "Minsk 😀 security council meeting of the member states, secretary general said. " * 400
from tests.gui_window import quiet_window


@pytest.fixture
def big_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "small.txt").write_text("Title of a page\n\nMinsk, 3 May 2024\n\nA short paragraph here.\n", encoding="utf-8")
    (root / "giant.txt").write_text(EMOJI_LINE, encoding="utf-8", newline="")  # one line, ~34,000 code points
    monkeypatch.setattr(workspace, "BIG_PAGE", 10_000)
    return root


def _window(qtbot, corpus: Path, doc: str) -> MainWindow:  # type: ignore[no-untyped-def]
    return quiet_window(qtbot, corpus, doc)


def test_a_big_unparsed_page_opens_before_its_parse_and_takes_it_when_it_comes(qtbot, big_corpus: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, big_corpus, "giant")
    doc = w.ws.current
    assert doc is not None and doc.doc_id == "giant"
    assert doc.text == EMOJI_LINE  # the text, whole and unchanged, at once
    assert doc.parsing, "the big page was parsed on the UI thread while opening"
    assert doc.curation.segments == []
    assert "parsing" in w.banner.text().lower()  # the editor is told why there are no segments yet
    row = w.corpus_pane.model.row_of("giant")
    assert w.corpus_pane.model.summary(row).status == "new"  # "not parsed" until the parse comes
    assert w.view.toPlainText().replace("\n", " ") == EMOJI_LINE.replace("\n", " ")
    assert "shown broken at spaces" in w.banner.text()  # one ~34,000-character line: said, not hidden
    # Edits wait for the parse (they would be thrown away or fight it): refused, nothing on the stack.
    assert not w.ws.push(SetLabel(["s1"], "title"))
    assert doc.stack.count() == 0
    assert not w.ws.save(doc)  # nothing half-made is written
    assert not Corpus(big_corpus).curated_path("giant").exists()

    qtbot.waitUntil(lambda: not doc.parsing, timeout=60_000)
    expected = parse_document(EMOJI_LINE, doc=Corpus(big_corpus).document_ref("giant", Corpus(big_corpus).read_source("giant")))
    assert dump_curation(doc.curation) == dump_curation(expected)
    assert doc.stack.count() == 0 and not doc.modified  # the parser's proposal is what was opened: no edit
    assert doc.unrecorded_base is not None and doc.disk is doc.unrecorded_base
    assert "parsing" not in w.banner.text().lower()
    assert "shown broken at spaces" in w.banner.text()
    assert w.corpus_pane.model.summary(w.corpus_pane.model.row_of("giant")).status == "auto"
    # Offsets stay code points beside the emoji: the segments' texts are the source's.
    assert all(s.text == EMOJI_LINE[s.start:s.end] for s in doc.curation.segments)
    first = doc.curation.segments[0]
    assert w.ws.push(SetLabel([first.id], "boilerplate"))  # now it edits: one step
    assert doc.stack.count() == 1 and doc.modified


def test_a_page_the_background_parse_brought_opens_without_parsing_again(qtbot, big_corpus: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, big_corpus, "small")
    w.parse_corpus()
    qtbot.waitUntil(lambda: w.job is None, timeout=60_000)
    assert "giant" in w.ws.parsed

    def no_parse(*_a: object, **_k: object) -> object:
        raise AssertionError("parsed again on opening")

    monkeypatch.setattr("curator.core.parse.parse_document", no_parse)
    doc = w.open_document("giant")
    assert doc is not None and not doc.parsing
    assert dump_curation(doc.curation) == dump_curation(w.ws.parsed["giant"])
    assert doc.stack.count() == 0 and not doc.modified


def test_closing_the_window_while_a_big_page_parses_stops_its_process(qtbot, big_corpus: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, big_corpus, "giant")
    doc = w.ws.current
    assert doc is not None and doc.parsing
    job = w.ws.page_parses["giant"]
    w.close()
    qtbot.waitUntil(lambda: job.finished.is_set(), timeout=30_000)
    assert job.process is None or not job.process.is_alive()


@pytest.mark.parametrize("text", [
    "A short paragraph.",
    "  spaced   out\n words  ",
    "word " * 12,  # exactly at the limit and past it
    "x" * 59,
    "x" * 61,
    "Minsk 😀 " * 600_000,  # a 4.8 MB one-line segment: only its start is read
    " " * 500 + "late words after a long run of spaces",
])
def test_the_segments_tree_shows_a_segments_first_words_reading_only_its_start(text: str) -> None:
    """The tree's text column split and joined the whole segment (1.2 s on the UI thread for a 20 MB
    one-line page's segment); it shows the first 60 characters of its words, and "…" when there is more."""
    from curator.gui.panes.segments_model import FIRST_WORDS, first_words

    words = " ".join(text.split())
    expected = words if len(words) <= FIRST_WORDS else words[: FIRST_WORDS - 1] + "…"
    shown = first_words(text)
    if len(text) <= 4 * FIRST_WORDS:
        assert shown == expected
    else:  # read from the start only: the same words, and "…" since more follows
        assert shown.endswith("…") and len(shown) <= FIRST_WORDS
        assert expected.startswith(shown[:-1]) or shown[:-1] == " ".join(text[: 4 * FIRST_WORDS].split())


def test_a_big_page_whose_parse_fails_is_named_and_stays_open_on_its_text(qtbot, big_corpus: Path) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, big_corpus, "giant")
    w.show_problem = lambda title, text: w.problems_shown.append((title, text))  # type: ignore[method-assign]
    doc = w.ws.current
    assert doc is not None and doc.parsing
    w.ws.page_parses["giant"].cancel()  # its answer is replaced by a failure
    w.ws._on_page_parsed("giant", "MemoryError: the page is too large")
    assert not doc.parsing and doc.text == EMOJI_LINE
    summary = w.corpus_pane.model.summary(w.corpus_pane.model.row_of("giant"))
    assert summary.status == "error" and "MemoryError" in summary.problem
    assert "the parser failed" in w.banner.text()
    assert not Corpus(big_corpus).curated_path("giant").exists()
