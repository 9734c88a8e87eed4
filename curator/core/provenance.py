"""Where each imported Document came from, kept beside the corpus until (and after) it is curated.

Layout::

    <corpus>/.curator/sources/<document id>.json

One small JSON file per Document written by ``curator import``: the page's key (its URL
without scheme, see :mod:`curator.core.ingest.ids`), the sha256 of the text as imported, when
it was imported, and the contract's :class:`~curator.core.model.SourceInfo`. The store copies
``source`` into every :class:`~curator.core.model.DocumentRef` it makes, so a Curation carries
it from its first parse on, and exports carry it into their records. A Document that was never
imported (a plain ``.txt`` put in the corpus) has no file here and ``source`` stays null.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from curator.core.jsonio import JsonFileError, loads_json, read_json_bytes
from curator.core.model import SourceInfo

SOURCES_DIR = "sources"


class ProvenanceError(JsonFileError):
    """A provenance file cannot be used; the message names it."""


@dataclass(frozen=True)
class Provenance:
    key: str
    text_sha256: str
    imported_at: str
    source: SourceInfo

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "text_sha256": self.text_sha256, "imported_at": self.imported_at,
                "source": self.source.model_dump(mode="json", exclude_none=True)}


def provenance_path(state_dir: Path, doc_id: str) -> Path:
    return state_dir / SOURCES_DIR / f"{doc_id}.json"


def parse_provenance(raw: bytes, path: Path) -> Provenance:
    data = loads_json(raw, path, error=ProvenanceError)
    try:
        return Provenance(key=str(data["key"]), text_sha256=str(data["text_sha256"]),
                          imported_at=str(data.get("imported_at", "")),
                          source=SourceInfo.model_validate(data.get("source") or {}))
    except (KeyError, TypeError, AttributeError, ValidationError) as exc:
        raise ProvenanceError(path, f"is not a provenance record ({type(exc).__name__}: {exc})") from None


def read_provenance(state_dir: Path, doc_id: str) -> Provenance | None:
    """The Document's provenance, None when it was not imported; raises ProvenanceError when unreadable."""
    path = provenance_path(state_dir, doc_id)
    try:
        raw = read_json_bytes(path, max_bytes=1 << 20, error=ProvenanceError)
    except FileNotFoundError:
        return None
    return parse_provenance(raw, path)


def provenance_json(record: Provenance) -> str:
    return json.dumps(record.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
