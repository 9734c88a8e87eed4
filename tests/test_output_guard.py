"""Red team 18 F2, F3, F5: no command output lands on a corpus's source Document or becomes one."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from curator.cli import main
from tests.conftest import SEEDS

DOC = "002_d96c296a24306448"


def _copy(dest: Path) -> Path:
    shutil.copytree(SEEDS, dest, ignore=shutil.ignore_patterns(".curator"))
    return dest


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("where", ["same", "other"])
def test_review_html_onto_a_source_document_is_refused(tmp_path: Path, where: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    a = _copy(tmp_path / "a")
    b = _copy(tmp_path / "b") if where == "other" else a
    target = b / f"{DOC}.txt"
    before = _digest(b)
    assert main(["review", str(a), "--no-record", "--no-baseline", "-q", "--html", str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "source document" in err
    assert _digest(b) == before


def test_export_onto_another_corpus_source_document_is_refused(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _copy(tmp_path / "a"), _copy(tmp_path / "b")
    target = b / "000_52543f1512a84840.txt"
    before = _digest(b)
    assert main(["export", str(a), "--format", "jsonl", "--include", "all", "-q", "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "source document" in err
    assert _digest(b) == before


@pytest.mark.parametrize("which", ["own", "other"])
def test_a_brat_export_into_a_folder_inside_a_corpus_is_refused(tmp_path: Path, which: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    a = _copy(tmp_path / "a")
    b = _copy(tmp_path / "b") if which == "other" else a
    before = _digest(b)
    out = b / "bratdir"
    assert main(["export", str(a), "--format", "brat", "--include", "all", "-q", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "inside the corpus" in err
    assert not out.exists() and _digest(b) == before


def test_a_brat_export_outside_any_corpus_is_written(tmp_path: Path) -> None:
    a = _copy(tmp_path / "a")
    assert main(["export", str(a), "--format", "brat", "--include", "all", "-q", "--out", str(tmp_path / "brat")]) == 0
    assert (tmp_path / "brat" / f"{DOC}.txt").is_file()


def test_the_guard_names_why_and_allows_ordinary_outputs(tmp_path: Path) -> None:
    from curator.core.outputs import output_refusal

    a = _copy(tmp_path / "a")
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "notes.txt").write_text("x", encoding="utf-8")
    assert output_refusal(tmp_path / "report.html") is None
    assert output_refusal(plain / "notes.txt") is None  # a .txt in no corpus
    assert output_refusal(tmp_path / "brat", writes_documents=True) is None
    assert "source document" in (output_refusal(a / f"{DOC}.txt") or "")
    assert "source document" in (output_refusal(a / "sub" / "new.txt") or "")  # would become one
    assert "own state" in (output_refusal(a / "curated" / f"{DOC}.json") or "")
    assert "own state" in (output_refusal(a / ".curator" / "x.html") or "")
    assert "inside the corpus" in (output_refusal(a / "sub", writes_documents=True) or "")
    # a folder of .txt with no state is a corpus only when the command says it is its corpus
    assert "source document" in (output_refusal(plain / "notes.txt", corpus=plain) or "")
