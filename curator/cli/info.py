"""``curator info [CORPUS]``: documents, statuses, labels; documents by Article confidence."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from curator.cli import DEFAULT_CORPUS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "info",
        help="summarise a corpus: documents, statuses, labels; list documents by Article confidence",
        description=(
            "Summarise a corpus. With --sort, --max-confidence or --min-confidence, also list the documents "
            "with their Article's confidence (the parser's; an Article made or checked by an editor counts as "
            "sure), so an editor can start with the doubtful pages. A document without a curated file is parsed "
            "now, with the corpus as context, to get the parser's confidence; a page where the parser found no "
            "Article is listed first and kept by --max-confidence (nothing says it holds none)."
        ),
    )
    p.add_argument("corpus", nargs="?", type=Path, default=Path(DEFAULT_CORPUS))
    p.add_argument("--sort", choices=("id", "confidence"), help="list the documents, in this order")
    p.add_argument("--max-confidence", type=float, metavar="X", help="list only documents at confidence X or less")
    p.add_argument("--min-confidence", type=float, metavar="X", help="list only documents at confidence X or more")
    p.set_defaults(func=run)


def _summary(corpus, states) -> None:
    statuses = Counter(s.status for s in states)
    labels: Counter[str] = Counter()
    articles = speakers = events = dups = 0
    for st in states:
        if st.curation:
            labels.update(seg.label for seg in st.curation.segments)
            articles += len(st.curation.articles)
            speakers += len(st.curation.speakers)
            events += len(st.curation.events)
            dups += len(st.curation.duplicates)
    print(f"corpus     {corpus.root}")
    print(f"documents  {len(states)}")
    for status in ("curated", "in_progress", "auto", "none", "error"):
        if statuses[status]:
            name = "no curation" if status == "none" else status
            print(f"  {name:<12}{statuses[status]}")
    print(f"articles   {articles}   speakers {speakers}   events {events}   duplicate entries {dups}")
    if labels:
        print("labels")
        for label, n in labels.most_common():
            print(f"  {label:<12}{n}")


def _listing(args: argparse.Namespace, corpus, states) -> int:
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
        title = cur.articles[0].title if cur.articles else "(no Article found)"
        source = "parsed now" if st.curation is None else st.status
        rows.append((st.id, conf, source, title, cur.articles[0].reasons if cur.articles else []))
    if args.sort == "confidence" or args.sort is None:
        rows.sort(key=lambda r: rank(r[1]) + (r[0],))
    else:
        rows.sort(key=lambda r: r[0])
    print()
    print(f"{'confidence':<11}{'status':<12}document  —  Article title (why)")
    for doc_id, conf, source, title, reasons in rows:
        shown = "—" if conf is None else f"{conf:.3f}"
        why = f"  ({'; '.join(reasons)})" if reasons else ""
        print(f"{shown:<11}{source:<12}{doc_id}  —  {title[:70]}{why}")
    print(f"{len(rows)} document(s) listed")
    return 0


def run(args: argparse.Namespace) -> int:
    from curator.cli._common import print_notices
    from curator.core.store import Corpus
    from curator.core.textio import SourceError

    corpus = Corpus(args.corpus)
    states = corpus.states()
    # Every source is read, not only the curated ones: an unreadable or binary page is a problem too.
    unreadable = []
    for st in states:
        if st.curation is None and st.status != "error":
            try:
                corpus.read_source(st.id)
            except SourceError as exc:
                unreadable.append(str(exc))
    _summary(corpus, states)
    if args.sort is not None or args.max_confidence is not None or args.min_confidence is not None:
        _listing(args, corpus, states)
    problems = [p for st in states for p in st.problems] + unreadable
    for p in problems:
        print(f"problem: {p}")
    print_notices(corpus)
    return 1 if problems or corpus.scan_problems() else 0
