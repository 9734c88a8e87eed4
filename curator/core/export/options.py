"""What an export is asked to do: format, level, which documents and segments."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal

Format = Literal["jsonl", "parquet", "csv", "spacy", "xmi", "labelstudio", "brat"]
Level = Literal["article", "segment"]
Include = Literal["curated", "all"]

FORMATS: tuple[str, ...] = ("jsonl", "parquet", "csv", "spacy", "xmi", "labelstudio", "brat")
# Formats of annotation tools: whole Documents with their spans, whatever the level.
DOCUMENT_FORMATS: tuple[str, ...] = ("xmi", "labelstudio", "brat")
LEVELS: tuple[str, ...] = ("article", "segment")
INCLUDES: tuple[str, ...] = ("curated", "all")

# File name suffix suggested for each format (the CLI and the dialog propose it).
# XMI and brat write a folder (no suffix).
SUFFIXES: dict[str, str] = {"jsonl": ".jsonl", "parquet": ".parquet", "csv": ".csv", "spacy": ".spacy",
                            "xmi": "", "labelstudio": ".json", "brat": ""}


class ExportError(Exception):
    """The export cannot be done as asked; nothing was written over the output."""


class ExportWriteError(ExportError):
    """Writing the export failed (a full disk, an I/O error): the output is left as it was."""


def os_reason(exc: OSError) -> str:
    """Why a write failed, without the hidden temp file's name a message would carry: the OS's words for
    its errno (pyarrow's strerror is ``Failed to open local file '….partial'. Detail: [errno 30] …``)."""
    if exc.errno:  # pyarrow sets errno but puts its whole message, the temp file's name in it, in strerror
        return os.strerror(exc.errno)
    if exc.strerror:
        return exc.strerror
    found = re.search(r"\[errno (\d+)\]", str(exc))
    return os.strerror(int(found.group(1))) if found else str(exc)


class NotWritable(ExportError):
    """One Document cannot be written in this format (it is skipped and named; the rest is exported)."""


@dataclass(frozen=True)
class ExportOptions:
    """One export's choices; ``labels`` empty means every label."""

    format: Format = "jsonl"
    level: Level = "article"
    include: Include = "curated"
    drop_duplicates: bool = False
    labels: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ExportError(f"unknown format {self.format!r} (choose from {', '.join(FORMATS)})")
        if self.level not in LEVELS:
            raise ExportError(f"unknown level {self.level!r} (choose from {', '.join(LEVELS)})")
        if self.include not in INCLUDES:
            raise ExportError(f"unknown include {self.include!r} (choose from {', '.join(INCLUDES)})")


def parse_labels(value: str, *, known: tuple[str, ...]) -> frozenset[str]:
    """``"lead, paragraph"`` -> a set of labels; unknown names are an error that lists the known ones."""
    names = [part.strip() for part in value.split(",") if part.strip()]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ExportError(f"unknown label(s) {', '.join(unknown)} (the taxonomy has {', '.join(known)})")
    return frozenset(names)
