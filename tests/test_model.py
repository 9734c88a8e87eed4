"""The contract: round trips and every invariant rejected with a readable error."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from curator.core.jsonio import dump_curation, parse_curation
from curator.core.model import Curation, text_problems
from tests.factories import curation_for, sample_curation


TEXT, _ = sample_curation()


def _mutate(cur: Curation, fn) -> dict:
    data = json.loads(dump_curation(cur))
    fn(data)
    return data


def test_round_trip_is_identical():
    _, cur = sample_curation()
    dumped = dump_curation(cur)
    again = parse_curation(dumped)
    assert again == cur
    assert dump_curation(again) == dumped


def test_dump_is_sorted_and_stable():
    _, cur = sample_curation()
    data = json.loads(dump_curation(cur))
    assert list(data) == sorted(data)
    assert data["schema_version"] == 2
    assert data["articles"][0]["date"] == "2023-11-08"
    assert data["segments"][0]["text"] == "Sidebar 😀 teaser"


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda d: d["segments"][0].update(end=d["segments"][1]["start"] + 1,
                                           text=TEXT[: d["segments"][1]["start"] + 1]), "overlaps"),
        (lambda d: d["segments"].reverse(), "sorted"),
        (lambda d: d["segments"][0].update(end=d["segments"][0]["start"]), "must be after start"),
        (lambda d: d["segments"][-1].update(end=10_000, text="x" * (10_000 - d["segments"][-1]["start"])),
         f"ends past the end of the text ({len(TEXT)} code points)"),
        (lambda d: d["segments"][0].update(text="short"), "code points"),
        (lambda d: d["segments"][1].update(article="a9"), "unknown article"),
        (lambda d: d["segments"][4].update(speaker="nobody"), "unknown speaker"),
        (lambda d: d["segments"][1].update(id="s1"), "used more than once"),
        (lambda d: d["articles"][0].update(date="08.11.2023"), "not an ISO"),
        (lambda d: d["articles"][0].update(kind="essay"), "kind"),
        (lambda d: d.update(status="done"), "status"),
        (lambda d: d["document"].update(sha256="xyz"), "sha256"),
        (lambda d: d.update(events=[{"id": "e1", "type": "meeting", "participants": ["ghost"]}]),
         "unknown participant"),
        (lambda d: d.update(duplicates=[{"segment": "s99", "group": "g", "kind": "exact", "score": 1}]),
         "unknown segment"),
        (lambda d: d.update(duplicates=[{"segment": "s1", "group": "g", "kind": "exact", "score": 2}]),
         "score"),
        (lambda d: d.update(surprise=1), "surprise"),
    ],
)
def test_each_invariant_is_rejected_readably(mutation, message):
    _, cur = sample_curation()
    with pytest.raises(ValidationError) as info:
        Curation.model_validate(_mutate(cur, mutation))
    assert message in str(info.value)


def test_text_problems_detect_changed_source():
    text, cur = sample_curation()
    assert text_problems(cur, text) == []
    changed = text.replace("today", "TODAY")
    problems = text_problems(cur, changed)
    assert any("source text changed" in p for p in problems)
    assert any("does not match the source" in p for p in problems)


def test_segment_text_is_a_view_of_the_document():
    text = "a😀b\n\nc"
    cur = curation_for(text, [(0, 3, "paragraph"), (5, 6, "paragraph")])
    assert [s.text for s in cur.segments] == ["a😀b", "c"]
    assert cur.document.length == 6


def test_a_segment_cut_at_the_end_of_the_text_is_said_to_end_past_it():
    """A file whose last segment runs past the Document (its text field cut where the Document ends)
    was reported as 'text has 20 code points but the span has 520': it now says the segment ends past
    the end of the text, with the Document's length in code points."""
    _, cur = sample_curation()
    data = json.loads(dump_curation(cur))
    last = data["segments"][-1]
    last["end"] = len(TEXT) + 500  # its text stays what the Document holds from its start
    with pytest.raises(ValidationError) as info:
        Curation.model_validate(data)
    assert f"segment {last['id']} [{last['start']}, {len(TEXT) + 500}) ends past the end of the text " \
           f"({len(TEXT)} code points)" in str(info.value)
