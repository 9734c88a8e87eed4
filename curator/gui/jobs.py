"""Long work off the UI thread: parsing the corpus and finding duplicates, with progress and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from curator.core.model import Curation
from curator.core.store import Corpus


class JobSignals(QObject):
    """Signals of a job; created on the UI thread so they are delivered there."""

    sig_progress = Signal(int, int, str)  # done, total, what
    sig_result = Signal(object)  # one item of output
    sig_finished = Signal(object)  # final output (None when cancelled)
    sig_failed = Signal(str)


class Job(QRunnable):
    """A cancellable background job."""

    def __init__(self) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

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

    def __init__(self, root: Path, doc_ids: list[str]) -> None:
        super().__init__()
        self.root, self.doc_ids = root, list(doc_ids)

    def work(self) -> object:
        from curator.core.parse import build_context, parse_document

        corpus = Corpus(self.root)
        total = len(self.doc_ids)
        sources = {}
        for i, doc_id in enumerate(self.doc_ids):
            if self.cancelled:
                return None
            self.signals.sig_progress.emit(i, total, "Reading")
            try:
                sources[doc_id] = corpus.read_source(doc_id)
            except Exception as exc:  # noqa: BLE001 - named in the corpus pane, the rest parsed
                self.signals.sig_result.emit((doc_id, str(exc)))
                continue
        context = build_context(s.text for s in sources.values())
        for i, (doc_id, source) in enumerate(sources.items()):
            if self.cancelled:
                return None
            self.signals.sig_progress.emit(i, total, "Parsing")
            if corpus.curated_path(doc_id).exists():
                continue
            cur = parse_document(source.text, doc=corpus.document_ref(doc_id, source), context=context)
            self.signals.sig_result.emit((doc_id, cur))
        self.signals.sig_progress.emit(total, total, "Parsed")
        return context


class FindDuplicatesJob(Job):
    """Duplicate groups over (Curation, text) pairs, using ``curator.core.dups``."""

    def __init__(self, items: list[tuple[Curation, str]]) -> None:
        super().__init__()
        self.items = items

    def work(self) -> object:
        from curator.core.dups import find_in_curations

        self.signals.sig_progress.emit(0, 1, "Finding duplicates")
        groups = find_in_curations(self.items)
        self.signals.sig_progress.emit(1, 1, "Found duplicates")
        return groups
