"""Red team B5: `export --format spacy` held every token of the corpus in one DocBin (4.9 GB at 10k pages). The
export is now a folder of `.spacy` shards of bounded size (``SHARD_DOCS`` Docs or ``SHARD_CHARS`` characters of
text each); only one shard is in memory at a time. A `.spacy` name whose export fits in one shard is still one
file. spaCy's own corpus reader (what `spacy train` uses) reads the folder; ``DocBin().from_disk`` each file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Corpus as SpacyCorpus

from curator.core.export import ExportOptions, export_corpus
from curator.core.export import spacy_docbin
from curator.core.export.spacy_docbin import SPANS_KEY
from tests.test_export import make_corpus

NLP = spacy.blank("en")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def _spans(doc) -> list[tuple[int, int, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_) for s in doc.spans[SPANS_KEY]]


def _docs(path: Path) -> list:
    files = sorted(path.glob("*.spacy")) if path.is_dir() else [path]
    return [d for f in files for d in DocBin().from_disk(f).get_docs(NLP.vocab)]


def test_a_big_export_is_a_folder_of_bounded_shards_with_every_doc(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export_corpus(corpus, tmp_path / "one.spacy", options=ExportOptions(format="spacy", level="segment", include="all"))
    whole = _docs(tmp_path / "one.spacy")
    assert (tmp_path / "one.spacy").is_file() and len(whole) >= 4  # small: one file, as before
    monkeypatch.setattr(spacy_docbin, "SHARD_DOCS", 2)
    out = tmp_path / "shards"
    result = export_corpus(corpus, out, options=ExportOptions(format="spacy", level="segment", include="all"))
    assert out.is_dir() and result.out == out
    shards = sorted(out.glob("*.spacy"))
    assert len(shards) == (len(whole) + 1) // 2
    assert all(len(DocBin().from_disk(s)) <= 2 for s in shards)
    got = _docs(out)
    assert [(d.text, _spans(d), d.user_data["document"]) for d in got] == \
        [(d.text, _spans(d), d.user_data["document"]) for d in whole]
    # What `spacy train --paths.train <folder>` reads: every shard, every Doc.
    examples = list(SpacyCorpus(out)(NLP))
    assert sorted(e.reference.text for e in examples) == sorted(d.text for d in whole)


def test_a_spacy_name_whose_export_needs_several_shards_becomes_a_folder_and_says_so(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_docbin, "SHARD_CHARS", 10)  # every Doc its own shard
    out = tmp_path / "segments.spacy"
    export_corpus(corpus, out, options=ExportOptions(format="spacy", level="segment", include="all"))
    assert out.is_dir() and len(list(out.glob("*.spacy"))) >= 4
    card = (tmp_path / "segments.spacy.card.md").read_text(encoding="utf-8")
    assert "shard" in card
    examples = list(SpacyCorpus(out)(NLP))
    assert len(examples) == len(list(out.glob("*.spacy")))


def test_only_one_shard_is_held_in_memory(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_docbin, "SHARD_DOCS", 2)
    held: list[int] = []
    real_add = DocBin.add

    def add(self: DocBin, doc) -> None:  # type: ignore[no-untyped-def]
        real_add(self, doc)
        held.append(len(self))

    monkeypatch.setattr(DocBin, "add", add)
    export_corpus(corpus, tmp_path / "out", options=ExportOptions(format="spacy", level="article", include="all"))
    assert held and max(held) <= 2


def test_a_folder_of_someone_elses_files_is_not_replaced(corpus: Path, tmp_path: Path) -> None:
    from curator.core.export.options import ExportError

    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError):
        export_corpus(corpus, out, options=ExportOptions(format="spacy", level="segment", include="all"))
    assert json.dumps(sorted(p.name for p in out.iterdir())) == '["notes.txt"]'
