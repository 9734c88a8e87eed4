"""Issue 11, work lost and quieter faults in the store: racing saves, file modes, stale temp files, ids, listing."""

from __future__ import annotations

import multiprocessing as mp
import os
import stat
from pathlib import Path

import pytest

from curator.core.jsonio import atomic_write_text, dump_curation
from curator.core.model import Curation
from curator.core.store import ConflictError, Corpus, InvalidDocumentId, check_doc_id, state_folder_of
from tests.factories import sample_curation, write_corpus

pytestmark = pytest.mark.reliability


def _racer(root: str, seg: int, label: str, barrier, q) -> None:  # noqa: ANN001
    corpus = Corpus(root)
    loaded = corpus.load("doc")
    data = loaded.curation.model_dump()
    data["segments"][seg]["label"] = label
    cur = Curation.model_validate(data)
    barrier.wait()
    try:
        corpus.save(cur, expected_stamp=loaded.stamp)
        q.put((label, "ok"))
    except ConflictError:
        q.put((label, "conflict"))


def test_racing_saves_exactly_one_wins(tmp_path: Path) -> None:
    """Two processes save the same loaded version at once: one wins, the other gets ConflictError (20 pairs)."""
    text, cur = sample_curation()
    root = write_corpus(tmp_path / "c", {"doc": text})
    corpus = Corpus(root)
    corpus.save(cur, expected_stamp=None)
    original = corpus.curated_path("doc").read_bytes()
    ctx = mp.get_context("fork")
    doubles = lost = 0
    for _ in range(20):
        corpus.curated_path("doc").write_bytes(original)
        barrier, q = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_racer, args=(str(root), i, lab, barrier, q))
                 for i, lab in ((0, "heading"), (1, "boilerplate"))]
        for p in procs:
            p.start()
        results = [q.get(timeout=60) for _ in procs]
        for p in procs:
            p.join()
        won = [lab for lab, how in results if how == "ok"]
        assert len(won) >= 1
        doubles += len(won) > 1
        final = corpus.load("doc").curation
        lost += sum(lab not in {s.label for s in final.segments[:2]} for lab in won)
    assert (doubles, lost) == (0, 0)


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600])
def test_save_keeps_the_file_mode(tmp_path: Path, mode: int) -> None:
    text, cur = sample_curation()
    corpus = Corpus(write_corpus(tmp_path / "c", {"doc": text}))
    stamp = corpus.save(cur, expected_stamp=None)
    os.chmod(corpus.curated_path("doc"), mode)
    corpus.save(cur.model_copy(update={"status": "curated"}), expected_stamp=stamp)
    assert stat.S_IMODE(corpus.curated_path("doc").stat().st_mode) == mode


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_text(tmp_path / "new.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_stale_temp_files_are_cleaned_and_fresh_state_temps_kept(tmp_path: Path) -> None:
    text, cur = sample_curation()
    corpus = Corpus(write_corpus(tmp_path / "c", {"doc": text}))
    corpus.save(cur, expected_stamp=None)
    killed = corpus.curated_dir / ".doc.json.abcd1234.tmp"
    killed.write_text("{half", encoding="utf-8")
    old_state = corpus.state_dir / "base" / ".doc.json.zzzz9999.tmp"
    old_state.parent.mkdir(parents=True)
    old_state.write_text("{half", encoding="utf-8")
    os.utime(old_state, (1, 1))
    fresh_state = corpus.state_dir / "base" / ".doc.json.yyyy8888.tmp"
    fresh_state.write_text("{being written", encoding="utf-8")
    unrelated = corpus.curated_dir / "notes.tmp"
    unrelated.write_text("mine", encoding="utf-8")
    removed = corpus.clean_stale_temps()
    assert sorted(removed) == sorted([killed, old_state])
    assert fresh_state.exists() and unrelated.exists() and corpus.curated_path("doc").exists()


@pytest.mark.parametrize("bad", ["../../../curated/x", "/etc/passwd", "a/../b", ".curator/x", "a//b", "", "a\\b",
                                 "x\x00y", "./a"])
def test_document_ids_are_validated(tmp_path: Path, bad: str) -> None:
    corpus = Corpus(write_corpus(tmp_path / "c", {"doc": "x"}))
    with pytest.raises(InvalidDocumentId):
        check_doc_id(bad)
    with pytest.raises(InvalidDocumentId):
        corpus.curated_path(bad)
    with pytest.raises(InvalidDocumentId):
        corpus.source_path(bad)


def test_good_ids_pass(tmp_path: Path) -> None:
    for good in ("doc", "news/2024 page", "a.b/c-d_e", "😀/x"):
        assert check_doc_id(good) == good


def test_state_folders_are_recognised(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", {"doc": "x"})
    assert state_folder_of(root / "curated") == (root / "curated").resolve()
    assert state_folder_of(root / "curated" / "sub" / "x.json") == (root / "curated").resolve()
    assert state_folder_of(root / ".curator" / "base") == (root / ".curator").resolve()
    assert state_folder_of(root / "out.jsonl") is None
    assert state_folder_of(tmp_path / "elsewhere" / "curated") is None  # not beside a corpus


def test_listing_names_what_it_cannot_take(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", {"doc": "x"})
    os.symlink("loop.txt", root / "loop.txt")
    os.symlink("nowhere/missing.txt", root / "dangling.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "real").mkdir()
    os.symlink(root / "real", root / "linked")
    corpus = Corpus(root)
    (root / "curated").mkdir()
    (root / "curated" / "gone.json").write_text("{}", encoding="utf-8")
    assert corpus.document_ids() == ["doc"]
    problems = "\n".join(corpus.scan_problems())
    assert "loop.txt: a symlink loop" in problems
    assert "dangling.txt: a dangling symlink" in problems
    assert "fifo.txt: a FIFO" in problems
    assert "linked: a symlinked folder" in problems
    assert "gone.json: its source document is gone" in problems


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_is_named(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", {"doc": "x", "locked/inner": "y"})
    os.chmod(root / "locked", 0)
    try:
        corpus = Corpus(root)
        assert corpus.document_ids() == ["doc"]
        assert any("locked: folder cannot be read" in p for p in corpus.listing_problems)
    finally:
        os.chmod(root / "locked", 0o755)


def test_unreadable_folder_is_named_via_walk_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as root: os.walk's error for an unreadable folder reaches the listing problems."""
    root = write_corpus(tmp_path / "c", {"doc": "x", "locked/inner": "y"})
    real_scandir = os.scandir

    def scandir(path=".", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *a, **k)

    monkeypatch.setattr(os, "scandir", scandir)
    corpus = Corpus(root)
    assert corpus.document_ids() == ["doc"]
    assert any("locked: folder cannot be read (Permission denied)" in p for p in corpus.listing_problems)


def test_saved_bytes_are_the_dump(tmp_path: Path) -> None:
    text, cur = sample_curation()
    corpus = Corpus(write_corpus(tmp_path / "c", {"doc": text}))
    corpus.save(cur, expected_stamp=None)
    assert corpus.curated_path("doc").read_text(encoding="utf-8") == dump_curation(cur)


def test_a_save_over_a_file_deleted_since_it_was_loaded_is_refused_and_says_so(tmp_path: Path) -> None:
    text, cur = sample_curation()
    corpus = Corpus(write_corpus(tmp_path / "c", {"doc": text}))
    stamp = corpus.save(cur, expected_stamp=None)
    corpus.curated_path("doc").unlink()
    with pytest.raises(ConflictError, match="was deleted on disk since it was loaded"):
        corpus.save(cur.model_copy(update={"status": "curated"}), expected_stamp=stamp)
    assert not corpus.curated_path("doc").exists()
