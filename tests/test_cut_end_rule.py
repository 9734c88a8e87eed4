"""One rule for a page the crawler cut inside its last line (findings round 20, F2).

The parser runs such a page's last Segment to the end of the text, trailing spaces included (as the
gold of real pages marks it). ``curator validate`` and every edit check accept exactly that: a Segment
may end on whitespace only when that whitespace runs to the very end of the text with no line break
in it. Anything else that ends on whitespace is still a problem. Pages written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core import edit
from curator.core.edit import EditError, EditSession, History
from curator.core.jsonio import dump_curation
from curator.core.model import Curation, edge_problems, segment_edge_problem
from curator.core.parse import parse_text

_PAGE = "Plain line one.\nPlain line two ends with spaces   "


def test_the_parser_s_cut_page_passes_validate(tmp_path: Path, capsys) -> None:
    (tmp_path / "b.txt").write_text(_PAGE, encoding="utf-8")
    assert main(["parse", str(tmp_path), "--out", str(tmp_path / "curated")]) == 0
    cur = json.loads((tmp_path / "curated" / "b.json").read_text(encoding="utf-8"))
    assert cur["segments"][-1]["end"] == len(_PAGE)  # the parser keeps what it does
    capsys.readouterr()
    assert main(["validate", str(tmp_path)]) == 0, capsys.readouterr()


def test_merging_into_the_cut_segment_is_one_undo_step() -> None:
    cur = parse_text(_PAGE, "b")
    assert len(cur.segments) == 2 and cur.segments[-1].end == len(_PAGE)
    h = History(EditSession(_PAGE, cur))
    before = dump_curation(h.session.curation)
    first, second = h.session.curation.segments
    h.do(edit.MergeSegments(first.id, second.id))
    assert [(s.start, s.end) for s in h.session.curation.segments] == [(0, len(_PAGE))]
    assert len(h.done) == 1
    h.undo()
    assert dump_curation(h.session.curation) == before


def _with_last_end(text: str, end: int) -> Curation:
    cur = parse_text(text, "b")
    last = cur.segments[-1]
    segs = [*cur.segments[:-1], last.model_copy(update={"end": end, "text": text[last.start:end]})]
    return cur.model_copy(update={"segments": segs})


@pytest.mark.parametrize("text", [
    "Plain line one.\nPlain line two ends with spaces   \n",  # spaces before the final line break
    "Plain line one.\nPlain line two ends with spaces  \n  ",  # a line break inside the trailing run
    "Plain line one.\nPlain line two ends with spaces  \r\n",
])
def test_a_segment_ending_on_whitespace_with_a_line_break_is_still_refused(text: str) -> None:
    cur = _with_last_end(text, len(text))
    assert edge_problems(cur) == [f"segment {cur.segments[-1].id} [{cur.segments[-1].start}, {len(text)}) "
                                  "ends on whitespace"]


def test_a_segment_ending_on_spaces_before_a_line_break_is_refused() -> None:
    text = "Plain line one   \nPlain line two.\n"
    cur = parse_text(text, "b")
    first = cur.segments[0]
    seg = first.model_copy(update={"end": text.index("\n"), "text": text[:text.index("\n")]})
    assert segment_edge_problem(seg, len(text)) == f"segment {seg.id} [0, {seg.end}) ends on whitespace"


def test_spaces_short_of_the_end_are_refused() -> None:
    cur = _with_last_end(_PAGE, len(_PAGE) - 1)  # ends on a space, one space before the cut
    assert edge_problems(cur)


def test_an_edit_may_not_end_on_spaces_before_a_line_break() -> None:
    text = "Plain line one.\nPlain line two ends with spaces   \nThird line."
    cur = parse_text(text, "b")
    s = EditSession(text, cur)
    mid = cur.segments[1]
    bad = mid.model_copy(update={"end": text.index("\nThird"), "text": text[mid.start:text.index("\nThird")]})
    with pytest.raises(EditError, match="ends on whitespace"):
        edit.session.rebuild(cur, segments=[cur.segments[0], bad, *cur.segments[2:]])
    assert s.curation is cur
