"""The parse reuses the sources the corpus context pass read in this process (one read and decode a page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.bench._site import SiteMaker, page_ids
from curator.core import pipeline, textio
from curator.core.pipeline import parse_stream
from curator.core.store import Corpus

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _site(root: Path, n: int, seed: int = 5) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    maker = SiteMaker(SEEDS, seed)
    for doc_id in page_ids(n, seed):
        (root / f"{doc_id}.txt").write_text(maker.page(), encoding="utf-8", newline="")
    # the awkward ones: empty, astral and combining characters, a legacy encoding with a warning, unreadable
    (root / "zz-empty.txt").write_bytes(b"")
    (root / "zz-emoji.txt").write_text("Caf\u0065\u0301 \U0001F600 na\u00efve\n\nSecond \U0001D11E passage.\n",
                                       encoding="utf-8")
    (root / "zz-latin.txt").write_bytes("Ein gr\u00fcner Baum stand \u00fcber dem Flu\u00df.\n".encode("latin-1"))
    (root / "zz-binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return root


def _run(corpus: Corpus, jobs: int = 1) -> dict:
    return {d: cur.model_copy(update={"duplicates": entries}).model_dump()
            for d, cur, entries in parse_stream(corpus, jobs=jobs)}


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    reads: dict[str, int] = {}
    real = textio.read_source

    def counted(path: Path) -> textio.SourceText:
        reads[Path(path).stem] = reads.get(Path(path).stem, 0) + 1
        return real(path)

    monkeypatch.setattr("curator.core.store.read_source", counted)
    return reads


def test_one_process_reads_each_readable_source_once_with_the_same_output(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    corpus_dir = _site(tmp_path / "c", 25)
    monkeypatch.setattr(pipeline, "SOURCE_KEEP_BYTES", 0)  # the reference: every source read twice
    reference = _run(Corpus(corpus_dir))
    monkeypatch.undo()
    reads = _counting(monkeypatch)
    got = _run(Corpus(corpus_dir))
    assert got == reference
    assert reads.pop("zz-binary") == 2  # an unreadable source is not kept: the parse reports it again
    assert set(reads.values()) == {1}
    assert not pipeline._KEPT.texts  # every kept source was handed to the parse


def test_the_kept_sources_stay_within_their_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus_dir = _site(tmp_path / "c", 12)
    reference = _run(Corpus(corpus_dir))
    sizes = sorted(len(p.read_bytes()) for p in corpus_dir.iterdir())
    monkeypatch.setattr(pipeline, "SOURCE_KEEP_BYTES", sum(sizes[:4]) + 4 * 100)
    peak = [0]
    real_keep = pipeline._KeptSources.keep

    def keep(self: pipeline._KeptSources, doc_id: str, source: textio.SourceText) -> None:
        real_keep(self, doc_id, source)
        peak[0] = max(peak[0], self.size)
        assert self.size <= pipeline.SOURCE_KEEP_BYTES

    monkeypatch.setattr(pipeline._KeptSources, "keep", keep)
    reads = _counting(monkeypatch)
    assert _run(Corpus(corpus_dir)) == reference
    assert 0 < peak[0] <= pipeline.SOURCE_KEEP_BYTES
    assert 2 in reads.values() and 1 in reads.values()  # some kept, the rest read again


def test_a_later_run_never_sees_an_earlier_runs_sources(tmp_path: Path) -> None:
    corpus_dir = _site(tmp_path / "c", 6)
    corpus = Corpus(corpus_dir)
    first = _run(corpus)
    # an earlier run that stopped after the context pass leaves sources behind; the file then changes
    stream = parse_stream(corpus, jobs=1, should_stop=lambda: True)
    assert list(stream) == []
    (corpus_dir / "zz-emoji.txt").write_text("Changed text.\n\nAnother passage here.\n", encoding="utf-8")
    second = _run(Corpus(corpus_dir))
    assert second["zz-emoji"]["document"]["sha256"] != first["zz-emoji"]["document"]["sha256"]
    assert second["zz-emoji"]["document"]["sha256"] == textio.sha256_text("Changed text.\n\nAnother passage here.\n")


def test_workers_do_not_keep_sources(tmp_path: Path) -> None:
    corpus_dir = _site(tmp_path / "c", 10)
    assert _run(Corpus(corpus_dir), jobs=2) == _run(Corpus(corpus_dir), jobs=1)
    assert not pipeline._KEPT.texts
