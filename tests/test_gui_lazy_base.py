"""The window's saves keep the base of a Document `curator parse` left untouched (a lazy base, round 22):
`parse --out CORPUS/curated` writes no `.curator/base/` copy, the first save writes it before replacing the file,
and a later `curator reparse` merges the parser's changes into the editor's work."""

from __future__ import annotations

from pathlib import Path
import shutil

import pytest

from curator.cli import main
from curator.core.jsonio import dump_curation
from curator.core.review.base import base_path, load_base
from curator.core.review.reparse import MERGED, reparse_corpus
from curator.core.store import Corpus
from tests.gui_window import quiet_window, save_and_wait
from tests.test_lazy_base import _newer_parser, _other

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


@pytest.mark.parametrize("thread", [False, True], ids=["save", "saver-thread"])
def test_parse_edit_in_the_window_then_reparse_keeps_the_editor_and_takes_the_parser(
        qtbot, seeds_copy: Path, thread: bool) -> None:  # type: ignore[no-untyped-def]
    shutil.rmtree(seeds_copy / "curated")
    assert main(["parse", str(seeds_copy), "--out", str(seeds_copy / "curated"), "-q"]) == 0
    corpus = Corpus(seeds_copy)
    assert not base_path(corpus, DOC).exists()  # the curated file is its own base
    parse = dump_curation(corpus.load(DOC).curation)  # type: ignore[union-attr]
    w = quiet_window(qtbot, seeds_copy, DOC)
    seg = w.ws.current.curation.segments[1]
    w.selection.set(seg.id)
    label = "answer" if seg.label != "answer" else "lead"
    w.edit_actions.label_actions[label].trigger()
    if thread:
        w.ws.saves_off_ui_thread = True
        assert w.ws.save_later(w.ws.current)
        w.ws.finish_saves()
        assert not w.ws.current.modified
    else:
        assert save_and_wait(w)  # Ctrl+S: the saver thread writes it (the default since gui18)
    assert base_path(corpus, DOC).read_text(encoding="utf-8") == parse  # kept before the file was replaced
    assert dump_curation(load_base(corpus, DOC)) == parse  # type: ignore[arg-type]
    w.close()
    last = corpus.load(DOC).curation.segments[-1].label  # type: ignore[union-attr]
    out = {o.id: o for o in reparse_corpus(corpus, parser=_newer_parser())}[DOC]
    assert out.action == MERGED and out.conflicts == []
    cur = corpus.load(DOC).curation  # type: ignore[union-attr]
    assert cur.segments[1].label == label  # the editor's change
    assert cur.segments[-1].label == _other(last)  # the parser's, merged in
