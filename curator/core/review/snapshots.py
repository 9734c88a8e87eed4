"""Parser-output snapshots, as ``cargo insta`` keeps them: accepted, and pending beside them.

Layout::

    <corpus>/.curator/review/accepted/<id>.json   parser output someone accepted
    <corpus>/.curator/review/pending/<id>.json    newer output that differs from the accepted one

Files are Curations (the same format ``curator parse --out`` writes), so either
folder can serve as ``--baseline``. A pending file exists only while the latest
output differs from the accepted one (ignoring the ``parser`` stamp); accepting
moves it over the accepted one, rejecting deletes it. Beside each pending file,
``<id>.parser`` holds the fingerprint of the parser code that wrote it
(``fingerprint.parser_fingerprint``): a pending output from other code (an edited
rule under the same version string) is stale and never accepted. Nothing here ever
writes under ``<corpus>/curated/``: the gold is the editors'.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from curator.core.jsonio import (
    CurationFileError,
    atomic_write_text,
    dump_curation,
    load_curation_file,
)
from curator.core.model import Curation
from curator.core.review.fingerprint import parser_fingerprint
from curator.core.store import Corpus, check_doc_id, shown_path
from curator.core.textio import SourceError

REVIEW_DIR = "review"
NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class StaleSnapshot:
    id: str
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: stale ({self.reason})"


class SnapshotError(Exception):
    """A snapshot operation was refused; the message says which file and why."""


def _comparable(cur: Curation) -> str:
    data = cur.model_dump(mode="json")
    data.pop("parser", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def same_output(a: Curation, b: Curation) -> bool:
    """Equal parser outputs, whatever parser version stamped them."""
    return _comparable(a) == _comparable(b)


def read_snapshot_dir(folder: Path) -> dict[str, Path]:
    """Doc id -> file for every ``*.json`` below ``folder`` (ids may contain ``/``)."""
    if not folder.is_dir():
        return {}
    out = {}
    for path in sorted(folder.rglob("*.json")):
        if any(p.startswith(".") for p in path.relative_to(folder).parts):
            continue
        out[PurePosixPath(path.relative_to(folder).with_suffix("")).as_posix()] = path
    return out


def load_snapshot(path: Path) -> Curation:
    """A snapshot file's Curation; raises CurationFileError naming it (FileNotFoundError when absent)."""
    return load_curation_file(path)[0]


class Snapshots:
    """The accepted and pending parser outputs of one corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.root = corpus.state_dir / REVIEW_DIR

    @property
    def accepted_dir(self) -> Path:
        return self.root / "accepted"

    @property
    def pending_dir(self) -> Path:
        return self.root / "pending"

    def accepted_path(self, doc_id: str) -> Path:
        return self.accepted_dir / f"{check_doc_id(doc_id)}.json"

    def pending_path(self, doc_id: str) -> Path:
        return self.pending_dir / f"{check_doc_id(doc_id)}.json"

    def _code_path(self, doc_id: str) -> Path:
        """Where the fingerprint of the code that wrote the pending output is kept."""
        return self.pending_dir / f"{check_doc_id(doc_id)}.parser"

    def _drop_pending(self, doc_id: str) -> None:
        self.pending_path(doc_id).unlink(missing_ok=True)
        self._code_path(doc_id).unlink(missing_ok=True)

    def accepted(self, doc_id: str) -> Curation | None:
        path = self.accepted_path(doc_id)
        return load_snapshot(path) if path.is_file() else None

    def pending_ids(self) -> list[str]:
        return sorted(read_snapshot_dir(self.pending_dir))

    def accepted_ids(self) -> list[str]:
        return sorted(read_snapshot_dir(self.accepted_dir))

    def record(self, cur: Curation) -> str:
        """Store a fresh parser output: ``new``/``changed`` leave a pending file, ``unchanged`` clears it."""
        doc_id = cur.document.id
        pending = self.pending_path(doc_id)
        try:
            accepted = self.accepted(doc_id)
        except CurationFileError:
            accepted = None  # an unreadable accepted file is replaced only by an explicit accept
        if accepted is not None and same_output(accepted, cur):
            self._drop_pending(doc_id)
            return UNCHANGED
        # the old record goes first: a pending file without its record (a crash between) is stale, never accepted
        self._code_path(doc_id).unlink(missing_ok=True)
        atomic_write_text(pending, dump_curation(cur))
        atomic_write_text(self._code_path(doc_id), parser_fingerprint() + "\n")
        return NEW if accepted is None else CHANGED

    def staleness(self, doc_id: str, *, parser_version: str) -> str | None:
        """Why a pending file no longer describes what the parser would output now (None: it does)."""
        path = self.pending_path(doc_id)
        try:
            cur = load_snapshot(path)
        except CurationFileError as exc:
            return exc.reason
        if not self.corpus.source_path(doc_id).is_file():
            return "its document is gone"
        try:
            source = self.corpus.read_source(doc_id)
        except SourceError as exc:
            return f"its document cannot be read: {exc.reason}"
        if source.sha256 != cur.document.sha256:
            return "the source text changed since it was parsed"
        if cur.parser.version != parser_version:
            return f"written by parser {cur.parser.version}, the parser is now {parser_version}"
        try:
            code = self._code_path(doc_id).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return "no record of the parser code that wrote it"
        except OSError as exc:
            return f"its record of the parser code cannot be read: {exc.strerror or exc}"
        if code != parser_fingerprint():
            return (f"written by other parser code under the same version {parser_version} (code {code}, "
                    f"this checkout's {parser_fingerprint()}: a rule or source changed since)")
        return None

    def stale(self, *, parser_version: str) -> list[StaleSnapshot]:
        out = []
        for doc_id in self.pending_ids():
            reason = self.staleness(doc_id, parser_version=parser_version)
            if reason is not None:
                out.append(StaleSnapshot(doc_id, self.pending_path(doc_id), reason))
        return out

    def accept(self, doc_id: str, *, parser_version: str) -> Path:
        """Promote one pending output to accepted; refuses stale or missing ones."""
        pending = self.pending_path(doc_id)
        if not pending.is_file():
            raise SnapshotError(f"{shown_path(str(pending))}: no pending output for {doc_id!r} (run `curator review` first)")
        reason = self.staleness(doc_id, parser_version=parser_version)
        if reason is not None:
            raise SnapshotError(f"{shown_path(str(pending))}: not accepted, it is stale ({reason}); run `curator review` again or reject it")
        target = self.accepted_path(doc_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(pending, target)
        self._code_path(doc_id).unlink(missing_ok=True)
        return target

    def reject(self, doc_id: str) -> Path:
        """Drop one pending output; the accepted one stays."""
        pending = self.pending_path(doc_id)
        if not pending.is_file():
            raise SnapshotError(f"{shown_path(str(pending))}: no pending output for {doc_id!r}")
        pending.unlink()
        self._code_path(doc_id).unlink(missing_ok=True)
        return pending
