"""``curator dups --jobs 2``'s tail: the detection's workers quote and render the groups (no second pool is
forked for it) while the index is written in a thread; the output and the index are those of one process."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.dups import Params
from curator.core.dups import index as dups_index
from curator.core.parallel import Workers
from curator.core.store import Corpus

from tests.test_scale import _site


def _index_bytes(corpus: Path) -> dict[str, str]:
    folder = corpus / ".curator" / "dups"
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_dups_jobs_2_forks_one_pool_and_prints_what_one_process_prints(tmp_path: Path, capsys,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []
    real_init = Workers.__init__

    def init(self, jobs=1, *args, **kwargs):
        real_init(self, jobs, *args, **kwargs)
        if self._pool is not None:
            pools.append(self.jobs)

    monkeypatch.setattr(Workers, "__init__", init)
    monkeypatch.setattr("curator.cli.dups.RENDER_GROUPS", 5)
    outs, indexes = [], []
    for jobs in ("1", "2"):
        root = _site(tmp_path / f"c{jobs}", 40)
        assert main(["dups", str(root), "--json", "-q", "--jobs", jobs]) == 0
        outs.append(capsys.readouterr().out)
        indexes.append(_index_bytes(root))
    assert pools == [2]
    assert outs[0] == outs[1] and outs[0].count('"id"') > 10
    assert indexes[0] == indexes[1]


def test_a_later_commit_writes_the_same_index_and_finish_waits_for_it(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    one = _site(tmp_path / "one", 30)
    two = _site(tmp_path / "two", 30)
    go = threading.Event()
    real_commit = dups_index.IndexWriter.commit

    def commit(self, links, params):
        assert go.wait(10)  # held until the caller has its result
        return real_commit(self, links, params)

    a = dups_index.find_in_corpus(Corpus(one), Params(), jobs=2)
    monkeypatch.setattr(dups_index.IndexWriter, "commit", commit)
    b = dups_index.find_in_corpus(Corpus(two), Params(), jobs=2, keep_workers=True, commit_later=True)
    try:
        assert not (two / ".curator" / "dups").exists()  # not written yet: the caller goes on meanwhile
        assert b.workers is not None and b.workers.map(len, ["ab", "c"]) == [2, 1]
        go.set()
        b.finish()
    finally:
        go.set()
        if b.workers is not None:
            b.workers.close()
    assert b.stats.written and not b.problems
    assert [g.id for g in a.groups] == [g.id for g in b.groups]
    assert _index_bytes(one) == _index_bytes(two)


def test_a_later_commit_that_cannot_write_is_a_problem_after_finish(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = _site(tmp_path / "c", 20)

    def fail(self, links, params):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dups_index.IndexWriter, "_commit", fail)
    got = dups_index.find_in_corpus(Corpus(root), Params(), jobs=2, commit_later=True)
    got.finish()
    assert got.stats.written is False
    assert len(got.problems) == 1 and "No space left on device" in got.problems[0]
    assert got.groups and not (root / ".curator" / "dups").exists()
