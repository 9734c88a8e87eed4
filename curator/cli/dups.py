"""``curator dups [CORPUS] [--json] [--threshold T]``: exact and near duplicate passages of a corpus."""

from __future__ import annotations

import argparse
import json
import sys
import time

from curator.cli import DEFAULT_CORPUS
from curator.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    StageProgress,
    add_jobs_flags,
    add_output_flags,
    configure_logging,
    info,
    make_engine,
    progress_iter,
)


def _threshold(value: str) -> float:
    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 < t <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not in (0, 1]")
    return t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "dups",
        help="list duplicate passages (exact and near, within and across documents)",
        description="Find repeated passages (blank-line blocks) with the exact characters that repeat. "
        "An index under CORPUS/.curator/dups/ makes re-runs after adding documents cheap. Memory stays flat "
        "with the corpus size: shingles are partitioned by hash and spilled to disk.",
    )
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"corpus folder (default: {DEFAULT_CORPUS})")
    p.add_argument("--threshold", type=_threshold, default=None,
                   help="least similarity of a near duplicate, in (0, 1] (default 0.8)")
    p.add_argument("--no-index", action="store_true", help="neither read nor write the index")
    add_jobs_flags(p)
    add_output_flags(p)
    p.set_defaults(func=run)


def _preview(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _group_json(g, text) -> dict:
    return {
        "id": g.id,
        "kind": g.kind,
        "score": g.score,
        "decision": g.decision,
        "members": [
            {"document": m.document, "start": m.start, "end": m.end, "text": text(m), "canonical": n == g.canonical}
            for n, m in enumerate(g.members)
        ],
    }


def run(args: argparse.Namespace) -> int:
    from curator.core.dups import Params
    from curator.core.dups.contract import apply_stored, read_stored_entries
    from curator.core.store import Corpus

    configure_logging(args)
    corpus = Corpus(args.corpus)
    params = Params() if args.threshold is None else Params(threshold=args.threshold)
    engine = make_engine(args)
    if engine is None:
        return EXIT_USAGE
    # A read-only corpus (a mount, someone else's folder): every group is still found, without
    # the index that makes re-runs cheap, and that is said once.
    read_only = None if args.no_index or engine.name != "local" else corpus.unwritable()
    if read_only is not None:
        print(f"note: {read_only}; so no index is kept (as with --no-index)",
              file=sys.stderr)
    started = time.perf_counter()
    with StageProgress(args) as bar:
        result = engine.find_in_corpus(corpus, params, use_index=not args.no_index and read_only is None,
                                       progress=bar)
        problems = list(result.problems)
        unreadable: list[str] = []
        stored = read_stored_entries(corpus, progress_iter(bar, "decisions", list(result.texts)), unreadable)
        groups = apply_stored(result.groups, stored)
    problems += unreadable
    # README: exit 1 when something was left out (an unreadable source or curated file), as info does;
    # a damaged index moved aside and rebuilt is a repaired cache, not a file left out.
    listed = result.listed if result.listed is not None else corpus.document_ids()
    failed = bool(set(listed) - set(result.texts) or corpus.scan_problems() or unreadable)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    from curator.cli._common import print_notices

    print_notices(corpus)
    seconds = time.perf_counter() - started
    from curator.core.dups.engine import SourceReader, SpanTexts
    from curator.core.parallel import Workers

    # Every member's text, each Document read once (groups list members from all over the corpus);
    # with --jobs the workers read the Documents and spool the texts.
    spans = [(m.document, m.start, m.end) for g in groups for m in g.members]
    jobs = getattr(engine, "jobs", 1) if engine.name == "local" else 1
    if jobs > 1 and len(spans) > 200:
        with Workers(jobs) as workers:
            store = SpanTexts(spans, SourceReader(str(corpus.root)), workers=workers)
    else:
        store = SpanTexts(spans, result.texts.__getitem__)
    slot = iter(range(len(spans)))

    def text(_m) -> str:
        return store[next(slot)]

    st = result.stats
    exact = sum(1 for g in groups if g.kind == "exact")
    if args.json:
        # One group per line: the output of a large corpus streams instead of being built whole.
        out = sys.stdout
        out.write('{"groups": [')
        for n, g in enumerate(groups):
            out.write(",\n " if n else "\n ")
            out.write(json.dumps(_group_json(g, text), ensure_ascii=False))
        out.write("\n]}\n")
    else:
        for g in groups:
            print(f"{g.id}  {g.kind:<5}  score {g.score:.2f}  {len(g.members)} copies  {g.decision}")
            for n, m in enumerate(g.members):
                mark = "*" if n == g.canonical else " "
                print(f"  {mark} {m.document:<28} {m.start:>7}-{m.end:<7} {_preview(text(m))}")
    store.close()
    how = f"index rebuilt ({st.reason})" if st.rebuilt else f"index reused for {st.reused} documents"
    if args.no_index or read_only is not None:
        how = "no index"
    elif engine.name != "local":
        how = f"no index with --engine {engine.name}"
    summary = (f"{len(groups)} groups ({exact} exact, {len(groups) - exact} near) in {st.documents} documents; "
               f"{how}; features computed for {st.computed}")
    if args.json:
        info(args, f"{summary}; {seconds:.1f} s")
    else:
        print(f"{summary}; * marks the canonical copy")
    return EXIT_PROBLEMS if failed else EXIT_OK
