"""Boundaries the editor makes never cut what a reader sees as one character (an accent written as a
combining mark, an Indic conjunct, an emoji with its skin tone or joiner, a flag): word nudges stop
between graphemes, and a selection that ends inside one (a Find match of "cafe" in "café" written
e + U+0301) takes the whole character."""

from __future__ import annotations

import pytest

from curator.core.edit import EditSession, SetSpan, nudge_target, trim_span
from curator.core.edit.snap import word_ends, word_starts
from curator.core.model import Curation, Segment
from curator.core.parse import parse_text
from curator.core.validate import grapheme_problems, split_character

TEXT = ("Le cafe\u0301 noir, 👍🏽 ok.\n\n"
        "नमस्ते दुनिया और 👩\u200d👩\u200d👧 fin.\n\n"
        "Flags 🇺🇦🇫🇷 and 1\ufe0f\u20e3 key.\n")


def test_word_starts_and_ends_are_never_inside_a_character() -> None:
    marks = word_starts(TEXT, 0, len(TEXT)) + word_ends(TEXT, 0, len(TEXT))
    assert [(m, split_character(TEXT, m)) for m in marks if split_character(TEXT, m)] == []
    # A conjunct is inside its word too (split_character does not know Indic scripts).
    hindi = TEXT.index("नमस्ते")
    assert [m for m in marks if hindi < m < hindi + len("नमस्ते")] == []


@pytest.mark.parametrize("edge", ["start", "end"])
@pytest.mark.parametrize("direction", [-1, 1])
def test_every_word_nudge_lands_between_characters(edge: str, direction: int) -> None:
    for line in TEXT.split("\n\n"):
        a = TEXT.index(line.strip())
        b = a + len(line.strip())
        start, end = a, b
        for _ in range(12):  # walk the edge across the whole line, word by word
            to = nudge_target(TEXT, start=start, end=end, edge=edge, direction=-direction, unit="word")
            if to is None:
                break
            assert split_character(TEXT, to) is None, (TEXT[max(0, to - 3): to + 3], to)
            start, end = (to, end) if edge == "start" else (start, to)


def test_a_selection_ending_inside_a_character_takes_the_whole_character() -> None:
    at = TEXT.index("cafe")
    assert trim_span(TEXT, at, at + len("cafe")) == (at, at + len("cafe\u0301"))
    thumbs = TEXT.index("👍")
    assert trim_span(TEXT, thumbs, thumbs + 1) == (thumbs, thumbs + 2)  # the skin tone comes along
    flags = TEXT.index("🇺🇦")
    assert trim_span(TEXT, flags, flags + 3) == (flags, flags + 4)  # the second flag whole


def test_set_span_from_such_a_selection_saves_no_boundary_problem() -> None:
    base = parse_text(TEXT, "doc")
    cur = Curation.model_validate({**base.model_dump(), "articles": [], "speakers": [], "events": [],
                                   "duplicates": [], "segments": [
                                       Segment(id="s1", start=0, end=2, label="paragraph", text="Le").model_dump()]})
    session = EditSession(TEXT, cur)
    at = TEXT.index("cafe")
    SetSpan("s1", 0, at + len("cafe")).apply(session)
    assert grapheme_problems(session.curation, TEXT) == []
    assert session.curation.segments[0].text == "Le cafe\u0301"
