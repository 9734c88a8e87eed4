"""``curator import SOURCE… --into CORPUS``: crawler output (WARC, HTML, JSONL) into Documents.

``curator import --annotations FILE --into CORPUS``: spans from Label Studio or INCEpTION back
into the corpus as a proposal (three-way merge, editors' work never overwritten).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from curator.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    add_output_flags,
    error,
    info,
    print_json,
    progress,
)

_MAX_LISTED = 20


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="import crawler output (WARC, HTML, JSONL) or annotations (Label Studio, INCEpTION XMI)",
        description=(
            "Turn crawler output into Documents of CORPUS: WARC/WARC.gz response records with an HTML body, "
            "HTML files or folders of them, JSONL with one page a line (a URL plus HTML or text). Each page "
            "becomes <id>.txt (id from its URL) in the seeds' block layout, with where it came from kept in "
            "CORPUS/.curator/sources/. A page already there with the same text is skipped; a changed one is "
            "reported and left alone unless --update (a curated Document is then re-anchored on the new text). "
            "Exit 1 when input was broken or a changed page was left alone. "
            "With --annotations FILE: bring spans from a Label Studio JSON export or INCEpTION/UIMA XMI "
            "(.xmi, or a .zip of them with TypeSystem.xml) into the matching Documents as a proposal."
        ),
    )
    p.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="WARC, HTML or JSONL files or folders")
    p.add_argument("--into", type=Path, required=True, metavar="CORPUS",
                   help="corpus folder to import into (created when missing)")
    p.add_argument("--annotations", type=Path, metavar="FILE",
                   help="import annotations instead: a Label Studio JSON export or INCEpTION XMI (.xmi/.zip)")
    p.add_argument("--update", action="store_true",
                   help="take the new text of changed pages (curated ones are re-anchored, never overwritten)")
    p.add_argument("--keep-duplicates", action="store_true",
                   help="import a page even when another Document already has exactly its text")
    p.add_argument("--dry-run", action="store_true", help="report what would happen; write nothing")
    p.add_argument("--url-field", default="url", metavar="NAME", help="JSONL field with the URL (default: url)")
    p.add_argument("--html-field", default="html", metavar="NAME", help="JSONL field with the HTML (default: html)")
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="JSONL field with text already extracted, used when there is no HTML (default: text)")
    p.add_argument("--time-field", default="fetched_at", metavar="NAME",
                   help="JSONL field with the fetch time (default: fetched_at)")
    add_output_flags(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.annotations is not None:
        if args.sources:
            error("import", "give either SOURCE… or --annotations FILE, not both")
            return EXIT_USAGE
        return run_annotations(args)
    if not args.sources:
        error("import", "nothing to import: give WARC, HTML or JSONL files or folders (or --annotations FILE)")
        return EXIT_USAGE
    missing = [str(s) for s in args.sources if not s.exists()]
    if missing:
        error("import", f"error: no such file or folder: {', '.join(missing)}")
        return EXIT_USAGE
    from curator.cli._common import refuse_state_output

    if refuse_state_output("import", args.into):  # sources go beside curated/, never into it
        return EXIT_USAGE
    from curator.core.ingest import FieldNames, ImportOptions, Importer, InputError, iter_items
    from curator.core.ingest.extract import MissingExtractor

    if not args.dry_run and _unwritable(args.into):
        return EXIT_PROBLEMS  # the disk, not the command line (an output that cannot be written exits 1)
    fields = FieldNames(url=args.url_field, html=args.html_field, text=args.text_field, fetched_at=args.time_field)
    options = ImportOptions(update=args.update, keep_duplicates=args.keep_duplicates, dry_run=args.dry_run,
                            fields=fields)
    try:
        importer = Importer(args.into, options)
        for item in progress(args, iter_items(args.sources, fields), desc="import", unit="item"):
            importer.add(item)
    except (InputError, MissingExtractor) as exc:
        error("import", f"error: {exc}")
        return EXIT_USAGE
    result = importer.finish()
    if args.json:
        data = result.to_json()
        data["corpus"] = str(args.into)
        data["dry_run"] = args.dry_run
        print_json(data)
    else:
        _report(args, result)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _unwritable(into: Path) -> bool:
    """Say once that a read-only corpus cannot take anything (not one OS error per page)."""
    from curator.core.store import Corpus

    locked = Corpus(into).unwritable() if into.is_dir() else None
    if locked is not None:
        error("import", f"error: {locked}: nothing can be imported into it (--dry-run shows what would be)")
    return locked is not None


def _listed(args: argparse.Namespace, title: str, lines: list[str], *, prefix: str = "  ") -> None:
    """Name what was left out or read with a warning: never silenced by ``-q`` (README: nothing is skipped
    silently), the first ``_MAX_LISTED`` unless ``-v``."""
    if not lines:
        return
    if title:
        print(title, file=sys.stderr)
    shown = lines if args.verbose else lines[:_MAX_LISTED]
    for line in shown:
        print(f"{prefix}{line}", file=sys.stderr)
    if len(shown) < len(lines):
        print(f"{prefix}… and {len(lines) - len(shown)} more (-v lists all, --json gives them as data)",
              file=sys.stderr)


def _report(args: argparse.Namespace, result: Any) -> None:
    from curator.core.ingest import CHANGED, DUPLICATE, IMPORTED, UNCHANGED, UPDATED

    prefix = "(dry run) " if args.dry_run else ""
    _listed(args, "changed since imported, left alone (--update takes the new text):",
            [f"{p.id}  ({p.where})" for p in result.pages
             if p.action == CHANGED and p.repeat_of is None and not p.edited_here])
    _listed(args, "edited in the corpus since it was imported (the crawl's page is as it was imported), the "
                  "corpus's text kept, --update too:",
            [f"{p.id}  ({p.where})" for p in result.pages if p.action == CHANGED and p.edited_here])
    _listed(args, "one address twice in this input with other text, the later left alone (--update takes it):",
            [f"{p.id}  ({p.where}; first at {p.repeat_of})" for p in result.pages
             if p.action == CHANGED and p.repeat_of is not None])
    _listed(args, "duplicates (same text as a Document already there; --keep-duplicates imports them):",
            [f"{p.id}: {p.detail}  ({p.where})" for p in result.pages if p.action == DUPLICATE])
    for outcome in result.reanchored:
        info(args, f"re-anchored {outcome['id']}: {outcome['action']}, {len(outcome['changed_spans'])} span(s) "
                   f"changed, {len(outcome['unplaced'])} unplaced, {len(outcome['conflicts'])} conflict(s)")
    _listed(args, "", list(result.warnings), prefix="warning: ")
    for problem in result.problems:
        error("import", problem)
    skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(result.skipped.items(), key=lambda kv: -kv[1]))
    summary = (f"{prefix}imported {result.count(IMPORTED)}, updated {result.count(UPDATED)}, "
               f"unchanged {result.count(UNCHANGED)}, changed (left alone) {result.count(CHANGED)}, "
               f"duplicates {result.count(DUPLICATE)} into {args.into}")
    info(args, summary)
    if skipped:
        info(args, f"{prefix}skipped: {skipped}")
    if args.verbose and result.left_out:
        info(args, f"{prefix}left out:")
        for line in result.left_out:
            info(args, f"  {line}")
        if result.left_out_more:
            info(args, f"  … and {result.left_out_more} more")


def run_annotations(args: argparse.Namespace) -> int:
    """``--annotations FILE``: spans from Label Studio or INCEpTION merged into matching Documents."""
    from curator.core.interop.annotations import (
        AnnotationsError,
        AnnotationsUsageError,
        Unreadable,
        read_annotations,
    )
    from curator.core.interop.proposal import ERROR, DocumentMatcher, ProposalOutcome, apply_proposal
    from curator.core.store import Corpus

    if not args.annotations.exists():
        error("import", f"error: no such file or folder: {args.annotations}")
        return EXIT_USAGE
    if not args.into.is_dir():
        error("import", f"error: {args.into}: no such corpus folder")
        return EXIT_USAGE
    if not args.dry_run and _unwritable(args.into):
        return EXIT_PROBLEMS  # the disk, not the command line (an output that cannot be written exits 1)
    corpus = Corpus(args.into)
    matcher = DocumentMatcher(corpus)
    from curator.core.export.documents import parse_context

    # a Document with no curation is parsed as the export parsed it for the tool (None: every one is curated)
    context = parse_context(corpus, corpus.document_ids())
    outcomes: list[ProposalOutcome] = []
    unreadable: str | None = None  # the file itself (truncated, damaged): a problem found, exit 1
    try:
        for item in progress(args, read_annotations(args.annotations), desc="import annotations", unit="doc"):
            if isinstance(item, Unreadable):
                outcomes.append(ProposalOutcome(None, item.where, ERROR, notes=[item.reason]))
                continue
            doc_id, why = matcher.find(item)
            if doc_id is None:
                outcomes.append(ProposalOutcome(None, item.where, ERROR, notes=[why]))
                continue
            try:
                outcomes.append(apply_proposal(corpus, doc_id, item, dry_run=args.dry_run, context=context))
            except (ValueError, OSError) as exc:  # one Document's problem never stops the rest
                outcomes.append(ProposalOutcome(doc_id, item.where, ERROR, notes=[str(exc)]))
    except AnnotationsUsageError as exc:  # not a file this option takes: a usage error
        error("import", f"error: {exc}")
        return EXIT_USAGE
    except AnnotationsError as exc:  # bad input: what was merged before it stands and is reported
        unreadable = str(exc)
        error("import", f"error: {exc}; nothing more imported from it")
    if args.json:
        print_json({"corpus": str(args.into), "annotations": str(args.annotations), "dry_run": args.dry_run,
                    "documents": [o.to_json() for o in outcomes], "error": unreadable})
    else:
        prefix = "(dry run) " if args.dry_run else ""
        for o in outcomes:
            if o.action == ERROR:
                error("import", f"{o.where}: {'; '.join(o.notes)}")
                continue
            info(args, f"{prefix}{o.id}: {o.action}; {len(o.applied)} change(s) taken, "
                       f"{len(o.conflicts)} conflict(s) left for the editor")
            for line in o.applied if args.verbose else []:
                info(args, f"    taken: {line}")
            for c in o.conflicts:
                info(args, f"    CONFLICT: {c}")
            for note in o.notes:
                info(args, f"    note: {note}")
        taken = sum(1 for o in outcomes if o.action != ERROR)
        info(args, f"{prefix}{taken} document(s) merged from {args.annotations}, "
                   f"{sum(1 for o in outcomes if o.action == ERROR)} not imported")
    left_out = sum(o.left_out for o in outcomes)
    if left_out and not args.json:
        # The rest was merged, but the input had regions that fit nothing: a problem found (exit 1),
        # as a file left out is for the other commands; the segments under them stay as they were.
        error("import", f"{left_out} region(s) left out (offsets or labels that fit nothing; "
                        f"the segments under them kept): see the notes above")
    problems = unreadable or left_out or any(o.action == ERROR for o in outcomes)
    return EXIT_PROBLEMS if problems else EXIT_OK
