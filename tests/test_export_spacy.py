"""spaCy DocBin export: the real library reads the spans back exactly, emoji included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from curator.core.export import ExportOptions, export_corpus
from curator.core.export.spacy_docbin import SPANS_KEY, doc_with_spans
from tests.test_export import NEWS, SPEECH, SPEECH_BODY, make_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


NLP = spacy.blank("en")


def _read(path: Path) -> list:
    return list(DocBin().from_disk(path).get_docs(NLP.vocab))


def test_segment_level_docbin_spans_equal_the_exported_segments(corpus: Path, tmp_path: Path) -> None:
    export_corpus(corpus, tmp_path / "s.jsonl", options=ExportOptions(level="segment"))
    export_corpus(corpus, tmp_path / "s.spacy", options=ExportOptions(format="spacy", level="segment"))
    rows = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = {d.user_data["document"]: d for d in _read(tmp_path / "s.spacy")}
    assert set(docs) == {r["document"] for r in rows}
    assert docs["pages/speech"].text == SPEECH and docs["news"].text == NEWS  # the source, exactly
    for doc_id, doc in docs.items():
        expected = [(r["start"], r["end"], r["label"], r["speaker"] or "", r["segment"], r["text"])
                    for r in rows if r["document"] == doc_id]
        got = [(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_, s.text) for s in doc.spans[SPANS_KEY]]
        assert got == expected
        assert doc.user_data["status"] == "curated"
    emoji = next(s for s in docs["pages/speech"].spans[SPANS_KEY] if "👍🏽" in s.text)
    assert (emoji.start_char, emoji.end_char) == (SPEECH.index("Second"), SPEECH.index("Second") + 20)


def test_article_level_docbin_holds_the_article_text_with_its_segments(corpus: Path, tmp_path: Path) -> None:
    export_corpus(corpus, tmp_path / "a.spacy", options=ExportOptions(format="spacy"))
    docs = {d.user_data["article"]: d for d in _read(tmp_path / "a.spacy")}
    a1 = docs["a1"]
    assert a1.text == SPEECH_BODY
    assert [(s.label_, s.text, s.kb_id_) for s in a1.spans[SPANS_KEY]] == [
        ("salutation", "Dear colleagues!", "Jane Doe 😀"),
        ("paragraph", "We met 😀 today in Minsk.", "Jane Doe 😀"),
        ("paragraph", "Second 👍🏽 paragraph.", "Jane Doe 😀"),
    ]
    assert a1.user_data["date"] == "2023-11-08" and a1.user_data["kind"] == "speech"


_PIECES = st.sampled_from(["word", "😀", "👍🏽", "🇦🇲", " ", "  ", "\n", "\n\n", ".", "Dr.", "e-mail", "\t", "é"])


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = "".join(draw(st.lists(_PIECES, min_size=1, max_size=30)))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]
    return text, spans


@settings(max_examples=150, deadline=None)
@given(_text_and_spans())
def test_any_code_point_span_survives_the_docbin(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    nlp = NLP
    doc = doc_with_spans(nlp, text, [(a, b, "paragraph", "", f"s{i}") for i, (a, b) in enumerate(spans)])
    data = DocBin(docs=[doc]).to_bytes()
    back = next(iter(DocBin().from_bytes(data).get_docs(nlp.vocab)))
    assert back.text == text
    assert [(s.start_char, s.end_char, s.text) for s in back.spans[SPANS_KEY]] == [(a, b, text[a:b]) for a, b in spans]


@pytest.mark.parametrize("level", ["segment", "article"])
def test_a_text_over_the_docbin_limit_is_left_out_and_named_the_rest_exported(
        level: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 50 MB page took ~200 s and 4.9 GB in the spaCy export (a DocBin holds every token of every Doc
    until the end; the other formats stayed under 1 GB): a Doc's text over MAX_CHARS is named and left
    out, as spaCy's own ``nlp.max_length`` refuses long texts; the rest is exported (redteam16 F6)."""
    from curator.core.export import spacy_docbin

    before = export_corpus(corpus, tmp_path / "all.spacy", options=ExportOptions(format="spacy", level=level))
    every = _read(tmp_path / "all.spacy")
    longest = max(len(d.text) for d in every)
    over = {d.user_data["document"] for d in every if len(d.text) == longest}
    monkeypatch.setattr(spacy_docbin, "MAX_CHARS", longest - 1)
    stats = export_corpus(corpus, tmp_path / "x.spacy", options=ExportOptions(format="spacy", level=level))
    kept = _read(tmp_path / "x.spacy")
    assert kept and all(len(d.text) < longest for d in kept)
    assert {d.user_data["document"] for d in every} - {d.user_data["document"] for d in kept} == over
    new = [s for s in stats.skipped if s not in before.skipped]  # (the fixture's stale page is always left out)
    assert {s.document for s in new} == over
    assert all("jsonl or parquet" in s.reason and f"{longest:,} characters" in s.reason for s in new)
