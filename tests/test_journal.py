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


def test_an_entry_after_edits_equals_a_fresh_write_and_reserialises_only_the_changed_window(tmp_path: Path) -> None:
    """The writer reuses the JSON of the segments an edit kept (found by identity in C, prefix and
    suffix); what it writes is byte for byte what a fresh write gives, whatever the edit."""
    from curator.core import journal

    text = "\n\n".join(f"Paragraph number {i} of the page, with a few words." for i in range(60))
    cur = parse_text(text, "doc")
    calls = 0
    real = journal._SEGMENT.dump_json

    class Counting:
        @staticmethod
        def dump_json(seg):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            return real(seg)

    journal._SEGMENT = Counting  # type: ignore[assignment]
    try:
        body, cache = journal._curation_json(cur)
        segs = list(cur.segments)
        edits = [
            lambda s: s[:10] + [s[10].model_copy(update={"label": "heading"})] + s[11:],  # relabel one
            lambda s: s[:5] + s[6:],  # delete one
            lambda s: [s[0].model_copy(update={"reviewed": True}), *s[1:]],  # the first
            lambda s: [*s[:-1], s[-1].model_copy(update={"reviewed": True})],  # the last
            lambda s: s[:20] + s[21:22] + s[20:21] + s[22:],  # two swapped (an undo's old objects)
            lambda s: list(s),  # nothing changed
        ]
        for edit in edits:
            segs = edit(segs)
            cur = cur.model_copy(update={"segments": segs})
            calls = 0
            body, cache = journal._curation_json(cur, cache)
            assert calls <= 2
            fresh, _ = journal._curation_json(cur)
            assert body == fresh
    finally:
        journal._SEGMENT = real.__self__  # type: ignore[attr-defined]
    assert body == journal._curation_json(cur)[0]
