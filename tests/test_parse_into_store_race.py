"""`curator parse --out CORPUS/curated` writes new curated files only: it looked for each file, then wrote it at
the end of its batch (after one sync of the whole batch) by a rename over whatever was there by then. A curated
file saved in between (the window's first save of a Document, `import --annotations` of a fresh one, another
command) was replaced by the parse: the editor's work lost without a word (round 23, io23). The batch now lands
such a file only where no file is (a link, which fails when one exists), and names the file it left."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.cli import main
from curator.core import batchio
from curator.core.store import Corpus
from tests.test_lazy_base import PAGES
from tests.test_review_support import write_corpus

EDITOR = b'{"the editor": "saved while the parse ran"}\n'


@pytest.mark.parametrize("unnamed", [True, False])
def test_a_curated_file_saved_while_parse_writes_its_batch_is_left_as_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], unnamed: bool) -> None:
    root = write_corpus(tmp_path / "c", PAGES)
    corpus = Corpus(root)
    target = corpus.curated_path("b")
    real_flush = batchio.BatchWriter.flush

    def flush(self: batchio.BatchWriter) -> None:  # the window saves "b" after parse looked for it
        if not unnamed:
            self.ops.unnamed = False
        if any(path == target for path, _ in self._queue) and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(EDITOR)
        real_flush(self)

    monkeypatch.setattr(batchio.BatchWriter, "flush", flush)
    code = main(["parse", str(root), "--out", str(root / "curated"), "-q"])
    err = capsys.readouterr().err
    assert target.read_bytes() == EDITOR  # the editor's file, not the parse
    assert code == 1 and str(target) in err and "exists" in err, err
    assert corpus.load("a") is not None and corpus.load("c") is not None  # the rest written
