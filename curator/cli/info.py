"""``curator info [CORPUS]``: documents, statuses, labels; documents by Article confidence (``--json`` for tools)."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from curator.cli import DEFAULT_CORPUS
from curator.cli._common import EXIT_OK, EXIT_PROBLEMS, add_output_flags, print_json


def _confidence(value: str) -> float:
    """An Article confidence bound: a number in [0, 1] (`nan` listed every document, `5` none)."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 <= x <= 1.0:  # false for nan too
        raise argparse.ArgumentTypeError(f"{value} is not in [0, 1]")
    return x


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "info",
        help="summarise a corpus: documents, statuses, labels; list documents by Article confidence",
        description=(
            "Summarise a corpus: documents by status, articles, speakers, events, duplicate entries, labels, "
            "how many came from `curator import`, and every problem found (exit 1 when there is one). "
            "With --sort, --max-confidence or --min-confidence, also list the documents "
            "with their Article's confidence (the parser's; an Article made or checked by an editor counts as "
            "sure), so an editor can start with the doubtful pages. A document without a curated file is parsed "
            "now, with the corpus as context, to get the parser's confidence; a page where the parser found no "
            "Article is listed first and kept by --max-confidence (nothing says it holds none)."
        ),
    )
    p.add_argument("corpus", nargs="?", type=Path, default=Path(DEFAULT_CORPUS),
                   help=f"corpus folder (default: {DEFAULT_CORPUS})")
    p.add_argument("--sort", choices=("id", "confidence"), help="list the documents, in this order")
    p.add_argument("--max-confidence", type=_confidence, metavar="X", help="list only documents at confidence X or less")
    p.add_argument("--min-confidence", type=_confidence, metavar="X", help="list only documents at confidence X or more")
    add_output_flags(p)
    p.set_defaults(func=run)


def _imported(state_dir: Path) -> int:
    """Documents with a provenance record (brought in by ``curator import``)."""
    from curator.core.provenance import SOURCES_DIR

    return sum(1 for _d, _s, files in os.walk(state_dir / SOURCES_DIR) for f in files if f.endswith(".json"))


def summary(corpus: Any, states: list[Any]) -> dict[str, Any]:
    from curator.core.taxonomy import default_taxonomy
    from curator.core.textio import SourceError
    from curator.core.validate import taxonomy_problems

    # Every source is read, not only the curated ones: an unreadable or binary page is a problem too.
    unreadable = []
    for st in states:
        if st.curation is None and st.status != "error":
            try:
                corpus.read_source(st.id)
            except SourceError as exc:
                unreadable.append(str(exc))
    statuses = Counter(s.status for s in states)
    labels: Counter[str] = Counter()
    articles = speakers = events = dups = 0
    outside: list[str] = []  # a label or event type validate and export refuse is a problem here too
    taxonomy = default_taxonomy()
    for st in states:
        if st.curation:
            outside.extend(f"{st.curated}: {p}" for p in taxonomy_problems(st.curation, taxonomy))
            labels.update(seg.label for seg in st.curation.segments)
            articles += len(st.curation.articles)
            speakers += len(st.curation.speakers)
            events += len(st.curation.events)
            dups += len(st.curation.duplicates)
    from curator.core.compiled import KERNEL
    from curator.core.dups import dups_build
    from curator.core.parse import PARSER_VERSION, parser_build

    return {
        "corpus": str(corpus.root),
        "parser": f"{PARSER_VERSION}, {parser_build()}",
        "duplicate_finder": dups_build(),
        "dups_kernel": KERNEL.running(),
        "documents": len(states),
        "statuses": {s: statuses[s] for s in ("curated", "in_progress", "auto", "none", "error") if statuses[s]},
        "imported": _imported(corpus.state_dir),
        "articles": articles,
        "speakers": speakers,
        "events": events,
        "duplicate_entries": dups,
        "labels": dict(labels.most_common()),
        "problems": [p for st in states for p in st.problems] + outside + unreadable,
        "left_out": corpus.scan_problems(),
    }


def listing(args: argparse.Namespace, corpus: Any, states: list[Any]) -> list[dict[str, Any]]:
    """Documents with their Article's confidence, doubtful first (or by id)."""
    from curator.core.confidence import document_confidence, rank

    parsed = {}
    missing = [st.id for st in states if st.curation is None and st.status == "none"]
    if missing:
        from curator.core.parse import build_context, parse_document
        from curator.core.pipeline import read_sources

        sources, _problems = read_sources(corpus)
        context = build_context(s.text for s in sources.values())
        for doc_id in missing:
            if doc_id in sources:
                src = sources[doc_id]
                parsed[doc_id] = parse_document(src.text, doc=corpus.document_ref(doc_id, src), context=context)
    rows = []
    for st in states:
        cur = st.curation or parsed.get(st.id)
        if cur is None:
            continue
        conf = document_confidence(cur)
        if args.max_confidence is not None and conf is not None and conf > args.max_confidence:
            continue
        if args.min_confidence is not None and (conf is None or conf < args.min_confidence):
            continue
        rows.append({"id": st.id, "confidence": conf, "status": "parsed now" if st.curation is None else st.status,
                     "title": cur.articles[0].title if cur.articles else None,
                     "reasons": list(cur.articles[0].reasons) if cur.articles else []})
    if args.sort == "confidence" or args.sort is None:
        rows.sort(key=lambda r: rank(r["confidence"]) + (r["id"],))
    else:
        rows.sort(key=lambda r: r["id"])
    return rows


def _print_summary(data: dict[str, Any]) -> None:
    print(f"corpus     {data['corpus']}")
    print(f"parser     {data['parser']}")
    print(f"dup finder {data['duplicate_finder']}")
    print(f"  kernel   {data['dups_kernel']}")
    print(f"documents  {data['documents']}" + (f"   (imported from crawls: {data['imported']})" if data["imported"] else ""))
    for status, n in data["statuses"].items():
        name = "no curation" if status == "none" else status
        print(f"  {name:<12}{n}")
    print(f"articles   {data['articles']}   speakers {data['speakers']}   events {data['events']}   "
          f"duplicate entries {data['duplicate_entries']}")
    if data["labels"]:
        print("labels")
        for label, n in data["labels"].items():
            print(f"  {label:<12}{n}")


def _print_listing(rows: list[dict[str, Any]]) -> None:
    print()
    print(f"{'confidence':<11}{'status':<12}document  —  Article title (why)")
    for r in rows:
        shown = "—" if r["confidence"] is None else f"{r['confidence']:.3f}"
        why = f"  ({'; '.join(r['reasons'])})" if r["reasons"] else ""
        title = r["title"] if r["title"] is not None else "(no Article found)"
        print(f"{shown:<11}{r['status']:<12}{r['id']}  —  {title[:70]}{why}")
    print(f"{len(rows)} document(s) listed")


def run(args: argparse.Namespace) -> int:
    from curator.cli._common import no_documents, print_notices
    from curator.core.store import Corpus

    corpus = Corpus(args.corpus)
    if no_documents("info", corpus):
        return EXIT_PROBLEMS
    states = corpus.states()
    data = summary(corpus, states)
    wants_listing = args.sort is not None or args.max_confidence is not None or args.min_confidence is not None
    rows = listing(args, corpus, states) if wants_listing else None
    failed = bool(data["problems"] or data["left_out"])
    if args.json:
        if rows is not None:
            data["listed"] = rows
        # sources read with a warning (an encoding guessed, bytes replaced): in the data, and on stderr
        data["warnings"] = [w for d in sorted(corpus.source_warnings) for w in corpus.source_warnings[d]]
        print_json(data)
        print_notices(corpus)
        return EXIT_PROBLEMS if failed else EXIT_OK
    _print_summary(data)
    if rows is not None:
        _print_listing(rows)
    for p in data["problems"]:  # messages on stderr; the summary above is the data
        # a source that cannot be a Document (binary, unreadable) in the words every command uses for it
        left_out = p.split(": ", 1)[0].endswith(".txt")
        print(f"warning: {p}" if left_out else f"curator info: problem: {p}", file=sys.stderr)
    print_notices(corpus)
    return EXIT_PROBLEMS if failed else EXIT_OK
