"""A big Document's text view made off the UI thread when nothing made it already (round gui19, issue 10).

The loader thread makes the view of a big curated file the editor waits for (round gui18). Every other way a big
Document comes to the screen laid its text out on the UI thread in one step (~150-250 ms of ``setPlainText`` on a
10 MB page): a page without a curated file (parsed apart), and a Document shown again after the view let its
laid-out text go (it keeps two). The window hands those here: one thread per Document, ``make`` called on it
(``text_view.prepare_view``: the text laid in a piece at a time, the GIL let go between pieces), and
``sig_ready(doc, prepared)`` on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

# A Document at least this many code points long is laid out apart (a 1 MB page: ~25 ms of setPlainText, one step).
PREPARE_APART_CHARS = 2_000_000


class ViewsApart(QObject):
    """The text views being made apart, by Document; ``sig_ready(doc, prepared)`` on the UI thread when one is made
    (``prepared`` an exception when making it failed: the window then lays the text out itself)."""

    sig_ready = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.making: set[int] = set()  # id() of the Documents whose view is being made
        self._ready = self.sig_ready  # emitted from the thread: queued to this object's (the UI) thread

    def under_way(self, doc: object) -> bool:
        return id(doc) in self.making

    def start(self, doc: object, make: Callable[[], object]) -> None:
        if id(doc) in self.making:
            return
        self.making.add(id(doc))
        threading.Thread(target=self._run, args=(doc, make), daemon=True, name="curator-view-apart").start()

    def _run(self, doc: object, make: Callable[[], object]) -> None:
        result: object
        try:
            result = make()
        except Exception as exc:  # noqa: BLE001 - the window lays the text out itself
            result = exc
        try:
            self.sig_ready.emit(doc, result)
        except RuntimeError:  # the window is gone
            pass

    def done(self, doc: object) -> None:
        self.making.discard(id(doc))
