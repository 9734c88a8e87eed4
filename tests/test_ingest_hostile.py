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


# -- H4, H6: JSONL lines ----------------------------------------------------------------------


def test_a_lone_surrogate_in_a_jsonl_line_becomes_u_fffd_with_a_warning_naming_the_line(tmp_path):
    """``\\ud800`` in the html field was re-encoded, and the page then read as cp874 (mojibake)."""
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"url": "https://en.example.org/s1/", "html": "<html><body><p>Before \\ud800 after, caf\\u00e9.</p></body></html>"}\n'
        '{"url": "https://en.example.org/s2/", "text": "Plain \\udfff text."}\n'
        '{"url": "https://en.example.org/s3/", "html": "<p>A clean caf\\u00e9 line.</p>"}\n', encoding="ascii")
    corpus = tmp_path / "c"
    result = import_sources(corpus, [path])
    assert result.count("imported") == 3 and result.ok
    assert _doc(corpus, "https://en.example.org/s1/").read_text(encoding="utf-8") == "Before \ufffd after, café."
    assert _doc(corpus, "https://en.example.org/s2/").read_text(encoding="utf-8") == "Plain \ufffd text."
    assert _doc(corpus, "https://en.example.org/s3/").read_text(encoding="utf-8") == "A clean café line."
    assert len(result.warnings) == 2
    assert result.warnings[0].startswith(f"{path} line 1: ") and "surrogate" in result.warnings[0]
    assert result.warnings[1].startswith(f"{path} line 2: ") and "U+FFFD" in result.warnings[1]


def test_a_jsonl_line_with_a_duplicate_key_is_named_and_skipped_the_rest_imported(tmp_path):
    """Every JSON Curator reads treats duplicate keys as errors (jsonio.loads_json), JSONL lines too."""
    path = tmp_path / "d.jsonl"
    path.write_text('{"url": "https://en.example.org/d1/", "html": "<p>first</p>", "html": "<p>second</p>"}\n'
                    '{"url": "https://en.example.org/d2/", "text": "A fine line."}\n', encoding="utf-8")
    corpus = tmp_path / "c"
    result = import_sources(corpus, [path])
    assert result.count("imported") == 1 and not result.ok
    assert not _doc(corpus, "https://en.example.org/d1/").exists()
    assert len(result.problems) == 1 and result.problems[0].startswith(f"{path} line 1: ")
    assert "'html' appears twice" in result.problems[0]
