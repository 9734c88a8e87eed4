"""The window on a read-only corpus says so where the editor looks (title, status bar, one
message at the start), refuses a save with one clear message (not one per autosave), and
writes nothing into the corpus; a warning about stale journaled edits goes once the
editor has reloaded and merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.edit import SetLabel
from curator.gui.app import build_window
from curator.gui.workspace import STALE_EDITS_WARNING, Workspace

pytestmark = [pytest.mark.gui, pytest.mark.reliability]

DOC = "003_fec15abcf43ad61a"


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _edit(ws: Workspace) -> None:
    doc = ws.open(DOC)
    seg = doc.curation.segments[2]
    assert ws.push(SetLabel([seg.id], "answer" if seg.label != "answer" else "lead"), doc=doc)


def test_the_window_says_a_read_only_corpus_cannot_be_saved(qtbot, read_only: Path,
                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = _files(read_only)
    w = build_window(read_only, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    monkeypatch.setattr(w, "ask_unsaved", lambda names: "discard")
    assert "read-only" in w.windowTitle()
    assert "read-only" in w.read_only_label.text().lower() and not w.read_only_label.isHidden()
    w.report_start()
    titles = [t for t, _ in w.problems_shown]
    assert "This corpus is read-only" in titles
    assert "Some files are not in the document list" not in titles  # not a listing problem
    assert "Save a copy" in dict(w.problems_shown)["This corpus is read-only"]

    _edit(w.ws)
    w.problems_shown.clear()
    w.ws.autosave()  # every autosave tick must not raise a dialog
    w.ws.autosave()
    assert w.problems_shown == []
    assert not w.ws.save()
    (shown,) = w.problems_shown
    assert shown[0] == "Not saved" and str(read_only) in shown[1] and "Save a copy" in shown[1]
    w.ws.flush_journal()
    assert _files(read_only) == before  # no journal, no lock, no curated file written


def test_a_writable_corpus_shows_no_read_only_sign(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    assert "read-only" not in w.windowTitle() and w.read_only_label.isHidden()


def test_the_stale_edits_warning_goes_after_reload_and_merge(qtbot, seeds_copy: Path,
                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Restored journaled edits made on an older file: the banner warns; Reload and merge resolves it."""
    w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    monkeypatch.setattr(w, "ask_unsaved", lambda names: "discard")
    doc = w.ws.current
    assert doc is not None
    doc.warnings.append(STALE_EDITS_WARNING)
    doc.stamp = "an older stamp"
    w._show_banner(doc)
    assert "saving will be refused" in w.banner.text()
    assert w.reload_document(doc)
    assert STALE_EDITS_WARNING not in doc.warnings
    assert "saving will be refused" not in w.banner.text()
    _edit(w.ws)
    assert w.ws.save(doc)
