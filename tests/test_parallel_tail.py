"""The last tasks of a stage are small, so no core waits long on the other's last task (issue 10, round 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.dups import Params
from curator.core.dups import engine as dups_engine
from curator.core.parallel import Workers, tapered

from tests.test_scale import _candidates_of_a_site


@pytest.mark.parametrize(("n", "most", "jobs"), [(0, 10, 2), (1, 10, 2), (37, 10, 2), (1000, 100, 2),
                                                 (270_000, 10_000, 2), (5000, 40, 3), (999, 1000, 1)])
def test_tapered_bounds_cover_the_items_in_order_and_shrink_at_the_end(n: int, most: int, jobs: int) -> None:
    bounds = tapered(n, most, jobs)
    assert bounds == tapered(n, most, jobs)  # a function of its arguments only: the split never depends on timing
    assert [lo for lo, _ in bounds] == [0, *(hi for _, hi in bounds[:-1])][: len(bounds)]
    assert (bounds[-1][1] if bounds else 0) == n and bool(bounds) == (n > 0)
    sizes = [hi - lo for lo, hi in bounds]
    assert all(0 < s <= most for s in sizes)
    assert sizes == sorted(sizes, reverse=True)  # never a large task after a small one
    if jobs > 1 and n >= 8 * jobs * most:
        # the tail: the last task is a small share of a full one, and the work after the last full task is
        # spread over several tasks
        assert sizes[0] == most and sizes[-1] <= most // 8
        assert sum(1 for s in sizes if s < most) >= 2 * jobs


def test_alignment_tasks_taper_at_the_end_with_the_links_of_one_process(tmp_path: Path, monkeypatch) -> None:
    """With workers, the alignment's last tasks are smaller than its first (a full last task left one worker
    idle for up to a task's time: ~0.2-0.5 s at 10k pages); the links are those of one process, in order."""
    params, texts, table, nodes, a, b, ra, rb, needed = _candidates_of_a_site(tmp_path, Params())
    text_of = dups_engine.SourceReader(str(tmp_path / "c"))
    want = dups_engine.align_candidates(table, nodes, a, b, text_of, params)
    chunk = max(8, len(a) // 24)
    monkeypatch.setattr(dups_engine, "ALIGN_CHUNK", chunk)
    sizes: list[int] = []
    from curator.core import parallel

    real = parallel.Workers.imap_window

    def imap_window(self, fn, items, **kwargs):  # noqa: ANN001, ANN202
        items = list(items)
        sizes.extend(len(t[0]) for t in items)
        return real(self, fn, items, **kwargs)

    monkeypatch.setattr(parallel.Workers, "imap_window", imap_window)
    with Workers(2) as workers:
        got = dups_engine.align_candidates(table, nodes, a, b, text_of, params, workers=workers)
    assert len(want) > 20 and got == want
    assert sum(sizes) == len(a) and sizes[0] == chunk and sizes[-1] < chunk // 2
