"""Data on stdout, messages on stderr, in every command (README, "Command line"), and one message for a
binary `.txt` whichever command meets it (findings round 20, F5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curator.cli import main
from tests.conftest import SEEDS

BINARY = "looks like a binary file (many control bytes), not a text document"


def test_dups_prints_its_groups_on_stdout_and_its_summary_on_stderr(seeds_copy: Path, capsys) -> None:
    assert main(["dups", str(seeds_copy), "--no-index"]) == 0
    out, err = capsys.readouterr()
    assert "groups (" not in out and "canonical copy" not in out
    assert out.splitlines()[0].startswith("dup-")  # the first group
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("13 groups (11 exact, 2 near) in 5 documents; no index") and "canonical copy" in summary


def test_dups_quiet_prints_no_summary(seeds_copy: Path, capsys) -> None:
    assert main(["dups", str(seeds_copy), "--no-index", "-q"]) == 0
    assert capsys.readouterr().err == ""


@pytest.fixture
def with_binary(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    root.mkdir()
    for txt in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(txt, root / txt.name)
    (root / "bin.txt").write_bytes(bytes(range(32)) * 50)
    return root


@pytest.mark.parametrize("command", [["info"], ["parse"], ["dups", "--no-index"], ["dups", "--no-index", "--json"]])
def test_a_binary_document_is_named_in_one_message_on_stderr(with_binary: Path, command: list[str], capsys) -> None:
    assert main([command[0], str(with_binary), *command[1:]]) == 1
    out, err = capsys.readouterr()
    line = f"warning: {with_binary / 'bin.txt'}: {BINARY}"
    assert [x for x in err.splitlines() if "bin.txt" in x] == [line]
    assert "bin.txt" not in out


def test_validate_lists_the_binary_document_with_the_same_words(with_binary: Path, capsys) -> None:
    assert main(["validate", str(with_binary)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{with_binary / 'bin.txt'}: {BINARY}"]  # validate's problems are its data
    assert "bin.txt" not in err


def test_validate_of_an_empty_folder_says_it_once(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 and "not a corpus" in out
    assert "not a corpus" not in err and err.strip() == "1 problem(s)"


@pytest.mark.parametrize("command", [["export", "--include", "all", "--out", "{tmp}/o.jsonl"],
                                     ["review", "--no-record"], ["review", "--no-record", "--all-docs"],
                                     ["reparse"], ["reparse", "--dry-run"]])
def test_export_review_and_reparse_name_a_binary_document_in_the_same_message(
        with_binary: Path, tmp_path: Path, command: list[str], capsys) -> None:
    """findings round 20, F5's left-over (round 21): export said 'skipped PATH: …', review 'PROBLEM: PATH: …' in
    its report on stdout, reparse 'curator reparse: bin: error: PATH: …'; each now says it as info, parse and dups."""
    args = [a.replace("{tmp}", str(tmp_path)) for a in command[1:]]
    assert main([command[0], str(with_binary), *args]) == 1
    out, err = capsys.readouterr()
    line = f"warning: {with_binary / 'bin.txt'}: {BINARY}"
    assert [x for x in err.splitlines() if "bin.txt" in x] == [line]
    assert "bin.txt" not in out
