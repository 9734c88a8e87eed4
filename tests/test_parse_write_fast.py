"""``curator parse --out``'s output stage (``cli.parse._Write``) without a path object per Document (issue 10,
round 21): the folders' names made once a batch, each Document's files named as strings; what lands and
what is reported stays as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.cli.parse import _Write
from curator.core.store import Corpus
from curator.core.untouched import mark


def _corpus(tmp_path: Path, n: int) -> Corpus:
    root = tmp_path / "c"
    root.mkdir()
    for i in range(n):
        (root / f"d{i}.txt").write_text(f"page {i}\n", encoding="utf-8")
    return Corpus(root)


def _count(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"curated_path": 0, "base_path": 0}
    curated_path, base_path = Corpus.curated_path, Corpus.base_path

    def counted_curated(self: Corpus, doc_id: str) -> Path:
        calls["curated_path"] += 1
        return curated_path(self, doc_id)

    def counted_base(self: Corpus, doc_id: str) -> Path:
        calls["base_path"] += 1
        return base_path(self, doc_id)

    monkeypatch.setattr(Corpus, "curated_path", counted_curated)
    monkeypatch.setattr(Corpus, "base_path", counted_base)
    return calls


def test_into_the_store_each_document_gets_its_curated_file_carrying_its_digest_without_a_path_per_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path, 6)
    corpus.curated_dir.mkdir()
    (corpus.curated_dir / "d1.json").write_bytes(b"edited")  # curated already: left as it is
    (corpus.state_dir / "base").mkdir(parents=True)
    (corpus.state_dir / "base" / "d1.json").write_bytes(b"its base")  # kept
    (corpus.state_dir / "base" / "d2.json").write_bytes(b"older base")  # of a curated file deleted since: goes
    calls = _count(monkeypatch)
    items = [(f"d{i}", b'{\n  "duplicates": [],\n  "n": %d\n}\n' % i, []) for i in range(6)]
    results = _Write(str(corpus.root), str(corpus.curated_dir), True)(items)
    assert calls["curated_path"] <= 1 and calls["base_path"] <= 1  # not one (or three) a Document
    assert [r[1] for r in results] == [[]] * 6
    assert results[1][0] is not None and "d1.json: exists already" in results[1][0]
    assert [r[0] for i, r in enumerate(results) if i != 1] == [None] * 5
    for i in range(6):
        curated = (corpus.curated_dir / f"d{i}.json").read_bytes()
        assert curated == (b"edited" if i == 1 else mark(items[i][1]))
        assert (i == 1) == (corpus.state_dir / "base" / f"d{i}.json").exists()  # a lazy base: no copy


def test_a_payload_not_rendered_as_the_store_renders_gets_its_base_file_as_before(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 3)
    items = [(f"d{i}", b'{\n  "duplicates": [],\n  "n": %d\n}' % i, []) for i in range(3)]  # no final newline
    assert _Write(str(corpus.root), str(corpus.curated_dir), True)(items) == [(None, [])] * 3
    for i in range(3):
        assert (corpus.curated_dir / f"d{i}.json").read_bytes() == items[i][1]
        assert (corpus.state_dir / "base" / f"d{i}.json").read_bytes() == items[i][1]


def test_a_file_that_cannot_be_written_is_reported_under_its_own_document(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 3)
    corpus.state_dir.mkdir()
    (corpus.state_dir / "base").write_bytes(b"")  # a file where the base folder should be
    items = [(f"d{i}", b'{\n  "duplicates": [],\n  "n": %d\n}' % i, []) for i in range(3)]
    results = _Write(str(corpus.root), str(corpus.curated_dir), True)(items)
    for i, (why, failed) in enumerate(results):
        assert why is None
        assert [p for p, _ in failed] == [str(corpus.state_dir / "base" / f"d{i}.json")]
        assert (corpus.curated_dir / f"d{i}.json").read_bytes() == items[i][1]


def test_into_another_folder_one_file_a_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path, 3)
    out = tmp_path / "out"
    calls = _count(monkeypatch)
    items = [(f"d{i}", b'{\n  "duplicates": [],\n  "n": %d\n}' % i, []) for i in range(3)]
    assert _Write(str(corpus.root), str(out), False)(items) == [(None, [])] * 3
    assert calls == {"curated_path": 0, "base_path": 0}
    assert sorted(p.name for p in out.iterdir()) == ["d0.json", "d1.json", "d2.json"]
    assert (out / "d2.json").read_bytes() == items[2][1]
