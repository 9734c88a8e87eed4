"""Going to the next text in no segment (Ctrl+Shift+U in the window), for Ins to make it one."""

from __future__ import annotations

from curator.core.edit import next_unsegmented
from curator.core.parse import parse_text


def test_next_unsegmented_is_one_line_of_a_gap_without_its_whitespace_and_wraps_round() -> None:
    text = "Title line\n\n  stray words 😀 here  \nsecond stray line\n\nA paragraph in a segment.\n\ntail words"
    cur = parse_text(text, "doc")
    keep = [s for s in cur.segments if s.text in ("Title line", "A paragraph in a segment.")]
    cur = cur.model_copy(update={"segments": keep})
    first = next_unsegmented(cur, text, after=0)
    assert first is not None and text[first[0]:first[1]] == "stray words 😀 here"
    second = next_unsegmented(cur, text, after=first[1])
    assert second is not None and text[second[0]:second[1]] == "second stray line"
    third = next_unsegmented(cur, text, after=second[1])
    assert third is not None and text[third[0]:third[1]] == "tail words"
    assert next_unsegmented(cur, text, after=third[1]) == first  # round to the start
    full = parse_text(text, "doc")
    covered = full.model_copy(update={"segments": [s.model_copy(update={"start": 0, "end": len(text), "text": text})
                                                   for s in full.segments[:1]]})
    assert next_unsegmented(covered, text, after=0) is None
