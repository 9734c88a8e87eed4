"""Long work off the UI thread: parsing the corpus and finding duplicates, with progress and cancel."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from curator.core.model import Curation
from curator.core.store import Corpus


# How much lower than the window the worker processes of a background job run (POSIX nice levels).
# On 2 cores, two parse workers at the window's own priority left its UI thread waiting for a core
# for 100-200 ms at a time; niced, the scheduler gives the UI thread the core whenever it wakes.
# Only processes: a thread of this process holding the GIL must not be slowed (the UI thread waits for it).
WORKER_NICE = 10


def lower_worker_priority(done: set[int]) -> None:
    """Nice this process's worker processes not seen before (``done``: their pids); best effort."""
    if not hasattr(os, "setpriority"):
        return
    for proc in multiprocessing.active_children():
        pid = proc.pid
        if pid is None or pid in done:
            continue
        done.add(pid)
        try:
            own = os.getpriority(os.PRIO_PROCESS, 0)
            os.setpriority(os.PRIO_PROCESS, pid, min(own + WORKER_NICE, 19))
        except OSError:  # it ended meanwhile, or the system refuses: it runs at our priority
            continue


class JobSignals(QObject):
    """Signals of a job; created on the UI thread so they are delivered there."""

    sig_progress = Signal(int, int, str)  # done, total, what (at most ten a second)
    sig_result = Signal(object)  # a list of output items (batched: at most ten lists a second)
    sig_finished = Signal(object)  # final output (None when cancelled)
    sig_failed = Signal(str)


class Job(QRunnable):
    """A cancellable background job."""

    # A signal per Document flooded the UI thread: 300 pages kept it busy for 12 s redrawing the bar
    # and re-sorting the corpus table once per page. Progress and results go out ten times a second.
    INTERVAL = 0.1

    def __init__(self) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)
        self._last_progress = 0.0
        self._last_results = time.monotonic()
        self._results: list[object] = []

    def progress(self, done: int, total: int, what: str) -> None:
        """Report progress, at most every ``INTERVAL`` seconds (and always at the end)."""
        now = time.monotonic()
        if done >= total or now - self._last_progress >= self.INTERVAL:
            self._last_progress = now
            self.signals.sig_progress.emit(done, total, what)

    def result(self, item: object) -> None:
        """Queue one output item; sent in batches (``flush_results``)."""
        self._results.append(item)
        if time.monotonic() - self._last_results >= self.INTERVAL:
            self.flush_results()

    def flush_results(self) -> None:
        if self._results:
            batch, self._results = self._results, []
            self.signals.sig_result.emit(batch)
        self._last_results = time.monotonic()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            out = self.work()
        except Exception as exc:  # reported to the editor, the UI carries on
            self.signals.sig_failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.sig_finished.emit(None if self.cancelled else out)

    def work(self) -> object:
        raise NotImplementedError


class ParseCorpusJob(Job):
    """Parse every Document without a curated file; emits (doc_id, Curation) per Document, then the context.

    A source that cannot be read (binary, unreadable) is emitted as (doc_id, message) so that the
    corpus pane names it instead of leaving it silently "new".
    """

    def __init__(self, root: Path, doc_ids: list[str], *, all_ids: list[str] | None = None) -> None:
        super().__init__()
        self.root, self.doc_ids = root, list(doc_ids)
        self.all_ids = list(all_ids or [])  # every Document of the corpus: those with curated files are counted
        self.kept = 0

    def work(self) -> object:
        from curator.core.pipeline import StreamStats, parse_stream

        corpus = Corpus(self.root)
        stats = StreamStats()
        names = {"context": "Reading", "parse": "Parsing"}

        niced: set[int] = set()

        def progress(stage: str, done: int, total: int) -> None:
            lower_worker_priority(niced)  # the workers, once they exist
            self.progress(done, total, names.get(stage, stage))

        # Counted here, not on the UI thread (a stat per Document): for the status line at the end.
        self.kept = sum(corpus.curated_path(d).is_file() for d in self.all_ids)
        todo = [d for d in self.doc_ids if not corpus.curated_path(d).exists()]
        self.progress(0, len(todo), "Reading")  # what it does now, before the first Document is done
        # In a worker process, not this thread: parsing here held the GIL the UI thread needs.
        # (A source that cannot be read shows its error when it is opened.)
        for doc_id, cur, _ in parse_stream(corpus, doc_ids=todo, duplicates=False, processes=True,
                                           progress=progress, stats=stats, should_stop=lambda: self.cancelled):
            self.result((doc_id, cur))
        if self.cancelled:
            return None
        for doc_id, problem in stats.failed.items():  # named in the corpus pane, the rest parsed
            self.result((doc_id, problem))
        self.flush_results()
        self.progress(len(todo), len(todo), "Parsed")
        return stats.context


class FindDuplicatesJob(Job):
    """Duplicate groups over the corpus, using ``curator.core.dups``; returns a ``GroupIndex``.

    ``items`` are the open Documents (their Curations as edited, with their texts); the
    others are loaded here, off the UI thread (``root`` and ``doc_ids``; ``parsed`` holds
    parses not saved yet). The index maps the groups onto any Document in time linear in
    that Document's members, so applying them on the UI thread stays short.
    """

    def __init__(self, items: list[tuple[Curation, str]], *, root: Path | None = None,
                 doc_ids: list[str] | None = None, parsed: dict[str, Curation] | None = None) -> None:
        super().__init__()
        self.items = items
        self.root, self.doc_ids, self.parsed = root, list(doc_ids or []), dict(parsed or {})

    def work(self) -> object:
        from curator.core.dups import find_in_curations
        from curator.core.dups.contract import GroupIndex

        items = list(self.items)
        have = {c.document.id for c, _ in items}
        todo = [d for d in self.doc_ids if d not in have]
        if todo and self.root is not None:
            corpus = Corpus(self.root)
            for i, doc_id in enumerate(todo):
                if self.cancelled:
                    return None
                self.progress(i, len(todo) + 1, "Reading")
                try:
                    st = corpus.state(doc_id, check_source=False)
                    cur = st.curation or self.parsed.get(doc_id)
                    if cur is not None:
                        items.append((cur, corpus.read_source(doc_id).text))
                except Exception:  # noqa: S112 (its error shows when it is opened)
                    continue
        self.signals.sig_progress.emit(len(todo), len(todo) + 1, "Finding duplicates")
        groups = find_in_curations(sorted(items, key=lambda it: it[0].document.id))
        index = GroupIndex(groups, {c.document.id: c for c, _ in items})
        self.signals.sig_progress.emit(len(todo) + 1, len(todo) + 1, "Found duplicates")
        return index
