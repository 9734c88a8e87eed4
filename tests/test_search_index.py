"""Corpus search from the FTS5 index in .curator/: text, regex, filters, limits, and an index that follows the corpus."""

from __future__ import annotations

import builtins
import json
import os
import shutil
from pathlib import Path

import pytest

from curator.core.search.find import Query, context, find_all
from curator.core.search.index import SearchIndex, SearchQuery, _fts_expr, _required_words
from curator.core.store import Corpus

DOC = "003_fec15abcf43ad61a"


@pytest.fixture
def index(seeds_copy: Path) -> tuple[Corpus, SearchIndex]:
    corpus = Corpus(seeds_copy)
    ix = SearchIndex.for_corpus(corpus)
    ix.refresh(corpus)
    return corpus, ix


def _text(corpus: Corpus, doc_id: str) -> str:
    return corpus.read_source(doc_id).text


def test_text_query_is_a_phrase_with_a_prefix_last_word(index) -> None:  # type: ignore[no-untyped-def]
    corpus, ix = index
    result = ix.search(SearchQuery("csto secretary gen"))
    assert result.hits and result.complete
    for hit in result.hits:
        found = _text(corpus, hit.doc_id)[hit.start:hit.end]
        assert found.lower().startswith("csto secretary gen") and found == hit.match
    # As many as the documents hold (the index finds every occurrence).
    expected = sum(len(find_all(_text(corpus, d), Query(r"csto\W+secretary\W+gen\w*", regex=True))[0])
                   for d in corpus.document_ids())
    assert len(result.hits) == expected


def test_hits_name_their_segment_label_speaker_and_status(index) -> None:  # type: ignore[no-untyped-def]
    corpus, ix = index
    result = ix.search(SearchQuery("Dear colleagues"))
    assert result.hits
    for hit in result.hits:
        seg = corpus.load(hit.doc_id).curation.segment(hit.segment)
        assert seg.start <= hit.start < hit.end <= seg.end
        assert hit.label == seg.label and hit.status == "curated"


def test_filters_narrow_inside_the_index(index) -> None:  # type: ignore[no-untyped-def]
    corpus, ix = index
    every = ix.search(SearchQuery("security")).hits
    only = ix.search(SearchQuery("security", label="paragraph")).hits
    assert only and len(only) < len(every) and {h.label for h in only} == {"paragraph"}
    spoken = ix.search(SearchQuery("security", speaker="tasmagam")).hits
    assert spoken and all("Tasmagambetov" in h.speaker for h in spoken)
    assert ix.search(SearchQuery("security", status="in_progress")).hits == []
    assert len(ix.search(SearchQuery("security", status="curated")).hits) == len(every)


def test_confidence_filters(seeds_copy: Path) -> None:
    path = seeds_copy / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["articles"][0]["confidence"] = 0.35
    path.write_text(json.dumps(data), encoding="utf-8")
    corpus = Corpus(seeds_copy)
    ix = SearchIndex.for_corpus(corpus)
    ix.refresh(corpus)
    doubtful = ix.search(SearchQuery("csto", max_confidence=0.5)).hits
    assert doubtful and {(h.doc_id, h.confidence) for h in doubtful} == {(DOC, 0.35)}
    assert ix.search(SearchQuery("csto", max_confidence=0.3)).hits == []
    unknown = ix.search(SearchQuery("csto", unknown_confidence=True)).hits
    assert unknown and all(h.confidence is None for h in unknown)


def test_regex_is_narrowed_by_the_words_it_requires(index) -> None:  # type: ignore[no-untyped-def]
    corpus, ix = index
    total = ix.counts()[1]
    result = ix.search(SearchQuery(r"Secretar(y|iat) General", regex=True))
    assert result.hits and result.rows_checked < total / 3
    for hit in result.hits:
        assert hit.match in ("Secretary General", "Secretariat General")
    # Case-sensitive: the index is not, Python's re decides.
    assert not ix.search(SearchQuery("secretary general", regex=True, case=True)).hits
    with pytest.raises(ValueError, match="regular expression"):
        ix.search(SearchQuery("(unclosed", regex=True))


def test_a_regex_without_a_word_looks_at_every_row_and_says_so(index) -> None:  # type: ignore[no-untyped-def]
    corpus, ix = index
    result = ix.search(SearchQuery(r"\d{2}\.\d{2}\.\d{4}", regex=True))
    assert result.hits and "requires no whole word" in result.note
    expected = sum(len(find_all(s.text, Query(r"\d{2}\.\d{2}\.\d{4}", regex=True))[0])
                   for d in corpus.document_ids() for s in corpus.load(d).curation.segments)
    assert len(result.hits) == expected
    stopped = ix.search(SearchQuery(r"\d", regex=True), budget=0.0)
    assert stopped.complete is False and "stopped after" in stopped.note  # says so when the budget runs out


@pytest.mark.parametrize(("pattern", "expr"), [
    ("Lavrov|Shoigu", 'text : ("Lavrov"* OR "Shoigu"*)'),
    (r"secur\w+ council", 'text : ("secur"* AND "council"*)'),
    (r"\bthe CSTO\b", 'text : "the" + "CSTO"'),  # one literal run: a phrase
    ("collective security, treaty", 'text : "collective" + "security" + "treaty"*'),
    # Small alternations spell the run out: each spelling is a phrase, one of them is needed.
    (r"Secretar(y|iat) General", 'text : ("Secretary" + "General"* OR "Secretariat" + "General"*)'),
    (r"colou?r", 'text : ("color"* OR "colour"*)'),
    (r"\w*ecurity", None),  # the tail of a word: the index cannot look inside words
    (r"(a|\d+) CSTO", None),  # one alternative needs no word ... but CSTO does:
    (r"\d{2}\.\d{4}", None),
])
def test_required_words(pattern: str, expr: str | None) -> None:
    req = _required_words(pattern, 0)
    if pattern == r"(a|\d+) CSTO":
        assert _fts_expr(req) == 'text : "CSTO"*'
        return
    assert (None if req is None else _fts_expr(req)) == expr


def test_the_limit_stops_a_common_word(index) -> None:  # type: ignore[no-untyped-def]
    _corpus, ix = index
    result = ix.search(SearchQuery("the", limit=10))
    assert len(result.hits) == 10 and not result.complete


def test_a_query_never_reads_the_corpus(index, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    corpus, ix = index
    root = str(corpus.root)
    real_open = builtins.open

    def guarded(file, *a, **k):  # type: ignore[no-untyped-def]
        if str(file).startswith(root) and not str(file).endswith((".sqlite", "-wal", "-shm")):
            raise AssertionError(f"a query read {file}")
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(AssertionError(f"read {self}")))
    assert ix.search(SearchQuery("security", label="paragraph")).hits


def test_refresh_rereads_only_what_changed_and_follows_additions_and_removals(
        seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = Corpus(seeds_copy)
    ix = SearchIndex.for_corpus(corpus)
    assert ix.refresh(corpus) == (5, 0)
    assert ix.refresh(corpus) == (0, 0)  # nothing changed: nothing read
    # A curated file edited elsewhere, a new page (never curated), a page gone.
    path = seeds_copy / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][3]["label"] = "heading"
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    shutil.copy(seeds_copy / f"{DOC}.txt", seeds_copy / "new_page.txt")
    (seeds_copy / "000_52543f1512a84840.txt").unlink()
    loads: list[str] = []
    real = Corpus.load
    monkeypatch.setattr(Corpus, "load", lambda self, d: (loads.append(d), real(self, d))[1])
    assert ix.refresh(corpus) == (2, 1)
    assert sorted(loads) == sorted([DOC, "new_page"])
    assert not [h for h in ix.search(SearchQuery("security")).hits if h.doc_id == "000_52543f1512a84840"]
    fresh = [h for h in ix.search(SearchQuery("Tasmagambetov")).hits if h.doc_id == "new_page"]
    assert fresh and all(h.segment is None and h.status == "new" for h in fresh)  # paragraphs of the source
    seg_id = data["segments"][3]["id"]
    assert any(h.segment == seg_id and h.label == "heading"
               for h in ix.search(SearchQuery(data["segments"][3]["text"][:30])).hits)


def test_context_folds_whitespace_and_keeps_the_match_apart() -> None:
    text = "First line.\n\nSecond   line with the word here and more text after it."
    start = text.index("word")
    before, match, after = context(text, start, start + 4, width=20)
    assert (match, before.endswith("the "), after.startswith(" here")) == ("word", True, True)
    assert "\n" not in before and len(before) <= 20
