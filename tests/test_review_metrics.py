"""Review metrics on hand-made gold/prediction pairs whose answers are worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from curator.core.model import Article, Duplicate, DuplicateRef, Event, Span, Speaker
from curator.core.review.metrics import NONE_LABEL, score, total
from tests.test_review_support import make, span_of

# Non-blank code points: "Title line" 9, "First para here." 14, "Second para 😀 here." 16 -> 39.
TEXT = "Title line\n\nFirst para here.\n\nSecond para 😀 here.\n"


def _three(labels: tuple[str, str, str]) -> list[tuple[int, int, str]]:
    spans = [span_of(TEXT, "Title line"), span_of(TEXT, "First para here."), span_of(TEXT, "Second para 😀 here.")]
    return [(s, e, lab) for (s, e), lab in zip(spans, labels, strict=True)]


def test_identical_prediction_scores_one_everywhere_it_can() -> None:
    gold = make(TEXT, _three(("title", "paragraph", "paragraph")), status="curated")
    m = score(gold, gold, TEXT).flat()
    assert m["label.accuracy_chars"] == 1.0
    assert m["label.accuracy_segments"] == 1.0
    assert m["label.macro_f1"] == 1.0
    assert m["boundary.exact.f1"] == 1.0
    assert m["speaker.accuracy"] is None  # nobody speaks on either side: nothing to measure


def test_one_relabel_gives_exact_accuracy_and_macro_f1() -> None:
    gold = make(TEXT, _three(("title", "paragraph", "paragraph")))
    pred = make(TEXT, _three(("title", "lead", "paragraph")))
    m = score(gold, pred, TEXT)
    assert m.char_labels.num == 25 and m.char_labels.den == 39
    assert m.flat()["label.accuracy_chars"] == pytest.approx(25 / 39)
    assert m.flat()["label.accuracy_segments"] == pytest.approx(2 / 3)
    # title F1 1; paragraph: 16 right of 30 gold and 16 predicted -> 32/46; lead: 0.
    assert m.flat()["label.macro_f1"] == pytest.approx((1 + 32 / 46 + 0) / 3)
    assert m.confusion["paragraph"]["lead"] == 14
    assert m.flat()["boundary.exact.f1"] == 1.0


def test_uncovered_characters_count_as_none_label() -> None:
    gold = make(TEXT, _three(("title", "paragraph", "paragraph")))
    pred = make(TEXT, _three(("title", "paragraph", "paragraph"))[:2])  # last paragraph missing
    m = score(gold, pred, TEXT)
    assert m.confusion["paragraph"][NONE_LABEL] == 16
    assert m.flat()["label.accuracy_chars"] == pytest.approx(23 / 39)
    assert m.flat()["label.accuracy_segments"] == pytest.approx(2 / 3)


def test_moved_end_boundary_on_the_same_line_counts_within_one_line_only() -> None:
    gold = make(TEXT, _three(("title", "paragraph", "paragraph")))
    s, e = span_of(TEXT, "First para here.")
    segs = _three(("title", "paragraph", "paragraph"))
    segs[1] = (s, e - 1, "paragraph")  # drops the full stop
    pred = make(TEXT, segs)
    m = score(gold, pred, TEXT).flat()
    assert m["boundary.exact.precision"] == pytest.approx(5 / 6)
    assert m["boundary.exact.recall"] == pytest.approx(5 / 6)
    assert m["boundary.exact.f1"] == pytest.approx(5 / 6)
    assert m["boundary.line.f1"] == 1.0


def test_boundary_within_one_line_means_adjacent_line_not_further() -> None:
    text = "A one\nA two\nA three\nA four\n"
    one, two, three, four = (span_of(text, x) for x in ("A one", "A two", "A three", "A four"))
    gold = make(text, [(one[0], two[1], "paragraph"), (three[0], four[1], "paragraph")])
    # End of the first segment one line early (adjacent: counts); start of the second
    # segment two lines late... impossible without overlap, so move it one line late instead.
    near = make(text, [(one[0], one[1], "paragraph"), (four[0], four[1], "paragraph")])
    m = score(gold, near, text)
    assert m.boundary_exact.tp == 2  # the first start and the last end
    assert m.boundary_line.tp == 4
    # Two lines off: the first segment ends on line 0 while gold's ends on line 2.
    gold2 = make(text, [(one[0], three[1], "paragraph"), (four[0], four[1], "paragraph")])
    m2 = score(gold2, near, text)
    assert m2.boundary_line.tp == 3  # starts line 0 and 3 match; the end on line 3 matches; line 0 vs 2 does not
    assert m2.boundary_line.recall == pytest.approx(3 / 4)


def test_articles_matched_by_overlap_then_title_date_kind_compared() -> None:
    segs_g = [(s, e, lab, "a1") for s, e, lab in _three(("title", "paragraph", "paragraph"))]
    gold = make(TEXT, segs_g, articles=[Article(id="a1", title="Title  line", date=dt.date(2024, 4, 24), kind="news")])
    segs_p = [(s, e, lab, "x") for s, e, lab in _three(("title", "paragraph", "paragraph"))]
    pred = make(TEXT, segs_p, articles=[Article(id="x", title="title line", date=dt.date(2024, 4, 25), kind="news")])
    m = score(gold, pred, TEXT).flat()
    assert m["article.match.f1"] == 1.0
    assert m["article.title"] == 1.0  # whitespace and case are normalised
    assert m["article.date"] == 0.0
    assert m["article.kind"] == 1.0


def test_speaker_accuracy_compares_names_not_ids() -> None:
    speakers_g = [Speaker(id="sp1", name="Imangali Tasmagambetov")]
    speakers_p = [Speaker(id="p7", name="imangali  TASMAGAMBETOV"), Speaker(id="p8", name="Someone Else")]
    gold = make(
        TEXT,
        [(s, e, lab, None, spk) for (s, e, lab), spk in zip(_three(("title", "paragraph", "paragraph")), (None, "sp1", "sp1"), strict=True)],
        speakers=speakers_g,
    )
    pred = make(
        TEXT,
        [(s, e, lab, None, spk) for (s, e, lab), spk in zip(_three(("title", "paragraph", "paragraph")), ("p8", "p7", None), strict=True)],
        speakers=speakers_p,
    )
    m = score(gold, pred, TEXT)
    # Counted: title (pred has a speaker, gold none: wrong), para 1 (same name: right), para 2 (missing: wrong).
    assert (m.speakers.num, m.speakers.den) == (1, 3)


def test_events_per_field_precision_and_recall() -> None:
    speakers = [Speaker(id="sp1", name="Samat Ordabaev"), Speaker(id="sp2", name="Kakha Imnadze")]
    s, e = span_of(TEXT, "First para here.")
    gold_events = [
        Event(id="e1", type="meeting", date=dt.date(2024, 4, 22), place="Moscow", participants=["sp1", "sp2"], evidence=[Span(start=s, end=e)]),
        Event(id="e2", type="visit", date=dt.date(2024, 5, 1), place="Minsk", decision="rejected"),
    ]
    pred_events = [
        Event(id="x1", type="meeting", date=dt.date(2024, 4, 22), place="Almaty", participants=["sp1"], evidence=[Span(start=s, end=s + 5)]),
        Event(id="x2", type="summit", place="Bishkek"),
    ]
    gold = make(TEXT, _three(("title", "paragraph", "paragraph")), speakers=speakers, events=gold_events)
    pred = make(TEXT, _three(("title", "paragraph", "paragraph")), speakers=speakers, events=pred_events)
    m = score(gold, pred, TEXT).flat()
    assert m["event.precision"] == 0.5 and m["event.recall"] == 1.0  # the rejected gold event is not gold
    assert m["event.type.precision"] == 0.5 and m["event.type.recall"] == 1.0
    assert m["event.date.precision"] == 1.0 and m["event.date.recall"] == 1.0
    assert m["event.place.precision"] == 0.0 and m["event.place.recall"] == 0.0
    assert m["event.participants.precision"] == 1.0 and m["event.participants.recall"] == 0.5


def test_duplicate_pairs_precision_recall() -> None:
    text = "Same line.\n\nSame line.\n\nOther.\n\nSame line.\n"
    spans = [span_of(text, "Same line.", nth=0), span_of(text, "Same line.", nth=1), span_of(text, "Other."), span_of(text, "Same line.", nth=2)]
    segs = [(s, e, "paragraph") for s, e in spans]
    gold = make(
        text,
        segs,
        duplicates=[
            Duplicate(segment="s1", group="g", kind="exact", score=1.0),
            Duplicate(segment="s2", group="g", kind="exact", score=1.0),
            Duplicate(segment="s4", group="g", kind="exact", score=1.0),
            Duplicate(segment="s3", group="h", kind="near", score=0.9, of=DuplicateRef(document="other", segment="q"), decision="rejected"),
        ],
    )
    pred = make(
        text,
        segs,
        duplicates=[
            Duplicate(segment="s1", group="k", kind="exact", score=1.0),
            Duplicate(segment="s2", group="k", kind="exact", score=1.0),
            Duplicate(segment="s3", group="m", kind="near", score=0.9, of=DuplicateRef(document="other", segment="q")),
        ],
    )
    m = score(gold, pred, text).flat()
    # gold pairs: (1,2) (1,4) (2,4); predicted: (1,2) and s3->other (rejected in gold).
    assert m["duplicate.precision"] == 0.5
    assert m["duplicate.recall"] == pytest.approx(1 / 3)


def test_total_is_a_micro_sum_over_documents() -> None:
    gold = make(TEXT, _three(("title", "paragraph", "paragraph")))
    pred = make(TEXT, _three(("title", "lead", "paragraph")))
    both = total([score(gold, pred, TEXT), score(gold, gold, TEXT)])
    assert (both.char_labels.num, both.char_labels.den) == (25 + 39, 78)
    assert both.segment_labels.value == pytest.approx(5 / 6)


def test_score_refuses_a_prediction_of_another_text() -> None:
    gold = make(TEXT, _three(("title", "paragraph", "paragraph")))
    other = TEXT + "more"
    with pytest.raises(ValueError, match="code points"):
        score(gold, make(other, []), TEXT)
