"""``curator info [CORPUS]``: documents, statuses, labels (``--json`` for tools)."""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path
from typing import Any

from curator.cli import DEFAULT_CORPUS
from curator.cli._common import EXIT_OK, EXIT_PROBLEMS, add_output_flags, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("info", help="summarise a corpus: documents, statuses, labels",
                       description="Summarise a corpus: documents by status, articles, speakers, events, "
                       "duplicate entries, labels, how many came from `curator import`, and every problem "
                       "found (exit 1 when there is one).")
    p.add_argument("corpus", nargs="?", type=Path, default=Path(DEFAULT_CORPUS),
                   help=f"corpus folder (default: {DEFAULT_CORPUS})")
    add_output_flags(p)
    p.set_defaults(func=run)


def _imported(state_dir: Path) -> int:
    """Documents with a provenance record (brought in by ``curator import``)."""
    from curator.core.provenance import SOURCES_DIR

    return sum(1 for _d, _s, files in os.walk(state_dir / SOURCES_DIR) for f in files if f.endswith(".json"))


def summary(corpus: Any) -> dict[str, Any]:
    from curator.core.textio import SourceError

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
    return {
        "corpus": str(corpus.root),
        "documents": len(states),
        "statuses": {s: statuses[s] for s in ("curated", "in_progress", "auto", "none", "error") if statuses[s]},
        "imported": _imported(corpus.state_dir),
        "articles": articles,
        "speakers": speakers,
        "events": events,
        "duplicate_entries": dups,
        "labels": dict(labels.most_common()),
        "problems": [p for st in states for p in st.problems] + unreadable,
        "left_out": corpus.scan_problems(),
    }


def run(args: argparse.Namespace) -> int:
    from curator.cli._common import print_notices
    from curator.core.store import Corpus

    corpus = Corpus(args.corpus)
    data = summary(corpus)
    failed = bool(data["problems"] or data["left_out"])
    if args.json:
        print_json(data)
        return EXIT_PROBLEMS if failed else EXIT_OK
    print(f"corpus     {data['corpus']}")
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
    for p in data["problems"]:
        print(f"problem: {p}")
    print_notices(corpus)
    return EXIT_PROBLEMS if failed else EXIT_OK
