"""What every subcommand shares: output flags, progress on stderr, JSON on stdout, exit codes.

Conventions (README, "Command line"): data goes to stdout, messages to stderr; exit 0 when all
went well, 1 when problems were found (the rest of the corpus still processed) or an output could
not be written (a read-only folder, no permission, a full disk), 2 for usage errors and missing paths. ``--json`` prints one JSON document on stdout; ``-q`` silences
progress bars and informational messages; ``-v`` adds detail (logging at INFO, ``-vv`` DEBUG).
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

# What the disk says, not the command line: an output that cannot be written exits 1 (EXIT_PROBLEMS).
_DISK_ERRNOS = frozenset(getattr(errno, name) for name in (
    "EROFS", "EACCES", "EPERM", "ENOSPC", "EDQUOT", "EIO", "EFBIG", "EMFILE", "ENFILE") if hasattr(errno, name))


def exit_code_of(exc: OSError) -> int:
    """EXIT_PROBLEMS for an output the disk refused (read-only, permission, full); EXIT_USAGE for a path
    the command line got wrong (a folder where a file goes, a missing folder, a FIFO)."""
    return EXIT_PROBLEMS if exc.errno in _DISK_ERRNOS else EXIT_USAGE


def add_output_flags(p: argparse.ArgumentParser, *, json_output: bool = True) -> None:
    """``--json`` (when the command has a JSON form), ``-q/--quiet`` and ``-v/--verbose``."""
    if json_output:
        p.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, only errors on stderr")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more detail on stderr (-vv: debug)")


def configure_logging(args: argparse.Namespace) -> None:
    verbose = getattr(args, "verbose", 0) or 0
    level = logging.ERROR if getattr(args, "quiet", False) else (
        logging.DEBUG if verbose > 1 else logging.INFO if verbose == 1 else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)


def show_progress(args: argparse.Namespace) -> bool:
    """Progress bars only for a person watching: not with ``--quiet``, ``--json``, or a piped stderr."""
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def progress(args: argparse.Namespace, items: Iterable[T], *, total: int | None = None, desc: str = "",
             unit: str = "doc") -> Iterator[T]:
    """``items`` unchanged, with a tqdm bar on stderr when a person is watching."""
    if not show_progress(args):
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True) as bar:
        yield from bar


def info(args: argparse.Namespace, message: str) -> None:
    """An informational message on stderr (silenced by ``-q``)."""
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr)


def error(command: str, message: str) -> None:
    """An error message on stderr, never silenced."""
    print(f"curator {command}: {message}", file=sys.stderr)


MAX_NOTICES = 50


def print_notices(corpus: Any, *, command: str = "", notices: list[str] | None = None) -> int:
    """Name on stderr every file of the corpus a command left out or read with a warning.

    Returns how many were left out (the listing's problems and orphaned curated files, not the
    sources read with a warning): README, a command exits 1 when it left a file out, whichever it is.
    ``notices``: ``corpus.notices()`` when the caller has it already (it lists the corpus again)."""
    notices = corpus.notices() if notices is None else notices
    for line in notices[:MAX_NOTICES]:
        print(f"warning: {line}", file=sys.stderr)
    if len(notices) > MAX_NOTICES:
        print(f"warning: … and {len(notices) - MAX_NOTICES} more (curator validate lists them all)", file=sys.stderr)
    warned = sum(len(w) for w in corpus.source_warnings.values())
    return max(0, len(notices) - warned)


def no_documents(command: str, corpus: Any) -> bool:
    """True (after saying so, never silenced: exit 1) when ``corpus`` lists no ``.txt`` Document: the wrong
    folder is not a success, and a command writes nothing there (no index, no output). What the folder
    holds that is not a Document (a folder named like one, orphaned curated files) is named first.
    Stops at the first Document found: no listing of a whole corpus."""
    if corpus.has_documents():
        return False
    print_notices(corpus)
    error(command, f"no .txt documents in {corpus.root}")
    return True


def refuse_state_output(command: str, path: Any) -> bool:
    """True (after saying why) when ``path`` lies in a corpus's ``curated/`` or ``.curator/``.

    Curated files change only through the store's conflict-checked save; ``.curator/`` is Curator's.
    """
    from curator.core.store import state_folder_of

    folder = state_folder_of(path)
    if folder is None:
        return False
    error(command, f"{path}: inside {folder}, a corpus's own state; write the output elsewhere "
                   "(curated files change only through the window or `curator reparse`)")
    return True


def refuse_output(command: str, path: Any, *, corpus: Any = None, writes_documents: bool = False) -> bool:
    """True (after saying why) when ``path`` must not be written: see :mod:`curator.core.outputs`
    (a corpus's state, a source Document, a folder inside a corpus for ``<id>.txt`` files)."""
    from curator.core.outputs import output_refusal

    why = output_refusal(path, corpus=corpus, writes_documents=writes_documents)
    if why is None:
        return False
    error(command, why)
    return True


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    sys.stdout.write("\n")


class StageProgress:
    """Progress of a command that runs in stages: ``(stage, done, total)`` calls, one tqdm bar per stage.

    Shown on stderr only when a person watches (as ``progress``); otherwise a no-op.
    """

    def __init__(self, args: argparse.Namespace, *, units: dict[str, str] | None = None) -> None:
        self.enabled = show_progress(args)
        self.units = units or {}
        self.stage: str | None = None
        self._bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            from tqdm import tqdm

            self.stage = stage
            self._bar = tqdm(total=total, desc=stage, unit=self.units.get(stage, "doc"), file=sys.stderr,
                             leave=False, dynamic_ncols=True, mininterval=0.2)
        bar = self._bar
        if bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self.stage = None

    def __enter__(self) -> StageProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def add_jobs_flags(p: argparse.ArgumentParser) -> None:
    """``--jobs N``, ``--engine local|dask`` and ``--scheduler ADDRESS``."""
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="worker processes on this machine (default 1; at most 4 per CPU, more is said and capped); with --engine dask and no --scheduler, "
                   "the local cluster's workers (default: one per core)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (needs the dask extra)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="with --engine dask: an existing scheduler (tcp://host:8786); default a LocalCluster")


def make_engine(args: argparse.Namespace) -> Any:
    """The engine the flags ask for, or None after printing why it cannot run (exit 2)."""
    from curator.core.engines import EngineError
    from curator.core.engines import make_engine as make

    if getattr(args, "jobs", 1) < 1:
        error(args.command, "--jobs must be at least 1")
        return None
    from curator.core.parallel import jobs_bound

    if args.jobs > (bound := jobs_bound()):  # said once, even with -q: the run differs from what was asked
        print(f"note: --jobs {args.jobs} is more than this machine can use; running {bound} "
              f"({os.cpu_count() or 1} CPUs x 4)", file=sys.stderr)
        args.jobs = bound
    engine_name = getattr(args, "engine", "local")
    jobs = args.jobs if engine_name == "local" or args.jobs > 1 else 0
    try:
        return make(engine_name, jobs=jobs, scheduler=getattr(args, "scheduler", None))
    except EngineError as exc:
        error(args.command, str(exc))
        return None


def progress_iter(bar: StageProgress, stage: str, items: list[T]) -> Iterator[T]:
    """``items`` unchanged, reported to ``bar`` as ``stage``."""
    for n, item in enumerate(items, start=1):
        yield item
        bar(stage, n, len(items))


def cpu_seconds() -> dict[str, float]:
    """CPU seconds of this process and of the worker processes it has waited for (``--json`` reports
    them: the share of the main process is what more ``--jobs`` cannot shorten)."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"main": round(me.ru_utime + me.ru_stime, 2), "workers": round(kids.ru_utime + kids.ru_stime, 2)}


def unusable_output_folder(out: Any) -> tuple[str, int] | None:
    """Why ``out`` cannot be (or become) a folder this process writes into, and the exit code (EXIT_USAGE
    for a file where the folder goes, EXIT_PROBLEMS for a folder that cannot be written), or None;
    nothing is created.

    Said once before the work, not once per file after it ("cannot write: Not a directory")."""
    import os
    from pathlib import Path

    path = Path(out)
    probe = path
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        where = f"{path} is" if probe == path else f"{probe} (above {path}) is"
        return f"--out {where} a file, not a folder", EXIT_USAGE
    if not os.access(probe, os.W_OK | os.X_OK):
        try:  # os.access says no; say why as the file system would (read-only, permission)
            readonly = bool(os.statvfs(probe).f_flag & os.ST_RDONLY)
        except OSError:
            readonly = False
        why = os.strerror(errno.EROFS if readonly else errno.EACCES)
        return (f"cannot write into {probe}: {why}" if probe == path else f"cannot create {path}: {probe}: {why}",
                EXIT_PROBLEMS)
    return None


class Scan:
    """``Corpus.scan_problems`` of a fresh ``Corpus`` of the same folder, in a thread (listing a corpus
    of 10k Documents and its curated files again for the notices is ~0.5 CPU-s): start it after the
    command's last fork of workers (no thread is copied into a forked child)."""

    def __init__(self, corpus) -> None:
        from curator.core.store import Corpus

        self._out: list = []
        self._error: list[BaseException] = []

        def scan() -> None:
            try:
                self._out.append(Corpus(corpus.root).scan_problems())
            except BaseException as exc:  # noqa: BLE001 - raised again by result(), in the caller's thread
                self._error.append(exc)

        self._thread = threading.Thread(target=scan, name="curator-scan", daemon=True)
        self._thread.start()

    def result(self) -> list[str]:
        self._thread.join()
        if self._error:
            raise self._error[0]
        return self._out[0]
