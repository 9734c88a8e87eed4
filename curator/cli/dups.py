"""``curator dups [CORPUS] [--json] [--threshold T]``: exact and near duplicate passages of a corpus."""

from __future__ import annotations

import argparse
import json
import sys

from curator.cli import DEFAULT_CORPUS


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
        "An index under CORPUS/.curator/dups/ makes re-runs after adding documents cheap.",
    )
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"corpus folder (default: {DEFAULT_CORPUS})")
    p.add_argument("--json", action="store_true", help="print the groups as JSON (code-point offsets)")
    p.add_argument("--threshold", type=_threshold, default=None,
                   help="least similarity of a near duplicate, in (0, 1] (default 0.8)")
    p.add_argument("--no-index", action="store_true", help="neither read nor write the index")
    p.set_defaults(func=run)


def _preview(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def run(args: argparse.Namespace) -> int:
    from curator.core.dups import Params
    from curator.core.dups.contract import apply_decisions
    from curator.core.dups.index import find_in_corpus
    from curator.core.jsonio import CurationFileError
    from curator.core.store import Corpus

    corpus = Corpus(args.corpus)
    params = Params() if args.threshold is None else Params(threshold=args.threshold)
    result = find_in_corpus(corpus, params, use_index=not args.no_index)
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    from curator.cli._common import print_notices

    print_notices(corpus)
    # README: exit 1 when something was left out (an unreadable source or curated file), as info does;
    # a damaged index moved aside and rebuilt is a repaired cache, not a file left out.
    failed = bool(set(corpus.document_ids()) - set(result.texts) or corpus.scan_problems())
    curations = []
    for doc_id in result.texts:
        try:
            loaded = corpus.load(doc_id)
        except CurationFileError as exc:
            print(f"warning: {exc} (its duplicate decisions are ignored)", file=sys.stderr)
            failed = True
            continue
        if loaded is not None:
            curations.append(loaded.curation)
    groups = apply_decisions(result.groups, curations)

    if args.json:
        out = {
            "groups": [
                {
                    "id": g.id,
                    "kind": g.kind,
                    "score": g.score,
                    "decision": g.decision,
                    "members": [
                        {
                            "document": m.document,
                            "start": m.start,
                            "end": m.end,
                            "text": result.texts[m.document][m.start : m.end],
                            "canonical": n == g.canonical,
                        }
                        for n, m in enumerate(g.members)
                    ],
                }
                for g in groups
            ]
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 1 if failed else 0

    st = result.stats
    exact = sum(1 for g in groups if g.kind == "exact")
    for g in groups:
        print(f"{g.id}  {g.kind:<5}  score {g.score:.2f}  {len(g.members)} copies  {g.decision}")
        for n, m in enumerate(g.members):
            mark = "*" if n == g.canonical else " "
            print(f"  {mark} {m.document:<28} {m.start:>7}-{m.end:<7} {_preview(result.texts[m.document][m.start:m.end])}")
    how = f"index rebuilt ({st.reason})" if st.rebuilt else f"index reused for {st.reused} documents"
    if args.no_index:
        how = "no index"
    print(
        f"{len(groups)} groups ({exact} exact, {len(groups) - exact} near) in {st.documents} documents; "
        f"{how}; features computed for {st.computed}; * marks the canonical copy"
    )
    return 1 if failed else 0
