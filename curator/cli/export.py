"""``curator export [CORPUS] --format F --out PATH``: write a dataset and its data card."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from curator.cli import DEFAULT_CORPUS

# mirrors curator.core.export.FORMATS (kept light for --help)
FORMATS = ("jsonl", "parquet", "csv", "spacy", "xmi", "labelstudio", "brat")
DOCUMENT_FORMATS = ("xmi", "labelstudio", "brat")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export curated documents as JSONL, Parquet, CSV, spaCy DocBin, UIMA XMI, Label Studio or brat",
        description="Export a corpus's curated documents, one record per article or per segment, with a "
        "Markdown data card written beside the output (<out>.card.md). Only documents with status "
        "'curated' unless --include all. Exit 1 when a document had to be skipped (its curated file does "
        "not match its source, or cannot be read); the export is still written without it. "
        "xmi (INCEpTION), labelstudio and brat write whole Documents with their spans: xmi and brat a folder "
        "(<id>.xmi + TypeSystem.xml; <id>.txt/.ann + annotation.conf), labelstudio a tasks JSON file with "
        "<name>.label_config.xml beside it; --level does not apply to them. See docs/interop.md.",
    )
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, type=Path, metavar="CORPUS",
                   help=f"corpus folder (default: {DEFAULT_CORPUS})")
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--out", type=Path, required=True, metavar="PATH", help="output file (xmi, brat: a folder)")
    p.add_argument("--level", choices=("article", "segment"), default="article",
                   help="one record per article (default) or per segment")
    p.add_argument("--include", choices=("curated", "all"), default="curated",
                   help="curated documents only (default), or all (uncurated ones parsed on the fly)")
    p.add_argument("--drop-duplicates", action="store_true",
                   help="leave out segments that copy a canonical passage elsewhere")
    p.add_argument("--labels", metavar="L1,L2", default="",
                   help="keep only segments with these labels (comma-separated)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


class ProgressBar:
    """A one-line terminal bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, *, width: int = 30, label: str = "docs") -> None:
        self.stream = stream
        self.width = width
        self.label = label
        self.started = time.monotonic()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.width * done // total if total else self.width
        rate = done / max(now - self.started, 1e-9)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {self.label} {rate:,.0f}/s")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from curator.core.export import (
        ExportError,
        ExportOptions,
        export_corpus,
        parse_labels,
    )
    from curator.core.taxonomy import default_taxonomy

    from curator.cli._common import print_notices, refuse_state_output

    if refuse_state_output("export", args.out):
        return 2
    try:
        labels = parse_labels(args.labels, known=default_taxonomy().label_names) if args.labels else frozenset()
        options = ExportOptions(format=args.format, level=args.level, include=args.include,
                                drop_duplicates=args.drop_duplicates, labels=labels)
        progress = None if args.quiet or not sys.stderr.isatty() else ProgressBar(sys.stderr)
        result = export_corpus(args.corpus, args.out, options=options, progress=progress)
    except (ExportError, FileNotFoundError) as exc:
        print(f"curator export: {exc}", file=sys.stderr)
        return 2
    for skipped in result.skipped:
        print(f"skipped {skipped}", file=sys.stderr)
    print_notices(result.corpus)
    if args.format in DOCUMENT_FORMATS:
        extra = ""
        if args.format == "labelstudio":
            from curator.core.export.interop import label_config_path

            extra = f", labelling config {label_config_path(result.out)}"
        print(f"wrote {result.documents} documents to {result.out}{extra} (card: {result.card})", file=sys.stderr)
    else:
        unit = "article" if args.level == "article" else "segment"
        print(f"wrote {result.records} {unit} records from {result.documents} documents to {result.out} "
              f"(card: {result.card})", file=sys.stderr)
    if result.excluded:
        print(f"{result.excluded} documents not curated were left out (--include all adds them)", file=sys.stderr)
    if result.dropped_segments:
        print(f"{result.dropped_segments} duplicate segments dropped (listed in the card)", file=sys.stderr)
    if result.skipped:
        print(f"{len(result.skipped)} documents skipped: the export does not contain them", file=sys.stderr)
        return 1
    return 0
