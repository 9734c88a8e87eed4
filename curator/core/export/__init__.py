"""Exporting curated data: JSONL, Parquet, CSV and spaCy DocBin, with a data card.

``export_corpus(root, out, options=ExportOptions(...))`` streams one Document at a
time, so memory stays flat however large the corpus is (see docs/export.md).
"""

from curator.core.export.card import card_path
from curator.core.export.documents import Skipped
from curator.core.export.options import (
    FORMATS,
    INCLUDES,
    LEVELS,
    SUFFIXES,
    ExportError,
    ExportOptions,
    parse_labels,
)
from curator.core.export.records import build_records
from curator.core.export.run import ExportCancelled, ExportResult, export_corpus

__all__ = [
    "FORMATS",
    "INCLUDES",
    "LEVELS",
    "SUFFIXES",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Skipped",
    "build_records",
    "card_path",
    "export_corpus",
    "parse_labels",
]
