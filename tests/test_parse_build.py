"""The parser builds Segments without per-field validation: they must equal validated ones."""

from __future__ import annotations

import pytest

from curator.core.model import Curation, Segment
from curator.core.parse import parse_text
from curator.core.parse.api import _segment


@pytest.mark.parametrize("article,speaker", [(None, None), ("a1", "stanislav-zas")])
def test_fast_segment_equals_a_validated_one_in_every_attribute(article: str | None, speaker: str | None) -> None:
    text = "😀 Title\n\nA lead."
    fast = _segment(2, 9, 16, "lead", text, article=article, speaker=speaker)
    slow = Segment.model_validate({"id": "s2", "start": 9, "end": 16, "label": "lead", "text": "A lead.",
                                   "article": article, "speaker": speaker})
    assert fast.__getstate__() == slow.__getstate__()
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_fields_set == slow.model_fields_set


@pytest.mark.parametrize("start,end", [(3, 3), (5, 2), (-1, 2), (0, 99)])
def test_fast_segment_refuses_what_segment_validation_refuses(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="span"):
        _segment(1, start, end, "paragraph", "short text")


def test_parsed_curation_survives_a_full_revalidation_unchanged() -> None:
    text = "Teaser item\n\nCSTO meeting held\n\nCSTO meeting held 08.11.2023\n\nOn 8 November 2023, in Moscow, " \
           "the meeting was held.\n\nGo back"
    cur = parse_text(text)
    again = Curation.model_validate(cur.model_dump())
    assert again == cur
    assert [s.label for s in cur.segments] == ["teaser", "title", "dateline", "lead", "boilerplate"]
