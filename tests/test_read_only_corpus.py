"""A read-only corpus (a read-only mount, someone else's folder): commands that write say so once,
name the folder and point at what still works, instead of one OS error per Document and a
summary claiming "the curation is saved"."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.cli import main
from tests.conftest import SEEDS


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_reparse_on_a_read_only_corpus_says_so_once_and_offers_dry_run(read_only, capsys):
    before = _snapshot(read_only)
    code = main(["reparse", str(read_only)])
    err = capsys.readouterr().err
    assert code == 1  # nothing could be written: the disk, not the command line (findings round 20, F3)
    assert str(read_only) in err and "read-only" in err and "--dry-run" in err
    assert "the curation is saved" not in err
    assert _snapshot(read_only) == before
    assert main(["reparse", str(read_only), "--dry-run", "-q"]) == 0  # a dry run writes nothing: it works


def test_import_into_a_read_only_corpus_says_so_once(read_only, tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>A title</h1><p>A paragraph.</p></body></html>", encoding="utf-8")
    before = _snapshot(read_only)
    code = main(["import", str(page), "--into", str(read_only)])
    err = capsys.readouterr().err
    assert code == 1 and str(read_only) in err and "read-only" in err
    assert err.count("read-only") == 1
    assert main(["import", str(page), "--into", str(read_only), "--dry-run", "-q"]) == 0
    assert _snapshot(read_only) == before


def test_annotations_into_a_read_only_corpus_say_so_once(read_only, tmp_path, capsys):
    from curator.core.export import ExportOptions, export_corpus

    tasks = tmp_path / "tasks.json"
    export_corpus(SEEDS, tasks, options=ExportOptions(format="labelstudio"))
    before = _snapshot(read_only)
    code = main(["import", "--annotations", str(tasks), "--into", str(read_only)])
    err = capsys.readouterr().err
    assert code == 1 and str(read_only) in err and err.count("read-only") == 1
    assert _snapshot(read_only) == before


@pytest.mark.parametrize("command", ["info", "validate", "reparse", "dups", "export", "review"])
def test_a_file_given_as_the_corpus_is_called_a_file(tmp_path, command, capsys):
    """`curator info page.txt` said "corpus folder does not exist" about a file that exists."""
    page = tmp_path / "page.txt"
    page.write_text("A page.\n", encoding="utf-8")
    args = [command, str(page)] + (["--format", "jsonl", "--out", str(tmp_path / "o.jsonl")] if command == "export" else [])
    code = main(args)
    err = capsys.readouterr().err
    if command == "validate":  # validate takes files too: a .txt alone is not a curated file
        assert code != 0
        return
    assert code == 2
    assert "is a file, not a corpus folder" in err and "does not exist" not in err


def test_dups_on_a_read_only_corpus_finds_the_groups_and_writes_no_index(read_only, capsys):
    """`dups` stopped with exit 2 on a read-only corpus; it can find every group without keeping
    its index, and says once why there is none."""
    before = _snapshot(read_only)
    assert main(["dups", str(read_only), "--json"]) == 0
    captured = capsys.readouterr()
    assert '"groups"' in captured.out and '"members"' in captured.out
    assert captured.err.count("read-only") == 1
    assert _snapshot(read_only) == before


def test_review_on_a_read_only_corpus_scores_without_recording(read_only, capsys):
    """`review` stopped with exit 2 on a read-only corpus; it scores the gold as --no-record does."""
    before = _snapshot(read_only)
    assert main(["review", str(read_only), "--check"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("read-only") == 1
    assert _snapshot(read_only) == before


@pytest.mark.parametrize("command", [["dups", "--json"], ["review"]])
def test_quiet_says_nothing_about_a_read_only_corpus(read_only, command, capsys):
    """`-q` is errors only: the read-only note is information (the command still does its work)."""
    main([command[0], str(read_only), *command[1:], "-q"])
    assert capsys.readouterr().err == ""
