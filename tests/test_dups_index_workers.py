"""The duplicate index written with workers: their shingles reach it through a file each, not through the
main process (they were pickled, piped, unpickled and written by it: 75 MB at 10k pages)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from curator.core.dups import Params
from curator.core.dups import index as dups_index
from curator.core.store import Corpus

from tests.test_scale import _site


def _index_bytes(corpus: Path) -> dict[str, str]:
    folder = corpus / ".curator" / "dups"
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_with_workers_the_index_is_byte_for_byte_that_of_one_process(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    one = _site(tmp_path / "one", 60)
    two = _site(tmp_path / "two", 60)
    monkeypatch.setattr(dups_index, "BATCH", 8)  # several batches a worker: its file is appended to
    a = dups_index.find_in_corpus(Corpus(one), Params(), jobs=1)
    b = dups_index.find_in_corpus(Corpus(two), Params(), jobs=2)
    assert [g.id for g in a.groups] == [g.id for g in b.groups]
    assert _index_bytes(one) == _index_bytes(two)
    assert (one / ".curator" / "dups" / "kgrams.bin").stat().st_size > 0


def test_the_workers_batches_carry_columns_and_no_shingles_and_their_file_holds_these(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _site(tmp_path / "c", 12)
    ids = Corpus(corpus).document_ids()
    folder = tmp_path / "kg"
    folder.mkdir()
    state = dups_index._State(str(corpus), {}, Params().k, 0, True, False)
    state.kgrams_folder = str(folder)
    monkeypatch.setattr(dups_index, "_STATE", state)
    monkeypatch.setattr(dups_index, "_KGRAMS", {})
    first = dups_index._doc_features_batch(ids[:5])
    second = dups_index._doc_features_batch(ids[5:])
    whole = b""
    feats = [dups_index._features(Corpus(corpus), doc_id, Params()) for doc_id in ids]
    for f in feats:
        whole += f.kgrams.astype("<u8").tobytes()
    # each Document's entry says how many passages it has; their columns come once a batch
    sent = [(out[0], out[2]) for batch in (first, second) for out in batch.docs]
    assert sent == [(f.id, len(f.spans)) for f in feats]
    spans = [tuple(s) for batch in (first, second) for s in batch.columns[0].tolist()]
    exact = [x for batch in (first, second) for x in batch.columns[1].tolist()]
    assert spans == [tuple(s) for f in feats for s in f.spans]
    assert exact == [x for f in feats for x in f.exact]
    path, at, sizes = first.kgrams
    assert at == 0 and second.kgrams[0] == path and second.kgrams[1] == sum(sizes)
    assert Path(path).read_bytes() == whole


def test_the_source_reader_reads_every_encoding_as_read_source_does_and_names_a_missing_file(tmp_path: Path) -> None:
    """``SourceReader`` (the workers' second read of a Document, to align or quote it) gives ``read_source``'s
    text for UTF-8, byte-order marks, BOM-less UTF-16 and a detected single-byte encoding."""
    from curator.core.dups.engine import SourceReader
    from curator.core.textio import SourceError, read_source

    root = tmp_path / "c"
    (root / "sub").mkdir(parents=True)
    body = "Привет, мир 😀\r\n\r\nSecond block"
    (root / "utf8.txt").write_bytes(body.encode("utf-8"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    (root / "utf16.txt").write_bytes(body.encode("utf-16"))
    (root / "wide.txt").write_bytes(("Plain text of a page " * 20).encode("utf-16-le"))
    (root / "sub" / "cp1251.txt").write_bytes(("Новости дня и события недели. " * 20).encode("cp1251"))
    reader = SourceReader(str(root))
    for doc_id in ("utf8", "bom", "utf16", "wide", "sub/cp1251"):
        assert reader(doc_id) == read_source(root / f"{doc_id}.txt").text, doc_id
    with pytest.raises(SourceError) as err:
        reader("gone")
    assert str(err.value).startswith(f"{root / 'gone.txt'}: cannot be read")
    (root / "binary.txt").write_bytes(bytes(range(32)) * 100)
    with pytest.raises(SourceError) as err:
        reader("binary")
    assert str(err.value) == f"{root / 'binary.txt'}: looks like a binary file (many control bytes), not a text document"


@pytest.mark.parametrize("relative", [False, True])
def test_a_documents_features_name_its_file_as_read_source_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                relative: bool) -> None:
    """The warning of a source not in UTF-8 and the problem of a binary one, as ``read_source`` words them,
    for a corpus given as a path and as ``.``."""
    from curator.core.textio import SourceError, read_source

    root = tmp_path / "c"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "cp1251.txt").write_bytes(("Новости дня и события недели. " * 20).encode("cp1251"))
    (root / "binary.txt").write_bytes(bytes(range(32)) * 100)
    (root / "plain.txt").write_text("Plain words here.\n\nAnd more words there.", encoding="utf-8")
    if relative:
        monkeypatch.chdir(root)
    given = Path(".") if relative else root
    state = dups_index._State(str(Corpus(given).root), {}, Params().k, 0, True, False)
    monkeypatch.setattr(dups_index, "_STATE", state)
    doc_id, sha, feats, problem, warnings = dups_index._doc_features("sub/cp1251")
    src = read_source(given / "sub" / "cp1251.txt")
    assert (sha, problem, warnings) == (src.sha256, None, src.warnings) and src.warnings
    with pytest.raises(SourceError) as err:
        read_source(given / "binary.txt")
    assert dups_index._doc_features("binary") == ("binary", None, None, str(err.value), ())
    assert dups_index._doc_features("gone")[3] == f"{given / 'gone.txt'}: cannot be read (No such file or directory)"
    assert dups_index._doc_features("plain")[1] == read_source(given / "plain.txt").sha256


def test_with_workers_and_nothing_reused_a_batch_is_added_as_columns_with_the_same_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``DocFeatures`` a Document in the main process when every Document is computed by the workers: the
    batch's columns go to the collector and the index writer at once. Groups and index are those of one
    process, an unreadable source among them included."""
    from curator.core.dups import engine as dups_engine

    one = _site(tmp_path / "one", 50)
    two = _site(tmp_path / "two", 50)
    for root in (one, two):
        (root / "zz-broken.txt").write_bytes(b"\xff\xfe\x00\xd8")  # odd UTF-16: unreadable
    monkeypatch.setattr(dups_index, "BATCH", 7)
    a = dups_index.find_in_corpus(Corpus(one), Params(), jobs=1)
    added: list[str] = []
    real_add = dups_engine.Collector.add

    def add(self, f, *args, **kwargs):
        added.append(f.id)
        return real_add(self, f, *args, **kwargs)

    monkeypatch.setattr(dups_engine.Collector, "add", add)
    b = dups_index.find_in_corpus(Corpus(two), Params(), jobs=2)
    assert added == []
    assert [(g.id, g.kind, g.score, [(m.document, m.start, m.end) for m in g.members]) for g in a.groups] == \
        [(g.id, g.kind, g.score, [(m.document, m.start, m.end) for m in g.members]) for g in b.groups]
    assert [p.replace(str(one), "C") for p in a.problems] == [p.replace(str(two), "C") for p in b.problems]
    assert len(a.problems) == 1 and "zz-broken.txt" in a.problems[0]
    assert _index_bytes(one) == _index_bytes(two)
    assert (b.stats.documents, b.stats.computed) == (a.stats.documents, a.stats.computed) == (50, 50)
