"""The local check of an edit's result finds a problem exactly when the full contract check does."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.core.edit import EditError
from curator.core.edit.checks import changed_window, edit_problems
from curator.core.edit.session import rebuild
from curator.core.model import (
    Article,
    Curation,
    Duplicate,
    DuplicateRef,
    Event,
    Segment,
    Span,
    Speaker,
    invariant_problems,
    segment_edge_problem,
)
from curator.core.parse import parse_text

TEXT = "".join(f"Paragraph {i} 🙂 with some words.\n\n" for i in range(12))


def _base() -> Curation:
    cur = parse_text(TEXT, "doc")
    segs = [s.model_copy(update={"article": "a1" if i < 6 else "a2", "speaker": "p1" if i % 3 == 0 else None})
            for i, s in enumerate(cur.segments)]
    return Curation.model_validate({
        **cur.model_dump(), "segments": [s.model_dump() for s in segs],
        "articles": [{"id": "a1", "title": "One"}, {"id": "a2", "title": "Two"}],
        "speakers": [{"id": "p1", "name": "Ann"}, {"id": "p2", "name": "Bo"}],
        "events": [{"id": "e1", "type": "meeting", "participants": ["p1"], "evidence": [{"start": 0, "end": 5}]}],
        "duplicates": [{"segment": segs[1].id, "group": "g1", "kind": "exact", "score": 1.0},
                       {"segment": segs[7].id, "group": "g1", "kind": "exact", "score": 1.0,
                        "of": {"document": "doc", "segment": segs[1].id}}],
    })


BASE = _base()
IDS = [s.id for s in BASE.segments]


@st.composite
def _segment(draw: st.DrawFn) -> Segment:
    start = draw(st.integers(0, len(TEXT) + 3))
    end = draw(st.integers(start + 1, start + 40))
    text = TEXT[start:end] if draw(st.integers(0, 9)) else "x" * draw(st.integers(0, 3))
    data: dict[str, Any] = {
        "id": draw(st.sampled_from([*IDS, "n1", "n2", "n3"])), "start": start, "end": end, "label": "paragraph",
        "text": text, "article": draw(st.sampled_from([None, "a1", "a2", "a9"])),
        "speaker": draw(st.sampled_from([None, "p1", "p2", "p9"])),
    }
    # model_construct: the check must not rely on the segment having been validated.
    return Segment.model_construct(**data)


@st.composite
def _fields(draw: st.DrawFn) -> dict[str, Any]:
    fields = {name: getattr(BASE, name) for name in Curation.model_fields}
    segs = list(BASE.segments)
    i = draw(st.integers(0, len(segs)))
    j = draw(st.integers(i, min(len(segs), i + 4)))
    if draw(st.booleans()):
        # A plausible edit: reshape the window's segments in place (often valid).
        window = [s.model_copy(update={"reviewed": True, "label": draw(st.sampled_from(["lead", "answer"]))})
                  for s in segs[i:j]]
    else:
        window = draw(st.lists(_segment(), max_size=3))
    fields["segments"] = [*segs[:i], *window, *segs[j:]]
    if draw(st.integers(0, 4)) == 0:
        fields["articles"] = draw(st.sampled_from([[Article(id="a1", title="One")], [*BASE.articles],
                                                   [*BASE.articles, Article(id="a1", title="again")]]))
    if draw(st.integers(0, 4)) == 0:
        fields["speakers"] = draw(st.sampled_from([[Speaker(id="p2", name="Bo")], [*BASE.speakers]]))
    if draw(st.integers(0, 4)) == 0:
        fields["events"] = [*BASE.events, Event(id=draw(st.sampled_from(["e1", "e2"])), type="meeting",
                                                participants=[draw(st.sampled_from(["p1", "p2", "p9"]))],
                                                evidence=[Span(start=0, end=draw(st.sampled_from([3, 10_000])))])]
    if draw(st.integers(0, 3)) == 0:
        seg = draw(st.sampled_from([*IDS, "gone"]))
        of = draw(st.sampled_from([None, DuplicateRef(document="doc", segment=draw(st.sampled_from([*IDS, "x"]))),
                                   DuplicateRef(document="other", segment="x")]))
        fields["duplicates"] = [*BASE.duplicates,
                                Duplicate(segment=seg, group=draw(st.sampled_from(["g1", "g2"])), of=of,
                                          kind="near", score=0.9)]
    return fields


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_fields())
def test_local_check_agrees_with_the_full_check(fields: dict[str, Any]) -> None:
    local = edit_problems(BASE, fields)
    full = invariant_problems(Curation.model_construct(**fields))
    segment_rules = [s for s in fields["segments"] if s.end <= s.start or len(s.text) != s.end - s.start]
    # No edit may make a segment start or end on whitespace (a span it kept is validate's business).
    lo, hi_old, hi_new = changed_window(BASE.segments, fields["segments"])
    kept = {(s.id, s.start, s.end) for s in BASE.segments[lo:hi_old]}
    edge_rules = [s for s in fields["segments"][lo:hi_new]
                  if (s.id, s.start, s.end) not in kept and not segment_rules
                  and segment_edge_problem(s, fields["document"].length)]
    assert bool(local) == bool(full or segment_rules or edge_rules), (local, full)


def test_rebuild_refuses_what_the_contract_refuses() -> None:
    segs = BASE.segments
    overlapping = segs[3].model_copy(update={"start": segs[2].end - 1, "text": TEXT[segs[2].end - 1: segs[3].end]})
    cases = {
        "overlaps": [*segs[:3], overlapping, *segs[4:]],
        "used more than once": [*segs[:3], segs[3].model_copy(update={"id": segs[9].id}), *segs[4:]],
        "unknown article": [*segs[:3], segs[3].model_copy(update={"article": "a9"}), *segs[4:]],
        "unknown segment": [*segs[:1], *segs[2:]],  # the duplicate entry of segs[1] is left dangling
        "text does not span": [*segs[:3], segs[3].model_copy(update={"text": "?"}), *segs[4:]],
        "ends on whitespace": [*segs[:3], segs[3].model_copy(update={"end": segs[3].end + 1,
                                                                     "text": TEXT[segs[3].start: segs[3].end + 1]}),
                               *segs[4:]],
    }
    for problem, segments in cases.items():
        with pytest.raises(EditError, match=problem):
            rebuild(BASE, segments=segments)
    with pytest.raises(EditError, match="status"):
        rebuild(BASE, status="finished")
    with pytest.raises(EditError, match="unknown speaker"):
        rebuild(BASE, speakers=[Speaker(id="p2", name="Bo")])


def test_rebuild_result_is_a_valid_curation_sharing_unchanged_segments() -> None:
    segs = list(BASE.segments)
    segs[4] = segs[4].model_copy(update={"label": "answer"})
    after = rebuild(BASE, segments=segs)
    assert Curation.model_validate(after.model_dump()) == after
    assert all(a is b for k, (a, b) in enumerate(zip(after.segments, BASE.segments, strict=True)) if k != 4)
    assert changed_window(BASE.segments, after.segments) == (4, 5, 5)
