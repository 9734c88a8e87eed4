"""Worker processes for batch commands: ordered, streaming maps; one process when ``jobs == 1``.

A pool lives for a whole command, so every stage (parsing, duplicate alignment, writing)
uses the same workers, initialised once with the command's shared state.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Task:
    """``fn`` run in a worker with the cyclic GC paused (picklable when ``fn`` is module-level).

    The main process runs its bulk passes under ``gc_paused`` (millions of acyclic objects: the
    collector's full scans of a growing heap cost as much as the work); workers did not, so the
    same alignment cost 10 % more CPU there (0.75 of 7.4 CPU-s a worker in ``dups --jobs 2`` on
    10k pages, measured with ``gc.callbacks``). A task's garbage is collected after it, when the GC is
    on again.
    """

    __slots__ = ("fn",)

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def __call__(self, item: Any) -> Any:
        if not gc.isenabled():
            return self.fn(item)
        gc.disable()
        try:
            return self.fn(item)
        finally:
            gc.enable()


# A worker's malloc keeps up to this much freed memory for its next task instead of giving it back to
# the system (and allocations below the mmap threshold come from that heap): its tasks allocate and
# free arrays of a few MB each, and glibc's defaults returned and re-faulted them page by page:
# `dups --jobs 2` on 10k pages, workers' minor page faults 300k -> ~100k, their system time
# 1.9 -> 1.1 s (one process keeps a large heap anyway: 95-100k faults in `--jobs 1`).
MALLOC_TRIM = 64 * 2**20
MALLOC_MMAP = 32 * 2**20  # glibc's largest mmap threshold on 64-bit
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt parameters (glibc malloc.h)


def keep_freed_memory() -> bool:
    """In a worker: glibc's malloc keeps freed memory (``MALLOC_TRIM``) for the next task; False where
    there is no glibc ``mallopt`` (nothing changes then)."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # no such symbol; Windows' CDLL wants a name
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MALLOC_MMAP)) and bool(mallopt(_M_TRIM_THRESHOLD, MALLOC_TRIM))


_PR_SET_PDEATHSIG = 1  # prctl(2)


def die_with(parent: int) -> bool:
    """In a worker: the kernel ends it (SIGTERM, no traceback) when ``parent`` dies, so a command killed
    with -9 leaves no worker finishing its task and writing a BrokenPipeError into the command's stderr.
    Linux only (False elsewhere). The signal follows the *thread* that forked the worker: callers pass
    a parent only when the pool is made on the main thread."""
    import ctypes

    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError, TypeError):
        return False
    if prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) != 0:
        return False
    if os.getppid() != parent:  # it died between the fork and the prctl
        os._exit(1)
    return True


def _start(parent: int | None, initializer: Callable[..., None] | None, *initargs: Any) -> None:
    """A worker's start: it dies with its parent (``die_with``), what it inherited is frozen out of the
    GC's scans (forked workers would otherwise scan, and copy page by page, the parent's whole heap),
    malloc keeps freed memory (``keep_freed_memory``), then ``initializer``. It ignores SIGINT: Ctrl+C
    reaches the whole foreground group, and a worker that died of it inside the pool's task queue kept
    the queue's lock, so the command hung in ``Pool.terminate``; the command stops its workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        die_with(parent)
    gc.freeze()
    keep_freed_memory()
    if initializer is not None:
        initializer(*initargs)


def default_jobs() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


JOBS_PER_CPU = 4


def jobs_bound() -> int:
    """The most worker processes a command starts: ``JOBS_PER_CPU`` per CPU (``--jobs 100000`` on two
    cores started thousands of processes and a load average of 187; more buys nothing)."""
    return max(1, (os.cpu_count() or 1) * JOBS_PER_CPU)


class Workers:
    """``jobs`` worker processes (none when ``jobs == 1``: everything runs here)."""

    def __init__(self, jobs: int = 1, initializer: Callable[..., None] | None = None,
                 initargs: Sequence[Any] = (), *, processes: bool = False) -> None:
        """``processes``: use worker processes even for one job (a GUI keeps its own GIL free)."""
        self.jobs = min(max(1, jobs), jobs_bound())
        self._pool = None
        if self.jobs == 1 and not processes:
            if initializer is not None:
                initializer(*initargs)
        else:
            # fork: workers inherit the loaded modules and the initial state without pickling it
            # ``processes`` is the window's case: a process with Qt threads gets "spawn" (forking a
            # threaded process can deadlock the child); its initargs must then pickle.
            forkable = "fork" in multiprocessing.get_all_start_methods() and not processes
            method = "fork" if forkable else "spawn"
            ctx = multiprocessing.get_context(method)
            parent = os.getpid() if threading.current_thread() is threading.main_thread() else None
            self._pool = ctx.Pool(self.jobs, initializer=_start, initargs=(parent, initializer, *initargs))

    def imap(self, fn: Callable[[T], R], items: Iterable[T], *, chunksize: int = 16) -> Iterator[R]:
        """``fn`` over ``items``, results in order, as they come."""
        if self._pool is None:
            return map(fn, items)
        return self._pool.imap(_Task(fn), items, chunksize=chunksize)

    def imap_window(self, fn: Callable[[T], R], items: Iterable[T], *, window: int | None = None) -> Iterator[R]:
        """``fn`` over ``items`` (one task each), results in order, at most ``window`` tasks out at once.

        Unlike ``imap`` (whose feeder thread takes the whole iterable at once) the items are made
        only as tasks finish, so a long stream of large items holds ``window`` of them in memory;
        unlike a ``map`` per batch there is no barrier: a worker done early takes the next task.
        """
        if self._pool is None:
            yield from map(fn, items)
            return
        from collections import deque

        window = window or 4 * self.jobs
        task = _Task(fn)
        pending: deque = deque()
        for item in items:
            pending.append(self._pool.apply_async(task, (item,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``fn`` over a few large items (one task each), results in order."""
        if self._pool is None or len(items) < 2:
            return [fn(x) for x in items]
        return self._pool.map(_Task(fn), items, chunksize=1)

    def close(self) -> None:
        """Wait for the tasks given and stop the workers; with Ctrl+C in flight (``close`` in a ``finally``)
        stop them at once (``terminate``): waiting ran every task already queued, a whole stage."""
        if isinstance(sys.exc_info()[1], KeyboardInterrupt):
            self.terminate()
            return
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.terminate()


def split(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """``items`` in at most ``parts`` consecutive slices of nearly equal length."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, lo = [], 0
    for i in range(parts):
        hi = lo + size + (1 if i < extra else 0)
        out.append(items[lo:hi])
        lo = hi
    return out


def tapered(n: int, most: int, jobs: int, *, share: int = 4) -> list[tuple[int, int]]:
    """Consecutive ``(lo, hi)`` bounds of tasks over ``n`` items: ``most`` items each while much is left,
    then each a ``1 / (share × jobs)`` part of what is left, down to ``most // 16`` (at least 1).

    A stage cut into equal tasks ends with one worker on the last task while the others wait (at 10k
    pages one alignment task is 0.2–0.5 s); tapered, the last tasks are small, so the workers finish
    together. The bounds depend on the arguments only, never on timing: the same split every run.
    """
    most = max(1, most)
    least = max(1, most // 16)
    per = share * max(1, jobs)
    out: list[tuple[int, int]] = []
    lo = 0
    while lo < n:
        size = most if jobs <= 1 else min(most, max(least, -(-(n - lo) // per)))
        hi = min(n, lo + size)
        out.append((lo, hi))
        lo = hi
    return out
