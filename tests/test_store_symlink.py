"""Red team F6: a curated file that is a symlink (a corpus whose curations live in a shared or versioned folder)
was replaced by a regular file on save (``os.replace`` over the link): the link's target silently stopped being
updated. A save now writes through the link: the target is replaced atomically in its own folder, the link stays."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curator.core.jsonio import dump_curation_bytes
from curator.core.store import Corpus

DOC = "003_fec15abcf43ad61a"


@pytest.fixture
def linked(seeds_copy: Path, tmp_path: Path) -> tuple[Corpus, Path, Path]:
    shared = tmp_path / "shared"
    shared.mkdir()
    link = seeds_copy / "curated" / f"{DOC}.json"
    target = shared / f"{DOC}.json"
    os.replace(link, target)
    link.symlink_to(target)
    return Corpus(seeds_copy), link, target


def _relabelled(corpus: Corpus, label: str):  # type: ignore[no-untyped-def]
    loaded = corpus.load(DOC)
    assert loaded is not None
    segs = list(loaded.curation.segments)
    segs[2] = segs[2].model_copy(update={"label": label})
    return loaded, loaded.curation.model_copy(update={"segments": segs})


def test_a_save_writes_through_a_symlinked_curated_file(linked: tuple[Corpus, Path, Path]) -> None:
    corpus, link, target = linked
    loaded, cur = _relabelled(corpus, "question")
    corpus.save(cur, expected_stamp=loaded.stamp)
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() == dump_curation_bytes(cur)


def test_keep_mine_writes_through_a_symlinked_curated_file(linked: tuple[Corpus, Path, Path]) -> None:
    corpus, link, target = linked
    before = target.read_bytes()
    _loaded, cur = _relabelled(corpus, "heading")
    _stamp, backup = corpus.overwrite(cur)
    assert link.is_symlink() and target.read_bytes() == dump_curation_bytes(cur)
    assert backup is not None and backup.read_bytes() == before
