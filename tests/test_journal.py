"""The run journal keeps unsaved Curations per window run and reports broken entries without deleting them."""

from __future__ import annotations

from pathlib import Path

from curator.core.journal import RunJournal as Journal
from curator.core.jsonio import dump_curation
from curator.core.parse import parse_text


def test_record_read_resolve(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    first = Journal(folder)
    cur = parse_text("One 😀 line\n\nAnother line", "news/2024 page")
    path = first.record(cur, base_stamp="abc")
    assert path.parent == folder and first.run_id in path.name
    first.close()  # the run ends with unsaved edits
    later = Journal(folder)
    (entry,) = later.entries()
    assert (entry.doc_id, entry.base_stamp, entry.problem, entry.run) == ("news/2024 page", "abc", None, first.run_id)
    assert dump_curation(entry.curation) == dump_curation(cur)
    later.resolve(entry)
    assert later.entries() == []


def test_broken_entry_is_reported_and_kept(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    bad = journal.path_for("doc", run="20240101T000000-1-abcdef")
    bad.write_text("{not json", encoding="utf-8")
    (entry,) = journal.entries()
    assert entry.curation is None
    assert str(bad) in entry.problem and "moved aside" in entry.problem
    assert not bad.exists()
    assert (tmp_path / "damaged" / bad.name).read_text(encoding="utf-8") == "{not json"


def test_missing_folder_has_no_entries(tmp_path: Path) -> None:
    assert Journal(tmp_path / "nope").entries() == []
