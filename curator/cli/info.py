"""``curator info [CORPUS]``: documents, statuses, labels."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from curator.cli import DEFAULT_CORPUS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("info", help="summarise a corpus: documents, statuses, labels")
    p.add_argument("corpus", nargs="?", type=Path, default=Path(DEFAULT_CORPUS))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from curator.core.store import Corpus

    from curator.cli._common import print_notices
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
    problems = [p for st in states for p in st.problems] + unreadable
    for p in problems:
        print(f"problem: {p}")
    print_notices(corpus)
    return 1 if problems or corpus.scan_problems() else 0
