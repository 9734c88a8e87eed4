"""Importing crawler output (WARC, HTML, JSONL) into a corpus; see docs/ingest.md.

``Importer(corpus).add(item)`` per page from ``iter_items(paths, fields)``, then ``finish()``.
"""

from curator.core.ingest.readers import FieldNames, InputError, Page, Skip
from curator.core.ingest.run import (
    CHANGED,
    DUPLICATE,
    IMPORTED,
    UNCHANGED,
    UPDATED,
    ImportOptions,
    Importer,
    ImportResult,
    import_sources,
    iter_items,
)

__all__ = [
    "CHANGED",
    "DUPLICATE",
    "IMPORTED",
    "UNCHANGED",
    "UPDATED",
    "FieldNames",
    "ImportOptions",
    "ImportResult",
    "Importer",
    "InputError",
    "Page",
    "Skip",
    "import_sources",
    "iter_items",
]
