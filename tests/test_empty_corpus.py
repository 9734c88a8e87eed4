"""A folder with no `.txt` Documents (the wrong folder) is not a silent success: every batch command
says `no .txt documents in DIR` on stderr (with -q too: exit 1 is never silent) and exits 1, and none
writes anything there (`dups` left `.curator/dups/` index files in it). Findings round 20, F4."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.cli import main


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


COMMANDS = {
    "info": ["info"],
    "parse": ["parse"],
    "parse --out": ["parse", "--out", "{tmp}/parsed"],
    "dups": ["dups"],
    "dups --json": ["dups", "--json"],
    "export": ["export", "--out", "{tmp}/x.jsonl"],
    "review": ["review", "--no-record"],
    "reparse": ["reparse"],
}


@pytest.mark.parametrize("quiet", [[], ["-q"]])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_folder_with_no_documents_says_so_and_exits_1(tmp_path: Path, name: str, quiet: list[str], capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not a document\n", encoding="utf-8")
    command, *rest = COMMANDS[name]
    argv = [command, str(empty), *(a.format(tmp=tmp_path) for a in rest), *quiet]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert f"no .txt documents in {empty}" in err
    assert out == ""
    assert _tree(empty) == ["notes.md"]  # no .curator/, no index, nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]  # no output written either


def test_a_folder_whose_only_document_is_bad_still_names_the_file(tmp_path: Path, capsys) -> None:
    """All Documents bad is not "no documents": the bad-file rules hold (named, exit 1)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    assert main(["parse", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert "bin.txt" in err and "no .txt documents" not in err


def test_a_folder_of_documents_is_unchanged(seeds_copy: Path, capsys) -> None:
    assert main(["dups", str(seeds_copy), "-q"]) == 0
    assert "no .txt documents" not in capsys.readouterr().err
