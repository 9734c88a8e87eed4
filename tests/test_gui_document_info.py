"""The inspector shows where a page came from (document.source) and the parser's confidence in its article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from curator.gui.app import build_window

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"
SOURCE = {"url": "https://odkb-csto.org/news/<b>x</b>", "fetched_at": "2024-05-01T10:00:00Z",
          "warc_file": "crawl-00001.warc.gz", "warc_record_id": "<urn:uuid:1234>", "html_title": "CSTO & news",
          "http_charset": "utf-8"}


def test_source_metadata_and_article_confidence_show_in_the_inspector(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    path = seeds_copy / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["source"] = SOURCE
    data["articles"][0]["confidence"] = 0.42
    data["articles"][0]["reasons"] = ["dateline found", "title repeated in a teaser"]
    path.write_text(json.dumps(data), encoding="utf-8")
    w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    w.ws.set_autosave(False)
    fields = w.inspector.source_fields
    for key, value in SOURCE.items():
        assert fields[key].text() == value and fields[key].textFormat() == Qt.TextFormat.PlainText
    assert fields["id"].text() == DOC and fields["status"].text() == "curated"
    seg = next(s for s in w.ws.current.curation.segments if s.article == data["articles"][0]["id"])
    w.selection.set(seg.id)
    assert w.inspector.article_confidence.text() == "0.42 — dateline found; title repeated in a teaser"


def test_a_plain_text_page_says_it_has_no_source(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    w.ws.set_autosave(False)
    assert "no source recorded" in w.inspector.source_fields["url"].text()


def test_a_hand_edited_label_outside_the_taxonomy_is_named_above_the_text(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    # validate reports it; the window showed the segment with a '?' and said nothing.
    path = seeds_copy / "curated" / f"{DOC}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][2]["label"] = "nonsense"
    data["events"][0]["type"] = "party"
    path.write_text(json.dumps(data), encoding="utf-8")
    w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    w.ws.set_autosave(False)
    seg = data["segments"][2]["id"]
    assert any(f"segment {seg} has label 'nonsense'" in line for line in w.ws.current.warnings)
    assert any("type 'party'" in line for line in w.ws.current.warnings)
    assert "nonsense" in w.banner.text()
    assert not w.ws.current.modified  # nothing is changed behind the editor's back


def test_a_long_unbreakable_source_value_does_not_widen_the_inspector(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    # A WARC record id (`<urn:uuid:…-0000-4000-…>`: no break before digits) or a long URL forced the
    # inspector wider than its dock: the label combo and the Clear button were cut off at the right.
    def document_box_width(record_id: str) -> int:
        path = seeds_copy / "curated" / f"{DOC}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["document"]["source"] = {**SOURCE, "warc_record_id": record_id}
        path.write_text(json.dumps(data), encoding="utf-8")
        w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
        qtbot.addWidget(w)
        w.ws.set_autosave(False)
        assert w.inspector.source_fields["warc_record_id"].text() == record_id  # the whole value, to copy
        assert w.inspector.source_fields["warc_record_id"].toolTip() == record_id
        return int(w.inspector.document_box.minimumSizeHint().width())

    short = document_box_width("<urn:uuid:1>")
    long = document_box_width("<urn:uuid:" + "-".join(["00000000"] * 30) + ">")
    assert long <= short + 10


def test_a_boundary_inside_an_emoji_or_accent_is_named_above_the_text(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # `curator validate` reports a segment ending between 👍 and its skin tone; the window opened
    # the file and said nothing, so the editor never learnt there was something to nudge.
    from curator.core.parse import parse_text
    from curator.core.store import Corpus

    text = "Summit in Minsk 👍🏽\n\nThe ministers met in Minsk on Monday.\n"
    (tmp_path / "emoji.txt").write_text(text, encoding="utf-8")
    cur = parse_text(text, "emoji")
    cut = text.index("\U0001F3FD")
    first = cur.segments[0]
    assert first.start < cut < first.end
    cur.segments[0] = first.model_copy(update={"end": cut, "text": text[first.start:cut]})
    Corpus(tmp_path).save(cur, expected_stamp=None)
    w = build_window(tmp_path, document="emoji", parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    w.ws.set_autosave(False)
    assert w.ws.current.curation.segments[0].end == cut  # the curation as saved, not the parser's
    assert any("inside an emoji sequence" in line for line in w.ws.current.warnings)
    assert "emoji sequence" in w.banner.text()
    assert not w.ws.current.modified


def test_an_open_document_whose_curated_file_is_damaged_keeps_its_error_row(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    # The corpus pane said "error" for a truncated curated file until it was opened; then the row
    # showed the parser's proposal as "auto 0.98", as if nothing were wrong with the file.
    path = seeds_copy / "curated" / f"{DOC}.json"
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    w = build_window(seeds_copy, document=DOC, parse_in_background=False, use_settings=False)
    qtbot.addWidget(w)
    w.ws.set_autosave(False)
    assert w.ws.current.doc_id == DOC
    row = w.ws.summaries[DOC]
    assert row.status == "error" and str(path) in row.problem
    path.write_bytes(good)  # repaired on disk, then taken in
    w.ws.reload_from_disk(w.ws.current)
    assert w.ws.summaries[DOC].status == "curated" and not w.ws.summaries[DOC].problem
