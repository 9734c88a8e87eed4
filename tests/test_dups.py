"""Duplicate passages on small made-up corpora: exact, near, aligned spans, groups, decisions."""

from __future__ import annotations

from curator.core.dups import Params, find_in_curations, find_in_texts, normalise
from curator.core.dups.contract import (
    apply_decisions,
    curation_duplicates,
    merge_duplicates,
    to_duplicates,
)
from curator.core.model import Curation, Duplicate, DuplicateRef, ParserInfo, Segment
from tests.factories import doc_ref

LEAD = (
    "On 8 November the Council of Ministers met in the capital to discuss the regional programme of "
    "cooperation. The ministers adopted a statement on border security and agreed on joint exercises. "
    "They also heard a report on the training of the peacekeeping contingent."
)
OTHER = (
    "The delegation visited the northern provinces where the new water treatment plant was opened by the "
    "governor. Farmers explained how irrigation schedules had changed after the dry summer."
)
SIDEBAR = "Back to the section"


def _groups_of(groups, doc):
    return [g for g in groups if any(m.document == doc for m in g.members)]


def _texts_of(group, texts):
    return sorted((m.document, texts[m.document][m.start : m.end]) for m in group.members)


def test_normalise_folds_case_width_and_whitespace() -> None:
    assert normalise("  Ｂack\u00a0TO  the\n section ") == "back to the section"


def test_exact_duplicates_across_documents_and_within_one() -> None:
    texts = {
        "a": f"{LEAD}\n\n{SIDEBAR}\n\n{SIDEBAR}",
        "b": f"{OTHER}\n\nBACK  to the\nsection",
    }
    groups = find_in_texts(texts)
    assert len(groups) == 1
    g = groups[0]
    assert g.kind == "exact" and g.score == 1.0
    assert [(m.document, texts[m.document][m.start : m.end]) for m in g.members] == [
        ("a", SIDEBAR), ("a", SIDEBAR), ("b", "BACK  to the\nsection"),
    ]
    assert g.canonical_member.document == "a" and g.canonical == 0


def test_unrelated_passages_are_not_grouped() -> None:
    assert find_in_texts({"a": LEAD, "b": OTHER}) == []


def test_near_duplicates_typo_dropped_word_changed_number_added_sentence() -> None:
    typo = LEAD.replace("ministers adopted", "minsiters adopted")
    dropped = LEAD.replace(" regional programme", " programme")
    number = LEAD.replace("On 8 November", "On 9 November")
    added = LEAD + " The next meeting will take place in spring."
    texts = {"a": LEAD, "b": typo, "c": dropped, "d": number, "e": added, "f": OTHER}
    groups = find_in_texts(texts)
    assert len(groups) == 1
    g = groups[0]
    assert g.kind == "near" and 0.9 <= g.score < 1.0
    assert sorted(m.document for m in g.members) == ["a", "b", "c", "d", "e"]
    # The added sentence is not part of what repeats.
    e = next(m for m in g.members if m.document == "e")
    assert texts["e"][e.start : e.end] == LEAD


def test_threshold_controls_near_duplicates() -> None:
    heavy = LEAD.replace("border security", "maritime safety").replace("joint exercises", "shared drills")
    texts = {"a": LEAD, "b": heavy}
    loose = find_in_texts(texts, Params(threshold=0.7))
    assert len(loose) == 1 and loose[0].kind == "near"
    assert find_in_texts(texts, Params(threshold=0.99)) == []


def test_title_inside_dateline_span_in_code_points_after_emoji() -> None:
    title = "Secretary General addressed the meeting of the Security Councils"
    text = f"😀🎉 Menu 👍\n\n{title}\n\n{title} 08.11.2023\n\n{LEAD}"
    groups = find_in_texts({"doc": text})
    assert len(groups) == 1
    g = groups[0]
    assert g.kind == "exact" and g.score == 1.0
    first = text.index(title)
    second = text.index(title, first + 1)
    assert [(m.start, m.end) for m in g.members] == [(first, first + len(title)), (second, second + len(title))]
    assert all(text[m.start : m.end] == title for m in g.members)
    # Whole passages are kept beside the repeated characters.
    assert g.members[1].passage == (second, second + len(title) + len(" 08.11.2023"))


def test_teaser_is_first_sentences_of_a_lead() -> None:
    first_two = LEAD[: LEAD.index("They also")].strip()
    texts = {"page1": f"🙂 {first_two}\n\n{OTHER}", "page2": f"Title here\n\n{LEAD}"}
    groups = find_in_texts(texts)
    assert len(groups) == 1
    g = groups[0]
    assert g.kind == "exact"
    spans = {m.document: (m.start, m.end) for m in g.members}
    s, e = spans["page2"]
    assert texts["page2"][s:e] == first_two  # ends with the full stop of the second sentence
    s, e = spans["page1"]
    assert (s, e) == (2, 2 + len(first_two)) and texts["page1"][s:e] == first_two


def test_shared_stock_phrase_does_not_link_long_paragraphs() -> None:
    phrase = "the Secretary General of the Collective Security Treaty Organization"
    a = f"Yesterday {phrase} opened an exhibition of photographs about the history of the alliance in the old museum."
    b = f"In a long interview with journalists {phrase} answered questions about budgets, staffing and the calendar of summits."
    assert find_in_texts({"a": a, "b": b}) == []


def test_group_ids_are_stable_across_runs_and_added_documents() -> None:
    texts = {"a": f"{LEAD}\n\n{SIDEBAR}", "b": f"{LEAD.replace('capital', 'capitol')}\n\n{SIDEBAR}"}
    first = {g.id for g in find_in_texts(texts)}
    again = {g.id for g in find_in_texts(dict(texts))}
    assert first == again and len(first) == 2
    more = dict(texts, c=f"{OTHER}\n\n{SIDEBAR}", d=OTHER + " Extra words here.")
    after = find_in_texts(more)
    assert first <= {g.id for g in after}
    sidebar = next(g for g in after if g.kind == "exact" and len(g.members) == 3)
    assert sidebar.id in first


def _curation(doc_id: str, text: str, spans: list[tuple[int, int]]) -> Curation:
    segs = [Segment(id=f"s{i}", start=s, end=e, label="paragraph", text=text[s:e]) for i, (s, e) in enumerate(spans, 1)]
    return Curation(document=doc_ref(text, doc_id), parser=ParserInfo(name="t", version="1"), segments=segs)


def _block_curation(doc_id: str, text: str) -> Curation:
    from curator.core.dups import blocks

    return _curation(doc_id, text, blocks(text))


def test_to_duplicates_maps_members_onto_segments() -> None:
    ta = f"😀 {SIDEBAR}\n\n{LEAD}"
    tb = f"{OTHER}\n\n{SIDEBAR}"
    ca, cb = _block_curation("a", ta), _block_curation("b", tb)
    groups = find_in_texts({"a": ta, "b": tb})
    da = to_duplicates(groups, ca, curations={"b": cb})
    db = to_duplicates(groups, cb, curations={"a": ca})
    (ea,), (eb,) = da, db
    assert ea.segment == "s1" and ea.of is None and ea.kind == "exact" and ea.score == 1.0
    assert (ea.start, ea.end) == (2, 2 + len(SIDEBAR))
    assert eb.segment == "s2" and eb.of == DuplicateRef(document="a", segment="s1")
    assert ea.group == eb.group == groups[0].id
    # The entries satisfy the contract when stored.
    ca.model_copy(update={"duplicates": da}).model_validate(ca.model_copy(update={"duplicates": da}).model_dump())


def test_member_spanning_two_segments_gives_one_entry_per_segment() -> None:
    title = "Secretary General addressed the meeting of the Security Councils"
    text = f"{title}\n\n{title} 08.11.2023"
    cut = len(title) + 2 + 20  # a segmentation that splits the dateline's title part
    cur = _curation("a", text, [(0, len(title)), (len(title) + 2, cut), (cut, len(text))])
    groups = find_in_texts({"a": text})
    dups = to_duplicates(groups, cur)
    assert [(d.segment, d.start, d.end) for d in dups] == [
        ("s1", 0, len(title)), ("s2", len(title) + 2, cut), ("s3", cut, len(title) + 2 + len(title)),
    ]
    assert dups[0].of is None and all(d.of == DuplicateRef(document="a", segment="s1") for d in dups[1:])


def test_find_in_curations_finds_the_groups_of_the_blocks_and_maps_them_onto_segments() -> None:
    # Passages are blank-line blocks, as `curator dups` has them (same groups, same ids); the
    # groups are then mapped onto the Curations' Segments.
    ta, tb = f"{LEAD}\n\nEnd.", f"Intro.\n\n{LEAD}"
    ca, cb = _block_curation("a", ta), _block_curation("b", tb)
    groups = find_in_curations([(ca, ta), (cb, tb)])
    def same(gs: list) -> list:
        return [(g.id, g.kind, [(m.document, m.start, m.end) for m in g.members]) for g in gs]

    assert same(groups) == same(find_in_texts({"a": ta, "b": tb}))
    assert len(groups) == 1
    curations = {"a": ca, "b": cb}
    assert [(d.segment, d.of) for d in to_duplicates(groups, ca, curations=curations)] == [("s1", None)]
    assert [(d.segment, d.of) for d in to_duplicates(groups, cb, curations=curations)] == [
        ("s2", DuplicateRef(document="a", segment="s1"))]


def test_decisions_and_chosen_canonical_survive_a_rerun() -> None:
    ta, tb, tc = f"{LEAD}\n\n{SIDEBAR}", f"{OTHER}\n\n{LEAD}", f"{SIDEBAR}\n\n{OTHER}"
    texts = {"a": ta, "b": tb, "c": tc}
    curs = {d: _block_curation(d, t) for d, t in texts.items()}
    groups = find_in_texts(texts)
    lead = next(g for g in groups if len(g.members) == 2 and g.members[0].start == 0 and g.members[1].document == "b")
    side = next(g for g in groups if g is not lead and len(g.members) == 2)
    # The editor confirms the lead group choosing b's copy as canonical, and rejects the sidebar group.
    lead.canonical, lead.decision = 1, "confirmed"
    side.decision = "rejected"
    for d, cur in curs.items():
        curs[d] = cur.model_copy(update={"duplicates": curation_duplicates(groups, cur, curations=curs)})
    assert next(x for x in curs["b"].duplicates if x.group == lead.id).of is None

    fresh = apply_decisions(find_in_texts(texts), curs.values())
    again = {g.id: g for g in fresh}
    assert again[lead.id].decision == "confirmed"
    assert again[lead.id].canonical_member.document == "b"
    assert again[side.id].decision == "rejected"
    stored = curation_duplicates(fresh, curs["a"], curations=curs)
    assert {(x.group, x.decision) for x in stored} == {(lead.id, "confirmed"), (side.id, "rejected")}
    assert next(x for x in stored if x.group == lead.id).of == DuplicateRef(document="b", segment="s2")


def test_decision_found_by_overlap_when_group_id_changed() -> None:
    tb, tc = f"{OTHER}\n\n{LEAD}", f"{LEAD}\n\nEnd."
    texts = {"b": tb, "c": tc}
    curs = {d: _block_curation(d, t) for d, t in texts.items()}
    groups = find_in_texts(texts)
    groups[0].decision = "confirmed"
    for d, cur in curs.items():
        curs[d] = cur.model_copy(update={"duplicates": curation_duplicates(groups, cur, curations=curs)})
    old_id = groups[0].id
    # A new, earlier document holds a near copy: the default canonical (and content id) change.
    texts["a"] = LEAD.replace("capital", "capitol")
    fresh = find_in_texts(texts)
    assert fresh[0].content_key != old_id
    (g,) = apply_decisions(fresh, curs.values())
    assert g.id == old_id and g.decision == "confirmed"


def test_merge_keeps_decided_entries_no_longer_detected_and_drops_stale_proposals() -> None:
    text = f"{LEAD}\n\n{OTHER}"
    cur = _block_curation("a", text)
    kept = Duplicate(segment="s1", group="dup-old", of=DuplicateRef(document="z", segment="s9"), kind="near",
                     score=0.9, start=0, end=10, decision="confirmed")
    stale = Duplicate(segment="s2", group="dup-stale", of=None, kind="exact", score=1.0, start=len(LEAD) + 2,
                      end=len(LEAD) + 12)
    cur = cur.model_copy(update={"duplicates": [kept, stale]})
    assert merge_duplicates(cur, []) == [kept]


# -- bad input -----------------------------------------------------------------------------------------

def test_empty_and_punctuation_only_documents() -> None:
    assert find_in_texts({}) == []
    assert find_in_texts({"a": "", "b": "\n\n\n", "c": "...\n\n—"}) == []


def test_one_word_passages_are_exact_duplicates_only() -> None:
    texts = {"a": "Hello\n\nWorld", "b": "hello\n\nworlds"}
    groups = find_in_texts(texts)
    assert [_texts_of(g, texts) for g in groups] == [[("a", "Hello"), ("b", "hello")]]


def test_passage_repeated_ten_thousand_times() -> None:
    text = "\n\n".join([SIDEBAR] * 10_000 + [LEAD])
    groups = find_in_texts({"big": text, "other": f"{LEAD}\n\n{OTHER}"})
    sizes = sorted(len(g.members) for g in groups)
    assert sizes == [2, 10_000]
    big = next(g for g in groups if len(g.members) == 10_000)
    assert all(text[m.start : m.end] == SIDEBAR for m in big.members)


def test_frequent_shingles_are_capped_but_exact_repeats_still_reported() -> None:
    # 300 distinct paragraphs share one long stock sentence; only exact repeats group.
    stock = "The meeting was held in a constructive atmosphere of mutual understanding and trust"
    texts = {f"d{i:03d}": f"{stock} number {i} with topic {i * 7} and place {i * 13}.\n\n{SIDEBAR}" for i in range(300)}
    groups = find_in_texts(texts, Params(max_df=100))
    assert len(groups) == 1 and len(groups[0].members) == 300 and groups[0].kind == "exact"


def test_documents_that_are_all_duplicates() -> None:
    doc = f"{LEAD}\n\n{SIDEBAR}\n\n{OTHER}"
    texts = {f"d{i}": doc for i in range(50)}
    groups = find_in_texts(texts)
    assert len(groups) == 3
    assert all(g.kind == "exact" and len(g.members) == 50 for g in groups)


def test_planted_near_duplicates_are_found_in_a_small_synthetic_corpus() -> None:
    from curator.bench.dups import quality

    q = quality(0.10, n_docs=60, planted=30, threshold=0.8, k=3, seed=7)
    assert q["planted_pairs"] > 20
    assert q["recall"] >= 0.95 and q["precision"] >= 0.95


def _edge_pair(n_a: int, n_b: int, exact_run: int) -> tuple[str, str]:
    """Passage ``a`` of ``n_a`` long words and ``b``: ``a`` within ``n_b`` words (other words around it),
    ``a``'s first ``exact_run`` words as they are, then every third word one letter off. The letter
    changes leave no shared 3-word shingle past the exact run, yet the words still align and the
    characters still match."""
    vocab = [f"{w}{i:02d}" for i, w in enumerate(("consideration international neighbourhood administration "
                                                  "population opportunities parliamentary responsibility "
                                                  "transportation environmental relationship organisation").split()
                                                 * 8)]
    a = vocab[:n_a]
    inner = [w[:-3] + "x" + w[-2:] if i >= exact_run and (i - exact_run) % 3 == 2 else w for i, w in enumerate(a)]
    around = [f"zz{i}" for i in range(n_b - n_a)]
    half = len(around) // 2
    return " ".join(a) + ".", " ".join([*around[:half], *inner, *around[half:]]) + "."


def test_a_pair_sharing_the_fewest_shingles_count_pairs_allows_can_still_align() -> None:
    """Why no pair is dropped for sharing few shingles before alignment (issue 10): at every shape (two
    passages alike, a short one inside a long one) a pair sharing exactly the least ``count_pairs``
    lets through aligns. ``align`` tolerates a changed word every third word, which shares no shingle
    at all; so no count-only bound stricter than ``count_pairs``' own keeps the output."""
    import numpy as np

    from curator.core.dups import engine
    from curator.core.dups.align import align
    from curator.core.dups.features import document_features
    from curator.core.dups.text import tokens

    params = Params()
    code = np.array([1], dtype=np.uint64)  # the pair (0, 1) of 2 nodes
    for n_a, n_b in ((30, 30), (60, 60), (12, 200), (20, 90)):
        for exact_run in range(n_a):  # the shortest exact run that count_pairs lets through
            text_a, text_b = _edge_pair(n_a, n_b, exact_run)
            fa = document_features("a", "", text_a, [(0, len(text_a))], k=params.k)
            fb = document_features("b", "", text_b, [(0, len(text_b))], k=params.k)
            shared = len(set(fa.kgrams.tolist()) & set(fb.kgrams.tolist()))
            counts = np.array([len(fa.kgrams), len(fb.kgrams)], dtype=np.int64)
            if len(engine.count_pairs(np.repeat(code, shared), counts, 2, params)[0]):
                break
        assert len(engine.count_pairs(np.repeat(code, shared - 1), counts, 2, params)[0]) == 0  # at the edge
        found = align(text_a, tokens(text_a, 0, len(text_a)), text_b, tokens(text_b, 0, len(text_b)), params)
        assert found is not None and found.a[0] == 0 and found.a[1] >= len(text_a) - 1, (n_a, n_b, shared, found)
