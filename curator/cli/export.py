"""``curator export [CORPUS] --format F --out PATH``: write a dataset and its data card."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from curator.cli import DEFAULT_CORPUS
from curator.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    StageProgress,
    add_jobs_flags,
    add_output_flags,
    error,
    info,
    make_engine,
    print_json,
)

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
    p.add_argument("--force", action="store_true",
                   help="replace the file at --out and the card (and labelling config) beside it even when no "
                   "Curator export wrote them or they were changed since (by default such files are refused)")
    add_jobs_flags(p)
    add_output_flags(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from curator.core.export import (
        ExportError,
        ExportWriteError,
        ExportOptions,
        export_corpus,
        parse_labels,
    )
    from curator.core.taxonomy import default_taxonomy

    from curator.cli._common import print_notices, refuse_state_output

    if refuse_state_output("export", args.out):
        return 2
    from curator.cli._common import no_documents
    from curator.core.store import Corpus

    try:
        if no_documents("export", Corpus(args.corpus)):  # no empty export and card for the wrong folder
            return EXIT_PROBLEMS
    except FileNotFoundError as exc:
        error("export", str(exc))
        return EXIT_USAGE
    try:
        labels = parse_labels(args.labels, known=default_taxonomy().label_names) if args.labels else frozenset()
        options = ExportOptions(format=args.format, level=args.level, include=args.include,
                                drop_duplicates=args.drop_duplicates, labels=labels)
        engine = make_engine(args)
        if engine is None:
            return EXIT_USAGE
        started = time.perf_counter()
        with StageProgress(args) as bar:
            result = engine.export_corpus(args.corpus, args.out, options=options, force=args.force,
                                          progress=lambda done, total: bar("export", done, total))
    except ExportWriteError as exc:  # the disk, not the command line: exit 1 as other failed writes
        error("export", str(exc))
        return 1
    except (ExportError, FileNotFoundError) as exc:
        error("export", str(exc))
        return EXIT_USAGE
    seconds = time.perf_counter() - started
    for skipped in result.skipped:  # a file left out, in the words every command uses (print_notices)
        print(f"warning: {skipped}", file=sys.stderr)
    left_out = print_notices(result.corpus)
    unit = "article" if args.level == "article" else "segment"
    if args.json:
        print_json({"out": str(result.out), "card": str(result.card), "documents": result.documents,
                    "records": result.records, "level": args.level, "excluded": result.excluded,
                    "dropped_segments": result.dropped_segments, "skipped": [str(s) for s in result.skipped],
                    "seconds": round(seconds, 2)})
    if args.format in DOCUMENT_FORMATS:
        extra = ""
        if args.format == "labelstudio":
            from curator.core.export.interop import label_config_path

            extra = f", labelling config {label_config_path(result.out)}"
        info(args, f"wrote {result.documents} documents to {result.out}{extra} (card: {result.card}) "
             f"in {seconds:.1f} s")
    else:
        info(args, f"wrote {result.records} {unit} records from {result.documents} documents to {result.out} "
             f"(card: {result.card}) in {seconds:.1f} s")
    if result.excluded:
        info(args, f"{result.excluded} documents not curated were left out (--include all adds them)")
    if result.dropped_segments:
        info(args, f"{result.dropped_segments} duplicate segments dropped (listed in the card)")
    if result.empty_articles:
        shown = result.empty_articles_listed[:20] if not getattr(args, "verbose", False) else result.empty_articles_listed
        more = result.empty_articles - len(shown)
        print(f"note: {result.empty_articles} article(s) with no segment are not in the data (listed in the card): "
              + ", ".join(shown) + (f", … and {more} more" if more else ""), file=sys.stderr)
    if result.skipped:
        n = len(result.skipped)
        print(f"{n} document{'' if n == 1 else 's'} skipped: the export does not contain them", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if left_out else EXIT_OK
