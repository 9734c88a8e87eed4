"""``curator dups [CORPUS] [--json] [--threshold T]``: exact and near duplicate passages of a corpus."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterator

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
    """A passage on one line for a terminal: control characters (a page's escape sequences) shown, not run."""
    from curator.core.store import shown_path

    flat = " ".join(text.split())
    return shown_path(flat if len(flat) <= width else flat[: width - 1] + "…")


def _group_dict(gid: str, kind: str, score: float, decision: str, canonical: int, members) -> dict:
    """A group's ``--json`` object; ``members``: (document, start, end, text) each, in order."""
    return {
        "id": gid,
        "kind": kind,
        "score": score,
        "decision": decision,
        "members": [
            {"document": d, "start": s, "end": e, "text": t, "canonical": n == canonical}
            for n, (d, s, e, t) in enumerate(members)
        ],
    }


def _group_json(g, text) -> dict:
    return _group_dict(g.id, g.kind, g.score, g.decision, g.canonical,
                       ((m.document, m.start, m.end, text(m)) for m in g.members))


def _stored_chunk(task: tuple[str, list[str]]) -> tuple[list, list[str]]:
    """In a worker: the stored duplicate entries of a slice of the corpus's curated files."""
    from curator.core.dups.contract import read_stored_entries
    from curator.core.store import Corpus

    root, ids = task
    problems: list[str] = []
    return list(read_stored_entries(Corpus(root), ids, problems)), problems


def _stored_in_workers(workers, root: str, ids: list[str], problems: list[str], bar) -> list:
    """``read_stored_entries`` over ``ids`` in the workers, in corpus order (reading and decoding
    10k curated files was the largest serial step of ``dups --jobs 2`` after detection)."""
    step = 256
    tasks = [(root, ids[lo : lo + step]) for lo in range(0, len(ids), step)]
    out: list = []
    done = 0
    for entries, said in workers.imap(_stored_chunk, tasks, chunksize=1):
        out.extend(entries)
        problems.extend(said)
        done += step
        bar("decisions", min(done, len(ids)), len(ids))
    return out


def _member_texts(groups: list, corpus, result, workers):
    """Every member's text, in the order the groups list them, each Document read once (groups list
    members from all over the corpus); with ``workers`` they read the Documents and spool the texts.
    Returns the texts and the members' columns (Document names, then per member its Document's number,
    start, end)."""
    import numpy as np

    from curator.core.dups.engine import SourceReader, SpanTexts

    # Columns, the Documents numbered in the order the result lists them (a tuple a member, then numpy's
    # sort of their ids as strings, were ~0.1 CPU-s of the serial tail at 10k pages)
    names = list(result.texts)
    number = {d: n for n, d in enumerate(names)}
    doc: list[int] = []
    start: list[int] = []
    end: list[int] = []
    for g in groups:
        for m in g.members:
            n = number.get(m.document)
            if n is None:  # a member outside the Documents read (none is expected): named here
                n = number[m.document] = len(names)
                names.append(m.document)
            doc.append(n)
            start.append(m.start)
            end.append(m.end)
    cols = (names, np.array(doc, dtype=np.int64), np.array(start, dtype=np.int64), np.array(end, dtype=np.int64))
    if workers is not None and len(doc) > 200:
        return SpanTexts.of_columns(*cols, SourceReader(str(corpus.root)), workers=workers), cols
    return SpanTexts.of_columns(*cols, result.texts.__getitem__), cols


def _json_line(n: int, group, text) -> str:
    """Group ``n``'s line of ``--json``, after its separator (the same in one process and in the workers)."""
    return (",\n " if n else "\n ") + json.dumps(_group_json(group, text), ensure_ascii=False)


RENDER_GROUPS = 256  # groups per task when the workers make the JSON lines


def _render_groups(task: tuple) -> str:
    """In a worker: the JSON lines of groups ``lo, lo + 1, ...`` (each after its separator). ``heads``: per
    group (id, kind, score, decision, canonical, members); then the members' columns in order (``names``
    of the task's Documents, each member's number among them, start, end) and where their texts are in
    the spool (``where``: file, offset, size per member)."""
    from curator.core.dups.engine import _SpanReader, release_run

    release_run()  # the workers are the detection's: its passage tokens go before the tail's work
    lo, heads, names, doc, start, end, where, files = task
    reader = _SpanReader(files)
    try:
        ds, ss, es, rows = doc.tolist(), start.tolist(), end.tolist(), where.tolist()
        lines: list[str] = []
        at = 0
        for n, (gid, kind, score, decision, canonical, size) in enumerate(heads, start=lo):
            members = [(names[ds[i]], ss[i], es[i], reader.read(*rows[i])) for i in range(at, at + size)]
            at += size
            lines.append((",\n " if n else "\n ")
                         + json.dumps(_group_dict(gid, kind, score, decision, canonical, members), ensure_ascii=False))
        return "".join(lines)
    finally:
        reader.close()


def _rendered(workers, groups: list, store, cols) -> Iterator[str]:
    """The JSON lines of ``groups``, made by the workers ``RENDER_GROUPS`` at a time, in order; each task
    carries its groups as a few values each and their members as columns (``_member_texts``'s ``cols``).

    The main process made them before: reading ~100k member texts and encoding 13k groups were
    most of its serial tail in ``dups --jobs 2`` on 10k pages (~0.6 of ~2 CPU-s while both workers waited).
    The workers are the detection's (``find_in_corpus(keep_workers=True)``): a pool forked with the groups
    cost a close, a fork and the new workers' start on the serial path.
    """
    import numpy as np

    names, doc, start, end = cols
    where = store.locations()
    heads = [(g.id, g.kind, g.score, g.decision, g.canonical, len(g.members)) for g in groups]
    first = np.concatenate(([0], np.cumsum([h[5] for h in heads], dtype=np.int64))).tolist()

    def tasks() -> Iterator[tuple]:
        for lo in range(0, len(groups), RENDER_GROUPS):
            hi = min(lo + RENDER_GROUPS, len(groups))
            a, b = first[lo], first[hi]
            used, local = np.unique(doc[a:b], return_inverse=True)
            yield (lo, heads[lo:hi], [names[d] for d in used.tolist()], local.reshape(-1).astype(np.int32),
                   start[a:b], end[a:b], where[a:b], store.files)

    yield from workers.imap_window(_render_groups, tasks())


def run(args: argparse.Namespace) -> int:
    from curator.core.dups.api import batch_pauses

    with batch_pauses():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from curator.core.dups import Params
    from curator.core.dups.contract import apply_stored, read_stored_entries
    from curator.core.store import Corpus

    configure_logging(args)
    corpus = Corpus(args.corpus)
    params = Params() if args.threshold is None else Params(threshold=args.threshold)
    from curator.cli._common import no_documents

    if no_documents("dups", corpus):  # and no index written into the wrong folder
        return EXIT_PROBLEMS
    engine = make_engine(args)
    if engine is None:
        return EXIT_USAGE
    from curator.core.dups.api import gc_paused
    from curator.core.parallel import Workers

    # A read-only corpus (a mount, someone else's folder): every group is still found, without
    # the index that makes re-runs cheap, and that is said once.
    read_only = None if args.no_index or engine.name != "local" else corpus.unwritable()
    if read_only is not None:
        info(args, f"note: {read_only}; so no index is kept (as with --no-index)")
    started = time.perf_counter()
    jobs = getattr(engine, "jobs", 1) if engine.name == "local" else 1
    workers: Workers | None = None  # the tail's workers (closed however the command ends)
    result = None
    try:
        with StageProgress(args) as bar:
            # With workers, they read each Document's stored decisions as they compute its features; they
            # stay for the tail, and the index is written in a thread meanwhile (``finish`` below).
            tail = {"keep_workers": True, "commit_later": True} if jobs > 1 else {}
            result = engine.find_in_corpus(corpus, params, use_index=not args.no_index and read_only is None,
                                           progress=bar, stored_decisions=True, **tail)
            workers = getattr(result, "workers", None)
            unreadable: list[str] = []
            with gc_paused():  # many small acyclic objects (entries, groups): no GC scans of the heap
                if result.stored is not None:
                    stored = result.stored
                    unreadable += result.stored_problems
                elif workers is not None:
                    stored = _stored_in_workers(workers, str(corpus.root), list(result.texts), unreadable, bar)
                elif jobs > 1:
                    with Workers(jobs) as pool:
                        stored = _stored_in_workers(pool, str(corpus.root), list(result.texts), unreadable, bar)
                else:
                    stored = list(read_stored_entries(corpus, progress_iter(bar, "decisions", list(result.texts)),
                                                      unreadable))
                groups = apply_stored(result.groups, stored)
                if workers is not None:
                    # The workers read the members' texts, then make the JSON lines. The corpus is listed
                    # again for the notices (~1 s at 10k pages) in a thread meanwhile.
                    scanner = Scan(corpus)
                    store, cols = _member_texts(groups, corpus, result, workers)
                    scanned = scanner.result()
                else:
                    store, cols = _member_texts(groups, corpus, result, None)
                    scanned = corpus.scan_problems()
        if hasattr(result, "finish"):
            result.finish()  # the index written (a write that failed is one of its problems)
        problems = list(result.problems)
        problems += unreadable
        # README: exit 1 when something was left out (an unreadable source or curated file), as info does;
        # a damaged index moved aside and rebuilt is a repaired cache, not a file left out.
        listed = result.listed if result.listed is not None else corpus.document_ids()
        # = corpus.notices(): listing problems, orphaned curated files, then the warnings of sources read
        notices = scanned + [w for d in sorted(corpus.source_warnings) for w in corpus.source_warnings[d]]
        warned = sum(len(w) for w in corpus.source_warnings.values())
        failed = bool(set(listed) - set(result.texts) or len(notices) > warned or unreadable)
        for problem in problems:  # a source left out, in the words every command uses (the finder adds "(skipped)")
            print(f"warning: {problem.removesuffix(' (skipped)')}", file=sys.stderr)
        from curator.cli._common import print_notices

        print_notices(corpus, notices=notices)
        seconds = time.perf_counter() - started
        slot = itertools.count()

        def text(_m) -> str:
            return store[next(slot)]

        st = result.stats
        exact = sum(1 for g in groups if g.kind == "exact")
        if args.json:
            # One group per line: the output of a large corpus streams instead of being built whole.
            out = sys.stdout
            out.write('{"groups": [')
            if workers is not None:
                for chunk in _rendered(workers, groups, store, cols):
                    out.write(chunk)
            else:
                for n, g in enumerate(groups):
                    out.write(_json_line(n, g, text))
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
        # a message, on stderr as every command's summary line (README: data on stdout, messages on stderr)
        info(args, f"{summary}; {seconds:.1f} s" if args.json else f"{summary}; * marks the canonical copy")
        return EXIT_PROBLEMS if failed else EXIT_OK
    finally:
        if workers is not None:
            workers.close()
        if result is not None and getattr(result, "pending", None) is not None:
            result.finish(raise_error=False)  # ended early: the index is still written (or left as it was)
