"""A page with emoji and combining marks edited by keyboard and saved: offsets in code points, no boundary
inside a character, text equal to the source's slice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.validate import grapheme_problems
from curator.core.store import Corpus
from tests.gui_window import press, quiet_window

pytestmark = pytest.mark.gui

TEXT = ("Un cafe\u0301 à Paris 👩\u200d👩\u200d👧\n\n"
        "12.03.2024\n\n"
        "Le cafe\u0301 noir 👍🏽 était servi 🇺🇦🇫🇷 ici, dit-il.\n\n"
        "Deuxième paragraphe avec नमस्ते दुनिया et 1\ufe0f\u20e3.\n")


def test_find_then_segment_from_selection_and_nudges_save_whole_characters(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(TEXT, encoding="utf-8")
    w = quiet_window(qtbot, corpus, "doc", active=True)
    doc = w.ws.current
    para = next(s for s in doc.curation.segments if "noir" in s.text)
    w.selection.set(para.id)
    w.view.setFocus()
    # Find "cafe" (the match stops before the accent), then make the segment that selection.
    press(qtbot, "Ctrl+F")
    qtbot.keyClicks(w.find_bar.field, "Le cafe")
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: w.view.selected_span() is not None)
    press(qtbot, "Escape")
    w.view.setFocus()
    w.selection.set(para.id)
    start, end = w.view.selected_span() or (0, 0)
    assert TEXT[start:end] == "Le cafe"
    press(qtbot, "Ctrl+E")
    seg = doc.curation.segment(para.id)
    assert seg.text == "Le cafe\u0301"
    # Grow the end word by word across the emoji, flags and the Hindi paragraph's neighbour line.
    for _ in range(8):
        press(qtbot, "Alt+Shift+Right")
    assert w.ws.save(doc)
    saved = json.loads((corpus / "curated" / "doc.json").read_text(encoding="utf-8"))
    for s in saved["segments"]:
        assert TEXT[s["start"]: s["end"]] == s["text"]
    loaded = Corpus(corpus).load("doc")
    assert loaded is not None and grapheme_problems(loaded.curation, TEXT) == []
