"""Three-way merge of a new parse into an editor's curation, and re-anchoring after the source changed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.model import Article, Event, Segment, Span, Speaker
from curator.core.review.merge import merge_three_way
from curator.core.review.reanchor import reanchor, reconstruct_old_text
from tests.test_review_support import doc_ref, make, span_of

TEXT = "Page title 🌍\n\nFirst paragraph.\n\nSecond one. Has two sentences.\n\nThird paragraph.\n\nFourth paragraph.\n"
P1, P2, P3, P4, P5 = (span_of(TEXT, x) for x in ("Page title 🌍", "First paragraph.", "Second one. Has two sentences.", "Third paragraph.", "Fourth paragraph."))
P3A = span_of(TEXT, "Second one.")
P3B = span_of(TEXT, "Has two sentences.")


def _labels(cur) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(s.start, s.end, s.label) for s in cur.segments]


def _edit(cur, seg_id: str, **update):  # type: ignore[no-untyped-def]
    segs = [s.model_copy(update={**update, "origin": "editor"}) if s.id == seg_id else s for s in cur.segments]
    return cur.model_copy(update={"segments": segs, "status": "curated"})


def test_merge_keeps_editor_edits_takes_other_parser_changes_and_lists_conflicts() -> None:
    base = make(TEXT, [(*P1, "title"), (*P2, "paragraph"), (*P3, "paragraph"), (*P4, "paragraph"), (*P5, "paragraph")])
    editor = _edit(base, "s2", label="lead")
    editor = editor.model_copy(update={"segments": [s.model_copy(update={"reviewed": True}) if s.id == "s5" else s for s in editor.segments]})
    new = make(
        TEXT,
        [(*P1, "heading"), (*P2, "answer"), (*P3A, "paragraph"), (*P3B, "paragraph"), (*P4, "paragraph"), (*P5, "boilerplate")],
        version="2",
    )
    result = merge_three_way(base, editor, new)
    assert _labels(result.curation) == [
        (*P1, "heading"),  # parser change, editor never touched it: taken
        (*P2, "lead"),  # editor's relabel kept against the parser's "answer"
        (*P3A, "paragraph"),  # parser split taken
        (*P3B, "paragraph"),
        (*P4, "paragraph"),
        (*P5, "paragraph"),  # the editor reviewed it: the parser's boilerplate is a conflict
    ]
    assert sorted((c.start, c.end) for c in result.conflicts) == [P2, P5]
    assert all(c.kind == "segments" for c in result.conflicts)
    conflict = next(c for c in result.conflicts if c.start == P2[0])
    assert "lead" in conflict.editor and "answer" in conflict.parser and "paragraph" in conflict.base
    assert len(result.applied) == 2
    assert result.curation.status == "curated"
    assert result.curation.segment("s2").origin == "editor"
    assert result.curation.parser.version == "2"
    assert len({s.id for s in result.curation.segments}) == len(result.curation.segments)


def test_parser_arriving_at_the_editors_version_is_no_conflict() -> None:
    base = make(TEXT, [(*P1, "title"), (*P2, "paragraph")])
    editor = _edit(base, "s2", label="lead")
    new = make(TEXT, [(*P1, "title"), (*P2, "lead")])
    result = merge_three_way(base, editor, new)
    assert result.conflicts == [] and result.applied == []
    assert _labels(result.curation) == [(*P1, "title"), (*P2, "lead")]


def test_editor_added_segment_blocks_parser_changes_over_it() -> None:
    base = make(TEXT, [(*P1, "title")])
    editor = base.model_copy(
        update={"segments": [*base.segments, Segment(id="e1", start=P2[0], end=P2[1], label="lead", text=TEXT[P2[0]:P2[1]], origin="editor")]}
    )
    new = make(TEXT, [(*P1, "title"), (P2[0], P3[1], "paragraph")])
    result = merge_three_way(base, editor, new)
    assert _labels(result.curation) == [(*P1, "title"), (*P2, "lead")]
    assert [(c.start, c.end) for c in result.conflicts] == [(P2[0], P3[1])]


def test_article_fields_merge_field_by_field() -> None:
    segs = [(*P1, "title", "a1"), (*P2, "paragraph", "a1")]
    art = Article(id="a1", title="Page title", date=dt.date(2024, 1, 1), kind="news")
    base = make(TEXT, segs, articles=[art])
    editor = base.model_copy(update={"articles": [art.model_copy(update={"title": "Page title 🌍", "kind": "speech"})], "status": "curated"})
    new = make(TEXT, segs, articles=[Article(id="a1", title="Page title", date=dt.date(2024, 1, 2), kind="statement")])
    result = merge_three_way(base, editor, new)
    merged = result.curation.articles[0]
    assert merged.title == "Page title 🌍"  # editor's
    assert merged.date == dt.date(2024, 1, 2)  # parser's, editor never touched it
    assert merged.kind == "speech"  # both changed: editor kept, conflict listed
    assert [c.kind for c in result.conflicts] == ["article"] and "kind" in result.conflicts[0].message


def test_events_follow_the_parser_unless_an_editor_decided() -> None:
    speakers = [Speaker(id="sp1", name="Ann Lee")]
    ev_open = Event(id="e1", type="meeting", date=dt.date(2024, 4, 22), place="Moscow", evidence=[Span(start=P2[0], end=P2[1])])
    ev_decided = Event(id="e2", type="visit", date=dt.date(2024, 5, 1), place="Minsk", evidence=[Span(start=P4[0], end=P4[1])])
    segs = [(*P1, "title"), (*P2, "paragraph"), (*P4, "paragraph")]
    base = make(TEXT, segs, speakers=speakers, events=[ev_open, ev_decided])
    editor = base.model_copy(update={"events": [ev_open, ev_decided.model_copy(update={"decision": "confirmed"})], "status": "curated"})
    new = make(
        TEXT,
        segs,
        speakers=[Speaker(id="p1", name="Ann Lee")],
        events=[
            ev_open.model_copy(update={"id": "x1", "place": "Almaty", "participants": ["p1"]}),
            ev_decided.model_copy(update={"id": "x2", "place": "Bishkek"}),
            Event(id="x3", type="summit", date=dt.date(2024, 6, 1), place="Astana", evidence=[Span(start=P5[0], end=P5[1])]),
        ],
    )
    result = merge_three_way(base, editor, new)
    by_id = {e.id: e for e in result.curation.events}
    assert by_id["e1"].place == "Almaty" and by_id["e1"].participants == ["sp1"]  # undecided: parser's update, editor ids
    assert by_id["e2"].place == "Minsk" and by_id["e2"].decision == "confirmed"  # decided: kept
    assert any(e.type == "summit" and e.decision == "proposed" for e in result.curation.events)  # new proposal
    assert [c.kind for c in result.conflicts] == ["event"]


def test_an_event_with_only_a_type_is_the_same_event_in_an_identical_parse() -> None:
    """An interview event with no date, place, participants or evidence scored 1 against its own copy
    (below the match threshold of 2): an unchanged proposal removed e1 and proposed it again as e2,
    and every later merge added one more (round 20, F6)."""
    ev = Event(id="e1", type="interview")
    base = make(TEXT, [(*P1, "title"), (*P2, "paragraph")], events=[ev])
    result = merge_three_way(base, base, base.model_copy())
    assert result.applied == [] and result.conflicts == []
    assert result.curation.events == [ev]
    again = merge_three_way(base, result.curation, base.model_copy())  # the same proposal a second time
    assert again.applied == [] and again.curation.events == [ev]


def test_merge_refuses_parses_of_another_text() -> None:
    base = make(TEXT, [(*P1, "title")])
    other = TEXT + "x"
    with pytest.raises(ValueError, match="re-anchor"):
        merge_three_way(base, base, make(other, [(0, 4, "title")]))


# -- re-anchoring ------------------------------------------------------------------------

def test_insertion_with_emoji_before_a_segment_moves_it_exactly() -> None:
    cur = make(TEXT, [(*P1, "title"), (*P2, "lead"), (*P4, "paragraph")], status="curated", events=[Event(id="e1", type="meeting", evidence=[Span(start=P4[0], end=P4[1])])])
    insert = "Breaking 🚨🚨 news line 👩‍👩‍👧\n\n"
    new_text = TEXT[: P2[0]] + insert + TEXT[P2[0]:]
    result = reanchor(cur, new_text, new_doc=doc_ref(new_text))
    shift = len(insert)  # code points, whatever UTF-16 would say
    assert _labels(result.curation) == [(*P1, "title"), (P2[0] + shift, P2[1] + shift, "lead"), (P4[0] + shift, P4[1] + shift, "paragraph")]
    assert [s.text for s in result.curation.segments] == [TEXT[P1[0]:P1[1]], "First paragraph.", "Third paragraph."]
    assert result.curation.events[0].evidence[0].start == P4[0] + shift
    assert result.clean and result.moved == 2
    assert result.curation.status == "curated"
    assert result.curation.document.sha256 == doc_ref(new_text).sha256


def test_deleted_passage_is_flagged_not_dropped() -> None:
    cur = make(TEXT, [(*P1, "title"), (*P3, "paragraph"), (*P4, "paragraph")], status="curated")
    new_text = TEXT.replace("Second one. Has two sentences.\n\n", "")
    result = reanchor(cur, new_text, new_doc=doc_ref(new_text))
    assert [s.text for s in result.curation.segments] == [TEXT[P1[0]:P1[1]], "Third paragraph."]
    assert len(result.unplaced) == 1
    lost = result.unplaced[0]
    assert lost.kind == "segment" and lost.item["text"] == "Second one. Has two sentences." and lost.item["id"] == "s2"
    assert result.curation.status == "in_progress"  # someone must look


def test_edit_inside_a_segment_places_it_and_flags_the_change() -> None:
    cur = make(TEXT, [(*P1, "title"), (*P2, "lead")], status="curated")
    new_text = "🙂" + TEXT.replace("First paragraph.", "First paragraph, edited!")
    result = reanchor(cur, new_text, new_doc=doc_ref(new_text))
    assert [s.text for s in result.curation.segments] == [TEXT[P1[0]:P1[1]], "First paragraph, edited!"]
    assert [c.segment for c in result.changed] == ["s2"]
    assert result.curation.segment("s2").reviewed is False


def test_reconstructed_old_text_holds_segment_texts_at_their_offsets() -> None:
    cur = make(TEXT, [(*P2, "lead")])
    old = reconstruct_old_text(cur)
    assert len(old) == len(TEXT) and old[P2[0]:P2[1]] == "First paragraph." and "Page" not in old


@settings(max_examples=40, deadline=None)
@given(
    inserts=st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(TEXT)), st.text(alphabet="ab \n😀👩‍👧é.", min_size=1, max_size=12)),
        max_size=4,
    )
)
def test_insertions_between_segments_never_lose_or_alter_a_segment(inserts: list[tuple[int, str]]) -> None:
    spans = [P1, P2, P3, P4, P5]
    cur = make(TEXT, [(*p, "paragraph") for p in spans], status="curated")
    # Insert only in the gaps between segments, so every segment's text survives intact.
    gaps = [0] + [e for _s, e in spans]
    new_text, shift, moved = TEXT, 0, []
    cuts = sorted({gaps[pos % len(gaps)]: ins for pos, ins in inserts}.items())
    for at, ins in cuts:
        new_text = new_text[: at + shift] + ins + new_text[at + shift :]
        shift += len(ins)
    for s, e in spans:
        extra = sum(len(ins) for at, ins in cuts if at <= s)
        moved.append((s + extra, e + extra))
    result = reanchor(cur, new_text, new_doc=doc_ref(new_text))
    assert result.unplaced == [] and result.changed == []
    assert [(s.start, s.end) for s in result.curation.segments] == moved
    assert [s.text for s in result.curation.segments] == [TEXT[s:e] for s, e in spans]


def test_take_change_applies_one_reviewed_change_and_leaves_the_rest() -> None:
    from curator.core.review.diff import diff_segments
    from curator.core.review.merge import take_change

    gold = make(TEXT, [(*P1, "title", "a1"), (*P2, "paragraph", "a1"), (*P3, "paragraph", "a1")], status="curated",
                articles=[Article(id="a1", title="Page title")])
    new = make(TEXT, [(*P1, "heading"), (*P2, "lead"), (*P3A, "paragraph", None, "x"), (*P3B, "paragraph")],
               speakers=[Speaker(id="x", name="Ann Lee")])
    changes = diff_segments(gold.segments, new.segments).changes
    assert [c.kind for c in changes] == ["relabelled", "relabelled", "split"]
    taken = take_change(gold, new, changes[2])
    assert _labels(taken) == [(*P1, "title"), (*P2, "paragraph"), (*P3A, "paragraph"), (*P3B, "paragraph")]
    split = [s for s in taken.segments if s.start >= P3[0]]
    assert all(s.reviewed and s.article == "a1" for s in split)
    assert taken.speakers[0].name == "Ann Lee" and split[0].speaker == taken.speakers[0].id
    # The first change still applies to the result; a stale change is refused.
    again = take_change(taken, new, changes[1])
    assert _labels(again)[1] == (*P2, "lead")
    with pytest.raises(ValueError, match="does not match"):
        take_change(again, new, changes[2])


def test_merge_from_disk_takes_another_editors_work_and_keeps_yours() -> None:
    """A curated file changed on disk while an editor had unsaved edits (the window's Reload and merge)."""
    from curator.core.review.merge import merge_from_disk

    base = make(TEXT, [(*P1, "title"), (*P2, "paragraph"), (*P3, "paragraph"), (*P4, "paragraph"), (*P5, "paragraph")])
    base = base.model_copy(update={"segments": [s.model_copy(update={"reviewed": True}) if s.id == "s4" else s
                                                for s in base.segments]})
    mine = _edit(base, "s2", label="lead").model_copy(update={"status": base.status})
    # Another editor (on disk): relabelled s3, reviewed s5, marked the document curated, and also changed s2.
    theirs = base.model_copy(update={"status": "curated", "segments": [
        s.model_copy(update={"label": "answer", "origin": "editor"}) if s.id == "s3"
        else s.model_copy(update={"reviewed": True}) if s.id == "s5"
        else s.model_copy(update={"label": "heading", "origin": "editor"}) if s.id == "s2" else s
        for s in base.segments]})
    result = merge_from_disk(base, mine, theirs)
    cur = result.curation
    assert _labels(cur) == [(*P1, "title"), (*P2, "lead"), (*P3, "answer"), (*P4, "paragraph"), (*P5, "paragraph")]
    assert [s.reviewed for s in cur.segments] == [False, False, False, True, True]  # the disk's flags taken as they are
    assert cur.segment("s3").origin == "editor"  # another editor's work stays theirs, ids kept
    assert cur.status == "curated"  # changed on disk only
    assert [(c.start, c.end) for c in result.conflicts] == [P2]  # both changed s2: yours is kept, listed
    assert "file on disk" in result.conflicts[0].message
    # The reviewed segment s4 (reviewed in the base already) does not lock its region for the disk's changes.
    theirs2 = base.model_copy(update={"segments": [s.model_copy(update={"label": "answer"}) if s.id == "s4" else s
                                                   for s in base.segments]})
    assert not merge_from_disk(base, mine, theirs2).conflicts
    assert merge_from_disk(base, mine, theirs2).curation.segment("s4").label == "answer"


def test_a_duplicate_of_a_segment_in_the_same_document_is_renamed_with_its_copy() -> None:
    """The new side's in-Document duplicate ('s2 repeats t1') points at the new side's segment ids; the
    merge renamed the member but not the copy it repeats, so the result named an unknown segment
    (import --annotations refused every page whose dateline repeats its title)."""
    from curator.core.model import Duplicate, DuplicateRef
    from tests.factories import curation_for

    text = "Same line\n\nSame line\n\nOther text here\n"
    spans = [(0, 9, "title"), (11, 20, "paragraph"), (22, 37, "paragraph")]
    dup = [Duplicate(segment="s1", group="g", kind="exact", score=1.0),
           Duplicate(segment="s2", group="g", kind="exact", score=1.0, of=DuplicateRef(document="doc", segment="s1"))]
    base = curation_for(text, spans, duplicates=dup)
    new = base.model_copy(update={
        "segments": [s.model_copy(update={"id": f"t{i}"}) for i, s in enumerate(base.segments, start=1)],
        "duplicates": [dup[0].model_copy(update={"segment": "t1"}),
                       dup[1].model_copy(update={"segment": "t2", "of": DuplicateRef(document="doc", segment="t1")})]})
    new = type(base).model_validate(new.model_dump())
    editor = _edit(base, "s3", label="heading")  # the editor touched something else
    merged = merge_three_way(base, editor, new).curation
    by_id = {s.id: s for s in merged.segments}
    copies = [d for d in merged.duplicates if d.of is not None]
    assert copies and all(d.of.segment in by_id for d in copies)
    assert by_id[copies[0].of.segment].start == 0


@pytest.mark.parametrize("label, kept_as", [("lead", "paragraph"), ("title", "heading")])
def test_a_second_lead_or_title_from_the_parser_is_not_added_beside_the_editors(label: str, kept_as: str) -> None:
    """redteam12 #18: a page re-crawled with a new first paragraph; the parser calls it the lead
    (and the old lead a paragraph); the editor reviewed the old lead. The merge kept the editor's
    lead and took the parser's new one too: an Article with two leads. One is kept (the editor's);
    the parser's is taken as a plain segment and listed as a conflict for the editor to choose."""
    art = Article(id="a1", title="Page title", kind="news")
    other = "heading" if label == "lead" else "paragraph"
    top = "title" if label == "lead" else "heading"
    base = make(TEXT, [(*P1, top, "a1"), (*P3, label, "a1"), (*P4, "paragraph", "a1")], articles=[art])
    editor = base.model_copy(update={"segments": [s.model_copy(update={"reviewed": True}) if s.label == label else s
                                                  for s in base.segments], "status": "curated"})
    new = make(TEXT, [(*P1, top, "a1"), (*P2, label, "a1"), (*P3, other, "a1"),
                      (*P4, "paragraph", "a1")], articles=[art])
    result = merge_three_way(base, editor, new)
    labels = _labels(result.curation)
    assert (*P3, label) in labels  # the editor's, reviewed
    assert (*P2, kept_as) in labels  # the parser's new segment, not a second one
    assert [lab for _s, _e, lab in labels].count(label) == 1
    second = [c for c in result.conflicts if c.start == P2[0]]
    assert len(second) == 1 and label in second[0].message and kept_as in second[0].message
    assert label in second[0].parser and label in second[0].editor


def test_article_membership_merges_like_a_label() -> None:
    """review21: a parser change that moved a line into or out of an Article was not applied by reparse."""
    from curator.core.review.merge import merge_from_disk

    arts = [Article(id="a1", title="Page title")]
    base = make(TEXT, [(*P1, "title", "a1"), (*P2, "paragraph", "a1"), (*P3, "paragraph", "a1"),
                       (*P4, "boilerplate", None), (*P5, "boilerplate", "a1")], articles=arts)
    # the new parse (its own Article ids) takes P4 into the Article and P5 out of it
    new = make(TEXT, [(*P1, "title", "n1"), (*P2, "paragraph", "n1"), (*P3, "paragraph", "n1"),
                      (*P4, "boilerplate", "n1"), (*P5, "boilerplate", None)],
               articles=[Article(id="n1", title="Page title")], version="2")
    result = merge_three_way(base, base, new)
    assert [s.article for s in result.curation.segments] == ["a1", "a1", "a1", "a1", None]  # in the editor's ids
    assert not result.conflicts and len(result.applied) == 2
    assert [a.id for a in result.curation.articles] == ["a1"]
    # an editor who moved P4 out of its Article (or reviewed it) keeps their version: a conflict, as for a label
    editor = base.model_copy(update={"segments": [s.model_copy(update={"reviewed": True}) if s.id == "s4" else s
                                                  for s in base.segments], "status": "curated"})
    result = merge_three_way(base, editor, new)
    assert [s.article for s in result.curation.segments] == ["a1", "a1", "a1", None, None]
    assert [(c.kind, c.start) for c in result.conflicts] == [("segments", P4[0])]
    assert "a1" in result.conflicts[0].parser or "Article" in result.conflicts[0].parser
    # field by field (reload and merge): the disk's membership change beside the editor's relabel of the same
    # segment is taken; both changing the membership apart is a conflict and the editor's is kept
    mine = _edit(base, "s5", label="paragraph").model_copy(update={"status": base.status})
    merged = merge_from_disk(base, mine, new)
    assert [(s.label, s.article) for s in merged.curation.segments][3:] == [("boilerplate", "a1"), ("paragraph", None)]
    assert not merged.conflicts
    mine = _edit(base, "s4", article="a1")
    theirs = base.model_copy(update={"articles": [*arts, Article(id="a2", title="Other")], "segments": [
        s.model_copy(update={"article": "a2", "origin": "editor"}) if s.id in ("s4", "s5") else s for s in base.segments]})
    merged = merge_from_disk(base, mine, theirs)
    assert merged.curation.segment("s4").article == "a1"
    assert [c.start for c in merged.conflicts] == [P4[0]]


def test_taking_a_membership_change_moves_the_segment_into_or_out_of_the_article() -> None:
    """review21: the review mode's "take" of a membership change kept the old Article (a no-op)."""
    from curator.core.review.diff import MEMBERSHIP, diff_segments
    from curator.core.review.merge import take_change
    from curator.core.review.metrics import matched_articles

    gold = make(TEXT, [(*P1, "title", "a1"), (*P2, "paragraph", "a1"), (*P3, "paragraph", "a1"),
                       (*P4, "boilerplate", None), (*P5, "boilerplate", "a1")], status="curated",
                articles=[Article(id="a1", title="Page title")])
    new = make(TEXT, [(*P1, "title", "n1"), (*P2, "paragraph", "n1"), (*P3, "paragraph", "n1"),
                      (*P4, "boilerplate", "n1"), (*P5, "boilerplate", "n2")],
               articles=[Article(id="n1", title="Page title"), Article(id="n2", title="Fourth")])
    changes = diff_segments(gold.segments, new.segments, articles=matched_articles(gold, new)).changes
    assert [c.kind for c in changes] == [MEMBERSHIP, MEMBERSHIP]
    taken = take_change(gold, new, changes[0])
    assert [s.article for s in taken.segments] == ["a1", "a1", "a1", "a1", "a1"]
    assert taken.segments[3].reviewed
    # into an Article this file does not have: a copy of it comes along under a fresh id
    taken = take_change(taken, new, changes[1])
    fresh = taken.segments[4].article
    assert fresh not in (None, "a1") and next(a for a in taken.articles if a.id == fresh).title == "Fourth"
