"""Worker processes (``curator.core.parallel``)."""

from __future__ import annotations

import sys

import pytest

from curator.core.parallel import Workers


def _second_pass_faults(mb: int) -> list[int]:
    """In a worker: minor page faults of allocating and freeing ``mb`` MB, three times."""
    import resource

    import numpy as np

    out = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        a = np.ones(mb << 18, dtype=np.int32)
        del a
        out.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_a_worker_keeps_freed_memory_for_its_next_task() -> None:
    """A worker's tasks allocate and free arrays of a few MB: its malloc keeps them rather than give
    them back and fault them in again page by page (glibc's default returns the first one)."""
    with Workers(1, processes=True) as workers:  # spawned: a fresh malloc, not the test process's
        got = workers.map(_second_pass_faults, [24, 24])  # (two items: one runs here, not in a worker)
    first = got[0]  # (the one worker's first task; the second finds the pages kept already)
    # the first pass faults its pages in; the next ones find them kept
    assert first[0] > 50 and first[1] <= first[0] // 10 and first[2] <= first[0] // 10, got
