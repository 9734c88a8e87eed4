"""File → Export… dialog: exports a corpus off the UI thread and reports what it wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.export import card_path
from tests.test_export import make_corpus

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, tmp_path: Path):
    from curator.gui.dialogs.export_dialog import ExportDialog

    dlg = ExportDialog(make_corpus(tmp_path / "corpus"))
    qtbot.addWidget(dlg)
    return dlg


def test_dialog_exports_the_corpus_and_the_file_appears(dialog, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "segments.parquet"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("parquet"))
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("segment"))
    dialog.out_edit.setText(str(out))
    with qtbot.waitSignal(dialog.sig_finished, timeout=120_000) as blocker:
        dialog.export_button.click()
    assert out.is_file() and card_path(out).is_file()
    result = blocker.args[0]
    assert result.records > 0
    assert dialog.progress.value() == dialog.progress.maximum() == 6  # one step per Document
    assert "Wrote" in dialog.status.text() and "skipped" in dialog.status.text()  # the stale document
    assert dialog.export_button.isEnabled()


def test_dialog_passes_labels_and_duplicates_to_the_export(dialog, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    dialog.out_edit.setText(str(out))
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("segment"))
    dialog.drop_check.setChecked(True)
    for i in range(dialog.labels_list.count()):
        item = dialog.labels_list.item(i)
        if item.text() == "paragraph":
            from PySide6.QtCore import Qt

            item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.sig_finished, timeout=120_000):
        dialog.export_button.click()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and {r["label"] for r in rows} == {"paragraph"}
    assert not any(r["document"] == "copy" for r in rows)  # its only paragraph is a duplicate


def test_format_choice_changes_the_output_suffix(dialog, tmp_path: Path) -> None:
    dialog.out_edit.setText(str(tmp_path / "data.jsonl"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("spacy"))
    assert dialog.out_edit.text() == str(tmp_path / "data.spacy")


def test_dialog_reports_a_bad_output_without_writing(dialog, qtbot, tmp_path: Path) -> None:
    dialog.out_edit.setText(str(tmp_path))  # a folder
    with qtbot.waitSignal(dialog.sig_failed, timeout=120_000) as blocker:
        dialog.export_button.click()
    assert "is a folder" in blocker.args[0]
    assert "is a folder" in dialog.status.text()
    assert dialog.export_button.isEnabled()


def test_cancel_stops_the_export_and_leaves_no_output(qtbot, tmp_path: Path) -> None:
    from curator.bench.export import build_corpus
    from curator.gui.dialogs.export_dialog import ExportDialog

    dlg = ExportDialog(build_corpus(tmp_path / "big", 1500))
    qtbot.addWidget(dlg)
    out = tmp_path / "big.jsonl"
    dlg.out_edit.setText(str(out))
    seen: list[int] = []

    def cancel_once(value: int) -> None:
        if value and not seen:
            dlg.close_button.click()  # reads "Cancel" while the export runs
        if value:
            seen.append(value)

    dlg.progress.valueChanged.connect(cancel_once)
    with qtbot.waitSignal(dlg.sig_failed, timeout=120_000) as blocker:
        dlg.export_button.click()
        assert dlg.close_button.text() == "Cancel"
    assert "cancelled" in blocker.args[0]
    assert not out.exists() and not (tmp_path / ".big.jsonl.partial").exists()
    assert seen[0] < 1500
    assert dlg.close_button.text() == "Close" and dlg.export_button.isEnabled()


def test_a_file_the_export_did_not_write_is_replaced_only_when_the_editor_says_yes(dialog, qtbot,  # type: ignore[no-untyped-def]
                                                                                    tmp_path: Path) -> None:
    """Round gui18: the export refuses to replace a file it did not write (or one changed since); the dialog asks
    "Replace?" naming the files, not the command line's --force, and exports with force on Yes."""
    out = tmp_path / "mine.jsonl"
    out.write_text("my own notes\n", encoding="utf-8")
    dialog.out_edit.setText(str(out))
    asked: list[list[str]] = []
    dialog.ask_replace = lambda files: asked.append(files) or False  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.sig_failed, timeout=120_000) as blocker:
        dialog.export_button.click()
    assert len(asked) == 1 and any(str(out) in line for line in asked[0])
    assert out.read_text(encoding="utf-8") == "my own notes\n" and not card_path(out).exists()  # No: nothing written
    assert "--force" not in blocker.args[0] and "--force" not in dialog.status.text()
    assert "nothing was written" in dialog.status.text().lower() and dialog.export_button.isEnabled()
    dialog.ask_replace = lambda files: asked.append(files) or True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.sig_finished, timeout=120_000):
        dialog.export_button.click()
    assert len(asked) == 2 and out.read_text(encoding="utf-8") != "my own notes\n" and card_path(out).is_file()
    assert "Wrote" in dialog.status.text()
    # Its own export, unchanged, is replaced without a question.
    with qtbot.waitSignal(dialog.sig_finished, timeout=120_000):
        dialog.export_button.click()
    assert len(asked) == 2
