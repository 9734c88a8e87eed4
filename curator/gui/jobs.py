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
    """Parse every Document without a curated file; emits (doc_id, Curation) per Document, then the context."""

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
            except Exception:  # noqa: S112 (a broken source shows its error when opened)
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
                self.signals.sig_progress.emit(i, len(todo) + 1, "Reading")
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
