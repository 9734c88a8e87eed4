"""Random sequences of editing verbs keep the Curation valid; undoing them all restores it exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.core import edit
from curator.core.edit import EditError, EditSession, History, lookup
from curator.core.jsonio import dump_curation
from curator.core.model import Curation, DuplicateRef, edge_problems, invariant_problems, text_problems
from curator.core.parse import parse_text

TEXT = (
    "Title 🙂 line\n\n12.03.2024\n\nFirst paragraph with 🚀 words, and more.\nSecond line here.\n\n"
    "- A question?\n\n- An answer 👍 follows.\n\nRelated 01.02.2024 teaser\n\nFooter"
)
LABELS = ["title", "dateline", "lead", "paragraph", "question", "answer", "teaser", "boilerplate"]


def _command(data: st.DataObject, session: EditSession) -> edit.Command:
    cur = session.curation
    n = len(session.text)
    ids = [s.id for s in cur.segments]
    verb = data.draw(st.sampled_from([
        "split", "merge", "nudge", "move", "span", "create", "delete", "label", "review", "article",
        "move_article", "speaker", "same", "event", "event_edit", "dup", "canonical", "status",
    ]))
    offset = st.integers(0, n)
    some_ids = st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True) if ids else st.just(["s404"])
    one_id = st.sampled_from(ids) if ids else st.just("s404")
    if verb == "split":
        return edit.SplitSegment(data.draw(one_id), data.draw(offset), new_id=edit.fresh_id("s", ids))
    if verb == "merge":
        i = data.draw(st.integers(0, max(0, len(ids) - 2)))
        return edit.MergeSegments(ids[i] if ids else "s404", ids[i + 1] if len(ids) > 1 else "s405")
    if verb == "nudge":
        if not ids:
            raise EditError("no segments")
        return edit.nudge_boundary(session, data.draw(one_id), edge=data.draw(st.sampled_from(["start", "end"])),
                                   direction=data.draw(st.sampled_from([-1, 1])),
                                   unit=data.draw(st.sampled_from(["word", "line"])))
    if verb == "move":
        return edit.MoveBoundary(data.draw(one_id), edge=data.draw(st.sampled_from(["start", "end"])),
                                 to=data.draw(offset))
    if verb == "span":
        a, b = sorted((data.draw(offset), data.draw(offset)))
        return edit.SetSpan(data.draw(one_id), a, b)
    if verb == "create":
        a, b = sorted((data.draw(offset), data.draw(offset)))
        return edit.create_segment(session, a, b, label=data.draw(st.sampled_from(LABELS)))
    if verb == "delete":
        return edit.DeleteSegments(data.draw(some_ids))
    if verb == "label":
        return edit.SetLabel(data.draw(some_ids), data.draw(st.sampled_from(LABELS)))
    if verb == "review":
        return edit.MarkReviewed(data.draw(some_ids), reviewed=data.draw(st.booleans()))
    if verb == "article":
        return edit.StartArticle(data.draw(one_id), new_id=edit.fresh_id("a", [a.id for a in cur.articles]))
    if verb == "move_article":
        target = data.draw(st.sampled_from([None, *[a.id for a in cur.articles]]))
        return edit.MoveToArticle(data.draw(some_ids), target)
    if verb == "speaker":
        name = data.draw(st.sampled_from(["Ann Lee", "Bo Chen", "Ann Lee"]))
        return edit.AssignSpeaker(data.draw(some_ids), edit.new_speaker(cur, name))
    if verb == "same":
        return edit.same_as_previous(session, data.draw(some_ids))
    if verb == "event":
        a, b = sorted((data.draw(offset), data.draw(offset)))
        return edit.CreateEvent(new_id=edit.fresh_id("ev", [e.id for e in cur.events]), type="meeting",
                                start=a, end=b, date=data.draw(st.sampled_from([None, "2024-03-12", "12.03.2024"])))
    if verb == "event_edit":
        if not cur.events:
            raise EditError("no events")
        return edit.EditEvent(data.draw(st.sampled_from([e.id for e in cur.events])),
                              place=data.draw(st.sampled_from(["Minsk", ""])))
    if verb == "dup":
        a, b = sorted((data.draw(offset), data.draw(offset)))
        return edit.MarkDuplicate(a, b, of=DuplicateRef(document="doc", segment=data.draw(one_id)),
                                  new_group=edit.fresh_id("g", [d.group for d in cur.duplicates]))
    if verb == "canonical":
        if not cur.duplicates:
            raise EditError("no duplicates")
        d = data.draw(st.sampled_from(cur.duplicates))
        return edit.ChooseCanonical(d.group, d.segment)
    return edit.SetStatus(data.draw(st.sampled_from(["auto", "in_progress", "curated"])))


def _columns_agree(cur: Curation, before: Curation | None = None) -> None:
    """The columns ``edit.lookup`` derives from the edit's window (and remembers) are the segments' own."""
    segs = cur.segments
    assert lookup.ids_of(segs) == [s.id for s in segs]
    assert lookup.starts_of(segs) == [s.start for s in segs]
    assert lookup.articles_of(segs) == [s.article for s in segs]
    # Each segment found by its id (a dict made from the edit's base by its window, then the start column):
    assert [lookup.position(segs, s.id) for s in segs] == list(range(len(segs)))
    assert all(lookup.segment_by_id(segs, s.id) is s for s in segs)
    here = set(lookup.ids_of(segs))
    for gone in ["s999999", *(s.id for s in (before.segments if before else []) if s.id not in here)]:  # the edit's removed ones too
        try:
            lookup.position(segs, gone)
            raise AssertionError(f"{gone}, in no segment, was found")
        except ValueError:
            pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edits_stay_valid_and_undo_all_restores(data: st.DataObject) -> None:
    session = EditSession(TEXT, parse_text(TEXT, "doc"))
    original = session.curation
    original_json = dump_curation(original)
    history = History(session)
    for _ in range(data.draw(st.integers(1, 25))):
        before = session.curation
        try:
            history.do(_command(data, session))
        except EditError:
            assert session.curation is before  # a refused edit changes nothing
            continue
        cur = session.curation
        _columns_agree(cur, before)
        assert invariant_problems(cur) == []
        assert text_problems(cur, TEXT) == []
        assert edge_problems(cur) == []
    # Edits check only what they touched; the full contract validation must agree with them.
    assert Curation.model_validate(session.curation.model_dump()) == session.curation
    steps = len(history.done)
    for _ in range(steps):
        was = session.curation
        history.undo()
        _columns_agree(session.curation, was)
    assert session.curation is original
    assert dump_curation(session.curation) == original_json
    for _ in range(steps):
        was = session.curation
        history.redo()
        _columns_agree(session.curation, was)
    assert text_problems(session.curation, TEXT) == []
