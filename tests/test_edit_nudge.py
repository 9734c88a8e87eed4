"""Nudges, splits and the edge rule: no edit empties a segment or leaves it on whitespace (issue 12)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.core import edit
from curator.core.edit import EditError, EditSession, History
from curator.core.model import Curation, Segment, edge_problems, text_problems
from curator.core.parse import parse_text

# One-line paragraphs separated by blank lines, as on the CSTO site; one two-line paragraph; one word.
TEXT = (
    "CSTO news title\n\n"
    "12.03.2024\n\n"
    "The meeting was undergoing changes today.\n\n"
    "Unsegmented line of text here.\n"
    "A second paragraph is one line.\n\n"
    "Third paragraph spans\ntwo lines.\n\n"
    "Word\n\n"
    "Last line 🙂 here.\n"
)


PARAGRAPHS = ("CSTO news title", "12.03.2024", "The meeting was undergoing changes today.",
              "Unsegmented line of text here.", "A second paragraph is one line.", "Third paragraph spans\ntwo lines.",
              "Word", "Last line 🙂 here.")


def _session(skip: tuple[int, ...] = (3,)) -> EditSession:
    """Every paragraph a segment s<i>, except those in ``skip`` (unsegmented text)."""
    base = parse_text(TEXT, "doc")
    spans = [(TEXT.index(p), TEXT.index(p) + len(p)) for p in PARAGRAPHS]
    segs = [Segment(id=f"s{i}", start=a, end=b, label="paragraph", text=TEXT[a:b])
            for i, (a, b) in enumerate(spans) if i not in skip]
    cur = Curation.model_validate({**base.model_dump(), "segments": [s.model_dump() for s in segs],
                                   "articles": [], "speakers": [], "events": [], "duplicates": []})
    return EditSession(TEXT, cur)


def _nudge(s: EditSession, sid: str, edge: str, direction: int, unit: str) -> Segment:
    edit.nudge_boundary(s, sid, edge=edge, direction=direction, unit=unit).apply(s)
    return s.curation.segment(sid)


@pytest.mark.parametrize(("edge", "direction", "unit"), [
    ("start", +1, "line"),  # Alt+Down shrank a one-line paragraph to "."
    ("end", -1, "line"),  # Alt+Shift+Up shrank it to its first letter
    ("start", -1, "line"),  # Alt+Up put the start on the blank line before ("\n\n...")
])
def test_line_nudges_leave_a_one_line_paragraph_whole(edge: str, direction: int, unit: str) -> None:
    s = _session()
    seg = s.curation.segment("s2")
    with pytest.raises(EditError, match="cannot move one line"):
        edit.nudge_boundary(s, "s2", edge=edge, direction=direction, unit=unit)
    assert s.curation.segment("s2") == seg


def test_word_nudge_on_a_one_word_segment_is_refused() -> None:
    s = _session()
    for edge, direction in (("start", +1), ("end", -1)):
        with pytest.raises(EditError, match="only one word"):
            edit.nudge_boundary(s, "s6", edge=edge, direction=direction, unit="word")  # "Word"


def test_word_nudges_that_grow_stay_on_their_line() -> None:
    s = _session()
    # s4 starts its line; the line before is unsegmented: a word nudge does not reach into it ...
    with pytest.raises(EditError, match="start of its line"):
        edit.nudge_boundary(s, "s4", edge="start", direction=-1, unit="word")
    with pytest.raises(EditError, match="end of its line"):
        edit.nudge_boundary(s, "s2", edge="end", direction=+1, unit="word")
    # ... a line nudge says it does, and takes in the whole free line.
    seg = _nudge(s, "s4", "start", -1, "line")
    assert seg.text == "Unsegmented line of text here.\nA second paragraph is one line."


def test_line_nudges_inside_a_two_line_paragraph() -> None:
    s = _session()
    assert _nudge(s, "s5", "start", +1, "line").text == "two lines."
    s = _session()
    assert _nudge(s, "s5", "end", -1, "line").text == "Third paragraph spans"


def test_word_nudges_shrink_and_grow_by_whole_words() -> None:
    s = _session()
    assert _nudge(s, "s2", "start", +1, "word").text == "meeting was undergoing changes today."
    assert _nudge(s, "s2", "end", -1, "word").text == "meeting was undergoing changes today"
    assert _nudge(s, "s2", "end", +1, "word").text == "meeting was undergoing changes today."
    assert _nudge(s, "s2", "start", -1, "word").text == "The meeting was undergoing changes today."


def test_move_boundary_to_whitespace_snaps_onto_text() -> None:
    s = _session()
    seg = s.curation.segment("s2")
    for edge, to in (("start", seg.start - 1), ("end", seg.end + 1)):  # onto the blank lines around it
        with pytest.raises(EditError, match="already"):
            edit.MoveBoundary("s2", edge=edge, to=to).apply(s)
    edit.MoveBoundary("s2", edge="end", to=seg.start + len("The meeting ")).apply(s)  # the caret after a space
    assert s.curation.segment("s2").text == "The meeting"
    assert edge_problems(s.curation) == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_nudges_keep_every_segment_on_text(data: st.DataObject) -> None:
    s = _session(skip=tuple(data.draw(st.sets(st.integers(0, 7), max_size=4))))
    h = History(s)
    for _ in range(data.draw(st.integers(1, 12))):
        ids = [x.id for x in s.curation.segments]
        if not ids:
            return
        sid = data.draw(st.sampled_from(ids))
        edge = data.draw(st.sampled_from(["start", "end"]))
        direction = data.draw(st.sampled_from([-1, 1]))
        unit = data.draw(st.sampled_from(["word", "line"]))
        before = s.curation.segment(sid)
        try:
            h.do(edit.nudge_boundary(s, sid, edge=edge, direction=direction, unit=unit))
        except EditError:
            continue
        after = s.curation.segment(sid)
        assert after.end > after.start
        assert edge_problems(s.curation) == []
        assert text_problems(s.curation, TEXT) == []
        grown = TEXT[after.start:before.start] if edge == "start" else TEXT[before.end:after.end]
        if unit == "word":
            assert "\n" not in grown  # a word nudge never reaches into another line
        moved = (after.start != before.start) if edge == "start" else (after.end != before.end)
        assert moved and (after.start, after.end) != (before.start, before.end)
        assert after.origin == "editor"


def test_split_snaps_to_the_nearest_word_boundary() -> None:
    s = _session()
    seg = s.curation.segment("s2")
    inside = seg.start + seg.text.index("undergoing") + len("underg")  # the caret between "underg" and "oing"
    cmd = edit.split_segment(s, "s2", inside, new_id="n1")
    cmd.apply(s)
    left, right = s.curation.segment("s2"), s.curation.segment("n1")
    assert (left.text, right.text) == ("The meeting was undergoing", "changes today.")
    assert left.origin == right.origin == "editor"
    with pytest.raises(EditError, match="one word"):
        edit.split_segment(s, "s6", s.curation.segment("s6").start + 2, new_id="n2")


def test_merged_nudged_relabelled_segments_are_the_editors() -> None:
    s = _session()
    h = History(s)
    h.do(edit.MergeSegments("s0", "s1"))
    assert s.curation.segment("s0").origin == "editor"
    assert s.curation.segment("s2").origin == "parser"
    h.do(edit.SetLabel(["s2"], "lead"))
    assert s.curation.segment("s2").origin == "editor"
    h.do(edit.nudge_boundary(s, "s4", edge="end", direction=-1, unit="word"))
    assert s.curation.segment("s4").origin == "editor"
    h.do(edit.MarkReviewed(["s7"]))
    assert s.curation.segment("s7").origin == "parser"  # accepting a proposal keeps it the parser's
