"""``curator import`` on what crawlers really produce (redteam11 H2-H6, H16): each input is named
with its record or line and the problem, the rest is imported, nothing is lost or silently garbled."""

from __future__ import annotations

from pathlib import Path

from curator.cli import main
from curator.core.ingest import ImportOptions, import_sources
from curator.core.ingest.ids import document_id, url_key


def _doc(corpus: Path, url: str) -> Path:
    return corpus / f"{document_id(url_key(url))}.txt"


# -- H16: a folder given as a source ----------------------------------------------------------


def test_an_empty_folder_named_like_a_warc_is_named_not_passed_over(tmp_path, capsys):
    """``import dir.warc`` with dir.warc an empty folder said "imported 0", exit 0, and nothing about it."""
    folder = tmp_path / "dir.warc"
    folder.mkdir()
    result = import_sources(tmp_path / "c", [folder])
    assert result.count("imported") == 0 and result.ok
    assert len(result.warnings) == 1 and str(folder) in result.warnings[0]
    assert "a folder (named like a file) holding no WARC, HTML or JSONL files" in result.warnings[0]
    assert main(["import", str(folder), "--into", str(tmp_path / "c"), "-v"]) == 0
    assert str(folder) in capsys.readouterr().err


def test_a_folder_with_files_is_expanded_as_before_and_one_without_pages_is_named(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<html><body><p>One page.</p></body></html>", encoding="utf-8")
    only_notes = tmp_path / "notes"
    only_notes.mkdir()
    (only_notes / "readme.txt").write_text("no page here", encoding="utf-8")
    result = import_sources(tmp_path / "c", [site, only_notes])
    assert result.count("imported") == 1 and result.ok
    assert [w.split(":")[0] for w in result.warnings] == [str(only_notes)]
    assert result.skipped["not a WARC, HTML or JSONL file (by its name)"] == 1
