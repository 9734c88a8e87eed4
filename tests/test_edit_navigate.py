"""Jumps for a keyboard day on a long Document (round gui12): next/previous Article, duplicate group, and
passage someone says with no speaker named; each wraps round and answers None when there is nowhere to go."""

from __future__ import annotations

from curator.core.edit import navigate
from curator.core.model import Article, Curation, Duplicate, DuplicateRef
from tests.factories import curation_for

TEXT = "\n".join(f"line {i} words here" for i in range(12))


def _cur() -> Curation:
    spans = []
    pos = 0
    labels = ["title", "paragraph", "answer", "paragraph", "teaser", "title", "paragraph", "salutation",
              "paragraph", "boilerplate", "title", "paragraph"]
    for line, label in zip(TEXT.split("\n"), labels):
        spans.append((pos, pos + len(line), label))
        pos += len(line) + 1
    cur = curation_for(TEXT, spans)
    arts = ["a1", "a1", "a1", "a1", None, "a2", "a2", "a2", "a2", None, "a3", "a3"]
    speakers = [None, None, None, None, None, None, None, "sp", None, None, None, None]
    segs = [s.model_copy(update={"article": a, "speaker": sp}) for s, a, sp in zip(cur.segments, arts, speakers)]
    return Curation(**{**cur.model_dump(), "segments": [s.model_dump() for s in segs],
                       "speakers": [{"id": "sp", "name": "Speaker"}],
                       "articles": [Article(id="a1", title="one", kind="news").model_dump(),
                                    Article(id="a2", title="two", kind="speech").model_dump(),
                                    Article(id="a3", title="three", kind="interview").model_dump()]})


def _id(seg) -> str | None:  # type: ignore[no-untyped-def]
    return None if seg is None else seg.id


def test_next_and_previous_article_wrap_round() -> None:
    cur = _cur()
    ids = [s.id for s in cur.segments]
    assert _id(navigate.next_article(cur, after=None)) == ids[0]
    assert _id(navigate.next_article(cur, after=ids[1])) == ids[5]
    assert _id(navigate.next_article(cur, after=ids[4])) == ids[5]  # from a teaser between two
    assert _id(navigate.next_article(cur, after=ids[10])) == ids[0]  # the last: round to the first
    assert _id(navigate.next_article(cur, after=ids[7], direction=-1)) == ids[5]  # inside: its own start
    assert _id(navigate.next_article(cur, after=ids[5], direction=-1)) == ids[0]
    assert _id(navigate.next_article(cur, after=ids[0], direction=-1)) == ids[10]  # round to the last
    assert _id(navigate.next_article(cur, after="gone")) == ids[0]


def test_an_article_in_two_parts_starts_once() -> None:
    cur = _cur()
    segs = [s.model_copy(update={"article": "a1"}) if s.id == cur.segments[6].id else s for s in cur.segments]
    cur = cur.model_copy(update={"segments": segs})
    assert navigate.article_starts(cur) == [0, 5, 10]


def test_no_article_no_jump() -> None:
    cur = _cur()
    segs = [s.model_copy(update={"article": None}) for s in cur.segments]
    cur = cur.model_copy(update={"segments": segs, "articles": []})
    assert navigate.next_article(cur, after=None) is None
    assert navigate.next_article(cur, after=cur.segments[3].id, direction=-1) is None


def test_next_passage_without_a_speaker() -> None:
    cur = _cur()
    ids = [s.id for s in cur.segments]
    # the answer in a news Article (2), the speech's paragraphs (6, 8; its salutation 7 has a speaker),
    # the interview's paragraph (11); never a title, a teaser or a news paragraph
    want = [2, 6, 8, 11]
    assert [i for i, need in enumerate(navigate.needs_speaker(cur)) if need] == want
    assert _id(navigate.next_without_speaker(cur, after=ids[2])) == ids[6]
    assert _id(navigate.next_without_speaker(cur, after=ids[11])) == ids[2]
    assert _id(navigate.next_without_speaker(cur, after=ids[6], direction=-1)) == ids[2]
    named = cur.model_copy(update={"segments": [s.model_copy(update={"speaker": "sp"}) for s in cur.segments]})
    assert navigate.next_without_speaker(named, after=None) is None


def test_next_duplicate_group_by_its_first_member_here() -> None:
    cur = _cur()
    ids = [s.id for s in cur.segments]
    dups = [Duplicate(segment=ids[8], group="g2", kind="exact", score=1.0),
            Duplicate(segment=ids[1], group="g1", kind="exact", score=1.0),
            Duplicate(segment=ids[9], group="g1", kind="exact", score=1.0),
            Duplicate(segment=ids[3], group="g3", kind="near", score=0.9,
                      of=DuplicateRef(document="other", segment="s1"))]
    cur = cur.model_copy(update={"duplicates": dups})
    assert navigate.group_starts(cur) == [(1, "g1"), (3, "g3"), (8, "g2")]
    got = navigate.next_duplicate_group(cur, after=ids[1])
    assert got is not None and (got[0].id, got[1]) == (ids[3], "g3")
    got = navigate.next_duplicate_group(cur, after=ids[9])
    assert got is not None and (got[0].id, got[1]) == (ids[1], "g1")
    got = navigate.next_duplicate_group(cur, after=ids[3], direction=-1)
    assert got is not None and got[1] == "g1"
    assert navigate.next_duplicate_group(cur.model_copy(update={"duplicates": []}), after=None) is None
