"""The corpus being curated: which Documents are open, loading, saving, autosave and the journal."""

from __future__ import annotations

import dataclasses
import time
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup

from curator.core.confidence import document_confidence
from curator.core.edit import Changes, Command, EditError, ReplaceCuration
from curator.core.edit.checks import changed_window, retag_of
from curator.core.journal import JournalEntry, JournalWriter, RunJournal, WindowLock
from curator.core.jsonio import (
    CurationFileError,
    JsonFileError,
    atomic_write_text,
    dump_curation,
    file_stamp,
    load_json_file,
)
from curator.core.model import Curation, ParserInfo, Segment, Speaker, text_problems
from curator.core.resources import resource_path
from curator.core.store import ConflictError, Corpus, DocumentState, Loaded
from curator.core.taxonomy import default_taxonomy
from curator.core.textio import SourceError, SourceText
from curator.core.validate import grapheme_problems, taxonomy_problems
from curator.gui.document import OpenDocument
from curator.gui.out_paths import refusal
from curator.gui.loader import Loader
from curator.gui.offsets import OffsetMap
from curator.gui.page_parse import PageParse
from curator.gui.saver import Saver, SaveJob

if TYPE_CHECKING:
    from curator.core.review.merge import MergeResult
    from curator.core.review.reanchor import Unplaced

AUTOSAVE_MS = 30_000
# An edit is handed to the journal's writer thread at once, as it is made (it was on the event loop's
# next turn, after the repaint the edit caused: 11 ms median, up to 250 at load 7, and a kill -9 in
# between lost it). The writer keeps only the latest state of a Document pending, so a burst of edits
# (a held nudge key) needs no debounce (bench reliability: journal-latency).
JOURNAL_DELAY_MS = 0
MAX_LISTED = 20
MERGE_TRIES = 5  # Merge theirs and save: merged again when the file was written again before the save
FILE_DELETED = "deleted"  # OpenDocument.conflict_stamp of a curated file deleted on disk
# A page without a curated file longer than this (code points) opens at once on its text, and is
# parsed in a process of its own (``page_parse``): a 20 MB one-line page held the UI thread 10 s
# in the parser. The parser does 1-2 MB per CPU second on such pages; this keeps an open under ~0.5 s.
BIG_PAGE = 500_000
# Curated files the start-up scan read and the window keeps until they are opened (``_keep_scanned``):
# those of at least 256 kB (a 25 MB file took 0.5-4 s to parse and validate), 128 MB of files in all.
SCANNED_MIN_BYTES = 256_000
# With ``load_apart`` (`curator gui`), curated files of this size and more are read on the loader thread, not by
# the start-up scan on the UI thread (the 10 MB bench page's 19 MB file: ~300 ms of CPU before the window showed).
LOAD_APART_BYTES = 2_000_000
SCANNED_BUDGET_BYTES = 128_000_000
READ_ONLY_ADVICE = ("Nothing can be saved in this corpus and no recovery journal is kept: "
                    "use File ▸ Save a copy… to keep your edits elsewhere.")
STALE_EDITS_WARNING = ("The curated file changed on disk after these unsaved edits were made; "
                       "saving will be refused until you reload and merge, or save a copy.")


_FileKey = tuple[int, int, int, int, int]


def _file_key(path: Path) -> _FileKey | None:
    """A file's identity and last change as ``stat`` tells them (None: it cannot be stat'ed)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class _Scanned:
    """What the start-up scan read of a big Document, kept for its open (``Workspace._keep_scanned``)."""

    loaded: Loaded
    size: int  # bytes counted against SCANNED_BUDGET_BYTES
    curated_key: _FileKey | None  # the curated file's stat before the scan read it
    source: SourceText | None  # the source text the scan read (None: not kept)
    source_key: _FileKey | None  # its file's stat before that
    tally: SegmentTally | None = None  # its counts, made for its summary


def _why(name: str, exc: Exception) -> str:
    """The reason alone (the core's refusals often name the verb already: it read "Accept event e1: Accept event e1: …")."""
    text = str(exc)
    return text[len(name) + 1:].lstrip() if text.startswith(f"{name}:") else text


_SPEAKER, _GROUP, _REVIEWED, _LABEL = (attrgetter(n) for n in ("speaker", "group", "reviewed", "label"))
_COUNTED = attrgetter("label", "speaker", "reviewed")  # what a SegmentTally counts of a segment


def open_grapheme_problems(cur: Curation, text: str) -> list[str]:
    """``grapheme_problems`` of the segments with a boundary next to a character that is not ASCII (only such a
    boundary can cut a character: accents, joiners, selectors, skin tones and flags are not ASCII). Checking every
    boundary took ~70 ms of opening a 10 MB page with 40,000 segments (~36 ms now)."""
    n = len(text)
    # A boundary ``at`` is plain when it is at an end of the text or both characters beside it are ASCII: tested
    # inline (a function call per boundary was half of the check), a character at a time (an ASCII one is
    # Python's own cached string; a slice of two was a new string each).
    suspects = [s for s in cur.segments
                if not ((s.start <= 0 or s.start >= n or (text[s.start].isascii() and text[s.start - 1].isascii()))
                        and (s.end <= 0 or s.end >= n or (text[s.end].isascii() and text[s.end - 1].isascii())))]
    if len(suspects) == len(cur.segments):
        return grapheme_problems(cur, text)
    return grapheme_problems(cur.model_copy(update={"segments": suspects}), text)


@dataclass
class DocSummary:
    """What the corpus pane shows and filters on for one Document."""

    doc_id: str
    status: str  # auto | in_progress | curated | new (never parsed) | error
    segments: int = 0
    articles: int = 0
    duplicates: int = 0
    unreviewed: int = 0
    labels: frozenset[str] = field(default_factory=frozenset)
    speakers: frozenset[str] = field(default_factory=frozenset)
    modified: bool = False
    problem: str = ""
    confidence: float | None = None  # the parser's least confidence in an Article of it (None: unknown)
    doubts: str = ""  # why, for that Article (its reasons)

    @classmethod
    def of(cls, doc_id: str, cur: Curation, *, modified: bool = False, tally: SegmentTally | None = None) -> DocSummary:
        """``tally``: the Document's running counts, brought up to ``cur`` by the edit's window alone."""
        names = {s.id: s.name for s in cur.speakers}
        # The rule `curator info` uses (core.confidence): an Article made or checked by an editor (no
        # confidence) counts as sure, so curated pages read 1.00, not "—" beside info's 1.000.
        confidence = document_confidence(cur)
        judged = [a for a in cur.articles if a.confidence is not None and a.confidence == confidence]
        least = judged[0] if judged else None
        tally = tally or SegmentTally(cur.segments)
        tally.follow(cur.segments)
        return cls(
            doc_id=doc_id, status=cur.status, segments=len(cur.segments), articles=len(cur.articles),
            duplicates=len(set(map(_GROUP, cur.duplicates))),
            unreviewed=tally.unreviewed,
            labels=tally.labels(),
            speakers=frozenset(names[s] for s in tally.speakers() if s in names),
            modified=modified,
            confidence=confidence,
            doubts="; ".join(least.reasons) if least is not None else (
                "made or checked by an editor: counts as sure" if confidence is not None else ""),
        )


class SegmentTally:
    """A Document's label and speaker counts and its unreviewed segments, kept up to date per edit.

    Counted over every segment at first (``map`` + ``attrgetter``, in C), then from each edit's window
    (``changed_window``: the segments it replaced and those it put instead): the summary was recounted
    over every segment on each edit and undo, ~10-20 ms of the UI thread on a 40,000-segment page."""

    def __init__(self, segs: list[Segment]) -> None:
        self._recount(segs)

    def _recount(self, segs: list[Segment]) -> None:
        self.segs = segs
        self._labels = Counter(map(_LABEL, segs))
        self._speakers = Counter(map(_SPEAKER, segs))
        self.unreviewed = list(map(_REVIEWED, segs)).count(False)

    def follow(self, segs: list[Segment]) -> None:
        if segs is self.segs:
            return
        lo, hi_old, hi_new = changed_window(self.segs, segs)
        if (hi_old - lo) + (hi_new - lo) > len(segs) // 2 + 16:
            self._recount(segs)  # most of it changed (a restore): counting again costs no more
            return
        gone, came = self.segs[lo:hi_old], segs[lo:hi_new]
        made = retag_of(gone, came)  # copies the edit made with another Article: nothing counted changed
        if made is not None and "speaker" not in made:
            self.segs = segs
            return
        if len(gone) == len(came) and list(map(_COUNTED, gone)) == list(map(_COUNTED, came)):
            self.segs = segs  # the same labels, speakers and review marks (a new Article's copies)
            return
        # Counted in C (Counter over an iterable); subtract() of an iterable is a Python step per segment.
        self._labels.subtract(Counter(map(_LABEL, gone)))
        self._labels.update(map(_LABEL, came))
        self._speakers.subtract(Counter(map(_SPEAKER, gone)))
        self._speakers.update(map(_SPEAKER, came))
        self.unreviewed += list(map(_REVIEWED, came)).count(False) - list(map(_REVIEWED, gone)).count(False)
        self.segs = segs

    def labels(self) -> frozenset[str]:
        return frozenset(k for k, n in self._labels.items() if n > 0)

    def speakers(self) -> set[str | None]:
        return {k for k, n in self._speakers.items() if n > 0}


class FileUnusable(ValueError):
    """The curated file cannot be used: not JSON, cut short, invalid, or about another text than the source."""

    def __init__(self, path: Path, stamp: str | None, why: str) -> None:
        super().__init__(why)
        self.path = path
        self.stamp = stamp  # of the bytes found: a replace goes ahead only while the file still holds them


@dataclass
class Reloaded:
    """What a reload from disk did."""

    doc: OpenDocument  # the Document now: a new one when its source text changed (``new_text``)
    result: MergeResult
    gone: bool = False  # the file had been deleted: the edits stay, the next save recreates it
    new_text: bool = False  # the source text changed: the edits were re-anchored onto it
    unplaced: list[Unplaced] = field(default_factory=list)  # what of the edits did not fit the new text
    kept: list[Path] = field(default_factory=list)  # where the old version and the unplaced are kept


def _drop_stale_warning(doc: OpenDocument) -> None:
    """The edits now sit on the file as it is on disk (saved, or reloaded and merged)."""
    doc.warnings = [w for w in doc.warnings if w != STALE_EDITS_WARNING]


def load_speaker_registry() -> list[Speaker]:
    """Known people from ``resources/speakers.json`` (ids stable across the corpus)."""
    try:
        data = load_json_file(resource_path("speakers.json"), max_bytes=64 << 20)
        return [Speaker(id=s["id"], name=s["name"], role=s.get("role")) for s in data.get("speakers", [])]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, JsonFileError):
        return []


_Read = tuple[DocumentState, "_FileKey | None", "SourceText | None", "_FileKey | None"]  # Workspace._read_one


@dataclass(eq=False)
class _Arrival:
    """What the loader thread made for the open of a big Document the editor waits for (round gui18, issue 10), so
    that its arrival on the UI thread converts and lays out nothing: the text's OffsetMap, the boundaries that cut
    a character, and the window's text view of it (``Workspace.prepare_display``)."""

    curation: Curation
    text: str
    offsets: OffsetMap
    grapheme: list[str]
    view: object = None


# What the loader thread read (None: nothing, it made the arrival of what the scan kept), and the arrival it made.
_Apart = tuple["_Read | None", "_Arrival | None"]  # Workspace._read_apart


def _weakly(ref: weakref.ReferenceType[Workspace], *names: str) -> Callable[..., Any]:
    """``ref().<names…>(*args)`` called from a thread; RuntimeError when the workspace is gone."""

    def call(*args: Any) -> Any:
        target: Any = ref()
        if target is None:
            raise RuntimeError("the workspace is gone")
        for name in names:
            target = getattr(target, name)
        return target(*args)

    return call


@dataclass(eq=False)
class _UnderWay:
    """A save on the saver thread, and whether another was asked for meanwhile (of a newer state)."""

    doc: OpenDocument
    job: SaveJob
    again: bool = False
    again_quiet: bool = True
    said: str = "Autosaved"  # what the status bar says of a quiet one written ("Saved": Save all)


class Workspace(QObject):
    """Open Documents (their undo stacks survive switching), saving and crash recovery."""

    # Ctrl+S, autosave, a switch, Save all and the quit dialog's Save write on the saver thread (``save_later``), by
    # default since round gui18 (before, only `curator gui` turned it on): a script or a test that reads the file
    # after a save waits for it (``finish_saving``, ``finish_saves``); False: they write on this thread.
    saves_off_ui_thread = True

    sig_current_changed = Signal(object)  # OpenDocument | None
    sig_document_changed = Signal(object, object)  # OpenDocument, Changes
    sig_summary_changed = Signal(object)  # DocSummary
    sig_summaries_changed = Signal(object)  # list[DocSummary]: many at once (the background parse)
    sig_message = Signal(str)  # status-bar line
    sig_refused = Signal(str, str)  # verb, why: every refused edit or verb (also told in the status bar)
    sig_problem = Signal(str, str)  # title, text: something the editor must read (a dialog: asked for by the editor)
    # title, text: something the editor must read that came from no gesture of theirs (autosave, the journal's
    # writer, a switch): told above the text, never in a modal dialog (red team C1); "" text: no longer so.
    sig_notice = Signal(str, str)
    sig_conflict = Signal(object)  # OpenDocument whose curated file changed on disk (asked once per change)
    sig_documents_removed = Signal(list)  # ids of Documents whose source left the folder
    sig_saved = Signal(object)  # OpenDocument just written to its curated file
    sig_save_finished = Signal(object)  # OpenDocument whose save on the saver thread came back (written or not)
    sig_page_parsed = Signal(object)  # OpenDocument whose parse (run apart: a big page) came, or failed
    sig_document_replaced = Signal(object, object)  # old, new OpenDocument: its source text changed (a reload)
    sig_repeatable = Signal(str)  # the name of the verb F4 now repeats (``remember``)
    _sig_journal_error = Signal(str)  # from the writer thread; delivered on the UI thread
    _sig_journal_recovered = Signal()  # likewise
    _sig_save_done = Signal(object)  # SaveJob, from the saver thread; delivered on the UI thread
    # doc id, True: its curated file is being read on the loader thread and the editor asked to open it
    # ("Loading…"); False: no longer waited for (read and opened, or another Document opened meanwhile).
    sig_loading = Signal(str, bool)
    _sig_loaded = Signal(str, object)  # doc id, _Read or the exception: from the loader thread

    def __init__(self, corpus: Corpus, *, journal: RunJournal | None = None, parent: QObject | None = None,
                 load_apart: bool = False) -> None:
        """``load_apart``: curated files of ``LOAD_APART_BYTES`` and more are read on the loader thread."""
        super().__init__(parent)
        self.corpus = corpus
        self.load_apart = load_apart
        self._loading: set[str] = set()  # Documents whose curated file the loader thread is to read
        self.opening: str | None = None  # the Document the editor asked to open, waiting for its read
        self._sig_loaded.connect(self._on_loaded)
        # The threads reach the workspace through a weak reference: holding it (a bound method) made a cycle, so a
        # closed window's workspace and its Documents were destroyed by a later garbage collection, their undo
        # stacks then signalling Python objects already gone (seen in the test suite).
        me = weakref.ref(self)
        self.loader: Loader[_Apart] = Loader(_weakly(me, "_read_apart"), on_done=_weakly(me, "_sig_loaded", "emit"))
        # Set by the window: makes its text view of a big Document on the loader thread (text, segments, offsets).
        self.prepare_display: Callable[[str, list[Segment], OffsetMap], object] | None = None
        self._arrivals: dict[str, _Arrival] = {}  # made by the loader thread, for the open (``_load``)
        self._to_arrive: set[str] = set()  # read already (kept in ``_scanned``): the loader thread makes the arrival
        # This window run's journal: its entries carry its run id, and the entries of runs that
        # ended with unsaved edits (crashes) are offered until the editor restores or discards them.
        self.journal = journal or RunJournal(corpus.state_dir / "journal")
        self.window_lock = WindowLock(corpus.state_dir)
        self.other_window: str | None = None  # another window has this corpus open (its details)
        self.stale_window: str | None = None  # the last window on it ended without closing
        self.scan_problems: list[str] = []  # files the corpus listing left out, named for the editor
        # Why nothing can be saved here (a read-only mount, someone else's folder), else None:
        # the window then writes nothing (no journal, no lock) and says so once.
        self.read_only: str | None = corpus.unwritable()
        if self.read_only is None:
            try:
                self.journal.start()
                lock = self.window_lock.acquire()
                self.other_window, self.stale_window = lock.other, lock.stale
                if lock.held:
                    self.scan_problems += [f"{p}: temp file of an interrupted save, removed"
                                           for p in corpus.clean_stale_temps()]
            except OSError as exc:  # the check above passed, yet the state folder cannot be written
                self.read_only = f"{corpus.state_dir}: cannot be written ({exc.strerror or exc})"
        self._journal_told = False  # the editor was told the journal cannot be written (until it can again)
        self._sig_journal_error.connect(self._on_journal_error)
        self._sig_journal_recovered.connect(self._on_journal_recovered)
        self.writer = JournalWriter(self.journal, on_error=self._sig_journal_error.emit,
                                    on_recovered=self._sig_journal_recovered.emit)
        self._sig_save_done.connect(self._on_save_done)
        self.saver = Saver(corpus, on_done=_weakly(me, "_sig_save_done", "emit"))
        self._saving: dict[str, _UnderWay] = {}  # doc id -> its save on the saver thread
        self.docs: dict[str, OpenDocument] = {}
        self.current: OpenDocument | None = None
        self.undo_group = QUndoGroup(self)
        self.context: object | None = None  # CorpusContext once the corpus has been parsed
        # Parses the background job brought that no file holds yet: opening one of them costs no parse.
        self.parsed: dict[str, Curation] = {}
        self.page_parses: dict[str, PageParse] = {}  # big pages being parsed apart (BIG_PAGE)
        self.summaries: dict[str, DocSummary] = {}
        self._tallies: dict[str, SegmentTally] = {}  # open Documents' running counts (DocSummary.of)
        # Big curated files as the start-up scan read them, until they are opened (``_keep_scanned``).
        self._scanned: dict[str, _Scanned] = {}
        self._scanned_clean: set[str] = set()  # of those, the ones the scan found no problem with (text included)
        self._scanned_bytes = 0
        self.registry: list[Speaker] = load_speaker_registry()
        # The last label or speaker verb (its name, and how to make it for other segments): Repeat, F4.
        self.repeatable: tuple[str, Callable[[OpenDocument, tuple[str, ...]], Command]] | None = None
        self.autosave_enabled = True
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        self._scan()
        self.scan_problems += self.corpus.scan_problems()

    # -- corpus ------------------------------------------------------------------
    def _scan(self) -> None:
        apart = []
        for doc_id in self.corpus.document_ids():
            if self.load_apart and self._big_curated(doc_id):
                self.summaries[doc_id] = DocSummary(doc_id, "loading")
                apart.append(doc_id)
            else:
                self.summaries[doc_id] = self._scan_one(doc_id)
        self._loading.update(apart)
        self.loader.submit(apart)

    def _big_curated(self, doc_id: str) -> bool:
        try:
            return self.corpus.curated_path(doc_id).stat().st_size >= LOAD_APART_BYTES
        except OSError:
            return False

    def _scan_one(self, doc_id: str) -> DocSummary:
        """``corpus.state(doc_id)`` made into a summary, with the source read here: what it read of a big
        Document (its Curation and its text) is kept for the open, with the files' stats taken before reading
        them, so that an open finding the same stats reads neither file again (the curated file's bytes and
        SHA-256, the source's decoding: ~55 ms of opening a 10 MB page)."""
        st, curated_key, source, source_key = self._read_one(doc_id)
        return self._summary_of(st, read=(curated_key, source, source_key))

    def _read_one(self, doc_id: str) -> _Read:
        """What ``_scan_one`` reads (no state of the workspace touched: the loader thread calls it too)."""
        curated_key = _file_key(self.corpus.curated_path(doc_id))
        st = self.corpus.state(doc_id, check_source=False)
        source: SourceText | None = None
        source_key = None
        if st.curation is not None:  # as ``Corpus.state`` checks it
            source_key = _file_key(self.corpus.source_path(doc_id))
            try:
                source = self.corpus.read_source(doc_id)
            except SourceError as exc:
                st.problems.append(str(exc))
            else:
                st.problems.extend(f"{st.curated}: {p}"
                                   for p in text_problems(st.curation, source.text, sha256=source.sha256))
        return st, curated_key, source, source_key

    def _read_apart(self, doc_id: str) -> _Apart:
        """``_read_one`` on the loader thread; for the Document the editor waits for, what its open needs made too
        (``_Arrival``: ~0.35 s of the UI thread on a 10 MB page with 40,000 segments). No state of the workspace
        changed here (``opening`` and ``prepare_display`` only read: a race leaves the open to make them itself)."""
        kept = self._scanned.get(doc_id) if doc_id in self._to_arrive else None
        if kept is not None and kept.source is not None:  # read by the scan: the arrival of what it kept
            return None, self._arrival(kept.loaded.curation, kept.source.text)
        read = self._read_one(doc_id)
        st, _key, source, _source_key = read
        if self.opening != doc_id or st.curation is None or source is None or st.problems:
            return read, None
        return read, self._arrival(st.curation, source.text)

    def _arrival(self, cur: Curation, text: str) -> _Arrival:
        offsets = OffsetMap(text)
        prepare = self.prepare_display
        view = prepare(text, cur.segments, offsets) if prepare is not None else None
        return _Arrival(cur, text, offsets, open_grapheme_problems(cur, text), view)

    def _on_loaded(self, doc_id: str, got: _Apart | BaseException) -> None:
        """The loader thread read a big curated file (UI thread): its row's summary, kept for the open; opened
        now if the editor is waiting for it."""
        if doc_id not in self._loading:  # opened on this thread meanwhile, or gone from the folder
            return
        self._loading.discard(doc_id)
        self._to_arrive.discard(doc_id)
        if isinstance(got, BaseException):
            self.set_summary(DocSummary(doc_id, "error", problem=f"{self.corpus.curated_path(doc_id)}: {got}"))
        else:
            read, arrival = got
            if arrival is not None and self.opening == doc_id:
                self._arrivals[doc_id] = arrival
            if read is not None:
                st, curated_key, source, source_key = read
                self.set_summary(self._summary_of(st, read=(curated_key, source, source_key), keep_any=True))
        if self.opening == doc_id:
            self.opening = None
            self.sig_loading.emit(doc_id, False)
            self.open(doc_id)

    def stop_waiting(self) -> None:
        """The editor no longer waits for the Document being read (it is read all the same, for later)."""
        if self.opening is not None:
            doc_id, self.opening = self.opening, None
            self.sig_loading.emit(doc_id, False)

    def _summary_of(self, st: DocumentState, *,
                    read: tuple[_FileKey | None, SourceText | None, _FileKey | None] = (None, None, None),
                    keep_any: bool = False) -> DocSummary:
        if st.status == "error":
            return DocSummary(st.id, "error", problem="; ".join(st.problems))
        if st.curation is not None and st.stamp is not None:
            self._keep_scanned(st, *read, keep_any=keep_any)
        if st.curation is not None:
            tally = SegmentTally(st.curation.segments)
            summary = DocSummary.of(st.id, st.curation, tally=tally)
            if st.id in self._scanned:  # its counts too, for the open (three counts of 40,000 segments: ~10 ms)
                self._scanned[st.id].tally = tally
            summary.problem = "; ".join(st.problems)
            self._learn_speakers(st.curation)
            return summary
        return DocSummary(st.id, "new")

    def _keep_scanned(self, st: DocumentState, curated_key: _FileKey | None = None, source: SourceText | None = None,
                      source_key: _FileKey | None = None, *, keep_any: bool = False) -> None:
        """Keep what the scan read of a big curated file, so that opening it parses nothing again.

        Only files of at least ``SCANNED_MIN_BYTES`` (reading a small one again costs little), up to
        ``SCANNED_BUDGET_BYTES`` in all; the open checks that the file is still the one read. ``curated_key``,
        ``source`` and ``source_key``: the curated file's stat before the scan read it, the source text it read
        and its file's stat before that (kept when given; ``_load`` uses them while the stats are the same).
        """
        try:
            size = st.curated.stat().st_size
        except OSError:
            return
        if source is not None:
            size += len(source.text)
        if (keep_any or size >= SCANNED_MIN_BYTES) and self._scanned_bytes + size <= SCANNED_BUDGET_BYTES:
            assert st.curation is not None and st.stamp is not None
            self._scanned[st.id] = _Scanned(Loaded(st.curation, st.stamp, st.curated), size, curated_key,
                                            source if source_key is not None else None, source_key)
            self._scanned_bytes += size
            if not st.problems:
                self._scanned_clean.add(st.id)

    def refresh_documents(self) -> tuple[list[str], list[str]]:
        """Take in Documents added to the folder and drop those removed (open ones stay); (added, removed)."""
        ids = set(self.corpus.document_ids())
        known = set(self.summaries)
        added = sorted(ids - known)
        removed = sorted(known - ids - set(self.docs))
        for doc_id in added:
            summary = self._summary_of(self.corpus.state(doc_id))
            self.summaries[doc_id] = summary
            self.sig_summary_changed.emit(summary)
        for doc_id in removed:
            del self.summaries[doc_id]
        if removed:
            self.sig_documents_removed.emit(removed)
        return added, removed

    def document_ids(self) -> list[str]:
        return list(self.summaries)

    def source_rewritten(self, doc_ids: list[str]) -> list[str]:
        """These Documents' sources were written to since they were listed: read again (a page is parsed
        again, as new, unless it is open or has a curated file); the ids whose summary changed."""
        changed = []
        for doc_id in doc_ids:
            if doc_id not in self.summaries or doc_id in self.docs:
                continue
            self.parsed.pop(doc_id, None)
            summary = self._summary_of(self.corpus.state(doc_id))
            self.summaries[doc_id] = summary
            self.sig_summary_changed.emit(summary)
            changed.append(doc_id)
        return changed

    def set_summary(self, summary: DocSummary) -> None:
        """Record a summary computed elsewhere (the background parse), unless the Document is open or has
        left the folder since (the parse of a page removed meanwhile put its row back)."""
        if summary.doc_id in self.docs or summary.doc_id not in self.summaries:
            return
        self.summaries[summary.doc_id] = summary
        self.sig_summary_changed.emit(summary)

    def set_summaries_batch(self, summaries: list[DocSummary]) -> None:
        """``set_summary`` for many Documents, told to the views once."""
        fresh = [s for s in summaries if s.doc_id not in self.docs and s.doc_id in self.summaries]
        for s in fresh:
            self.summaries[s.doc_id] = s
        if fresh:
            self.sig_summaries_changed.emit(fresh)

    def _learn_speakers(self, cur: Curation) -> None:
        known = {s.id for s in self.registry}
        self.registry.extend(s for s in cur.speakers if s.id not in known)

    # -- opening -----------------------------------------------------------------
    def open(self, doc_id: str) -> OpenDocument | None:
        """Make ``doc_id`` current (loading it once); autosaves the Document being left."""
        if self.current is not None and self.current.doc_id == doc_id:
            return self.current
        if self._read_again(doc_id):
            self._loading.add(doc_id)
            self.loader.submit([doc_id])
        if doc_id in self._loading and doc_id not in self.docs:  # read on the loader thread: opened when read
            if self.opening != doc_id:
                self.stop_waiting()
                self.opening = doc_id
                self.loader.prefer(doc_id)
                self.sig_loading.emit(doc_id, True)
            self.sig_message.emit(f"Loading {self.corpus.curated_path(doc_id)}… (opening another document "
                                  "stops the wait)")
            return None
        self.stop_waiting()
        doc = self.docs.get(doc_id) or self._load(doc_id)
        if doc is None:
            return None
        if self.current is not None and self.autosave_enabled and self.current.modified:
            self.save_later(self.current, quiet=True)
        self.current = doc
        self.undo_group.setActiveStack(doc.stack)
        self.sig_current_changed.emit(doc)
        return doc

    def _read_again(self, doc_id: str) -> bool:
        """A big Document the loader thread read before the editor asked for it: what its open needs is made there
        from what was kept (``_read_apart``), not on this thread (round gui18). True: handed to the loader thread."""
        kept = self._scanned.get(doc_id)
        if not (self.load_apart and self.prepare_display is not None and doc_id not in self.docs
                and doc_id not in self._loading and doc_id not in self._arrivals and kept is not None
                and kept.source is not None and self._big_curated(doc_id)):
            return False
        self._to_arrive.add(doc_id)
        return True

    def _load(self, doc_id: str) -> OpenDocument | None:
        self._loading.discard(doc_id)  # read here (a restore, a reload): what the loader thread brings is not used
        arrival = self._arrivals.pop(doc_id, None)
        kept = self._scanned.pop(doc_id, None)
        if kept is not None:
            self._scanned_bytes -= kept.size
        scanned = kept.loaded if kept is not None else None
        scanned_clean = doc_id in self._scanned_clean
        self._scanned_clean.discard(doc_id)
        # The source and curated file the scan read, while their stats are still those it took before reading.
        source: SourceText | None = None
        if kept is not None and kept.source is not None and kept.source_key == _file_key(self.corpus.source_path(doc_id)):
            source = kept.source
        unchanged = kept is not None and kept.curated_key is not None and kept.curated_key == _file_key(
            self.corpus.curated_path(doc_id))
        if source is None:
            try:
                source = self.corpus.read_source(doc_id)
            except SourceError as exc:
                self.sig_problem.emit("Cannot open the document", str(exc))
                return None
        warnings = list(source.warnings)
        curation: Curation | None = None
        stamp: str | None = None
        disk_file: Path | None = None
        file_problem = ""
        try:
            loaded = scanned if unchanged else self.corpus.load(doc_id, known=scanned)
        except CurationFileError as exc:
            loaded = None
            file_problem = str(exc)
            warnings.append(f"{exc} — showing the parser's proposal instead; the file will not be overwritten.")
            self.sig_problem.emit("Curated file cannot be read", str(exc))
        if loaded is not None:
            # The scan checked these very Curation objects against the source's text at start: with the source
            # still those bytes (its SHA-256), it is checked already (~30 ms of opening a 10 MB page).
            checked = (scanned is not None and scanned_clean and loaded.curation is scanned.curation
                       and source.sha256 == loaded.curation.document.sha256
                       and len(source.text) == loaded.curation.document.length)
            problems = [] if checked else text_problems(loaded.curation, source.text, sha256=source.sha256)
            segment_problems = [p for p in problems if p.startswith("segment") or "code points" in p]
            if segment_problems:
                msg = (f"{loaded.path}: the source text changed since it was curated "
                       f"({segment_problems[0]}) — showing the parser's proposal; the file will not be overwritten.")
                warnings.append(msg)
                file_problem = msg
                self.sig_problem.emit("Source text changed", msg)
            else:
                curation, stamp = loaded.curation, loaded.stamp
                disk_file = loaded.path
                warnings.extend(f"{loaded.path}: {p}" for p in problems)
                # A hand-edited label or event type: kept as it is, named so the editor can fix it.
                warnings.extend(f"{loaded.path}: {p} (kept; pick one from the taxonomy)"
                                for p in taxonomy_problems(curation, default_taxonomy()))
                # A boundary between a letter and its accent, or inside an emoji: legal offsets
                # that `curator validate` reports; named here so the editor can nudge it.
                made = arrival is not None and arrival.curation is curation and arrival.text is source.text
                warnings.extend(f"{loaded.path}: {p} (move the boundary: Alt+←/→)"
                                for p in (arrival.grapheme if made and arrival is not None
                                          else open_grapheme_problems(curation, source.text)))
                if problems:
                    self.sig_problem.emit("Source text changed", "\n".join(warnings))
        from_parser = curation is None
        parse_apart = False
        if curation is None:
            ref = self.corpus.document_ref(doc_id, source)
            known = self.parsed.get(doc_id)
            if known is not None and known.document.sha256 == ref.sha256 and known.document.length == ref.length:
                curation = known  # the background parse's, with the corpus context
            elif len(source.text) > BIG_PAGE:
                # Shown at once, parsed apart: an empty proposal until the parse comes (edits wait for it).
                curation = Curation(document=ref, parser=ParserInfo(name="curator-rules", version="pending"))
                parse_apart = True
            else:
                from curator.core.parse import parse_document  # the parser's rules load on first use

                curation = parse_document(source.text, doc=ref, context=self.context)  # type: ignore[arg-type]
            if loaded is None and self.corpus.curated_path(doc_id).exists():
                stamp = "unreadable"  # the store will refuse to overwrite the file we could not use
        warnings.extend(self._names_too_long(doc_id))
        # A curated file's segments were compared with the text just above (or by the scan, on these objects).
        same_text = arrival is not None and arrival.text is source.text
        doc = OpenDocument(doc_id, source.text, curation, stamp=stamp, warnings=warnings, parent=self,
                           checked=loaded is not None and curation is loaded.curation,
                           offsets=arrival.offsets if arrival is not None and same_text else None)
        if arrival is not None and same_text and arrival.curation is curation and arrival.view is not None:
            doc.prepared = arrival.view  # the window builds its panes a step at a time (``arriving``)
            doc.arriving = True
        doc.file_problem = file_problem
        if from_parser and loaded is None and not self.corpus.curated_path(doc_id).exists():
            doc.unrecorded_base = curation
        doc.disk = curation
        doc.disk_file = disk_file
        if kept is not None and kept.tally is not None and curation is kept.loaded.curation:
            self._tallies[doc_id] = kept.tally
        self._vouch(doc)
        if parse_apart:
            doc.parsing = True
            job = PageParse(self.corpus.root, doc_id, self.context, parent=self)
            job.sig_done.connect(self._on_page_parsed)
            self.page_parses[doc_id] = job
        # Bound methods, not lambdas: Qt disconnects them when the workspace goes, and the
        # document relays its stack's cleanChanged only while the stack is alive.
        doc.sig_edited.connect(self._on_changed)
        doc.sig_clean_changed.connect(self._on_clean_changed)
        self.undo_group.addStack(doc.stack)
        self.docs[doc_id] = doc
        self._update_summary(doc)
        self._prepare_journal(doc)
        return doc

    def _names_too_long(self, doc_id: str) -> list[str]:
        """Why this Document's edits can never be saved or journaled here: its curated file's or its journal
        entry's name is over the file system's limit (a legal 252-255 byte page name; red team F10). Said when
        it opens, before any edit (they were refused only when the journal and the save failed)."""
        import os

        names = [(self.corpus.curated_path(doc_id), "its curated file"),
                 (self.journal.path_for(doc_id).with_name(self.journal.path_for(doc_id).name.replace(".journal.json", ".base.json")),
                  "its recovery journal entry")]
        too_long = []
        for path, what in names:
            folder = next((f for f in path.parents if f.is_dir()), Path("."))
            try:
                limit = os.pathconf(folder, "PC_NAME_MAX")
            except (OSError, ValueError, AttributeError):
                limit = 255
            size = len(os.fsencode(path.name))
            if size > limit:
                too_long.append(f"{what} ({size} bytes, over the {limit} a file name may have here)")
        if not too_long:
            return []
        return [f"{doc_id}: the name is too long for {' and '.join(too_long)}: edits to it can never be saved or "
                "journaled here: rename the page (a shorter name) and open it again; File ▸ Save a copy… keeps "
                "edits elsewhere meanwhile."]

    # -- editing -----------------------------------------------------------------
    def push(self, command: Command, *, doc: OpenDocument | None = None) -> bool:
        """Apply an edit to the current (or given) Document; a refusal is reported, not raised."""
        doc = doc or self.current
        if doc is None:
            return self.refuse(command.name, "no document is open")
        try:
            doc.push(command)
        except EditError as exc:
            return self.refuse(command.name, _why(command.name, exc))
        return True

    def remember(self, name: str, make: Callable[[OpenDocument, tuple[str, ...]], Command]) -> None:
        """The last label or speaker verb done, for Repeat (F4): ``make`` builds it again for other segments."""
        self.repeatable = (name, make)
        self.sig_repeatable.emit(name)

    def repeat(self, targets: tuple[str, ...]) -> bool:
        """The last remembered verb again, on ``targets`` of the current Document (one undo step)."""
        if self.repeatable is None:
            return self.refuse("Repeat", "nothing to repeat yet: a label key, F2 (a speaker) or Ctrl+D first")
        if self.current is None or not targets:
            return self.refuse("Repeat", "select the segments to give it to first")
        name, make = self.repeatable
        try:
            command = make(self.current, targets)
        except EditError as exc:
            return self.refuse(name, _why(name, exc))
        return self.push(command)

    def refuse(self, name: str, why: str) -> bool:
        """Say why the verb ``name`` did nothing, on ``sig_refused`` and in the status bar; returns False.

        A script (or a test) watching the Workspace learns every refusal with its reason; before, a push
        with no Document open returned False and said nothing."""
        self.sig_refused.emit(name, why)
        self.sig_message.emit(f"{name}: {why}")
        return False

    def propose(self, command: Command, *, doc: OpenDocument) -> bool:
        """Show a proposal on a Document without marking it modified while it has no edits (OpenDocument.propose)."""
        try:
            doc.propose(command)
        except EditError as exc:
            return self.refuse(command.name, _why(command.name, exc))
        return True

    def _on_changed(self, doc: OpenDocument, changes: Changes) -> None:
        self.sig_document_changed.emit(doc, changes)
        if changes.speakers:
            self._learn_speakers(doc.curation)
        self._update_summary(doc)
        if not doc.proposing:
            # Every change but a proposal on an unedited Document is an edit on the undo stack (whose
            # index moves after this signal): an undo back to the saved state is followed by cleanChanged,
            # whose discard supersedes this write.
            self._journal(doc)

    def _on_clean_changed(self, doc: OpenDocument, clean: bool) -> None:
        if clean:
            self.writer.discard(doc.doc_id, keep_base=doc.disk)
        summary = self.summaries.get(doc.doc_id)
        if summary is None:
            self._update_summary(doc, modified=not clean)
            return
        # Only the unsaved mark changed (the counts were updated with the edit itself).
        summary = dataclasses.replace(summary, modified=not clean)
        self.summaries[doc.doc_id] = summary
        self.sig_summary_changed.emit(summary)

    def _update_summary(self, doc: OpenDocument, *, modified: bool | None = None) -> None:
        modified = doc.modified if modified is None else modified
        tally = self._tallies.get(doc.doc_id)
        if tally is None:
            tally = self._tallies[doc.doc_id] = SegmentTally(doc.curation.segments)
        summary = DocSummary.of(doc.doc_id, doc.curation, modified=modified, tally=tally)
        if doc.parsing:  # a big page shown before its parse: "not parsed" until it comes
            summary = DocSummary(doc.doc_id, "new")
        if doc.file_problem:
            summary = dataclasses.replace(summary, status="error", problem=doc.file_problem)
        self.summaries[doc.doc_id] = summary
        self.sig_summary_changed.emit(summary)

    # -- saving ------------------------------------------------------------------
    def modified_documents(self) -> list[OpenDocument]:
        return [d for d in self.docs.values() if d.modified]

    def _can_save(self, doc: OpenDocument) -> bool:
        if self.read_only is not None:
            self.sig_problem.emit("Not saved", f"{self.read_only}.\n\n{READ_ONLY_ADVICE}")
            return False
        if doc.parsing:
            self.sig_message.emit(f"{doc.doc_id} is still being parsed: nothing to save yet")
            return False
        return True

    def save(self, doc: OpenDocument | None = None, *, quiet: bool = False) -> bool:
        """Save atomically through the store, on this thread; a file changed on disk is never overwritten.
        A save of the Document under way on the saver thread is waited for and taken in first."""
        doc = doc or self.current
        if doc is None:
            return False
        done = self.finish_saving(doc)
        if done is not None and done.error is None and doc.curation is done.curation and not doc.modified:
            return True  # the save under way wrote this very state
        if not self._can_save(doc):
            return False
        job = SaveJob(doc.doc_id, doc.curation, doc.stamp, quiet)
        try:
            job.stamp = self.corpus.save(job.curation, expected_stamp=job.expected_stamp)
        except (ConflictError, OSError) as exc:
            job.error = exc
        job.applied = True
        return self._take_in(doc, job)

    def save_later(self, doc: OpenDocument | None = None, *, quiet: bool = False, said: str = "Autosaved") -> bool:
        """Ctrl+S, autosave, a switch: hand the Document's state to the saver thread (its reference: Curations
        are values) and return; what the save comes to is taken in on the UI thread (``_on_save_done``). A
        save asked for while one of the Document is under way follows it, of the state then current, on the
        stamp the first one made: a later save is never overwritten by an earlier one. True: saving (or
        under way), False: refused now (said why). Without ``saves_off_ui_thread``, ``save``."""
        if not self.saves_off_ui_thread or self.saver.closed:  # closed: the window is going, nothing to wait on
            return self.save(doc, quiet=quiet)
        doc = doc or self.current
        if doc is None or not self._can_save(doc):
            return False
        under_way = self._saving.get(doc.doc_id)
        if under_way is not None:
            if under_way.job.curation is not doc.curation:  # else it writes this very state
                under_way.again = True
                under_way.again_quiet = under_way.again_quiet and quiet
            return True
        self._start_save(doc, quiet=quiet, said=said)
        return True

    def saving(self, doc: OpenDocument) -> bool:
        """A save of ``doc`` is under way on the saver thread."""
        entry = self._saving.get(doc.doc_id)
        return entry is not None and entry.doc is doc

    def _start_save(self, doc: OpenDocument, *, quiet: bool, said: str = "Autosaved") -> None:
        job = SaveJob(doc.doc_id, doc.curation, doc.stamp, quiet)
        self._saving[doc.doc_id] = _UnderWay(doc, job, said=said)
        self.saver.submit(job)
        if not quiet:
            self.sig_message.emit(f"Saving {self.corpus.curated_path(doc.doc_id)}…")

    def _on_save_done(self, job: SaveJob) -> None:
        entry = self._saving.get(job.doc_id)
        if job.applied or entry is None or entry.job is not job:  # a wait took it in first
            return
        self._finish(entry, follow=True)

    def _finish(self, entry: _UnderWay, *, follow: bool) -> None:
        """Take a save the saver thread made in (UI thread); ``follow``: start the save asked for meanwhile."""
        job, doc = entry.job, entry.doc
        job.applied = True
        del self._saving[job.doc_id]
        if self.docs.get(doc.doc_id) is not doc:  # closed or replaced meanwhile (a reload): its stamp moved on
            return
        ok = self._take_in(doc, job)
        if ok and job.quiet:
            self.sig_message.emit(f"{entry.said} {doc.doc_id}")
        if ok and follow and entry.again and doc.curation is not job.curation:
            self._start_save(doc, quiet=entry.again_quiet)
        self.sig_save_finished.emit(doc)

    def finish_saving(self, doc: OpenDocument) -> SaveJob | None:
        """Wait for the save of ``doc`` under way on the saver thread, if any, and take it in (before a verb
        that reads or writes its file on this thread); returns it."""
        entry = self._saving.get(doc.doc_id)
        if entry is None:
            return None
        entry.job.done.wait()
        self._finish(entry, follow=False)
        return entry.job

    def finish_saves(self) -> None:
        """Wait for every save under way and the ones asked for meanwhile (the window closes)."""
        while self._saving:
            entry = next(iter(self._saving.values()))
            entry.job.done.wait()
            self._finish(entry, follow=True)

    def _take_in(self, doc: OpenDocument, job: SaveJob) -> bool:
        """What a save of ``job.curation`` came to, on the UI thread: the Document stands on the file written
        (clean when nothing was edited since), or the conflict or failure is told, the Document kept dirty."""
        exc = job.error
        if isinstance(exc, ConflictError):
            self._conflict(doc, exc)
            return False
        if exc is not None:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
            problem = f"{self.corpus.curated_path(doc.doc_id)}: {why}"
            if job.quiet and doc.save_error == problem:  # autosave, a switch: told once, not every 30 s
                self.sig_message.emit(f"{doc.doc_id}: still not saved ({why})")
                return False
            doc.save_error = problem
            (self.sig_notice if job.quiet else self.sig_problem).emit("Not saved", (
                f"{problem}.\n\nYour edits are kept in the window and in the recovery journal (if it can "
                "be written); File ▸ Save a copy… writes them to another disk. Autosave goes on trying."))
            return False
        doc.stamp = job.stamp
        if doc.save_error:
            self.sig_notice.emit("Not saved", "")
        path = self.corpus.curated_path(doc.doc_id)
        if doc.curation is job.curation:
            self._saved(doc, quiet=job.quiet)
            if not job.quiet:
                self.sig_message.emit(f"Saved {path}")
        else:
            self._saved_earlier_state(doc, job.curation, quiet=job.quiet)
            self.sig_message.emit(f"Saved {path}; the edits made since are not saved yet")
        self.sig_saved.emit(doc)
        return True

    def _saved(self, doc: OpenDocument, *, quiet: bool = False) -> None:
        """``doc.curation`` is in its curated file now (``doc.stamp``): clean, the journal entry goes."""
        doc.save_error = ""
        doc.stack.setClean()
        doc.disk = doc.curation
        doc.disk_file = self.corpus.curated_path(doc.doc_id)
        self._vouch(doc)
        doc.conflict, doc.conflict_stamp, doc.conflict_count = "", None, 0
        doc.file_problem = ""
        _drop_stale_warning(doc)
        self.writer.discard(doc.doc_id)
        if doc.unrecorded_base is not None:
            self._record_base(doc, quiet=quiet)

    def _saved_earlier_state(self, doc: OpenDocument, saved: Curation, *, quiet: bool = False) -> None:
        """``saved`` is in the curated file (``doc.stamp``) and the Document was edited since (during the save):
        it stands on that file, stays unsaved (no clean state on its stack: an undo back to the state the
        stack last saw clean is not what the file holds), and its journal entry starts again from the file."""
        doc.save_error = ""
        doc.disk = saved
        doc.disk_file = self.corpus.curated_path(doc.doc_id)
        self._vouch(doc)
        doc.conflict, doc.conflict_stamp, doc.conflict_count = "", None, 0
        doc.file_problem = ""
        _drop_stale_warning(doc)
        doc.stack.resetClean()
        self.writer.discard(doc.doc_id)
        self._journal(doc)  # the edits made since, on the file just written
        if doc.unrecorded_base is not None:
            self._record_base(doc, quiet=quiet)
        self._update_summary(doc)

    def replace_unusable(self, doc: OpenDocument, unusable: FileUnusable) -> Path:
        """Write the editor's version over a curated file that cannot be used, keeping that file aside
        (``<id>.json.damaged-<time>``, bytes unchanged); returns where it went. Raises ValueError (nothing
        changes) when the file changed again since it was found unusable, OSError when it cannot be written."""
        self.finish_saving(doc)  # a save under way first: these verbs read and write the file on this thread
        try:
            doc.stamp, aside = self.corpus.replace_unusable(doc.curation, expected_stamp=unusable.stamp)
        except ConflictError as exc:
            raise ValueError(str(exc)) from None
        self._saved(doc)
        self._update_summary(doc)
        self.sig_message.emit(f"Saved {unusable.path}; the unusable file is kept as {aside.name}")
        self.sig_saved.emit(doc)
        return aside

    def _conflict(self, doc: OpenDocument, exc: ConflictError) -> None:
        """A save refused because the file changed on disk: told above the text (``sig_conflict``, never a
        dialog), once per change on disk; the same change again is a status-bar line."""
        on_disk = file_stamp(exc.path)
        if doc.conflict_stamp == (on_disk or FILE_DELETED) and doc.conflict:
            self.sig_message.emit(f"{doc.doc_id}: not saved, the file changed on disk (see the banner above the text)")
            return
        doc.conflict_count += 1
        doc.conflict_stamp = on_disk or FILE_DELETED
        when = time.strftime("%H:%M:%S")
        if on_disk is None:
            doc.conflict = (f"Not saved: {exc.path} was deleted on disk since it was opened ({when}). Nothing was "
                            "recreated and your edits are kept (journaled): Recreate it with my version saves yours "
                            "as the file again; Save a copy… writes yours to another file.")
        else:
            times = f", {doc.conflict_count} times since you last saved or loaded it" if doc.conflict_count > 1 else ""
            doc.conflict = (f"Not saved: {exc.path} changed on disk (last seen at {when}{times}). Nothing was "
                            "overwritten; your edits are kept (journaled). Merge theirs into yours and save (Alt+M), "
                            "keep yours (Alt+K: theirs backed up) or reload theirs (Alt+T: yours kept aside).")
        self.sig_conflict.emit(doc)

    def merge_and_save(self, doc: OpenDocument) -> MergeResult | None:
        """Merge the changes made on disk since ``doc.disk`` (the version last loaded or saved) into the editor's
        version, three ways, and save the result: one undo step ("Merge their changes from disk"), the editor's
        version kept where both changed something (``result.conflicts``). A file rewritten again between the merge
        and its save is merged again (``MERGE_TRIES`` times). None when the file is gone, cannot be read or is
        about another text (``reload_from_disk`` handles those); raises ValueError when nothing could be saved."""
        from curator.core.review.merge import MergeResult, merge_from_disk

        self.finish_saving(doc)
        if self.read_only is not None or doc.parsing:
            raise ValueError(f"{doc.doc_id}: {self.read_only or 'still being parsed'}; nothing merged or saved")
        for _ in range(MERGE_TRIES):
            try:
                loaded = self.corpus.load(doc.doc_id)
            except CurationFileError:
                return None
            if loaded is None or text_problems(loaded.curation, doc.text):
                return None
            if doc.modified:
                result = merge_from_disk(doc.disk, doc.curation, loaded.curation)
            else:
                result = MergeResult(curation=loaded.curation, applied=["the file as it is on disk (you had no unsaved edits)"])
            step = ReplaceCuration(result.curation, name="Merge their changes from disk")
            try:
                step.build(doc.curation, doc.text)
            except EditError as exc:
                raise ValueError(f"{loaded.path}: the merge was refused ({exc}); your edits are kept here") from None
            try:
                stamp = self.corpus.save(result.curation, expected_stamp=loaded.stamp)
            except ConflictError:
                continue  # written again meanwhile: merge with that
            except OSError as exc:
                raise ValueError(f"{loaded.path}: {exc.strerror or exc}; nothing merged, your edits are kept here") from None
            if result.curation != doc.curation:
                doc.push_file_step(step, after=(stamp, result.curation, loaded.path))
            doc.stamp = stamp
            self._on_disk_now(doc)
            self._saved(doc)
            self._update_summary(doc)
            self.sig_saved.emit(doc)
            return result
        raise ValueError(f"{self.corpus.curated_path(doc.doc_id)} was written again during each of {MERGE_TRIES} merges; "
                         "nothing saved, your edits are kept here: try again, or Keep mine")

    def keep_mine(self, doc: OpenDocument) -> Path | None:
        """Write the editor's version over the curated file whatever it holds now; the file as it was is kept
        in ``.curator/overwritten/`` (returned; None when there was none). Raises OSError."""
        self.finish_saving(doc)
        if self.read_only is not None:
            raise OSError(self.read_only)
        doc.stamp, backup = self.corpus.overwrite(doc.curation)
        self._saved(doc)
        self._update_summary(doc)
        self.sig_saved.emit(doc)
        return backup

    def reload_theirs(self, doc: OpenDocument) -> Path | None:
        """Show the curated file as it is on disk; the editor's unsaved version is written first to
        ``.curator/unsaved/<id>.<time>.json`` (returned; None when there were no unsaved edits) and stays one
        undo away ("Reload theirs"). Raises FileUnusable (nothing changes) when the file cannot be used,
        ValueError when it is gone or the version cannot be kept aside."""
        from curator.core.store import UNSAVED_DIR

        self.finish_saving(doc)
        path = self.corpus.curated_path(doc.doc_id)
        loaded = self._load_theirs(doc)
        if loaded is None:
            raise ValueError(f"{path} was deleted on disk: there is nothing of theirs to reload; your edits are kept here")
        problems = text_problems(loaded.curation, doc.text)
        if problems:
            raise FileUnusable(path, loaded.stamp, f"{path} does not fit the text shown ({problems[0]})")
        kept = None
        if doc.modified:
            kept = self.corpus.kept_aside_path(UNSAVED_DIR, doc.doc_id)
            try:
                atomic_write_text(kept, dump_curation(doc.curation))
            except OSError as exc:
                raise ValueError(f"your unsaved version could not be kept aside ({exc}); nothing was reloaded") from None
        if loaded.curation != doc.curation:
            try:
                doc.push_file_step(ReplaceCuration(loaded.curation, name="Reload theirs (your version kept aside)"),
                                   after=(loaded.stamp, loaded.curation, loaded.path))
            except EditError as exc:
                raise ValueError(f"{path}: {exc}; your edits are kept here") from None
        doc.stamp, doc.disk, doc.disk_file = loaded.stamp, loaded.curation, loaded.path
        self._vouch(doc)
        self._on_disk_now(doc)
        doc.save_error = ""
        doc.stack.setClean()  # what is shown is what is on disk; Undo goes back to the editor's version
        self._update_summary(doc)
        return kept

    def propose_context_parse(self, doc: OpenDocument, parsed: Curation, *, name: str = "Parse with the corpus context") -> bool:
        """Show the corpus-context parse of a Document opened on its page-alone parse.

        Only while the editor has not touched it and no curated file exists: it then
        becomes what was opened (no undo step, not modified) and the base the first save
        records. Once edited, the editor's work stays as it is (``curator reparse`` merges
        a new parse three ways later). Returns whether the parse was taken.
        """
        if (doc.unrecorded_base is None or doc.stack.count() or doc.curation == parsed
                or self.corpus.curated_path(doc.doc_id).exists()):
            return False
        try:
            doc.propose(ReplaceCuration(parsed, name=name))
        except EditError:
            return False
        was_parsing = doc.parsing  # a big page's parse apart: this one came first
        if was_parsing:
            self._stop_page_parse(doc)
        doc.unrecorded_base = doc.disk = parsed
        doc.disk_file = None
        self._update_summary(doc)
        self._prepare_journal(doc)
        if was_parsing:
            self.sig_page_parsed.emit(doc)
        return True

    def _on_page_parsed(self, doc_id: str, out: object) -> None:
        """A big page's parse came (``Curation``) or failed (``str``): it becomes what was opened."""
        self.page_parses.pop(doc_id, None)
        doc = self.docs.get(doc_id)
        if isinstance(out, Curation):
            self.parsed[doc_id] = out
        if doc is None or not doc.parsing:
            return  # closed, or restored from the journal meanwhile
        doc.parsing = False
        if isinstance(out, Curation):
            self.propose_context_parse(doc, out, name="Parse")
        else:
            problem = f"{doc_id}: the parser failed ({out}); no segments were proposed"
            doc.warnings.append(problem)
            self.summaries[doc_id] = summary = DocSummary(doc_id, "error", problem=problem)
            self.sig_summary_changed.emit(summary)
            self.sig_problem.emit("Parser failed", f"{doc_id}: {out}")
        self.sig_page_parsed.emit(doc)

    def _stop_page_parse(self, doc: OpenDocument) -> None:
        job = self.page_parses.pop(doc.doc_id, None)
        if job is not None:
            job.cancel()
        doc.parsing = False

    def reload_from_disk(self, doc: OpenDocument) -> Reloaded:
        """Load the file as it is on disk now, the editor's unsaved edits merged in three ways (one undo step).

        Where the file and the editor changed the same thing the editor's version is kept and the result
        lists the conflict. A file deleted on disk is taken as gone: the edits stay, unsaved, and the next
        save recreates it. A source text replaced under the Document (``curator import --update``, which
        re-anchored the file) opens the Document again on the new text with the edits re-anchored onto it
        (``merge_onto_new_text``); what cannot be placed is listed and kept in ``.curator/reanchor/``.
        Raises FileUnusable (nothing changes) when the file cannot be read or describes another text than
        the source, ValueError for anything else that stops the reload.
        """
        from curator.core.review.merge import MergeResult, merge_from_disk

        self.finish_saving(doc)
        path = self.corpus.curated_path(doc.doc_id)
        loaded = self._load_theirs(doc)
        if loaded is None:
            return self._file_gone(doc)
        disk = loaded.curation
        problems = text_problems(disk, doc.text)
        if problems:
            try:
                source = self.corpus.read_source(doc.doc_id)
            except SourceError as exc:
                raise ValueError(str(exc)) from None
            if source.text == doc.text:
                raise FileUnusable(loaded.path, loaded.stamp, (
                    f"{loaded.path} describes another source text than {self.corpus.source_path(doc.doc_id)} "
                    f"({problems[0]})"))
            if text_problems(disk, source.text):
                raise ValueError(f"{loaded.path} describes neither the text shown nor "
                                 f"{self.corpus.source_path(doc.doc_id)} as it is now ({problems[0]}); your edits "
                                 "are kept here: File ▸ Save a copy… writes them to another file")
            return self._reload_new_text(doc, loaded, source.text)
        if doc.modified:
            result = merge_from_disk(doc.disk, doc.curation, disk)
        else:
            result = MergeResult(curation=disk, applied=["the file as it is on disk (you had no unsaved edits)"])
        if result.curation != doc.curation:
            try:
                doc.push_file_step(ReplaceCuration(result.curation, name="Reload from disk"),
                                   after=(loaded.stamp, disk, loaded.path))
            except EditError as exc:
                raise ValueError(f"{loaded.path}: {exc}") from None
        doc.stamp, doc.disk, doc.disk_file = loaded.stamp, disk, loaded.path
        self._vouch(doc)
        self._on_disk_now(doc)
        if result.curation == disk:
            doc.stack.setClean()  # what is shown is what is on disk
        else:
            doc.stack.resetClean()  # merged edits are unsaved; no earlier state equals the file either
            self._journal(doc)  # again: they now sit on the file as it is (its stamp, its base)
        self._update_summary(doc)
        return Reloaded(doc, result)

    def _load_theirs(self, doc: OpenDocument) -> Loaded | None:
        """The Document's curated file as it is on disk (None when deleted); FileUnusable when it cannot be read."""
        try:
            return self.corpus.load(doc.doc_id)
        except CurationFileError as exc:
            path = self.corpus.curated_path(doc.doc_id)
            raise FileUnusable(path, file_stamp(path), str(exc)) from None

    def _on_disk_now(self, doc: OpenDocument) -> None:
        doc.conflict, doc.conflict_stamp, doc.conflict_count = "", None, 0
        doc.file_problem = ""  # the file is readable and describes this text now (or is gone)
        _drop_stale_warning(doc)  # the edits are merged onto the file as it is now
        doc.unrecorded_base = None

    def _file_gone(self, doc: OpenDocument) -> Reloaded:
        """The curated file was deleted on disk: the edits stay (unsaved), and the next save recreates the
        file (the store still refuses it if another program writes one meanwhile)."""
        from curator.core.review.merge import MergeResult

        gone = doc.stamp is not None
        doc.stamp, doc.disk_file = None, None
        self._on_disk_now(doc)
        if gone and doc.modified:
            self._journal(doc)  # the entry now says what the edits stand on: no file
        self._update_summary(doc)
        return Reloaded(doc, MergeResult(curation=doc.curation), gone=gone)

    def _reload_new_text(self, doc: OpenDocument, loaded: Loaded, new_text: str) -> Reloaded:
        """The Document opened again on its new source text, the unsaved edits re-anchored and merged onto
        the file (one undo step over it); the old version is kept in ``.curator/reanchor/`` first."""
        from curator.core.review.merge import MergeResult, merge_onto_new_text
        from curator.core.review.reanchor import Unplaced

        unplaced: list[Unplaced] = []
        kept: list[Path] = []
        if doc.modified:
            try:
                result, moved = merge_onto_new_text(doc.disk, doc.curation, loaded.curation, old_text=doc.text,
                                                    new_text=new_text)
            except ValueError as exc:
                raise ValueError(f"{loaded.path}: {exc}; your edits are kept here") from None
            unplaced = moved.unplaced
            try:  # before anything changes: the old version and what of it did not fit are on disk
                kept = self._keep_old_version(doc, unplaced, loaded.curation.document.sha256)
            except (OSError, JsonFileError) as exc:
                raise ValueError(f"your unsaved version could not be kept aside ({exc}); nothing was reloaded") from None
        else:
            result = MergeResult(curation=loaded.curation,
                                 applied=["the file as it is on disk (you had no unsaved edits)"])
        new = self._reopen(doc)
        if new is None:
            raise ValueError(f"{doc.doc_id}: its source could not be read again; nothing was reloaded")
        if result.curation != new.curation:
            try:
                new.push(ReplaceCuration(result.curation, name="Reload from disk (your edits re-anchored onto the new text)"),
                         bump_status=False)
            except EditError as exc:  # the merge is checked as any edit; the file itself is shown then
                result.conflicts = []
                unplaced = [*unplaced, Unplaced("curation", {"kept_in": str(kept[0]) if kept else ""},
                                                f"the merged version was refused ({exc})")]
        if not new.modified:
            # The file holds it all: the old text's journal entry goes (its edits, if any, are kept aside).
            self.writer.discard(new.doc_id)
        if self.current is doc:
            self.current = new
            self.undo_group.setActiveStack(new.stack)
            self.sig_current_changed.emit(new)
        self._dispose(doc, new)
        return Reloaded(new, result, unplaced=unplaced, kept=kept, new_text=True)

    def _keep_old_version(self, doc: OpenDocument, unplaced: list[Unplaced], new_sha256: str) -> list[Path]:
        """Write the unsaved version (on the old text) to ``.curator/reanchor/<id>.unsaved-<time>.json`` and what
        of it could not be placed on the new text to the re-anchor sidecar (``.curator/reanchor/<id>.json``,
        as ``import --update`` and ``reparse`` do); returns the files written."""
        from curator.core.review.base import REANCHOR_DIR, append_sidecar

        folder = self.corpus.state_dir / REANCHOR_DIR
        stamp = time.strftime("%Y%m%d-%H%M%S")
        copy = folder / f"{doc.doc_id}.unsaved-{stamp}.json"
        n = 1
        while copy.exists():
            copy = folder / f"{doc.doc_id}.unsaved-{stamp}.{n}.json"
            n += 1
        atomic_write_text(copy, dump_curation(doc.curation))
        kept = [copy]
        if unplaced:
            kept.append(append_sidecar(self.corpus, REANCHOR_DIR, doc.doc_id, [u.to_json() for u in unplaced],
                                       source_sha256=new_sha256, unsaved_version=str(copy)))
        return kept

    def _reopen(self, doc: OpenDocument) -> OpenDocument | None:
        """A new OpenDocument for ``doc``'s id, read from disk again (its text, its file); ``doc`` stays until
        ``_dispose``."""
        self._tallies.pop(doc.doc_id, None)
        new = self._load(doc.doc_id)
        if new is None:
            self.docs[doc.doc_id] = doc
            return None
        return new

    def _dispose(self, old: OpenDocument, new: OpenDocument) -> None:
        """``old`` was replaced by ``new`` (its text changed): it says nothing more (its stack's "clean" on
        its way out would delete the journal entry the new one writes) and goes."""
        old.sig_edited.disconnect(self._on_changed)
        old.sig_clean_changed.disconnect(self._on_clean_changed)
        self.undo_group.removeStack(old.stack)
        self.sig_document_replaced.emit(old, new)
        old.deleteLater()

    def save_copy(self, doc: OpenDocument, path: Path) -> None:
        """Write the Document's current Curation to ``path`` (not its curated file); raises OSError."""
        if path.resolve() == self.corpus.curated_path(doc.doc_id).resolve():
            raise OSError(f"{path}: that is the document's own curated file; choose another name")
        why = refusal(path, corpus=self.corpus.root)  # another Document's curated file, Curator's state, a page
        if why is not None:
            raise OSError(f"{why} (nothing was written)")
        atomic_write_text(path, dump_curation(doc.curation))
        self.sig_message.emit(f"Saved a copy of {doc.doc_id} to {path}")

    def _record_base(self, doc: OpenDocument, *, quiet: bool = False) -> None:
        """After the first save of a parser proposal: keep that proposal as the re-parse base."""
        from curator.core.review.base import base_path, record_base

        try:
            record_base(self.corpus, doc.unrecorded_base)  # type: ignore[arg-type]
        except OSError as exc:
            # The curation is saved; only a later three-way re-parse is affected, so say so and go on.
            (self.sig_notice if quiet else self.sig_problem).emit("Base parse not recorded",
                                  f"{base_path(self.corpus, doc.doc_id)}: {exc}\n\nThe document itself was saved. "
                                  "`curator reparse` will list its differences as conflicts.")
            return
        doc.unrecorded_base = None

    def save_all(self) -> bool:
        """Save every Document with unsaved edits: on the saver thread with ``saves_off_ui_thread`` (round gui18; each
        after a save of it under way, each told as it comes back), else here. True: every one written or handed over."""
        # A list, not a generator: one refused save must not stop the others.
        if self.saves_off_ui_thread and not self.saver.closed:
            return all([self.save_later(d, quiet=True, said="Saved") for d in self.modified_documents()])  # noqa: C419
        return all([self.save(d, quiet=True) for d in self.modified_documents()])  # noqa: C419

    def save_all_and_wait(self) -> bool:
        """The quit dialog's Save: ``save_all``, then wait for every save under way and the ones they brought (the
        window is closing); True when no Document is left with unsaved edits (a failed one is told, naming its file)."""
        self.save_all()
        self.finish_saves()
        return not self.modified_documents()

    def autosave(self) -> None:
        if not self.autosave_enabled or self.read_only is not None:  # said once, not every tick
            return
        if self.saves_off_ui_thread:  # each says how it went when it comes back
            for d in self.modified_documents():
                self.save_later(d, quiet=True)
            return
        saved = [d.doc_id for d in self.modified_documents() if self.save(d, quiet=True)]
        if saved:
            self.sig_message.emit(f"Autosaved {', '.join(saved)}")

    def set_autosave(self, enabled: bool) -> None:
        self.autosave_enabled = enabled

    # -- crash journal -------------------------------------------------------------
    def _journal(self, doc: OpenDocument) -> None:
        """Hand this state of the Document, and the file stamp and base it began from, to the writer thread."""
        if self.read_only is None:  # else nowhere to journal to: the start said so
            self.writer.submit(doc.curation, base_stamp=doc.stamp, base=doc.disk, base_file=doc.disk_file)

    def _vouch(self, doc: OpenDocument) -> None:
        """Tell the journal the curated file just read or written holds ``doc.stamp`` (no hash at the first edit)."""
        if self.read_only is None and doc.disk_file is not None and doc.stamp is not None:
            self.writer.journal.vouch(doc.disk_file, doc.stamp)

    def _prepare_journal(self, doc: OpenDocument) -> None:
        """Write the base of a Document no curated file holds (the parser's proposal) ahead, on the journal's
        thread, so that its first edit is one short record like every other (the file, when there is one,
        is named instead)."""
        if self.read_only is None and doc.disk_file is None and not doc.parsing:
            self.writer.prepare(doc.disk)

    def _on_journal_error(self, message: str) -> None:
        """A journal write failed (a full disk, a folder turned read-only): a crash now would lose every
        edit since, so the first failure is a problem the editor must read; later ones go to the status bar."""
        if self._journal_told:
            self.sig_message.emit(message)
            return
        self._journal_told = True
        self.sig_notice.emit("Recovery journal not written", (
            f"{message}.\n\nYour edits are still here, but a crash now would lose the ones made since. "
            "Save (Ctrl+S), or if saving fails too, File ▸ Save a copy… to another disk; "
            "you are told again if the journal works and then fails once more."))

    def _on_journal_recovered(self) -> None:
        self._journal_told = False
        self.sig_notice.emit("Recovery journal not written", "")
        self.sig_message.emit("The recovery journal is written again")

    def flush_journal(self) -> bool:
        """Wait until every edit handed to the journal is on disk (False: not within the writer's timeout)."""
        return self.writer.flush()

    def recoverable(self) -> list[JournalEntry]:
        """Entries of window runs that ended with unsaved edits (this run's and live windows' excluded).

        An entry holding exactly what the curated file holds now is deleted, not offered: a run killed
        between a save and its writer deleting the entry (a few ms) left it, with the old stamp.
        """
        found = []
        for entry in self.journal.entries():
            if entry.problem:
                found.append(entry)
            elif entry.doc_id in self.summaries:
                if self._already_saved(entry):
                    self.journal.resolve(entry)
                else:
                    found.append(entry)
        return found

    def _already_saved(self, entry: JournalEntry) -> bool:
        try:
            loaded = self.corpus.load(entry.doc_id)
        except (CurationFileError, OSError):
            return False
        return loaded is not None and loaded.curation == entry.curation

    def restore(self, entry: JournalEntry) -> bool:
        """Reopen journaled edits as one undoable step (the Document stays unsaved)."""
        if entry.curation is None:
            self.sig_problem.emit("Cannot restore", entry.problem or "unreadable journal entry")
            return False
        doc = self.docs.get(entry.doc_id) or self._load(entry.doc_id)
        if doc is None:
            return False
        restore = ReplaceCuration(entry.curation)
        try:  # before anything changes: edits made on another text (the page re-imported since) do not fit
            restore.build(doc.curation, doc.text)
        except EditError as exc:
            self.sig_problem.emit("Cannot restore", (
                f"{entry.doc_id}: the unsaved edits of {entry.written_at or 'a crashed window'} do not fit its text "
                f"as it is now ({exc}); the source changed since.\n\nThey are kept in {entry.path} and offered "
                "again at the next start; Discard deletes them."))
            return False
        merged = None
        if entry.base_stamp != doc.stamp:
            # The curated file changed after these edits began (another window or tool saved meanwhile):
            # the file's changes since are merged in now, as Reload and merge would (conflicts listed).
            merged = self._merge_restored(doc, entry)
            if merged is not None:
                restore = ReplaceCuration(merged.curation, name="Restore unsaved edits (merged with the file)")
            else:
                # Nothing to merge with (no base kept, the file unreadable or gone): keep the old stamp so that
                # a save is refused rather than silently overwriting the newer file.
                doc.stamp = entry.base_stamp
                doc.disk_file = None  # the file holds no longer what the edits began from
                doc.warnings.append(STALE_EDITS_WARNING)
                if entry.base is not None:  # what they began from: a reload merges the file's changes since
                    doc.disk = entry.base
        if doc.parsing:  # the journaled edits are the whole Document: its parse is not needed
            self._stop_page_parse(doc)
            doc.unrecorded_base = None
        ok = self.push(restore, doc=doc)
        if ok and merged is not None and merged.conflicts:
            doc.merge_note = (f"Restored the unsaved edits of {entry.doc_id} over the file as it is now (another window "
                              f"or tool saved it after they were made): {len(merged.applied)} change(s) from the file "
                              f"kept; {len(merged.conflicts)} conflict(s) where both changed something — the restored "
                              "version is kept there:\n" + "\n".join(f"• {c}" for c in merged.conflicts))
            self.sig_problem.emit("Restored with conflicts", doc.merge_note)
        if ok and self.flush_journal() and not self.writer.failing:
            # this run's entry holds the edits now, so the crashed run's may go; else it stays, offered again
            self.journal.resolve(entry)
        return ok

    def _merge_restored(self, doc: OpenDocument, entry: JournalEntry) -> MergeResult | None:
        """The journaled edits with what the curated file took on since they began (``entry.base``) merged in,
        or None when there is nothing to merge with (no base kept, no readable file that fits the text)."""
        from curator.core.review.merge import merge_from_disk

        if entry.base is None or entry.curation is None or doc.disk_file is None or doc.modified:
            return None
        try:
            merged = merge_from_disk(entry.base, entry.curation, doc.disk)
            ReplaceCuration(merged.curation).build(doc.curation, doc.text)
        except (ValueError, EditError):
            return None
        return merged

    def discard_journal(self, entry: JournalEntry) -> None:
        """The editor chose to throw these journaled edits away."""
        self.journal.resolve(entry)

    def discard_unsaved(self, doc: OpenDocument) -> None:
        """The editor quits without saving this Document: its journal entry goes too."""
        self.writer.discard(doc.doc_id)

    def shutdown(self) -> None:
        """The window closes: finish journal writes, end this run, free the corpus for the next window."""
        for job in list(self.page_parses.values()):
            job.cancel()
        self.page_parses.clear()
        self._autosave.stop()
        self.loader.close()
        self.finish_saves()
        self.saver.close()
        self.writer.close()
        self.journal.close()
        self.window_lock.release()
