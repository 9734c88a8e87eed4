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
_out: Path | None = None


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


def _init(root: Path, out: Path | None, context: Any) -> None:
    global _context, _root, _out
    _context, _root, _out = context, root, out


def _one(doc_id: str) -> tuple[str, dict[str, Any] | None, str | None]:
    """Parse one document; returns (id, summary, error)."""
    from curator.core.jsonio import atomic_write_text, dump_curation
    from curator.core.parse import parse_document
    from curator.core.store import Corpus
    from curator.core.textio import SourceError

    assert _root is not None
    corpus = Corpus(_root)
    try:
        source = corpus.read_source(doc_id)
    except SourceError as exc:
        return doc_id, None, str(exc)
    cur = parse_document(source.text, doc=corpus.document_ref(doc_id, source), context=_context)
    if _out is not None:
        try:
            atomic_write_text(_out / f"{doc_id}.json", dump_curation(cur))
        except OSError as exc:
            return doc_id, None, f"{_out / (doc_id + '.json')}: cannot write: {exc}"
    labels = Counter(s.label for s in cur.segments)
    summary = {
        "segments": len(cur.segments),
        "labels": dict(labels),
        "articles": [(a.title, a.date.isoformat() if a.date else None, a.kind) for a in cur.articles],
        "speakers": [s.id for s in cur.speakers],
        "events": [(e.type, e.date.isoformat() if e.date else None, e.place, len(e.participants)) for e in cur.events],
    }
    return doc_id, summary, None


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


def run(args: argparse.Namespace) -> int:
    from curator.core.parse import build_context
    from curator.core.store import Corpus
    from curator.core.textio import SourceError

    try:
        corpus = Corpus(args.corpus)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.jobs < 1:
        print("--jobs must be at least 1", file=sys.stderr)
        return 2
    ids = corpus.document_ids()
    context = None
    if not args.no_context:
        texts = []
        for doc_id in ids:
            try:
                texts.append(corpus.read_source(doc_id).text)
            except SourceError:
                pass  # reported when the document itself is parsed
        context = build_context(texts)
    results: list[tuple[str, dict[str, Any] | None, str | None]]
    if args.jobs == 1 or len(ids) < 2:
        _init(corpus.root, args.out, context)
        results = [_one(doc_id) for doc_id in ids]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(corpus.root, args.out, context)) as pool:
            results = list(pool.map(_one, ids, chunksize=max(1, len(ids) // (args.jobs * 8))))
    errors = 0
    for doc_id, summary, error in results:
        if error is not None:
            errors += 1
            print(error, file=sys.stderr)
        elif args.out is None and summary is not None:
            _print_summary(doc_id, summary)
    done = len(results) - errors
    where = f" into {args.out}" if args.out is not None else ""
    print(f"parsed {done} document(s){where}" + (f", {errors} failed" if errors else ""), file=sys.stderr)
    return 1 if errors else 0
