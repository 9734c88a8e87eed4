"""Corpus parsing proposes duplicates across Documents and keeps editors' decisions."""

from __future__ import annotations

from curator.core.model import text_problems
from curator.core.pipeline import parse_corpus, propose_duplicates, read_sources
from curator.core.store import Corpus
from tests.factories import write_corpus

SIDEBAR = "The Secretary General met the ministers of defence in Minsk to discuss joint training plans."


def _corpus(tmp_path):
    return Corpus(write_corpus(tmp_path / "c", {
        "a": f"{SIDEBAR}\n\nFirst page 😀 body text that is its own and nothing else.",
        "b": f"{SIDEBAR}\n\nSecond page body with different words entirely here.",
    }))


def test_shared_passage_is_proposed_as_one_group_with_a_canonical_copy(tmp_path):
    corpus = _corpus(tmp_path)
    result = parse_corpus(corpus)
    sources, problems = read_sources(corpus)
    assert problems == []
    for doc_id, cur in result.items():
        assert text_problems(cur, sources[doc_id].text) == []
    (dup_a,) = [d for d in result["a"].duplicates if d.kind == "exact"]
    (dup_b,) = [d for d in result["b"].duplicates if d.kind == "exact"]
    assert dup_a.group == dup_b.group
    assert dup_a.of is None, "the earliest document holds the canonical copy"
    assert dup_b.of is not None and dup_b.of.document == "a" and dup_b.of.segment == dup_a.segment
    seg_b = result["b"].segment(dup_b.segment)
    assert seg_b.text == SIDEBAR


def test_a_rejected_group_stays_rejected_after_a_reparse(tmp_path):
    corpus = _corpus(tmp_path)
    first = parse_corpus(corpus)
    rejected = {
        doc_id: cur.model_copy(update={"duplicates": [d.model_copy(update={"decision": "rejected"})
                                                      for d in cur.duplicates]})
        for doc_id, cur in first.items()
    }
    again = parse_corpus(corpus, duplicates=False)
    texts = {d: s.text for d, s in read_sources(corpus)[0].items()}
    merged = propose_duplicates(again, texts, decided=rejected.values())
    assert merged["b"].duplicates and all(d.decision == "rejected" for d in merged["b"].duplicates)


def test_unreadable_document_is_reported_not_fatal(tmp_path):
    corpus = _corpus(tmp_path)
    (corpus.root / "blob.txt").write_bytes(bytes(range(20)) * 50)
    sources, problems = read_sources(corpus)
    assert sorted(sources) == ["a", "b"]
    assert len(problems) == 1 and "blob.txt" in problems[0]
    assert sorted(parse_corpus(corpus, sources=sources)) == ["a", "b"]
