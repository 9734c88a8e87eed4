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
    load_curation_file,
    load_json_file,
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
    try:
        return load_curation_file(path)[0]
    except FileNotFoundError:
        return None


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
    try:
        data = load_json_file(path, error=CurationFileError)
    except FileNotFoundError:
        pass
    except CurationFileError as exc:
        raise CurationFileError(path, f"sidecar cannot be used ({exc.reason}); not overwritten") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise CurationFileError(path, "sidecar is not an object with an 'entries' list; not overwritten")
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
