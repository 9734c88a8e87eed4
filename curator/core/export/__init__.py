"""Exporting curated data: JSONL, Parquet, CSV, spaCy DocBin, UIMA XMI, Label Studio, brat; with a data card.

``export_corpus(root, out, options=ExportOptions(...))`` streams one Document at a
time, so memory stays flat however large the corpus is (see docs/export.md).
"""

from curator.core.export.card import card_path
from curator.core.export.documents import Skipped
from curator.core.export.options import (
    DOCUMENT_FORMATS,
    FORMATS,
    INCLUDES,
    LEVELS,
    SUFFIXES,
    ExportError,
    ExportWriteError,
    ExportOptions,
    NotWritable,
    parse_labels,
)
from curator.core.export.records import build_records
from curator.core.export.run import ExportCancelled, ExportResult, export_corpus

__all__ = [
    "DOCUMENT_FORMATS",
    "FORMATS",
    "INCLUDES",
    "LEVELS",
    "SUFFIXES",
    "ExportCancelled",
    "ExportError",
    "ExportWriteError",
    "NotWritable",
    "ExportOptions",
    "ExportResult",
    "Skipped",
    "build_records",
    "card_path",
    "export_corpus",
    "parse_labels",
]
