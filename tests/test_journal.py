"""The crash-recovery journal keeps unsaved Curations and reports broken entries without deleting them."""

from __future__ import annotations

from pathlib import Path

from curator.core.journal import Journal
from curator.core.jsonio import dump_curation
from curator.core.parse import parse_text


def test_record_read_discard(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    cur = parse_text("One 😀 line\n\nAnother line", "news/2024 page")
    path = journal.record(cur, base_stamp="abc")
    assert path.parent == tmp_path / "journal"
    (entry,) = journal.entries()
    assert (entry.doc_id, entry.base_stamp, entry.problem) == ("news/2024 page", "abc", None)
    assert dump_curation(entry.curation) == dump_curation(cur)
    journal.discard("news/2024 page")
    assert journal.entries() == []


def test_broken_entry_is_reported_and_kept(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    bad = journal.path_for("doc")
    bad.write_text("{not json", encoding="utf-8")
    (entry,) = journal.entries()
    assert entry.curation is None
    assert str(bad) in entry.problem
    assert bad.exists()


def test_missing_folder_has_no_entries(tmp_path: Path) -> None:
    assert Journal(tmp_path / "nope").entries() == []
