"""Any text survives load -> curate -> save -> load with valid offsets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.core.model import Curation, ParserInfo, Segment, text_problems
from curator.core.store import Corpus
from curator.core.textio import SourceError

texts = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\r\n", "\n", "\r", "\t", "\x00", "😀", "👩‍👩‍👧", "𝔘", "Ж", " ", "\n\n", "\ufeff"]),
    ),
    max_size=120,
).map("".join)


def _curate(text: str, corpus: Corpus, doc_id: str) -> Curation:
    """Cut the text into segments at every line break, like an editor could."""
    source = corpus.read_source(doc_id)
    segments, start = [], 0
    for i, ch in enumerate(source.text + "\n"):
        if ch in "\r\n":
            if i > start:
                segments.append(Segment(id=f"s{len(segments) + 1}", start=start, end=i,
                                        label="paragraph", text=source.text[start:i], origin="editor"))
            start = i + 1
    return Curation(document=corpus.document_ref(doc_id, source), parser=ParserInfo(name="t", version="1"),
                    status="curated", segments=segments)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_any_text_round_trips(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("c")
    (root / "d.txt").write_bytes(text.encode("utf-8"))
    corpus = Corpus(root)
    try:
        source = corpus.read_source("d")
    except SourceError as exc:
        # Only control-heavy texts may be refused, and then with the file named.
        assert "d.txt" in str(exc) and "binary" in exc.reason
        return
    expected = text[1:] if text.startswith("\ufeff") else text
    assert source.text == expected
    cur = _curate(text, corpus, "d")
    corpus.save(cur, expected_stamp=None)
    loaded = corpus.load("d")
    assert loaded is not None and loaded.curation == cur
    assert text_problems(loaded.curation, corpus.read_source("d").text) == []


def test_lone_surrogates_are_refused_cleanly(tmp_path):
    with pytest.raises(ValueError, match="lone surrogate"):
        from curator.core.textio import sha256_text

        sha256_text("bad \udc80 text")
    root = tmp_path / "c"
    root.mkdir()
    # A file cannot even hold a lone surrogate as UTF-8: the bytes are invalid and decoding
    # falls back to detection, never crashing.
    (root / "s.txt").write_bytes(b"ok \xed\xb2\x80 text " * 10)
    try:
        src = Corpus(root).read_source("s")
    except SourceError as exc:
        assert "s.txt" in str(exc)
    else:
        assert "\udc80" not in src.text and src.warnings
