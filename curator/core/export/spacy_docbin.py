"""spaCy ``DocBin`` export: segments as labelled spans in ``doc.spans["segments"]``.

Docs are made with ``spacy.blank("en")`` (no model). spaCy's character
offsets are code points, like Curator's, so ``span.start_char``/``end_char``
equal the exported ``start``/``end``. Tokens are cut at every segment
boundary first, so no span ever has to be snapped to a token.

The Docs go to shards: a folder of ``000000.spacy``, ``000001.spacy``, … DocBins of at most
``SHARD_DOCS`` Docs or ``SHARD_CHARS`` characters of text each, each written as soon as it is full, so
memory holds one shard whatever the corpus size (one DocBin of 10k pages peaked at 4.9 GB, red team B5).
``spacy train --paths.train FOLDER`` (spaCy's ``Corpus`` reader) reads every ``.spacy`` file of a folder;
``DocBin().from_disk`` reads each. An ``--out`` ending in ``.spacy`` whose export fits in one shard is
one file, as before.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path
from typing import Any

from curator.core.export.options import ExportError, ExportWriteError, NotWritable, os_reason
from curator.core.export.records import DocumentRecords

SPANS_KEY = "segments"
# A DocBin holds every token of every Doc until it is written: ~100 bytes of memory a character of text
# (a 50 MB page peaked at 4.9 GB). A longer text is left out and named, as spaCy's own ``nlp.max_length``
# (1,000,000 by default) refuses one; JSONL and Parquet stream it.
MAX_CHARS = 5_000_000
# A shard is written once it holds this many Docs or this many characters of text (a Doc over it is a shard
# alone): ~2 M characters are ~60-100 MB of DocBin in memory and ~10-20 MB on disk.
SHARD_DOCS = 1000
SHARD_CHARS = 2_000_000
MARKER = ".curator-export"  # as the other folder formats: an earlier Curator export of this format may be replaced


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


class SpacyWriter:
    """One Doc per article (article level) or per Document (segment level), in DocBin shards of bounded size.

    Built in a hidden ``.<name>.partial`` folder beside ``out``, moved into place when the export finished (a
    folder is replaced only when an earlier Curator spaCy export made it, never someone else's files).
    """

    def __init__(self, out: Path, *, level: str) -> None:
        spacy = _spacy()
        self.out = out
        self.level = level
        self.nlp = spacy.blank("en")
        self.tmp = out.with_name(f".{out.name}.partial")
        if out.exists() and not out.is_dir() and out.suffix != ".spacy":
            raise ExportError(f"{out}: is a file; the spacy format writes a folder of .spacy shards "
                              "(or one file named *.spacy when the export fits in one shard)")
        if out.is_dir() and any(out.iterdir()):
            marker = out / MARKER
            made_by = marker.read_text(encoding="utf-8").strip() if marker.is_file() else None
            if made_by != "spacy":
                raise ExportError(f"{out}: folder exists and is not an earlier Curator spacy export; "
                                  "choose a new name (nothing was written)")
        try:
            if self.tmp.is_dir():
                shutil.rmtree(self.tmp, ignore_errors=True)
            else:
                self.tmp.unlink(missing_ok=True)
            self.tmp.mkdir(parents=True)
        except OSError as exc:
            raise ExportWriteError(f"{out}: cannot create the export's working folder beside it "
                                   f"({os_reason(exc)}); nothing was written") from None
        self.shards = 0  # written so far
        self.docs = 0
        self._new_bin()

    def _new_bin(self) -> None:
        from spacy.tokens import DocBin

        self.bin = DocBin(store_user_data=True)
        self.held_docs = 0
        self.held_chars = 0

    def _add(self, sdoc: Any) -> None:
        n = len(sdoc.text)
        if self.held_docs and (self.held_docs >= SHARD_DOCS or self.held_chars + n > SHARD_CHARS):
            self._flush()
        self.bin.add(sdoc)
        self.held_docs += 1
        self.held_chars += n
        self.docs += 1

    def _flush(self) -> None:
        (self.tmp / f"{self.shards:06d}.spacy").write_bytes(self.bin.to_bytes())
        self.shards += 1
        self._new_bin()

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
                self._add(sdoc)
        elif doc.records:
            spans = [(r["start"], r["end"], r["label"], r["speaker"] or "", r["segment"]) for r in doc.records]
            _fits(doc.source_text)
            sdoc = doc_with_spans(self.nlp, doc.source_text, spans)
            sdoc.user_data.update(_meta(doc.records[0], ("document",)))
            self._add(sdoc)

    @property
    def single_file(self) -> bool:
        """One ``.spacy`` file, as before shards: asked for by the name, and the export fits in one shard."""
        return self.out.suffix == ".spacy" and not self.out.is_dir() and self.shards == 0

    def card_lines(self) -> list[str]:
        if self.single_file:
            return [f"One DocBin file of {self.docs:,} Docs (the export fits in one shard: at most {SHARD_DOCS:,} "
                    f"Docs and {SHARD_CHARS:,} characters)."]
        return [f"A folder of {self.shards:,} DocBin shards (`000000.spacy`, …), {self.docs:,} Docs in all, at most "
                f"{SHARD_DOCS:,} Docs or {SHARD_CHARS:,} characters of text a shard; `spacy train --paths.train "
                "<folder>` reads them all, `DocBin().from_disk` each."]

    def finish(self) -> None:
        if self.single_file:
            os.replace(self._single_partial(), self.out)
            shutil.rmtree(self.tmp, ignore_errors=True)
            return
        if self.held_docs:
            self._flush()
        (self.tmp / MARKER).write_text("spacy\n", encoding="utf-8")
        old = self.out.with_name(f".{self.out.name}.old")
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
        if self.out.exists():
            os.replace(self.out, old)  # an earlier export (a folder of shards, or one .spacy file)
        os.replace(self.tmp, self.out)
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)

    def _single_partial(self) -> Path:
        """The one shard, written to a ``.partial`` file beside ``out`` (the rename over it is atomic)."""
        one = self.out.with_name(f".{self.out.name}.partial.spacy")
        one.write_bytes(self.bin.to_bytes())
        return one

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.out.with_name(f".{self.out.name}.partial.spacy").unlink(missing_ok=True)


def _meta(rec: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    wanted = (*keys, "status", "source_sha256", "parser_name", "parser_version", "source")
    return {k: rec[k] for k in wanted}
