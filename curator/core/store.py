"""The corpus store: source texts in a folder, one curated JSON file per Document.

Layout::

    <corpus>/**/<name>.txt             source Documents (id = path without .txt)
    <corpus>/curated/<id>.json         Curations (the contract)
    <corpus>/.curator/                 Curator's own state (indexes, journal, pending review)
    <corpus>/.curator/base/<id>.json   the parse an edited Curation started from (``review.base``)

Saves are conflict-checked: the stamp comparison and the replace happen under one OS lock
(``.curator/locks/save.lock``) shared by every Curator process, so of two racing saves of one
loaded version exactly one wins and the other gets :class:`ConflictError`.

A curated file that is still the parser's untouched output is its own re-parse base (``core.untouched``): every
replace of a curated file here first writes such a file's parse to ``.curator/base/`` (under the same lock), so
the base of an edited Document is never lost.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from curator.core.jsonio import (
    CurationFileError,
    atomic_write_bytes,
    bytes_stamp,
    dump_curation_bytes,
    file_stamp,  # noqa: F401 - the store's stamp (a curated file's SHA-256), imported from here too
    move_aside,
    parse_curation,
    read_json_bytes,
    temp_prefix,
    temp_target,
)
from curator.core.filenames import fit_name
from curator.core.locks import exclusive
from curator.core.model import Curation, DocumentRef, SourceInfo, text_problems
from curator.core.provenance import SOURCES_DIR, ProvenanceError, read_provenance
from curator.core.textio import Digest, SourceError, SourceText, read_source
from curator.core.untouched import mark, parse_of

CURATED_DIR = "curated"
STATE_DIR = ".curator"
BASE_DIR = "base"  # .curator/base/<id>.json: the parse an edited Curation started from
LOCKS_DIR = "locks"
OVERWRITTEN_DIR = "overwritten"  # curated files the editor chose to write over ("keep mine"), kept
UNSAVED_DIR = "unsaved"  # an editor's unsaved version put aside when they took the file on disk instead
# Temp files under .curator/ older than this are left from a crash (writers there hold no lock).
STALE_TEMP_SECONDS = 3600


class InvalidDocumentId(ValueError):
    """A document id that cannot name a file inside the corpus (absolute, '..', hidden part, ...)."""


def check_doc_id(doc_id: str) -> str:
    """``doc_id`` unchanged when it names a Document inside a corpus; raises InvalidDocumentId otherwise."""
    why = None
    if not isinstance(doc_id, str) or not doc_id:
        why = "is empty"
    elif "\x00" in doc_id or "\\" in doc_id:
        why = "contains a NUL or a backslash"
    elif doc_id.startswith("/"):
        why = "is an absolute path"
    elif len(doc_id) > 4096:
        why = "is longer than 4,096 characters"
    else:
        for part in doc_id.split("/"):
            if part in ("", ".", ".."):
                why = "has an empty, '.' or '..' path part"
                break
            if part.startswith("."):
                why = f"has a hidden part {part!r} (hidden files are never Documents)"
                break
    if why is not None:
        raise InvalidDocumentId(f"document id {str(doc_id)[:200]!r} {why}; ids are paths inside the corpus without .txt")
    return doc_id


def state_folder_of(path: Path) -> Path | None:
    """The ``curated/`` or ``.curator/`` folder of a corpus that ``path`` lies in (or is), else None.

    Commands refuse to write outputs there: curated files change only through :meth:`Corpus.save`,
    and ``.curator/`` is Curator's own state.
    """
    p = Path(os.path.abspath(path))
    try:
        p = p.resolve()
    except OSError:
        pass
    for folder in (p, *p.parents):
        if folder.name == STATE_DIR or (folder.name == CURATED_DIR and _looks_like_corpus(folder.parent)):
            return folder
    return None


def _looks_like_corpus(folder: Path) -> bool:
    """A folder with Curator state or source Documents beside its ``curated/``."""
    if (folder / STATE_DIR).is_dir():
        return True
    try:
        with os.scandir(folder) as it:
            return any(e.name.endswith(".txt") for e in it)
    except OSError:
        return False


class ConflictError(Exception):
    """Saving would overwrite a file that changed on disk since it was loaded."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class Loaded:
    """A Curation read from disk, with the stamp that guards its next save."""

    curation: Curation
    stamp: str
    path: Path


@dataclass
class DocumentState:
    """What the store knows of one Document without parsing it."""

    id: str
    source: Path
    curated: Path
    status: str  # auto | in_progress | curated | none (no curated file) | error
    problems: list[str] = field(default_factory=list)
    curation: Curation | None = None
    stamp: str | None = None  # of the curated file ``curation`` was read from (see ``Corpus.load(known=)``)


class Corpus:
    """A folder of source texts and their curated files."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        if not self.root.is_dir():  # FileNotFoundError either way: every command reports it as exit 2
            what = "is a file, not a corpus folder" if self.root.exists() else "corpus folder does not exist"
            raise FileNotFoundError(f"{self.root}: {what}")
        # What the last listing could not take as a Document (unreadable folders, dangling links, ...).
        self.listing_problems: list[str] = []
        self._listed = False
        # Warnings of the sources read so far (not UTF-8, replaced bytes, ...), by Document.
        self.source_warnings: dict[str, tuple[str, ...]] = {}

    # -- paths -----------------------------------------------------------------
    @property
    def curated_dir(self) -> Path:
        return self.root / CURATED_DIR

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def unwritable(self) -> str | None:
        """Why nothing can be saved in this corpus (a read-only folder or file system), else None.

        Commands that write (import, reparse) ask first, so a read-only corpus gets one message
        instead of one OS error per Document. ``os.access`` sees a read-only mount even as root.
        """
        for folder in (self.root, self.state_dir, self.curated_dir):
            if folder.is_dir() and not os.access(folder, os.W_OK):
                return f"{folder}: cannot be written to (a read-only file system or no write permission)"
        return None

    def source_path(self, doc_id: str) -> Path:
        return self.root / f"{check_doc_id(doc_id)}.txt"

    def as_given(self, message: str) -> str:
        """``message`` with a leading path under the resolved root written under the root as given.

        Workers of another engine (Dask) read from ``root.resolve()``: their messages name files by
        that absolute path, while the main process names them as the user typed the corpus. One run
        names every file one way.
        """
        given = str(self.root)
        resolved = str(self.root.resolve())
        if given == resolved:
            return message
        prefix = resolved.rstrip(os.sep) + os.sep
        return given.rstrip(os.sep) + os.sep + message[len(prefix):] if message.startswith(prefix) else message

    def base_path(self, doc_id: str) -> Path:
        """Where the parse an edited Curation started from is kept (``review.base``)."""
        return self.state_dir / BASE_DIR / f"{doc_id}.json"

    def curated_path(self, doc_id: str) -> Path:
        return self.curated_dir / f"{check_doc_id(doc_id)}.json"

    def document_ids(self) -> list[str]:
        """Every ``.txt`` below the root, outside ``curated/`` and hidden folders, sorted.

        What looks like a Document but cannot be one is named in :attr:`listing_problems`.
        """
        self.listing_problems = []
        ids = sorted(self._iter_ids(self.listing_problems))
        self._listed = True
        return ids

    def has_documents(self) -> bool:
        """Is there at least one Document? (Stops at the first: no listing of a whole corpus.)"""
        return next(self._iter_ids([]), None) is not None

    def _iter_ids(self, problems: list[str]) -> Iterator[str]:
        def unreadable(exc: OSError) -> None:
            problems.append(f"{shown_path(str(exc.filename))}: folder cannot be read ({exc.strerror or exc}); its documents are left out")

        # os.walk rather than Path.rglob: rglob keeps every path it yielded (memory grows with the corpus).
        for folder, dirs, files in os.walk(self.root, onerror=unreadable):
            rel_folder = os.path.relpath(folder, self.root)
            if rel_folder == ".":
                dirs[:] = [d for d in dirs if d != CURATED_DIR and not d.startswith(".")]
                rel_folder = ""
            else:
                dirs[:] = [d for d in dirs if not d.startswith(".")]
            for d in dirs:
                if os.path.islink(os.path.join(folder, d)):
                    problems.append(f"{shown_path(os.path.join(folder, d))}: a symlinked folder, not followed; its documents are left out")
                elif d.endswith(".txt"):
                    problems.append(f"{shown_path(os.path.join(folder, d))}: a folder named like a document; "
                                    "its own documents are listed, the folder is not one")
            for name in files:
                if not name.endswith(".txt") or name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                if not os.path.isfile(full):
                    problems.append(f"{shown_path(full)}: {_not_a_document(full)}; left out")
                    continue
                doc_id = PurePosixPath(*Path(rel_folder).parts, name[: -len(".txt")]).as_posix()
                why = _unusable_name(doc_id)
                if why is not None:
                    problems.append(f"{shown_path(full)}: {why}")
                    continue
                yield doc_id

    def scan_problems(self) -> list[str]:
        """Everything a command should name besides the Documents: listing problems and orphaned curated files."""
        if not self._listed:
            self.document_ids()
        problems = list(self.listing_problems)
        problems += [f"{p}: its source document is gone (no {self._source_of_orphan(p)}); left out"
                     for p in self.orphan_curations()]
        return problems

    def _source_of_orphan(self, curated: Path) -> str:
        rel = PurePosixPath(curated.relative_to(self.curated_dir).with_suffix("")).as_posix()
        return f"{rel}.txt"

    # -- sources ---------------------------------------------------------------
    def read_source(self, doc_id: str) -> SourceText:
        source = read_source(self.source_path(doc_id))
        if source.warnings:
            self.source_warnings[doc_id] = source.warnings
        return source

    def notices(self) -> list[str]:
        """What every command should tell: listing problems, orphaned curated files, warnings of sources read."""
        return self.scan_problems() + [w for d in sorted(self.source_warnings) for w in self.source_warnings[d]]

    def source_info(self, doc_id: str) -> SourceInfo | None:
        """Where an imported Document came from (``.curator/sources/``); None if it was not imported.

        An unreadable provenance file is logged and treated as absent: it never stops a parse.
        """
        check_doc_id(doc_id)
        # A corpus nothing was imported into has no provenance folder: one stat of it says so for every
        # Document, where the failed open of each ``.curator/sources/<id>.json`` through pathlib made
        # ``document_ref`` ~49 us a page (10k site pages: 0.49 of ~17 CPU-s of ``curator parse``;
        # measured). Anything else there (a file, no permission) goes the usual way and is reported.
        try:
            os.stat(os.path.join(self.root, STATE_DIR, SOURCES_DIR))
        except FileNotFoundError:
            return None
        try:
            record = read_provenance(self.state_dir, check_doc_id(doc_id))
        except ProvenanceError as exc:
            import logging

            logging.getLogger(__name__).warning("%s", exc)
            return None
        return record.source if record is not None else None

    def document_ref(self, doc_id: str, source: SourceText) -> DocumentRef:
        """The reference every new Curation of this Document gets, its provenance included."""
        return DocumentRef(
            id=doc_id,
            path=f"{doc_id}.txt",
            sha256=source.sha256,
            length=len(source.text),
            encoding=source.encoding,
            source=self.source_info(doc_id),
        )

    # -- curations -------------------------------------------------------------
    def load(self, doc_id: str, *, known: Loaded | None = None) -> Loaded | None:
        """The Document's Curation, or None when it has none yet; raises CurationFileError.

        ``known`` is an earlier load of this Document: while the file's bytes are still the ones it
        was read from (same SHA-256), its Curation is returned without parsing and validating the
        file again (the window's start-up scan, then the open: a 25 MB file was parsed twice).
        """
        path = self.curated_path(doc_id)
        try:
            raw = read_json_bytes(path, error=CurationFileError)
            digest = Digest(raw)  # hashed on a thread while the JSON is parsed and validated here
            if known is not None:
                stamp = digest.hexdigest()
                if stamp == known.stamp and known.path == path:
                    return Loaded(known.curation, stamp, path)
            curation = parse_curation(raw, path)
        except FileNotFoundError:
            return None
        if curation.document.id != doc_id:
            raise CurationFileError(path, f"belongs to document {curation.document.id!r}, not {doc_id!r}")
        return Loaded(curation, digest.hexdigest(), path)

    def save(self, curation: Curation, *, expected_stamp: str | None, pause: Callable[[], None] | None = None,
             untouched: bool = False) -> str:
        """Atomically write a Curation; refuse when the file on disk is not the one loaded.

        ``expected_stamp`` is the stamp of the file when it was loaded (None: there
        was no file). Returns the new stamp. ``pause``: called between pieces of the rendering
        (``dump_curation_bytes``; a thread that must not hold the GIL long).
        A file replaced that was the parser's untouched output has its parse kept as the base first
        (:meth:`_keep_base`; OSError, nothing saved, when that cannot be written). ``untouched``: ``curation`` is a
        parser's output as it made it (``reparse`` of an ``auto`` file): written with its digest, it is its own
        base (an older base file goes).
        """
        path = self.curated_path(curation.document.id)
        data = dump_curation_bytes(curation, pause=pause)  # outside the lock: the critical section stays a few ms
        marked = mark(data) if untouched else None
        if marked is not None:
            data = marked
        # The new file's stamp is hashed meanwhile on a thread of its own (hashlib lets go of the GIL): the
        # caller's thread reads and hashes the file on disk at the same time (~25 ms of a window's save of a
        # 19 MB file, on its UI thread).
        stamp = Digest(data)
        with exclusive(self.save_lock_path()):
            old = _read(path)
            if bytes_stamp(old) != expected_stamp:
                if expected_stamp is None:
                    reason = "exists already and was not loaded first; not overwritten"
                elif old is None:
                    reason = "was deleted on disk since it was loaded; not recreated silently"
                else:
                    reason = "changed on disk since it was loaded; not overwritten (reload it or save elsewhere)"
                raise ConflictError(path, reason)
            if marked is None:
                self._keep_base(curation.document.id, old)
            atomic_write_bytes(_through_link(path), data, stamp=False)
            if marked is not None:
                self._drop_base(curation.document.id)
        return stamp.hexdigest()

    def _keep_base(self, doc_id: str, old: bytes | None) -> None:
        """Before a curated file is replaced (under the save lock): when ``old``, its bytes, are the parser's
        untouched output, write that parse to ``.curator/base/`` (durable, before the replace: a kill between
        the two leaves the untouched file and its copy, the same parse). It replaces an older base file: the
        untouched file was the Document's base until now. OSError naming the base file when it cannot be
        written (the caller then does not replace the file: the editor's work stays where it is, unsaved)."""
        parse = None if old is None else parse_of(old)
        if parse is None:
            return
        base = self.base_path(doc_id)
        try:
            atomic_write_bytes(base, parse, stamp=False)
        except OSError as exc:
            raise OSError(exc.errno, f"the parse it holds could not be kept as its re-parse base first "
                          f"({base}: {exc.strerror or exc}); not saved", str(self.curated_path(doc_id))) from None

    def _drop_base(self, doc_id: str) -> None:
        """An older base file of a Document whose curated file is an untouched parse now (its own base)."""
        try:
            self.base_path(doc_id).unlink(missing_ok=True)
        except OSError:
            pass  # left: an untouched curated file is the base whatever this file holds (``review.base.load_base``)

    def replace_unusable(self, curation: Curation, *, expected_stamp: str) -> tuple[str, Path]:
        """Write a Curation over a curated file that cannot be used (not JSON, cut short, another text),
        keeping that file aside as ``<name>.damaged-<time>`` (``move_aside``: bytes unchanged); returns
        (the new stamp, where the old file went). Under the save lock, and only while the file is still
        the one the editor was asked about (``expected_stamp``): else ConflictError, nothing moved."""
        path = self.curated_path(curation.document.id)
        data = dump_curation_bytes(curation)
        with exclusive(self.save_lock_path()):
            old = _read(path)
            if bytes_stamp(old) != expected_stamp:
                raise ConflictError(path, "changed on disk again since it was found unusable; not replaced")
            self._keep_base(curation.document.id, old)
            target = _through_link(path)
            aside = move_aside(target)
            if aside is None:
                raise OSError(errno.EACCES, "could not be kept aside, so it was not replaced", str(path))
            try:
                return atomic_write_bytes(target, data), aside
            except BaseException:
                os.replace(aside, target)  # not written: the file goes back as it was
                raise

    def overwrite(self, curation: Curation) -> tuple[str, Path | None]:
        """Write a Curation over whatever its curated file holds now (the editor chose "keep mine"), that file's
        bytes first copied to ``.curator/overwritten/<id>.<time>.json`` (atomic): nothing another program
        wrote is lost, whenever it wrote it. Returns (the new stamp, the backup or None when there was no
        file). Under the save lock, so no save of another window slips between the copy and the replace."""
        path = self.curated_path(curation.document.id)
        data = dump_curation_bytes(curation)
        with exclusive(self.save_lock_path()):
            old = _read(path)
            backup = None
            if old is not None:
                backup = self.kept_aside_path(OVERWRITTEN_DIR, curation.document.id)
                atomic_write_bytes(backup, old)
                self._keep_base(curation.document.id, old)
            return atomic_write_bytes(_through_link(path), data), backup

    def kept_aside_path(self, kind: str, doc_id: str) -> Path:
        """A free path for a copy of ``doc_id``'s Curation kept in ``.curator/<kind>/``: ``<id>.<time>.json``, or
        ``<id>.<time>.<n>.json`` for the first n that names no file yet. The id's last part is cut, with a hash of it,
        when the name would be over the file system's limit (``filenames.fit_name``: a 240-250 byte id)."""
        *folders, last = doc_id.split("/")
        where = self.state_dir.joinpath(kind, *folders)
        stamp = time.strftime('%Y%m%d-%H%M%S')
        target, n = where / fit_name(last, f".{stamp}.json"), 1
        while target.exists():
            target = where / fit_name(last, f".{stamp}.{n}.json")
            n += 1
        return target

    def save_lock_path(self) -> Path:
        """The lock every Curator process takes around check-and-replace of a curated file."""
        folder = self.state_dir / LOCKS_DIR
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.curated_dir.mkdir(parents=True, exist_ok=True)
            return self.curated_dir / ".curator-save.lock"  # no writable .curator/: lock beside the files
        return folder / "save.lock"

    def clean_stale_temps(self) -> list[Path]:
        """Remove temp files a killed save left behind; returns what was removed.

        In ``curated/`` every temp file is written under the save lock, so with the lock held any
        temp file there belongs to a process that died. Under ``.curator/`` writers take no lock:
        only temp files older than an hour are removed.
        A curated file that is a symlink is saved in its target's folder (``_through_link``): there, only temp
        files of the linked file's own name go, an hour old (another corpus may share that folder and be saving).
        """
        removed: list[Path] = []
        if self.curated_dir.is_dir():
            with exclusive(self.save_lock_path()):
                links: list[Path] = []
                removed += _remove_temps(self.curated_dir, older_than=None, links=links)
                removed += _remove_linked_temps(self.curated_dir, links)
        if self.state_dir.is_dir():
            removed += _remove_temps(self.state_dir, older_than=STALE_TEMP_SECONDS)
        return removed

    def states(self) -> list[DocumentState]:
        """Every Document with its status and problems; one broken file never stops the rest."""
        states = []
        for doc_id in self.document_ids():
            states.append(self.state(doc_id))
        return states

    def state(self, doc_id: str, *, check_source: bool = True) -> DocumentState:
        st = DocumentState(doc_id, self.source_path(doc_id), self.curated_path(doc_id), "none")
        try:
            loaded = self.load(doc_id)
        except CurationFileError as exc:
            st.status = "error"
            st.problems.append(str(exc))
            return st
        if loaded is None:
            return st
        st.curation, st.stamp = loaded.curation, loaded.stamp
        st.status = loaded.curation.status
        if check_source:
            try:
                source = self.read_source(doc_id)
            except SourceError as exc:
                st.problems.append(str(exc))
            else:
                st.problems.extend(f"{st.curated}: {p}" for p in text_problems(loaded.curation, source.text))
        return st

    def orphan_curations(self) -> list[Path]:
        """Curated files whose source Document is missing."""
        if not self.curated_dir.is_dir():
            return []
        ids = set(self.document_ids())
        orphans = []
        for path in sorted(self.curated_dir.rglob("*.json")):
            doc_id = PurePosixPath(path.relative_to(self.curated_dir).with_suffix("")).as_posix()
            if doc_id not in ids:
                orphans.append(path)
        return orphans


def _read(path: Path) -> bytes | None:
    """A curated file's bytes (through a link), None when there is none."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _through_link(path: Path) -> Path:
    """Where a write of ``path`` must land: a curated file that is a symlink (curations kept in a shared or
    versioned folder) is written at its target, replaced atomically in the target's own folder, and the link
    stays (``os.replace`` over the link made it a regular file and the target stopped being updated; red team F6)."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def shown_path(path: str) -> str:
    """``path`` fit to print and to write as JSON: bytes that are not UTF-8 (lone surrogates from
    the file system) as ``\\xe9``, control characters (a newline, an escape) as ``\\n``, ``\\x1b``."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _unusable_name(doc_id: str) -> str | None:
    """Why a listed ``.txt`` cannot be a Document by its name (the rest of the corpus goes on), or None."""
    try:
        doc_id.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8; left out (rename it)"
    if "\\" in doc_id:
        return "not a usable document name (it contains a backslash); left out (rename it)"
    if not doc_id.isprintable() and any(unicodedata.category(c) == "Cc" for c in doc_id):
        # a newline or an escape sequence in a name splits or colours every line that prints it
        return "not a usable document name (a control character in the file name); left out (rename it)"
    try:
        check_doc_id(doc_id)
    except InvalidDocumentId as exc:
        return f"not a usable document name ({exc}); left out"
    return None


def _not_a_document(path: str) -> str:
    """Why a ``.txt`` name in the corpus is not a readable Document."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop, not a document"
        if os.path.islink(path):
            return f"a dangling symlink (to {os.readlink(path)!r}), not a document"
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISFIFO(st.st_mode):
        return "a FIFO (named pipe), not a regular file; never opened"
    if stat.S_ISDIR(st.st_mode):
        return "a folder named like a document"
    if stat.S_ISSOCK(st.st_mode):
        return "a socket, not a regular file; never opened"
    return "a device or special file, not a regular file; never opened"


def _remove_linked_temps(curated_dir: Path, links: list[Path]) -> list[Path]:
    """Temp files of a killed save beside the targets of the curated files that are symlinks, when a target is
    outside ``curated_dir`` (cleaned already): only ``.<target name>.<8 characters>.tmp`` of a linked target's
    own name (``temp_prefix``), at least STALE_TEMP_SECONDS old; the target's folder is not walked further.
    ``links``: the curated files that are symlinks (``_remove_temps`` found them in its walk of ``curated_dir``)."""
    folders: dict[Path, set[str]] = {}
    inside = os.path.realpath(curated_dir)
    for path in links:
        target = Path(os.path.realpath(path))
        if os.path.commonpath([inside, str(target)]) == inside:
            continue
        folders.setdefault(target.parent, set()).add(temp_prefix(target.name))
    removed: list[Path] = []
    now = time.time()
    for folder, prefixes in folders.items():
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if temp_target(name) is None or not any(
                    name.startswith(p) and _TEMP_TAIL.fullmatch(name[len(p):]) for p in prefixes):
                continue
            path = folder / name
            if _unlink_stale(path, now, STALE_TEMP_SECONDS, regular_only=True):
                removed.append(path)
    return removed


# What follows ``temp_prefix(name)`` in a temp file's name: 8 random characters and ``.tmp``.
_TEMP_TAIL = re.compile(r"[A-Za-z0-9_]{8}\.tmp")


def _remove_temps(folder: Path, *, older_than: float | None, links: list[Path] | None = None) -> list[Path]:
    """Temp files under ``folder`` removed (see ``_unlink_stale``); with ``links``, the other files that are
    symlinks are added to it (one walk of ``curated/`` for both sweeps)."""
    removed = []
    now = time.time()
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if temp_target(name) is None:
                if links is not None and os.path.islink(path):
                    links.append(path)
                continue
            if _unlink_stale(path, now, older_than):
                removed.append(path)
    return removed


def _unlink_stale(path: Path, now: float, older_than: float | None, *, regular_only: bool = False) -> bool:
    """Remove the temp file ``path`` when it is at least ``older_than`` seconds old (any age for None) and,
    with ``regular_only``, a regular file (never a link or a folder someone else put there); False when it
    stays or cannot be removed."""
    try:
        st = path.lstat()
        if regular_only and not stat.S_ISREG(st.st_mode):
            return False
        if older_than is not None and now - st.st_mtime < older_than:
            return False
        path.unlink()
    except OSError:
        return False
    return True
