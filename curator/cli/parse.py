"""``curator parse [CORPUS] [--out DIR] [--jobs N] [--engine dask]``: run the parser over a corpus."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curator.cli import DEFAULT_CORPUS
from curator.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Scan,
    StageProgress,
    add_jobs_flags,
    add_output_flags,
    configure_logging,
    cpu_seconds,
    error,
    info,
    make_engine,
    print_json,
)

def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "parse",
        help="parse every document of a corpus (contract JSON files or a summary)",
        description="Parse each document into labelled segments, articles, speakers and events, with duplicate "
        "proposals across the corpus. With --out DIR, write DIR/<doc id>.json (status auto) for each; otherwise "
        "print a summary per document. Memory stays flat with the corpus size (features spill to disk).",
    )
    p.add_argument("corpus", nargs="?", type=Path, default=Path(DEFAULT_CORPUS), help="corpus folder (default: seeds)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="write one contract JSON per document here")
    add_jobs_flags(p)
    p.add_argument("--no-context", action="store_true", help="parse each document alone (no cross-page evidence)")
    add_output_flags(p)
    p.set_defaults(func=run)


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
    from curator.core.store import shown_path

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
        print(f"  article: {kind}, {date or 'no date'}: {shown_path(short)}")  # page text: escapes shown, not run
    print(f"  speakers: {', '.join(s['speakers']) or 'none'}")
    for etype, date, place, n in s["events"]:
        print(f"  event: {etype}, {date or 'no date'}, {shown_path(place) if place else 'no place'}, {n} participant(s)")
    n, groups = s["duplicates"], s["duplicate_groups"]
    print(f"  duplicates: {n} segment(s) in {groups} group(s)" if n else "  duplicates: none")


@dataclass
class _Write:
    """The output stage of ``curator parse --out``: a batch of Documents' files written (in the workers).

    Each result: (why the Document was left as it is, or None; the files that could not be written).
    """

    root: str
    out: str
    into_store: bool

    def __call__(self, items: list[tuple[str, bytes, list[Any]]]) -> list[tuple[str | None, list[tuple[str, str]]]]:
        from curator.core.batchio import BatchWriter
        from curator.core.pipeline import with_duplicates
        from curator.core.store import Corpus, check_doc_id
        from curator.core.untouched import mark

        corpus = Corpus(self.root)
        results: list[tuple[str | None, list[tuple[str, str]]]] = []
        owner: dict[str, int] = {}  # each file's Document (its position in the batch)
        # The folders named once a batch and each file as a string: a Path a file (three curated_path and
        # two base_path calls a Document, each a Path, and two Path.exists) were ~28 us a Document.
        if self.into_store:
            curated_dir = os.fspath(corpus.curated_dir)
            base_dir = os.path.dirname(os.fspath(corpus.base_path("_")))
            # A lazy base (``core.untouched``): each curated file carries the digest that proves it the parse,
            # and is its own base; no copy in .curator/base/ (round 22: half of the writes). A base file there
            # is left from a curated file deleted since: the new file is the base now.
            bases = os.path.isdir(base_dir)
        else:
            out_dir = os.fspath(Path(self.out))
        exists = os.path.exists
        join = os.path.join
        with BatchWriter(batch=len(items) + 1) as writer:
            for n, (doc_id, payload, entries) in enumerate(items):
                if self.into_store:
                    curated = join(curated_dir, f"{check_doc_id(doc_id)}.json")
                    if exists(curated):
                        results.append((f"{curated}: exists already; left as it is (`curator "
                                        "reparse` brings curated files up to the parser)", []))
                        continue
                    data = with_duplicates(payload, entries)
                    marked = mark(data)
                    base = join(base_dir, f"{doc_id}.json")
                    if bases and exists(base) and marked is not None:
                        try:
                            os.unlink(base)
                        except OSError:
                            pass  # harmless: an untouched curated file is its base whatever this file holds
                    owner[curated] = n
                    # new_only: a file saved since the look above (the window's first save) is never replaced
                    writer.write(curated, data if marked is None else marked, new_only=True)
                    if marked is None and not exists(base):  # not rendered as the store renders: a copy as before
                        owner[base] = n
                        writer.write(base, data)
                else:
                    path = join(out_dir, f"{doc_id}.json")
                    owner[path] = n
                    writer.write(path, with_duplicates(payload, entries))
                results.append((None, []))
        if writer.failed:  # rare: the writer's paths matched to the names given it
            by_path = {Path(name): n for name, n in owner.items()}
            for path, reason in writer.failed:
                results[by_path[Path(path)]][1].append((str(path), reason))
        return results


def run(args: argparse.Namespace) -> int:
    from curator.core.dups.api import batch_pauses

    with batch_pauses():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from curator.core.jsonio import dump_curation_bytes
    from curator.core.pipeline import StreamStats
    from curator.core.store import Corpus

    configure_logging(args)
    try:
        corpus = Corpus(args.corpus)
    except FileNotFoundError as exc:
        error("parse", str(exc))
        return EXIT_USAGE
    from curator.cli._common import no_documents, print_notices, refuse_output, unusable_output_folder
    from curator.core.store import state_folder_of

    # --out CORPUS/curated writes like the store: new curated files only (never over one), each with
    # its base (what a later `curator reparse` merges against), as the window does.
    into_store = args.out is not None and state_folder_of(args.out) == corpus.curated_dir.resolve() \
        and Path(args.out).resolve() == corpus.curated_dir.resolve()
    if args.out is not None and not into_store and refuse_output("parse", args.out, corpus=args.corpus):
        return EXIT_USAGE
    if args.out is not None and (unusable := unusable_output_folder(args.out)) is not None:
        error("parse", unusable[0])
        return unusable[1]
    if no_documents("parse", corpus):
        return EXIT_PROBLEMS
    engine = make_engine(args)
    if engine is None:
        return EXIT_USAGE
    stats = StreamStats()
    writing = args.out is not None
    kept: list[str] = []
    summaries: dict[str, Any] = {}
    failed: list[str] = []
    not_written_paths: list[tuple[Path, str]] = []
    started = time.perf_counter()
    output = _Write(str(corpus.root), str(args.out), into_store) if writing else None
    # With workers, the corpus is listed again for the notices (~0.5 CPU-s at 10k pages, alone at the end)
    # in a thread during the output stage: its first call comes after the output pool forked, the last fork.
    scanner: Scan | None = None
    with StageProgress(args) as bar:
        def progress(stage: str, done: int, total: int) -> None:
            nonlocal scanner
            if stage == "output" and scanner is None and engine.name == "local" and engine.jobs > 1:
                scanner = Scan(corpus)
            bar(stage, done, total)

        stream = engine.parse_stream(corpus, context=not args.no_context,
                                     finish=dump_curation_bytes if writing else _summary, progress=progress,
                                     stats=stats, output=output)
        for doc_id, payload, entries in stream:
            if writing:
                left, cannot = payload
                if left is not None:
                    kept.append(left)
                not_written_paths.extend((Path(path), reason) for path, reason in cannot)
            else:
                payload["duplicates"] = len(entries)
                payload["duplicate_groups"] = len({d.group for d in entries})
                if args.json:
                    summaries[doc_id] = payload
                else:
                    _print_summary(doc_id, payload)
    for path, reason in not_written_paths:
        failed.append(f"{path}: cannot write: {reason}")
    for problem in stats.problems:  # a Document left out (unreadable, binary, the parser failed): as print_notices
        print(f"warning: {problem}", file=sys.stderr)
    for problem in failed:
        print(problem, file=sys.stderr)
    # Curated files are never written over; running the command again is not an error, so they
    # are listed only when asked for (-v), and counted in the summary line.
    if getattr(args, "verbose", 0):
        for left in kept:
            print(left, file=sys.stderr)
    # = corpus.notices(): listing problems, orphaned curated files, then the warnings of sources read
    left_out = print_notices(corpus) if scanner is None else print_notices(corpus, notices=scanner.result() + [
        w for d in sorted(corpus.source_warnings) for w in corpus.source_warnings[d]])
    not_written = sum(1 for path, _ in not_written_paths if path.suffix == ".json" and state_folder_of(path) is None
                      or path.parent == corpus.curated_dir or not into_store)
    done = stats.parsed - len(kept) - not_written if writing else stats.parsed
    errors = len(stats.problems) + len(failed)
    seconds = time.perf_counter() - started
    if args.json:
        print_json({"documents": stats.documents, "parsed": stats.parsed, "written": done if writing else 0,
                    "kept": kept,
                    "out": str(args.out) if writing else None, "duplicate_groups": stats.groups,
                    "problems": [*stats.problems, *failed], "seconds": round(seconds, 2), "cpu": cpu_seconds(),
                    **({"summaries": summaries} if not writing else {})})
    where = f" into {args.out}" if writing else ""
    info(args, f"parsed {done} document(s){where} in {seconds:.1f} s, {stats.groups} duplicate group(s)"
         + (f", {errors} failed" if errors else "")
         + (f", {len(kept)} existing curated file(s) left as they are (`curator reparse` brings them up "
            "to the parser; -v lists them)" if kept else ""))
    return EXIT_PROBLEMS if errors or left_out else EXIT_OK
