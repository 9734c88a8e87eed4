"""Segment diffs: each change category from a hand-made pair."""

from __future__ import annotations

from curator.core.model import Speaker
from curator.core.review.diff import (
    APPEARED,
    ATTRIBUTES,
    MERGED,
    MOVED,
    MOVED_RELABELLED,
    RELABELLED,
    SPLIT,
    VANISHED,
    diff_segments,
    snippet,
)
from tests.test_review_support import make, span_of

TEXT = "Heading 🚀 here\n\nAlpha one. Alpha two.\n\nBeta para.\n\nGamma para.\n\nDelta para.\n"
H = span_of(TEXT, "Heading 🚀 here")
A = span_of(TEXT, "Alpha one. Alpha two.")
A1 = span_of(TEXT, "Alpha one.")
A2 = span_of(TEXT, "Alpha two.")
B = span_of(TEXT, "Beta para.")
G = span_of(TEXT, "Gamma para.")
D = span_of(TEXT, "Delta para.")


def _kinds(old, new) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.kind for c in diff_segments(old.segments, new.segments).changes]


def test_identical_has_no_changes() -> None:
    cur = make(TEXT, [(*H, "title"), (*A, "paragraph")])
    d = diff_segments(cur.segments, cur.segments)
    assert d.changes == [] and d.unchanged == 2


def test_relabelled_and_moved_and_both() -> None:
    old = make(TEXT, [(*H, "title"), (*A, "paragraph"), (*B, "paragraph")])
    new = make(TEXT, [(*H, "heading"), (A[0], A[1] - 1, "paragraph"), (B[0] + 1, B[1], "lead")])
    d = diff_segments(old.segments, new.segments)
    assert [c.kind for c in d.changes] == [RELABELLED, MOVED, MOVED_RELABELLED]
    moved = d.changes[1]
    assert moved.old[0].end == A[1] and moved.new[0].end == A[1] - 1
    assert "Alpha one. Alpha two." in moved.describe() and "->" in moved.describe()


def test_split_and_merged() -> None:
    old = make(TEXT, [(*A, "paragraph"), (*B, "paragraph"), (*G, "paragraph")])
    new = make(TEXT, [(*A1, "paragraph"), (*A2, "paragraph"), (B[0], G[1], "paragraph")])
    d = diff_segments(old.segments, new.segments)
    assert [c.kind for c in d.changes] == [SPLIT, MERGED]
    assert [r.snippet for r in d.changes[0].new] == ["Alpha one.", "Alpha two."]
    assert len(d.changes[1].old) == 2 and len(d.changes[1].new) == 1


def test_appeared_and_vanished() -> None:
    old = make(TEXT, [(*H, "title"), (*D, "boilerplate")])
    new = make(TEXT, [(*H, "title"), (*G, "paragraph")])
    assert _kinds(old, new) == [APPEARED, VANISHED]


def test_boundary_moved_between_neighbours_is_two_moves_not_a_tangle() -> None:
    # The boundary between two segments shifts: each keeps most of itself.
    old = make(TEXT, [(A[0], A1[1], "paragraph"), (A2[0], B[1], "paragraph")])
    new = make(TEXT, [(A[0], A2[1], "paragraph"), (*B, "paragraph")])
    assert _kinds(old, new) == [MOVED, MOVED]


def test_speaker_change_compares_names_through_maps() -> None:
    old = make(TEXT, [(*A, "answer", None, "a")], speakers=[Speaker(id="a", name="Ann Lee")])
    same = make(TEXT, [(*A, "answer", None, "z")], speakers=[Speaker(id="z", name="Ann Lee")])
    other = make(TEXT, [(*A, "answer", None, "z")], speakers=[Speaker(id="z", name="Bob Roe")])
    names = lambda c: {s.id: s.name for s in c.speakers}
    assert diff_segments(old.segments, same.segments, old_speakers=names(old), new_speakers=names(same)).changes == []
    d = diff_segments(old.segments, other.segments, old_speakers=names(old), new_speakers=names(other))
    assert [c.kind for c in d.changes] == [ATTRIBUTES]


def test_snippet_is_one_line_and_elided() -> None:
    s = snippet("word " * 40 + "\nend", limit=21)
    assert "\n" not in s and "…" in s and len(s) <= 21


def test_a_speaker_change_names_both_speakers_in_the_text_and_html_reports() -> None:
    """redteam17 A1: ``attributes: paragraph … -> paragraph …`` with both sides alike hid what changed."""
    from curator.core.review.render import _diff_html

    old = make(TEXT, [(*A, "paragraph", None, "vs")], speakers=[Speaker(id="vs", name="Valery Semerikov")])
    new = make(TEXT, [(*A, "paragraph", None, None)], speakers=[])
    names = lambda c: {s.id: s.name for s in c.speakers}  # noqa: E731
    d = diff_segments(old.segments, new.segments, old_speakers=names(old), new_speakers=names(new))
    (change,) = d.changes
    line = change.describe()
    assert line.startswith("attributes: paragraph")
    assert "(speaker Valery Semerikov) -> paragraph" in line and line.endswith("(no speaker)")
    html = _diff_html("changes", d)
    assert "(speaker Valery Semerikov)" in html and "(no speaker)" in html
    assert change.to_json()["old"][0]["speaker"] == "vs"
    assert change.to_json()["old"][0]["speaker_name"] == "Valery Semerikov"
    # a relabel shows no speakers: the label is the change
    relabelled = diff_segments(old.segments, make(TEXT, [(*A, "lead", None, "vs")], speakers=old.speakers).segments)
    assert "speaker" not in relabelled.changes[0].describe()


def test_a_segment_moved_into_out_of_or_between_articles_is_a_membership_change() -> None:
    """review21: a line moved into or out of an Article (same span and label) was invisible in review."""
    from curator.core.model import Article
    from curator.core.review.diff import MEMBERSHIP
    from curator.core.review.metrics import matched_articles
    from curator.core.review.render import _diff_html

    arts = [Article(id="a1", title="Heading"), Article(id="a2", title="Gamma")]
    old = make(TEXT, [(*H, "title", "a1"), (*A, "paragraph", "a1"), (*B, "boilerplate", "a1"),
                      (*G, "title", "a2"), (*D, "boilerplate", None)], articles=arts)
    # the new file's ids differ: its z1 is the old a1, its z2 the old a2
    new_arts = [Article(id="z2", title="Gamma"), Article(id="z1", title="Heading")]
    same = make(TEXT, [(*H, "title", "z1"), (*A, "paragraph", "z1"), (*B, "boilerplate", "z1"),
                       (*G, "title", "z2"), (*D, "boilerplate", None)], articles=new_arts)
    assert diff_segments(old.segments, same.segments, articles=matched_articles(old, same)).changes == []
    # B leaves its Article, D joins one, and (unmatched ids alike) nothing else moves
    new = make(TEXT, [(*H, "title", "z1"), (*A, "paragraph", "z1"), (*B, "boilerplate", None),
                      (*G, "title", "z2"), (*D, "boilerplate", "z2")], articles=new_arts)
    d = diff_segments(old.segments, new.segments, articles=matched_articles(old, new))
    assert [(c.kind, c.start) for c in d.changes] == [(MEMBERSHIP, B[0]), (MEMBERSHIP, D[0])]
    assert d.counts()[MEMBERSHIP] == 2 and d.unchanged == 3
    assert d.to_json()["counts"][MEMBERSHIP] == 2
    assert d.changes[0].describe() == f"{MEMBERSHIP}: boilerplate [{B[0]},{B[1]}) “Beta para.” (Article a1) -> " \
                                      f"boilerplate [{B[0]},{B[1]}) “Beta para.” (no Article)"
    assert d.changes[1].to_json()["new"][0]["article"] == "z2"
    html = _diff_html("changes", d)
    assert "(Article a1)" in html and "(no Article)" in html and "(Article z2)" in html
    # into another Article: a1 -> the new side's match of a2
    other = make(TEXT, [(*H, "title", "z1"), (*A, "paragraph", "z1"), (*B, "boilerplate", "z2"),
                        (*G, "title", "z2"), (*D, "boilerplate", None)], articles=new_arts)
    assert [c.kind for c in diff_segments(old.segments, other.segments, articles=matched_articles(old, other)).changes] == [MEMBERSHIP]
    # a relabel stays a relabel (the label is the change)
    relabelled = make(TEXT, [(*H, "title", "z1"), (*A, "paragraph", "z1"), (*B, "paragraph", None),
                             (*G, "title", "z2"), (*D, "boilerplate", None)], articles=new_arts)
    assert [c.kind for c in diff_segments(old.segments, relabelled.segments, articles=matched_articles(old, relabelled)).changes] == [RELABELLED]
