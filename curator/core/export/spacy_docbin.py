"""spaCy ``DocBin`` export: segments as labelled spans in ``doc.spans["segments"]``.

Docs are made with ``spacy.blank("en")`` (no model). spaCy's character
offsets are code points, like Curator's, so ``span.start_char``/``end_char``
equal the exported ``start``/``end``. Tokens are cut at every segment
boundary first, so no span ever has to be snapped to a token.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from curator.core.export.options import ExportError, NotWritable
from curator.core.export.records import DocumentRecords
from curator.core.export.writers import _FileWriter

SPANS_KEY = "segments"
# A DocBin holds every token of every Doc until it is written: ~100 bytes of memory a character of text
# (a 50 MB page peaked at 4.9 GB). A longer text is left out and named, as spaCy's own ``nlp.max_length``
# (1,000,000 by default) refuses one; JSONL and Parquet stream it.
MAX_CHARS = 5_000_000


def _fits(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise NotWritable(f"{len(text):,} characters, over the spaCy export's {MAX_CHARS:,} (a DocBin holds every "
                          "token in memory, ~100 bytes a character); export it as jsonl or parquet")


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise ExportError("the spacy format needs spaCy installed (pip install -e \".[spacy]\", "
                          "or pip install 'spacy>=3.7,<4')") from None
    return spacy


def doc_with_spans(nlp: Any, text: str, spans: list[tuple[int, int, str, str, str]]) -> Any:
    """A Doc of ``text`` whose tokens break at every span edge; spans are (start, end, label, kb_id, id)."""
    from spacy.tokens import Doc

    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    words: list[str] = []
    spaces: list[bool] = []
    for a, b in itertools.pairwise(cuts):
        piece = nlp.tokenizer(text[a:b])
        for i, tok in enumerate(piece):
            words.append(tok.text)
            last = i == len(piece) - 1
            if last and tok.whitespace_:
                # A trailing space would sit inside the token's text range and hide the cut.
                spaces.append(False)
                words.append(tok.whitespace_)
                spaces.append(False)
            else:
                spaces.append(bool(tok.whitespace_))
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    if doc.text != text:  # pragma: no cover - would be a spaCy tokenizer change
        raise ExportError("spaCy did not reproduce the text exactly; refusing to write shifted spans")
    made = []
    for start, end, label, kb_id, span_id in spans:
        span = doc.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id, alignment_mode="strict")
        if span is None:  # pragma: no cover - cuts above make every edge a token edge
            raise ExportError(f"span [{start}, {end}) does not fall on token edges")
        made.append(span)
    doc.spans[SPANS_KEY] = made
    return doc


class SpacyWriter(_FileWriter):
    """One Doc per article (article level) or per Document (segment level), in one DocBin.

    A DocBin is serialised whole, so this format holds the Docs in memory until
    the end (compact arrays, not Python objects); use JSONL or Parquet for very
    large corpora.
    """

    def __init__(self, out: Path, *, level: str) -> None:
        super().__init__(out)
        spacy = _spacy()
        from spacy.tokens import DocBin

        self.level = level
        self.nlp = spacy.blank("en")
        self.bin = DocBin(store_user_data=True)

    def write(self, doc: DocumentRecords) -> None:
        if self.level == "article":
            for rec in doc.records:  # every Article fits before any is added: a Document is whole or left out
                _fits(rec["text"])
            for rec in doc.records:
                spans = [
                    (s["text_start"], s["text_end"], s["label"], s["speaker"] or "", s["segment"])
                    for s in rec["segments"]
                    if s["text_start"] is not None
                ]
                sdoc = doc_with_spans(self.nlp, rec["text"], spans)
                sdoc.user_data.update(_meta(rec, ("document", "article", "title", "kind")))
                sdoc.user_data["date"] = rec["date"].isoformat() if rec["date"] else None
                self.bin.add(sdoc)
        elif doc.records:
            spans = [(r["start"], r["end"], r["label"], r["speaker"] or "", r["segment"]) for r in doc.records]
            _fits(doc.source_text)
            sdoc = doc_with_spans(self.nlp, doc.source_text, spans)
            sdoc.user_data.update(_meta(doc.records[0], ("document",)))
            self.bin.add(sdoc)

    def finish(self) -> None:
        self.tmp.write_bytes(self.bin.to_bytes())
        self._commit()


def _meta(rec: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    wanted = (*keys, "status", "source_sha256", "parser_name", "parser_version", "source")
    return {k: rec[k] for k in wanted}
