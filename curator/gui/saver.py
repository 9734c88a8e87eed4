"""The window's saves, off its UI thread (round gui17, issue 10).

A save hands the store one Document state: Curations are values (an edit builds the next one, never changes
one in place), so the reference taken on the UI thread is the snapshot and costs nothing. One thread writes
the saves in the order they were asked for (``Corpus.save``: rendered, checked against the stamp the
Document stands on, written atomically); what each save came to is handed back through ``on_done``, which
the workspace connects to a queued signal so that it is taken in on the UI thread. No Qt here but what the
caller passes in: the thread is a plain ``threading.Thread``.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from curator.core.model import Curation
from curator.core.store import Corpus


def _let_go() -> None:
    time.sleep(0)  # gives the GIL to a thread waiting for it (the UI thread)


@dataclass(eq=False)
class SaveJob:
    """One save: the state to write, the stamp of the file it must replace; then its stamp or its error."""

    doc_id: str
    curation: Curation
    expected_stamp: str | None
    quiet: bool  # autosave or a switch (told above the text), not the editor's Ctrl+S (a dialog)
    stamp: str | None = None  # the new file's, once written
    error: BaseException | None = None
    applied: bool = False  # taken in on the UI thread (by the signal, or by a wait that came first)
    done: threading.Event = field(default_factory=threading.Event)


class Saver:
    """One thread writing saves one after the other (a later save never overtaken by an earlier one)."""

    def __init__(self, corpus: Corpus, on_done: Callable[[SaveJob], None]) -> None:
        self.corpus = corpus
        self._on_done = on_done
        self._queue: queue.Queue[SaveJob | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def submit(self, job: SaveJob) -> None:
        if self._closed:
            raise RuntimeError("the saver is closed")
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="curator-save", daemon=True)
            self._thread.start()
        self._queue.put(job)

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                # Rendered a piece at a time, the GIL let go between pieces: one orjson call over 40,000 segments
                # held the UI thread 23-115 ms (load 8).
                job.stamp = self.corpus.save(job.curation, expected_stamp=job.expected_stamp, pause=_let_go)
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread, named
                job.error = exc
            job.done.set()
            try:
                self._on_done(job)
            except RuntimeError:  # the workspace is gone (destroyed without closing): nobody to tell
                pass

    def close(self) -> None:
        """Finish every save asked for, then end the thread (the window closes)."""
        self._closed = True
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
