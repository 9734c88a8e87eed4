"""``curator reparse``: bring curations up to the current parser without losing editors' work."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from curator.cli import DEFAULT_CORPUS
from curator.cli._common import (
    StageProgress,
    add_jobs_flags,
    add_output_flags,
    configure_logging,
    error,
    info,
    make_engine,
)

if TYPE_CHECKING:
    from curator.core.review.reparse import ReparseOutcome


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reparse",
        help="re-parse a corpus: uncurated documents take the new parse, curated ones merge it three-way",
        description=(
            "Documents with status 'auto' take the new parse. 'in_progress' and 'curated' documents keep every "
            "editor decision: non-conflicting parser changes are merged (base = CORPUS/.curator/base/<id>.json), "
            "conflicts are listed and kept in CORPUS/.curator/conflicts/. A changed source text is re-anchored; "
            "spans that cannot be placed go to CORPUS/.curator/reanchor/. See docs/review.md."
        ),
    )
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, type=Path, metavar="CORPUS")
    p.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    add_jobs_flags(p)
    add_output_flags(p)
    p.set_defaults(func=run)


def _print_outcome(prefix: str, o: ReparseOutcome) -> None:
    """What reparse did to one Document, on stdout (the command's data without --json)."""
    print(f"{prefix}{o.id}: {o.action}; {len(o.applied)} applied, {len(o.conflicts)} conflict(s), "
          f"{len(o.unplaced)} unplaced")
    for line in o.applied:
        print(f"    applied: {line}")
    for c in o.conflicts:
        print(f"    CONFLICT: {c}")
    for ch in o.changed_spans:
        print(f"    text changed under segment {ch.segment}: “{ch.old}” -> “{ch.new}”")
    for u in o.unplaced:
        print(f"    UNPLACED {u.kind}: {u.reason}: {json.dumps(u.item, ensure_ascii=False)[:160]}")
    for path in o.written:
        print(f"    wrote: {path}")
    for note in o.notes:
        print(f"    note: {note}")


def run(args: argparse.Namespace) -> int:
    from curator.core.review import runner
    from curator.core.review.reparse import ERROR, reparse_corpus
    from curator.core.store import Corpus

    from curator.cli._common import no_documents, print_notices

    configure_logging(args)
    corpus = Corpus(args.corpus)
    if no_documents("reparse", corpus):
        return 1
    locked = None if args.dry_run else corpus.unwritable()
    if locked is not None:
        error("reparse", f"error: {locked}: nothing can be written; `curator reparse {args.corpus} --dry-run` shows "
                         "what a re-parse would change")
        return 1  # the disk, not the command line (an output that cannot be written exits 1)
    engine = make_engine(args)
    if engine is None:
        return 2
    if engine.name != "local":
        error("reparse", "--engine dask is not offered for reparse (it writes editors' files); use --jobs")
        return 2
    started = time.perf_counter()
    with StageProgress(args) as bar:
        outcomes = reparse_corpus(corpus, parser=runner.current_parser(), dry_run=args.dry_run, jobs=args.jobs,
                                  progress=bar)
    prefix = "(dry run) " if args.dry_run else ""
    if args.json:
        print(json.dumps([o.to_json() for o in outcomes], indent=2, ensure_ascii=False, sort_keys=True))
    for o in outcomes:
        if o.left_out:  # a source left out, in the words every command uses (print_notices)
            print("warning: " + "; ".join(o.notes), file=sys.stderr)
        elif o.action == ERROR:  # an error is a message, with or without -q: on stderr, never in the data
            print(f"curator reparse: {o.id}: error: " + "; ".join(o.notes or ["no reason given"]),
                  file=sys.stderr)
            for path in o.written:
                print(f"    wrote: {path}", file=sys.stderr)
        elif not (args.json or args.quiet):  # -q: errors only, as `parse -q --out` (README, "Command line")
            _print_outcome(prefix, o)
        if args.quiet:  # and what was kept that validate and export refuse (without -q: in the outcome's notes)
            for warning in o.warnings:
                print(f"curator reparse: {o.id}: warning: {warning}", file=sys.stderr)
    left_out = print_notices(corpus)
    actions: dict[str, int] = {}
    for o in outcomes:
        actions[o.action] = actions.get(o.action, 0) + 1
    conflicts = sum(len(o.conflicts) for o in outcomes)
    tally = (", ".join(f"{n} {a}" for a, n in sorted(actions.items()))
             + (f"; {conflicts} conflict(s) kept the editor's version" if conflicts else "; no conflict"))
    if not outcomes:  # the Documents went between the check and the run (was "in 0.3 s: ; no conflict")
        tally = f"no .txt documents in {corpus.root}"
    info(args, f"{prefix}reparsed {len(outcomes)} document(s) in {time.perf_counter() - started:.1f} s: {tally}")
    return 1 if left_out or any(o.action == ERROR for o in outcomes) else 0
