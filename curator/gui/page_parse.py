"""One large page parsed in a process of its own while the window shows its text."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from curator.gui.parse_child import parse_page


class PageParse(QObject):
    """Parse ``doc_id`` in a spawned process; ``sig_done(doc_id, Curation | str)`` on the UI thread.

    A thread of this process only waits for the child's answer (and unpickles it); ``cancel``
    ends the child at once, and then nothing is sent. ``finished`` is set once the child is gone.
    """

    sig_done = Signal(str, object)  # doc_id, the Curation or why there is none

    def __init__(self, root: Path, doc_id: str, context: object, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc_id = doc_id
        self.finished = threading.Event()
        self.process: multiprocessing.process.BaseProcess | None = None
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(str(root), context), daemon=True,
                                        name=f"curator-page-parse-{doc_id}")
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self, root: str, context: object) -> None:
        out: object = None
        try:
            ctx = multiprocessing.get_context("spawn")  # never fork a process with Qt's threads in it
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=parse_page, args=(root, self.doc_id, context, send), daemon=True)
            self.process = proc
            proc.start()
            send.close()
            while not self._cancel.is_set():
                if receive.poll(0.1):
                    ok, out = receive.recv()
                    break
                if not proc.is_alive() and not receive.poll(0):
                    out = f"the parser's process ended without an answer (exit code {proc.exitcode})"
                    break
        except (OSError, EOFError) as exc:
            out = f"the parser's process failed: {exc}"
        finally:
            proc_ = self.process
            if proc_ is not None and proc_.is_alive():
                proc_.terminate()
                proc_.join(5)
            self.finished.set()
        if self._cancel.is_set():
            return
        try:
            self.sig_done.emit(self.doc_id, out)
        except RuntimeError:  # the window went meanwhile
            pass
