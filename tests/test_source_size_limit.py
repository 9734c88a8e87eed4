"""A corpus's ``.txt`` source over a size limit (64 MiB by default, ``CURATOR_MAX_SOURCE_MIB`` to change it) is
left out, named with its size, the limit and how to raise it, before it is read; the rest of the corpus is
processed (attacker21 L5: a 200 MB page took `parse` 2.2 GB of memory). Every reader of a source goes through
``textio.read_source``: the commands and the window agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.store import Corpus
from curator.core.textio import SourceError, read_source
from tests.test_lazy_base import PAGES
from tests.test_review_support import write_corpus


def test_a_source_over_the_default_limit_is_named_and_never_read(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", PAGES)
    big = root / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate((64 << 20) + 1)  # sparse: nothing is written or read
    with pytest.raises(SourceError) as caught:
        read_source(big)
    message = str(caught.value)
    assert str(big) in message and "67,108,865 bytes" in message and "64 MiB" in message
    assert "CURATOR_MAX_SOURCE_MIB" in message


def test_commands_leave_out_a_source_over_the_limit_and_do_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = write_corpus(tmp_path / "c", PAGES)
    big = root / "big.txt"
    big.write_text(("A line of a very long page that is plain text.\n" * 50_000), encoding="utf-8")  # ~2.4 MB
    monkeypatch.setenv("CURATOR_MAX_SOURCE_MIB", "1")
    assert main(["parse", str(root), "--out", str(root / "curated"), "-q"]) == 1
    err = capsys.readouterr().err
    assert str(big) in err and "over the 1 MiB limit" in err and "CURATOR_MAX_SOURCE_MIB" in err
    assert sorted(p.stem for p in (root / "curated").glob("*.json")) == sorted(PAGES)
    assert main(["info", str(root), "--json"]) == 1
    assert any(str(big) in p and "MiB limit" in p for p in json.loads(capsys.readouterr().out)["problems"])
    monkeypatch.setenv("CURATOR_MAX_SOURCE_MIB", "4")  # raised: read as any other page
    assert main(["parse", str(root), "--out", str(root / "curated"), "-q"]) == 0
    assert Corpus(root).load("big") is not None


def test_a_limit_that_is_not_a_number_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_corpus(tmp_path / "c", {"a": "x" * 3000})
    monkeypatch.setenv("CURATOR_MAX_SOURCE_MIB", "lots")
    read_source(root / "a.txt")  # under the default: read
    with open(root / "b.txt", "wb") as fh:
        fh.truncate((64 << 20) + 1)
    with pytest.raises(SourceError, match="CURATOR_MAX_SOURCE_MIB='lots' is not a whole number"):
        read_source(root / "b.txt")
