"""Side files a re-parse needs and leaves: the base parse, unplaced spans, listed conflicts.

Layout::

    <corpus>/.curator/base/<id>.json       the parse an editor's Curation started from
    <corpus>/.curator/reanchor/<id>.json   spans that could not be placed after the source changed
    <corpus>/.curator/conflicts/<id>.json  merge conflicts waiting for an editor

A lazy base: a curated file that is still the parser's untouched output (``curator parse --out
CORPUS/curated``, ``curator reparse`` of an ``auto`` file: ``core.untouched``) is its own base and has no
base file; the store writes its parse to ``.curator/base/`` before it first replaces it. Whoever writes an
editor's first version of a Document that had no curated file (the window, an import) calls
:func:`record_base` with the parse it started from, so that a later re-parse can tell the parser's changes
from the editor's. Sidecar lists only ever grow here; an editor (or the GUI) clears them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curator.core.jsonio import (
    MAX_JSON_BYTES,
    CurationFileError,
    atomic_write_text,
    dump_curation,
    load_curation_file,
    load_json_file,
    parse_curation,
)
from curator.core.model import Curation
from curator.core.store import Corpus
from curator.core.untouched import parse_in_file

REANCHOR_DIR = "reanchor"
CONFLICTS_DIR = "conflicts"


def base_path(corpus: Corpus, doc_id: str) -> Path:
    return corpus.base_path(doc_id)


def load_base(corpus: Corpus, doc_id: str) -> Curation | None:
    """The parse the Document's Curation started from, or None: its curated file while that is the parser's
    untouched output, else the recorded base file. An unreadable base file raises CurationFileError naming it."""
    curated = corpus.curated_path(doc_id)
    parse = parse_in_file(curated, max_bytes=MAX_JSON_BYTES)
    if parse is not None:
        try:
            return parse_curation(parse, curated)
        except CurationFileError:
            pass  # not a parse this Curator reads after all: no base of its own (never moved aside as one)
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
