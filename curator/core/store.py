"""The corpus store: source texts in a folder, one curated JSON file per Document.

Layout::

    <corpus>/**/<name>.txt             source Documents (id = path without .txt)
    <corpus>/curated/<id>.json         Curations (the contract)
    <corpus>/.curator/                 Curator's own state (indexes, journal, pending review)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from curator.core.jsonio import (
    CurationFileError,
    atomic_write_text,
    dump_curation,
    file_stamp,
    parse_curation,
)
from curator.core.model import Curation, DocumentRef, SourceInfo, text_problems
from curator.core.provenance import ProvenanceError, read_provenance
from curator.core.textio import SourceError, SourceText, read_source

CURATED_DIR = "curated"
STATE_DIR = ".curator"


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


class Corpus:
    """A folder of source texts and their curated files."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise FileNotFoundError(f"{self.root}: corpus folder does not exist")

    # -- paths -----------------------------------------------------------------
    @property
    def curated_dir(self) -> Path:
        return self.root / CURATED_DIR

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def source_path(self, doc_id: str) -> Path:
        return self.root / f"{doc_id}.txt"

    def curated_path(self, doc_id: str) -> Path:
        return self.curated_dir / f"{doc_id}.json"

    def document_ids(self) -> list[str]:
        """Every ``.txt`` below the root, outside ``curated/`` and hidden folders, sorted."""
        return sorted(self._iter_ids())

    def _iter_ids(self) -> Iterator[str]:
        # os.walk rather than Path.rglob: rglob keeps every path it yielded (memory grows with the corpus).
        for folder, dirs, files in os.walk(self.root):
            rel_folder = os.path.relpath(folder, self.root)
            if rel_folder == ".":
                dirs[:] = [d for d in dirs if d != CURATED_DIR and not d.startswith(".")]
                rel_folder = ""
            else:
                dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.endswith(".txt") and not name.startswith(".") and os.path.isfile(os.path.join(folder, name)):
                    rel = PurePosixPath(*Path(rel_folder).parts, name[: -len(".txt")])
                    yield rel.as_posix()

    # -- sources ---------------------------------------------------------------
    def read_source(self, doc_id: str) -> SourceText:
        return read_source(self.source_path(doc_id))

    def source_info(self, doc_id: str) -> SourceInfo | None:
        """Where an imported Document came from (``.curator/sources/``); None if it was not imported.

        An unreadable provenance file is logged and treated as absent: it never stops a parse.
        """
        try:
            record = read_provenance(self.state_dir, doc_id)
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
    def load(self, doc_id: str) -> Loaded | None:
        """The Document's Curation, or None when it has none yet; raises CurationFileError."""
        path = self.curated_path(doc_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CurationFileError(path, f"cannot be read ({exc.strerror or exc})") from None
        curation = parse_curation(raw, path)
        if curation.document.id != doc_id:
            raise CurationFileError(path, f"belongs to document {curation.document.id!r}, not {doc_id!r}")
        return Loaded(curation, hashlib.sha256(raw).hexdigest(), path)

    def save(self, curation: Curation, *, expected_stamp: str | None) -> str:
        """Atomically write a Curation; refuse when the file on disk is not the one loaded.

        ``expected_stamp`` is the stamp of the file when it was loaded (None: there
        was no file). Returns the new stamp.
        """
        path = self.curated_path(curation.document.id)
        current = file_stamp(path)
        if current != expected_stamp:
            if expected_stamp is None:
                reason = "exists already and was not loaded first; not overwritten"
            elif current is None:
                reason = "was deleted on disk since it was loaded; not recreated silently"
            else:
                reason = "changed on disk since it was loaded; not overwritten (reload it or save elsewhere)"
            raise ConflictError(path, reason)
        return atomic_write_text(path, dump_curation(curation))

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
        st.curation = loaded.curation
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
