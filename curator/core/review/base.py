"""Side files a re-parse needs and leaves: the base parse, unplaced spans, listed conflicts.

Layout::

    <corpus>/.curator/base/<id>.json       the parse an editor's Curation started from
    <corpus>/.curator/reanchor/<id>.json   spans that could not be placed after the source changed
    <corpus>/.curator/conflicts/<id>.json  merge conflicts waiting for an editor

Whoever first writes a Document's parse into ``curated/`` (the window, or
``curator reparse`` for documents still ``auto``) calls :func:`record_base`, so
that a later re-parse can tell the parser's changes from the editor's.
Sidecar lists only ever grow here; an editor (or the GUI) clears them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curator.core.jsonio import (
    CurationFileError,
    atomic_write_text,
    dump_curation,
    parse_curation,
)
from curator.core.model import Curation
from curator.core.store import Corpus

BASE_DIR = "base"
REANCHOR_DIR = "reanchor"
CONFLICTS_DIR = "conflicts"


def base_path(corpus: Corpus, doc_id: str) -> Path:
    return corpus.state_dir / BASE_DIR / f"{doc_id}.json"


def load_base(corpus: Corpus, doc_id: str) -> Curation | None:
    """The recorded base parse, or None; an unreadable file raises CurationFileError naming it."""
    path = base_path(corpus, doc_id)
    if not path.is_file():
        return None
    return parse_curation(path.read_bytes(), path)


def record_base(corpus: Corpus, parse: Curation, *, replace: bool = False) -> bool:
    """Store ``parse`` as the Document's base unless one exists (or ``replace``); True if written."""
    path = base_path(corpus, parse.document.id)
    if path.exists() and not replace:
        return False
    atomic_write_text(path, dump_curation(parse))
    return True


def sidecar_path(corpus: Corpus, kind: str, doc_id: str) -> Path:
    return corpus.state_dir / kind / f"{doc_id}.json"


def append_sidecar(corpus: Corpus, kind: str, doc_id: str, entries: list[dict[str, Any]], **header: Any) -> Path:
    """Add entries to a sidecar list, keeping every earlier entry (duplicates skipped)."""
    path = sidecar_path(corpus, kind, doc_id)
    data: dict[str, Any] = {"document": doc_id, "entries": []}
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CurationFileError(path, f"sidecar cannot be read ({exc}); not overwritten") from None
    existing = data.setdefault("entries", [])
    seen = {json.dumps(e, sort_keys=True) for e in existing}
    for entry in entries:
        record = {**header, **entry}
        marker = json.dumps(record, sort_keys=True)
        if marker not in seen:
            existing.append(record)
            seen.add(marker)
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return path
