"""Reload and merge lists as conflicts only what both the editor and the file changed (red team F5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.model import Curation
from curator.core.review.merge import merge_from_disk
from curator.gui.main_window import MainWindow
from tests.gui_window import quiet_window, save_and_wait

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


def _as_auto(corpus: Path) -> None:
    """The curated file says ``auto`` (the parser's, not curated yet): ``curator reparse`` replaces it whole."""
    path = corpus / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["status"] = "auto"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def test_reload_after_reparse_lists_no_conflict_where_only_the_editor_changed_a_segment(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _as_auto(seeds_copy)
    w: MainWindow = quiet_window(qtbot, seeds_copy, DOC)
    question = next(s for s in w.ws.current.curation.segments if s.label == "question")
    w.selection.set(question.id)
    w.edit_actions.label_actions["heading"].trigger()
    assert main(["reparse", str(seeds_copy), "-q"]) == 0
    disk = Curation.model_validate_json((seeds_copy / "curated" / f"{DOC}.json").read_text(encoding="utf-8"))
    theirs = next(s for s in disk.segments if (s.start, s.end) == (question.start, question.end))
    assert theirs.label == "question"  # the file did not relabel it
    assert not save_and_wait(w)
    assert w.reload_document()
    mine = next(s for s in w.ws.current.curation.segments if (s.start, s.end) == (question.start, question.end))
    assert mine.label == "heading"
    for title, text in w.problems_shown:
        assert f"[{question.start},{question.end})" not in text, (title, text)


def test_fields_changed_on_one_side_each_merge_without_a_conflict() -> None:
    """The file changed a segment's review mark and origin, the editor its label: both taken, no conflict;
    a label both changed to different values is the one conflict."""
    base = Curation.model_validate_json((Path(__file__).parents[1] / "seeds" / "curated" / f"{DOC}.json").read_text(encoding="utf-8"))
    i = next(n for n, s in enumerate(base.segments) if s.label == "question")
    j = next(n for n, s in enumerate(base.segments) if s.label == "answer")

    def with_segments(cur: Curation, changes: dict[int, dict[str, object]]) -> Curation:
        segs = [s.model_copy(update=changes[n]) if n in changes else s for n, s in enumerate(cur.segments)]
        return cur.model_copy(update={"segments": segs})

    editor = with_segments(base, {i: {"label": "heading", "origin": "editor"}, j: {"label": "question"}})
    disk = with_segments(base, {i: {"reviewed": not base.segments[i].reviewed, "origin": "parser"},
                                j: {"label": "paragraph"}})
    result = merge_from_disk(base, editor, disk)
    merged = result.curation.segments
    assert merged[i].label == "heading" and merged[i].reviewed == disk.segments[i].reviewed
    assert merged[j].label == "question"  # both changed it: the editor's kept, and listed
    assert [(c.start, c.end) for c in result.conflicts] == [(base.segments[j].start, base.segments[j].end)]
