"""``curator parse [CORPUS] [--out DIR] [--jobs N]``: run the parser over a corpus."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from curator.cli import DEFAULT_CORPUS

_context: Any = None
_root: Path | None = None

def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "parse",
        help="parse every document of a corpus (contract JSON files or a summary)",
        description="Parse each document into labelled segments, articles, speakers and events. "
        "With --out DIR, write DIR/<doc id>.json (status auto) for each; otherwise print a summary per document.",
    )
    p.add_argument("corpus", nargs="?", type=Path, default=Path(DEFAULT_CORPUS), help="corpus folder (default: seeds)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="write one contract JSON per document here")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--no-context", action="store_true", help="parse each document alone (no cross-page evidence)")
    p.set_defaults(func=run)


def _init(root: Path, context: Any) -> None:
    global _context, _root
    _context, _root = context, root


def _one(item: tuple[str, Any]) -> tuple[str, Any]:
    """Parse one Document (in a worker or in the main process); returns (id, Curation)."""
    from curator.core.parse import parse_document
    from curator.core.store import Corpus

    doc_id, source = item
    assert _root is not None
    return doc_id, parse_document(source.text, doc=Corpus(_root).document_ref(doc_id, source), context=_context)


def _summary(cur: Any) -> dict[str, Any]:
    labels = Counter(s.label for s in cur.segments)
    return {
        "segments": len(cur.segments),
        "labels": dict(labels),
        "articles": [(a.title, a.date.isoformat() if a.date else None, a.kind) for a in cur.articles],
        "speakers": [s.id for s in cur.speakers],
        "events": [(e.type, e.date.isoformat() if e.date else None, e.place, len(e.participants)) for e in cur.events],
        "duplicates": len(cur.duplicates),
        "duplicate_groups": len({d.group for d in cur.duplicates}),
    }


def _print_summary(doc_id: str, s: dict[str, Any]) -> None:
    order = ["title", "dateline", "lead", "heading", "salutation", "question", "answer", "paragraph",
             "teaser", "boilerplate"]
    labels = s["labels"]
    parts = [f"{k} {labels[k]}" for k in order if k in labels] + [
        f"{k} {v}" for k, v in sorted(labels.items()) if k not in order
    ]
    print(f"{doc_id}: {s['segments']} segments ({', '.join(parts) or 'none'})")
    if not s["articles"]:
        print("  article: none (listing or no article)")
    for title, date, kind in s["articles"]:
        short = title if len(title) <= 90 else title[:87] + "..."
        print(f"  article: {kind}, {date or 'no date'}: {short}")
    print(f"  speakers: {', '.join(s['speakers']) or 'none'}")
    for etype, date, place, n in s["events"]:
        print(f"  event: {etype}, {date or 'no date'}, {place or 'no place'}, {n} participant(s)")
    n, groups = s["duplicates"], s["duplicate_groups"]
    print(f"  duplicates: {n} segment(s) in {groups} group(s)" if n else "  duplicates: none")


def run(args: argparse.Namespace) -> int:
    from curator.core.jsonio import atomic_write_text, dump_curation
    from curator.core.parse import build_context
    from curator.core.pipeline import propose_duplicates, read_sources
    from curator.core.store import Corpus

    try:
        corpus = Corpus(args.corpus)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.jobs < 1:
        print("--jobs must be at least 1", file=sys.stderr)
        return 2
    from curator.cli._common import print_notices, refuse_state_output
    from curator.core.store import state_folder_of

    # --out CORPUS/curated writes through the store: new curated files only, never over one.
    into_store = args.out is not None and state_folder_of(args.out) == corpus.curated_dir.resolve() \
        and Path(args.out).resolve() == corpus.curated_dir.resolve()
    if args.out is not None and not into_store and refuse_state_output("parse", args.out):
        return 2
    # unreadable sources are reported by file name; the others are still parsed
    sources, problems = read_sources(corpus)
    for problem in problems:
        print(problem, file=sys.stderr)
    context = None if args.no_context else build_context(s.text for s in sources.values())
    items = list(sources.items())
    if args.jobs == 1 or len(items) < 2:
        _init(corpus.root, context)
        parsed = dict(map(_one, items))
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(corpus.root, context)) as pool:
            parsed = dict(pool.map(_one, items, chunksize=max(1, len(items) // (args.jobs * 8))))
    # duplicates need every Document, so they are proposed here, once, as the rest of the app does
    parsed = propose_duplicates(parsed, {doc_id: src.text for doc_id, src in sources.items()})
    errors = len(problems)
    kept = 0
    for doc_id in sorted(parsed):
        cur = parsed[doc_id]
        if into_store:
            from curator.core.review.base import record_base
            from curator.core.store import ConflictError

            try:
                corpus.save(cur, expected_stamp=None)
                record_base(corpus, cur)  # what a later `curator reparse` merges against, as the window does
            except ConflictError:
                kept += 1
                print(f"{corpus.curated_path(doc_id)}: exists already; left as it is (`curator reparse` brings "
                      "curated files up to the parser)", file=sys.stderr)
            except OSError as exc:
                errors += 1
                print(f"{corpus.curated_path(doc_id)}: cannot write: {exc}", file=sys.stderr)
        elif args.out is not None:
            target = args.out / f"{doc_id}.json"
            try:
                atomic_write_text(target, dump_curation(cur))
            except OSError as exc:
                errors += 1
                print(f"{target}: cannot write: {exc}", file=sys.stderr)
        else:
            _print_summary(doc_id, _summary(cur))
    print_notices(corpus)
    done = len(parsed) - (errors - len(problems)) - kept
    where = f" into {args.out}" if args.out is not None else ""
    print(f"parsed {done} document(s){where}" + (f", {errors} failed" if errors else "")
          + (f", {kept} existing curated file(s) left as they are" if kept else ""), file=sys.stderr)
    return 1 if errors or kept else 0
