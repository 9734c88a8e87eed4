"""Big curated files read off the UI thread (round gui17, issue 10): the window's start-up scan leaves them to one
loader thread (19 MB of JSON parsed and validated: ~300 ms of CPU, which held the UI thread before the window
showed). The thread reads one Document at a time, the one the editor asked to open first (``prefer``); what it
read goes back through ``on_done`` (the workspace connects a queued signal: taken in on the UI thread). No Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Loader(Generic[T]):
    """One thread calling ``read(doc_id)`` for each Document handed to it; ``on_done(doc_id, result or error)``."""

    def __init__(self, read: Callable[[str], T], on_done: Callable[[str, T | BaseException], None]) -> None:
        self._read = read
        self._on_done = on_done
        self._todo: list[str] = []
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        with self._cond:
            if self._closed:
                return
            self._todo.extend(d for d in doc_ids if d not in self._todo)
            self._cond.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="curator-load", daemon=True)
            self._thread.start()

    def prefer(self, doc_id: str) -> None:
        """Read ``doc_id`` next (the editor is waiting for it)."""
        with self._cond:
            if doc_id in self._todo:
                self._todo.remove(doc_id)
                self._todo.insert(0, doc_id)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._todo and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                doc_id = self._todo.pop(0)
            result: T | BaseException
            try:
                result = self._read(doc_id)
            except Exception as exc:  # noqa: BLE001 - told on the UI thread, naming the Document
                result = exc
            try:
                self._on_done(doc_id, result)
            except RuntimeError:  # the workspace is gone (destroyed without closing): nobody to tell
                return

    def close(self) -> None:
        """Read nothing more; wait for a read under way (the window closes)."""
        with self._cond:
            self._closed = True
            self._todo.clear()
            self._cond.notify()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
