"""Starting the window: the QApplication, the corpus, crash recovery and the screenshot mode."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSize, QThreadPool
from PySide6.QtWidgets import QApplication

from curator.core.store import Corpus
from curator.gui.main_window import MainWindow, settings
from curator.gui.out_paths import save_png, screenshot_refusal
from curator.gui.ui_thread_gc import collect_on_ui_thread
from curator.gui.workspace import Workspace

SCREENSHOT_SIZE = QSize(1600, 960)


class UnknownDocumentError(ValueError):
    """``--document ID`` names no Document of the corpus (a usage error: exit 2)."""


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("curator")
    app.setApplicationName("curator")
    collect_on_ui_thread(app)  # Qt objects are never destroyed by a collection in a worker thread
    return app  # type: ignore[return-value]


def build_window(corpus_root: Path, *, document: str | None = None, parse_in_background: bool = True,
                 use_settings: bool = True, load_apart: bool = False) -> MainWindow:
    """A main window on a corpus, showing ``document`` (else the last one, else the first). ``load_apart``: big
    curated files are read on the loader thread (``Workspace``), the Document shown when it is read."""
    workspace = Workspace(Corpus(corpus_root), load_apart=load_apart)
    window = MainWindow(workspace, parse_in_background=parse_in_background, use_settings=use_settings)
    ids = workspace.document_ids()
    wanted = document
    if wanted is None:
        last = settings().value("corpus/last_document")
        same_corpus = settings().value("corpus/last") == str(Path(corpus_root))
        wanted = last if same_corpus and last in ids else (ids[0] if ids else None)
    if wanted is not None:
        if wanted not in ids:
            raise UnknownDocumentError(f"{corpus_root}: no document {wanted!r} (try one of: {', '.join(ids[:5])} …)")
        window.open_document(wanted)
    return window


def screenshot(window: MainWindow, path: Path) -> None:
    """Render the window at least 1280x800 to a PNG."""
    window.resize(SCREENSHOT_SIZE)
    window.show()
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()  # type: ignore[union-attr]
    # The background parse ends before the picture is taken (a loaded machine took > 10 s to, and the
    # picture showed its progress bar): its results arrive through the event loop.
    deadline = time.monotonic() + 120
    while window.job is not None and time.monotonic() < deadline:
        QThreadPool.globalInstance().waitForDone(100)
        app.processEvents()  # type: ignore[union-attr]
    for _ in range(5):
        app.processEvents()  # type: ignore[union-attr]
    if window.ws.current is not None and window.selection.current:
        window.view.show_segment(window.selection.current)
    save_png(window.grab().toImage(), path)


class OutputRefusedError(ValueError):
    """A ``--screenshot`` path the window must not write (a corpus's file, not a .png)."""


def run(corpus_root: Path, *, document: str | None = None, screenshot_path: Path | None = None) -> int:
    if screenshot_path is not None:
        why = screenshot_refusal(screenshot_path, corpus=corpus_root)
        if why is not None:  # before anything is opened (red team F1: Qt emptied the file, then failed)
            raise OutputRefusedError(why)
    if screenshot_path is not None and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a picture needs no screen
    app = application()
    # A screenshot shows the Document itself: its file is read before the picture (no "Loading…").
    window = build_window(corpus_root, document=document, use_settings=screenshot_path is None,
                          load_apart=screenshot_path is None)
    window.ws.saves_off_ui_thread = True  # Ctrl+S, autosave and a switch write on the saver thread
    if screenshot_path is not None:
        screenshot(window, screenshot_path)
        window.ws.set_autosave(False)
        window.close()
        print(f"wrote {screenshot_path} ({window.width()}x{window.height()})")
        return 0
    window.show()
    window.report_start()
    window.offer_recovery()
    return app.exec()
