"""Shared checks for parser tests: what every Curation the parser returns must satisfy."""

from __future__ import annotations

import re

from curator.core.model import Curation, text_problems
from curator.core.taxonomy import NEVER_IN_ARTICLE_LABELS, default_taxonomy

# two line breaks with only spaces between; \r\n is one break, never \r then \n
BLANK_GAP = re.compile(r"(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)")


def assert_well_formed(cur: Curation, text: str) -> None:
    """Contract, source match, taxonomy, trimming (a cut last line keeps its spaces), coverage of every non-space character."""
    assert text_problems(cur, text) == []
    tax = default_taxonomy()
    covered = bytearray(len(text))
    for i, seg in enumerate(cur.segments, start=1):
        assert seg.id == f"s{i}"
        assert seg.label in tax.label_names
        # trimmed, but for a line the crawler cut: the page's last Segment runs to the end of the text
        at_the_cut = i == len(cur.segments) and seg.end == len(text) and not re.search(r"[\r\n]", seg.text)
        assert seg.text == (seg.text.lstrip() if at_the_cut else seg.text.strip()), f"{seg.id} is not trimmed"
        assert not BLANK_GAP.search(seg.text), f"{seg.id} spans a blank-line gap"
        if seg.label in NEVER_IN_ARTICLE_LABELS:  # (boilerplate may be the Article's: a file name in it)
            assert seg.article is None
        for k in range(seg.start, seg.end):
            covered[k] += 1
    for k, ch in enumerate(text):
        if not ch.isspace():
            assert covered[k] == 1, f"character {k} ({ch!r}) is covered {covered[k]} times"
    for ev in cur.events:
        assert ev.type in tax.event_type_names
    speaker_ids = {s.id for s in cur.speakers}
    used = {s.speaker for s in cur.segments if s.speaker} | {p for e in cur.events for p in e.participants}
    assert used <= speaker_ids


def test_blank_gap_check_itself() -> None:
    assert BLANK_GAP.search("a\r\n\r\nb") and BLANK_GAP.search("a\n \t\nb") and BLANK_GAP.search("a\r\rb")
    assert not BLANK_GAP.search("a\r\nb") and not BLANK_GAP.search("a\nb") and not BLANK_GAP.search("a\rb")
