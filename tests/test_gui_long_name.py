"""Red team F10: a Document whose file name is legal but long (252-255 bytes) can never be saved or journaled
(``<id>.json`` and ``<id>@<run>.base.json`` exceed the file system's name limit); the window took edits and
only said so when the journal and the save failed. It now says so when the Document opens, before any edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui


# 230 bytes was named too for its journal entry: such names are now cut to fit (test_gui_long_names_fit.py).
@pytest.mark.parametrize("length", [251])
def test_a_document_whose_curated_or_journal_name_is_too_long_is_named_when_it_opens(
        qtbot, seeds_copy: Path, tmp_path: Path, length: int) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "long"
    corpus.mkdir()
    doc = "n" * length
    shutil.copy(seeds_copy / "001_a97ccaad3a27ba85.txt", corpus / f"{doc}.txt")
    w = quiet_window(qtbot, corpus, doc)
    assert w.ws.current is not None and w.ws.current.stack.count() == 0  # no edit yet
    text = w.banner.text()
    assert "too long" in text and "rename" in text and "Save a copy" in text


def test_a_short_name_gets_no_such_warning(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, "003_fec15abcf43ad61a")
    assert "too long" not in w.banner.text()
