"""Crash-recovery journal: the unsaved state of each edited Document, kept on disk.

While a Document has unsaved edits the GUI writes its current Curation here
(atomically, after each change); a save or a discard removes the entry. At the
next start, entries still present are edits a crash (or a kill) would have lost,
and are offered back. A journal file that cannot be read is reported, never
deleted.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from curator.core.jsonio import CurationFileError, atomic_write_text, parse_curation
from curator.core.model import Curation

JOURNAL_VERSION = 1
_SUFFIX = ".journal.json"


@dataclass
class JournalEntry:
    """Unsaved edits of one Document, or the problem that stops them being read."""

    doc_id: str
    path: Path
    curation: Curation | None
    base_stamp: str | None
    written_at: str
    problem: str | None = None


class Journal:
    """A folder of journal entries, one file per Document."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path_for(self, doc_id: str) -> Path:
        return self.folder / (quote(doc_id, safe="") + _SUFFIX)

    def record(self, curation: Curation, *, base_stamp: str | None) -> Path:
        """Write (atomically) the unsaved Curation and the stamp of the file it started from."""
        entry = {
            "journal_version": JOURNAL_VERSION,
            "document": curation.document.id,
            "base_stamp": base_stamp,
            "written_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "curation": curation.model_dump(mode="json"),
        }
        path = self.path_for(curation.document.id)
        atomic_write_text(path, json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        return path

    def discard(self, doc_id: str) -> None:
        """Forget a Document's entry (after a save, or when the editor declines recovery)."""
        self.path_for(doc_id).unlink(missing_ok=True)

    def entries(self) -> list[JournalEntry]:
        """Every entry, sorted by document; unreadable ones carry a ``problem``."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob("*" + _SUFFIX)):
            doc_id = unquote(path.name[: -len(_SUFFIX)])
            found.append(self._read(path, doc_id))
        return found

    def _read(self, path: Path, doc_id: str) -> JournalEntry:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("journal_version") != JOURNAL_VERSION:
                raise ValueError(f"not a version {JOURNAL_VERSION} journal entry")
            curation = parse_curation(json.dumps(data["curation"]), path)
            if curation.document.id != doc_id:
                raise ValueError(f"holds document {curation.document.id!r}, not {doc_id!r}")
            return JournalEntry(doc_id, path, curation, data.get("base_stamp"), str(data.get("written_at", "")))
        except (OSError, ValueError, KeyError, CurationFileError) as exc:
            return JournalEntry(doc_id, path, None, None, "", problem=f"{path}: {exc}")
