"""The corpus store: ids, atomic saves, conflicts, corrupt files kept, changed sources found."""

from __future__ import annotations

import os

import pytest

from curator.core import jsonio
from curator.core.jsonio import CurationFileError, dump_curation
from curator.core.store import ConflictError, Corpus
from tests.factories import curation_for, sample_curation, write_corpus


def _corpus_with_sample(tmp_path):
    text, cur = sample_curation()
    root = write_corpus(tmp_path / "c", {"doc": text, "sub/other": "x\n\ny"})
    return Corpus(root), text, cur


def test_document_ids_are_recursive_posix_and_skip_curated_and_hidden(tmp_path):
    root = write_corpus(tmp_path / "c", {"a": "1", "sub/b": "2", "curated/c": "3", ".curator/d": "4"})
    assert Corpus(root).document_ids() == ["a", "sub/b"]


def test_save_then_load_round_trips(tmp_path):
    corpus, _, cur = _corpus_with_sample(tmp_path)
    stamp = corpus.save(cur, expected_stamp=None)
    loaded = corpus.load("doc")
    assert loaded is not None and loaded.curation == cur and loaded.stamp == stamp
    assert corpus.curated_path("doc").read_text(encoding="utf-8") == dump_curation(cur)


def test_save_refuses_to_overwrite_a_file_changed_on_disk(tmp_path):
    corpus, _, cur = _corpus_with_sample(tmp_path)
    stamp = corpus.save(cur, expected_stamp=None)
    path = corpus.curated_path("doc")
    path.write_text(path.read_text(encoding="utf-8").replace('"auto"', '"in_progress"'), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ConflictError, match="changed on disk"):
        corpus.save(cur, expected_stamp=stamp)
    assert path.read_bytes() == before


def test_save_refuses_to_clobber_an_unloaded_file(tmp_path):
    corpus, _, cur = _corpus_with_sample(tmp_path)
    corpus.save(cur, expected_stamp=None)
    with pytest.raises(ConflictError, match="not loaded first"):
        corpus.save(cur, expected_stamp=None)


def test_interrupted_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    corpus, _, cur = _corpus_with_sample(tmp_path)
    stamp = corpus.save(cur, expected_stamp=None)
    path = corpus.curated_path("doc")
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk pulled out mid-write")

    monkeypatch.setattr(jsonio.os, "replace", crash)
    changed = cur.model_copy(update={"status": "curated"})
    with pytest.raises(OSError, match="mid-write"):
        corpus.save(changed, expected_stamp=stamp)
    assert path.read_bytes() == before
    leftovers = [p for p in path.parent.iterdir() if p.name != path.name]
    assert leftovers == [], "the temp file is cleaned up"


def test_interrupted_write_of_the_temp_file_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    corpus, _, cur = _corpus_with_sample(tmp_path)
    stamp = corpus.save(cur, expected_stamp=None)
    before = corpus.curated_path("doc").read_bytes()
    monkeypatch.setattr(jsonio.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError("power cut")))
    with pytest.raises(OSError, match="power cut"):
        corpus.save(cur.model_copy(update={"status": "curated"}), expected_stamp=stamp)
    assert corpus.curated_path("doc").read_bytes() == before


def test_corrupt_json_is_reported_kept_and_the_rest_loads(tmp_path):
    corpus, _, cur = _corpus_with_sample(tmp_path)
    other_text = "x\n\ny"
    corpus.save(curation_for(other_text, [(0, 1, "paragraph")], doc_id="sub/other"), expected_stamp=None)
    bad = corpus.curated_path("doc")
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b'{"schema_version": 1, "segments": [')
    with pytest.raises(CurationFileError) as info:
        corpus.load("doc")
    assert str(bad) in str(info.value) and "not valid JSON" in str(info.value)
    states = {s.id: s for s in corpus.states()}
    assert states["doc"].status == "error" and "not valid JSON" in states["doc"].problems[0]
    assert states["sub/other"].status == "auto" and states["sub/other"].problems == []
    assert bad.read_bytes() == b'{"schema_version": 1, "segments": ['


def test_invalid_contract_names_the_field(tmp_path):
    corpus, _, cur = _corpus_with_sample(tmp_path)
    path = corpus.curated_path("doc")
    path.parent.mkdir(parents=True)
    path.write_text(dump_curation(cur).replace('"speech"', '"poem"'), encoding="utf-8")
    with pytest.raises(CurationFileError, match=r"articles\.0\.kind"):
        corpus.load("doc")


def test_changed_source_text_is_reported(tmp_path):
    corpus, text, cur = _corpus_with_sample(tmp_path)
    corpus.save(cur, expected_stamp=None)
    corpus.source_path("doc").write_text(text + " (edited)", encoding="utf-8")
    state = corpus.state("doc")
    assert any("source text changed" in p for p in state.problems)


def test_orphan_curations_are_found(tmp_path):
    corpus, _, cur = _corpus_with_sample(tmp_path)
    corpus.save(cur, expected_stamp=None)
    os.remove(corpus.source_path("doc"))
    assert corpus.orphan_curations() == [corpus.curated_path("doc")]


def test_a_curated_file_saved_with_a_bom_and_crlf_by_a_windows_editor_still_loads(seeds_copy):
    # Notepad (and many Windows editors) write UTF-8 with a byte-order mark: the file was refused
    # ("Unexpected UTF-8 BOM (decode using utf-8-sig)") and the editor's hand fix was ignored.
    from curator.cli import main

    corpus = Corpus(seeds_copy)
    doc = "001_a97ccaad3a27ba85"
    path = corpus.curated_path(doc)
    before = corpus.load(doc).curation
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert corpus.load(doc).curation == before
    assert main(["validate", str(seeds_copy)]) == 0
