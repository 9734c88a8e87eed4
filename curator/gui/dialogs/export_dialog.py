"""File → Export…: a small dialog over ``curator.core.export`` that runs the export off the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.export import (
    FORMATS,
    SUFFIXES,
    ExportCancelled,
    ExportError,
    ExportOptions,
    ExportResult,
    export_corpus,
)
from curator.core.export.replace import check_replaceable
from curator.core.taxonomy import default_taxonomy
from curator.gui.widgets import SafeComboBox, message_box, plain_label, run_modal

_FORMAT_NAMES = {"jsonl": "JSON Lines (.jsonl)", "parquet": "Parquet (.parquet)", "csv": "CSV (.csv)",
                 "spacy": "spaCy DocBin (.spacy)", "xmi": "UIMA XMI for INCEpTION (folder)",
                 "labelstudio": "Label Studio tasks (.json)", "brat": "brat standoff (folder)"}


def _replaced_files(refusal: str) -> list[str]:
    """``check_replaceable``'s refusal as one line per file (``<path>: why``), its advice for the command line cut."""
    lines = refusal.split("; ")
    return [line for line in lines if not line.startswith(("export to another --out", "… and"))] + [
        line for line in lines if line.startswith("… and")]


class _ExportWorker(QObject):
    """Runs one export in a worker thread; talks back only through signals."""

    sig_progress = Signal(int, int)
    sig_done = Signal(object)  # ExportResult
    sig_failed = Signal(str)
    sig_replace = Signal(list)  # the files it would replace that it did not write, each with why: nothing written

    def __init__(self, root: Path, out: Path, options: ExportOptions, stop: threading.Event, *,
                 force: bool = False) -> None:
        super().__init__()
        self.root, self.out, self.options, self.stop, self.force = root, out, options, stop, force

    @Slot()
    def run(self) -> None:
        if not self.force:
            # What the export refuses to replace (a file it did not write, or one changed since), asked about in
            # the dialog: the export's own refusal names the command line's --force, which the window cannot act on.
            try:
                check_replaceable(self.out, self.options.format)
            except ExportError as exc:
                self.sig_replace.emit(_replaced_files(str(exc)))
                return
            except OSError:
                pass  # the export says what it cannot read or write
        try:
            result = export_corpus(self.root, self.out, options=self.options, force=self.force,
                                   progress=self.sig_progress.emit, should_stop=self.stop.is_set)
        except ExportCancelled:
            self.sig_failed.emit("Export cancelled; nothing was written over the output.")
        except (ExportError, OSError) as exc:
            self.sig_failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the editor rather than lost in a thread
            self.sig_failed.emit(f"Export failed: {type(exc).__name__}: {exc}")
        else:
            self.sig_done.emit(result)


class ExportDialog(QDialog):
    """Choose corpus, format, level, documents, labels and output; export with a progress bar."""

    sig_finished = Signal(object)  # ExportResult, after a successful export
    sig_failed = Signal(str)

    def __init__(self, corpus_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export dataset")
        self._thread: QThread | None = None
        self._worker: _ExportWorker | None = None
        self._stop = threading.Event()
        self.last_result: ExportResult | None = None

        self.corpus_edit = QLineEdit(str(corpus_root))
        self.format_combo = SafeComboBox()
        for fmt in FORMATS:
            self.format_combo.addItem(_FORMAT_NAMES.get(fmt, fmt), fmt)
        self.level_combo = SafeComboBox()
        self.level_combo.addItem("One record per article", "article")
        self.level_combo.addItem("One record per segment", "segment")
        self.include_combo = SafeComboBox()
        self.include_combo.addItem("Curated documents only", "curated")
        self.include_combo.addItem("All documents (uncurated ones parsed now)", "all")
        self.drop_check = QCheckBox("Drop duplicate passages (keep canonical copies)")
        self.labels_list = QListWidget()
        self.labels_list.setToolTip("Tick labels to keep only those segments; none ticked keeps all")
        for name in default_taxonomy().label_names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.labels_list.addItem(item)
        self.labels_list.setMaximumHeight(140)
        root = Path(corpus_root)
        self.out_edit = QLineEdit(str(root.parent / f"{root.name}-export{SUFFIXES['jsonl']}"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = plain_label("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow("Corpus:", self._with_button(self.corpus_edit, "Browse…", self._browse_corpus))
        form.addRow("Format:", self.format_combo)
        form.addRow("Level:", self.level_combo)
        form.addRow("Documents:", self.include_combo)
        form.addRow("", self.drop_check)
        form.addRow("Labels:", self.labels_list)
        form.addRow("", QLabel("None ticked: every label."))
        form.addRow("Output:", self._with_button(self.out_edit, "Browse…", self._browse_out))

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self._close_or_cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._format_changed)

    @staticmethod
    def _with_button(edit: QLineEdit, text: str, slot: object) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit)
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return row

    # -- choices -------------------------------------------------------------------------------
    def selected_labels(self) -> frozenset[str]:
        items = (self.labels_list.item(i) for i in range(self.labels_list.count()))
        return frozenset(it.text() for it in items if it.checkState() == Qt.CheckState.Checked)

    def options(self) -> ExportOptions:
        return ExportOptions(
            format=self.format_combo.currentData(),
            level=self.level_combo.currentData(),
            include=self.include_combo.currentData(),
            drop_duplicates=self.drop_check.isChecked(),
            labels=self.selected_labels(),
        )

    def _format_changed(self) -> None:
        # Keep the output's suffix in step with the format, unless the editor chose an odd one.
        out = Path(self.out_edit.text())
        if out.suffix in SUFFIXES.values():
            self.out_edit.setText(str(out.with_suffix(SUFFIXES[self.format_combo.currentData()])))

    def _browse_corpus(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Corpus folder", self.corpus_edit.text())
        if path:
            self.corpus_edit.setText(path)

    def _browse_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.out_edit.text())
        if path:
            self.out_edit.setText(path)

    # -- running -------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._thread is not None

    @Slot()
    def start_export(self, force: bool = False) -> None:
        """Export; ``force``: replace the files beside the output the export did not write (the editor said so)."""
        if self.is_running():
            return
        if not self.out_edit.text().strip():
            self._fail("Choose an output file.")
            return
        try:
            options = self.options()
        except ExportError as exc:
            self._fail(str(exc))
            return
        self._stop.clear()
        self._set_running(True)
        self.status.setText("Exporting…")
        self._thread = QThread(self)
        self._worker = _ExportWorker(Path(self.corpus_edit.text()), Path(self.out_edit.text()), options, self._stop,
                                     force=force)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.sig_progress.connect(self._on_progress)
        self._worker.sig_done.connect(self._on_done)
        self._worker.sig_failed.connect(self._fail)
        self._worker.sig_replace.connect(self._on_replace)
        self._thread.start()

    @Slot(list)
    def _on_replace(self, files: list[str]) -> None:
        """The export would replace files it did not write (or that changed since): Replace? Yes exports again with
        force; No leaves everything as it is."""
        self._finish_thread()
        if self.ask_replace(files):
            self.start_export(force=True)
            return
        self._fail("Nothing was written: " + "; ".join(files) + ". Choose another output, or export again and "
                   "answer Replace.")

    def ask_replace(self, files: list[str]) -> bool:
        """Replace these files? (No, the default, leaves them as they are.)"""
        one = len(files) == 1
        # The question first: a long list is cut in the box (the whole under Show Details…), never the question.
        box = message_box(self, QMessageBox.Icon.Warning, "Replace files?", (
            f"Replace {'this file' if one else f'these {len(files)} files'}? The export did not write "
            f"{'it' if one else 'them'}, or {'it was' if one else 'they were'} changed since; what "
            f"{'it holds' if one else 'they hold'} now is lost. No leaves everything as it is.\n"
            + "\n".join(f"• {f}" for f in files)))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return QMessageBox.StandardButton(run_modal(box)) == QMessageBox.StandardButton.Yes

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def _on_done(self, result: ExportResult) -> None:
        self._finish_thread()
        self.last_result = result
        unit = "article" if self.level_combo.currentData() == "article" else "segment"
        lines = [f"Wrote {result.records} {unit} records from {result.documents} documents to {result.out}.",
                 f"Data card: {result.card}"]
        if result.excluded:
            lines.append(f"{result.excluded} documents not curated were left out.")
        if result.skipped:
            lines.append(f"{len(result.skipped)} document{'' if len(result.skipped) == 1 else 's'} skipped (see the card): "
                         + "; ".join(str(s) for s in result.skipped[:3]))
        self.status.setText("\n".join(lines))
        self.sig_finished.emit(result)

    @Slot(str)
    def _fail(self, message: str) -> None:
        self._finish_thread()
        self.status.setText(message)
        self.sig_failed.emit(message)

    def _finish_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None
            self._worker = None
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running)
        self.close_button.setText("Cancel" if running else "Close")

    def _close_or_cancel(self) -> None:
        if self.is_running():
            self._stop.set()  # the worker stops at the next Document and reports back
        else:
            self.reject()

    def reject(self) -> None:
        if self.is_running():
            self._stop.set()
            assert self._thread is not None
            self._thread.quit()
            self._thread.wait()
            self._thread = None
        super().reject()
